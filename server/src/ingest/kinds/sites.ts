/** sites: base stations 基站 — id, name, tech, type, bsc, msc, ring (optional, issue 9) and a point. */
import type { Site } from '../../domain/types.js'
import { TECH } from '../vocabulary.js'
import { pointExtent, type KindSpec } from './kind.js'

/** Maps a sites row. */
export const sites: KindSpec<'sites'> = {
  map(r): Site {
    const id = r.requiredString('id')
    const name = r.requiredString('name')
    const [lon, lat] = r.point()
    const ring = r.optionalString('ring')
    const site: Site = {
      id,
      name,
      lon,
      lat,
      tech: r.oneOf('tech', TECH),
      type: r.optionalString('type'),
      bsc: r.optionalString('bsc'),
      msc: r.optionalString('msc'),
    }
    // Only a site on a ring carries the field: files without the column give the rows they always gave.
    if (ring) site.ring = ring
    return site
  },
  extent: pointExtent,
  positionField: 'lon/lat',
}
