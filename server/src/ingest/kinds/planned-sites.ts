/** planned-sites: sites in the build plan 规划基站, each covering a circle around its point. */
import type { PlannedSite } from '../../domain/types.js'
import { FIELD_DEFAULTS } from '../options.js'
import { pointExtent, type KindSpec } from './kind.js'

/** Maps a planned-sites row. */
export const plannedSites: KindSpec<'planned-sites'> = {
  map(r): PlannedSite {
    const id = r.requiredString('id')
    const name = r.requiredString('name')
    const [lon, lat] = r.point()
    return {
      id,
      name,
      lon,
      lat,
      radiusM: r.number('radius_m', { min: 0, minExclusive: true }, FIELD_DEFAULTS.radiusM) ?? NaN,
      period: r.text('period'),
      status: r.text('status'),
    }
  },
  extent: pointExtent,
  positionField: 'lon/lat',
}
