/** cells: sectors 小区 of a site — placed by their site, so no geometry of their own. */
import type { Cell } from '../../domain/types.js'
import { FIELD_DEFAULTS } from '../options.js'
import { TECH } from '../vocabulary.js'
import type { KindSpec } from './kind.js'

/** Maps a cells row. */
export const cells: KindSpec<'cells'> = {
  map(r): Cell {
    const id = r.requiredString('id')
    const siteId = r.requiredString('site_id')
    const azimuth = r.number('azimuth', { min: 0, max: 360 })
    // No azimuth: an omnidirectional cell; an azimuth alone: a typical macro sector (options.ts).
    const fallbackBeam = azimuth === null && !r.has('azimuth') ? FIELD_DEFAULTS.omniBeamwidth : FIELD_DEFAULTS.sectorBeamwidth
    return {
      id,
      siteId,
      azimuth: azimuth ?? 0,
      beamwidth: r.number('beamwidth', { min: 0, minExclusive: true, max: 360 }, fallbackBeam) ?? NaN,
      radiusM: r.number('radius_m', { min: 0, minExclusive: true }, FIELD_DEFAULTS.radiusM) ?? NaN,
      tech: r.oneOf('tech', TECH),
    }
  },
  extent: () => null,
  positionField: 'geometry',
}
