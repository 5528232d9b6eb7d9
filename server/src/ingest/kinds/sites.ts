/** sites: base stations 基站 — id, name, tech, type, bsc, msc and a point. */
import type { Site } from '../../domain/types.js'
import { TECH } from '../vocabulary.js'
import { pointExtent, type KindSpec } from './kind.js'

/** Maps a sites row. */
export const sites: KindSpec<'sites'> = {
  map(r): Site {
    const id = r.requiredString('id')
    const name = r.requiredString('name')
    const [lon, lat] = r.point()
    return {
      id,
      name,
      lon,
      lat,
      tech: r.oneOf('tech', TECH),
      type: r.optionalString('type'),
      bsc: r.optionalString('bsc'),
      msc: r.optionalString('msc'),
    }
  },
  extent: pointExtent,
  positionField: 'lon/lat',
}
