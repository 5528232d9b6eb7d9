/** blind-spots: blind spots 盲点 and weak-coverage areas 弱覆盖, each a polygon. */
import { bbox } from '@turf/bbox'
import type { AreaGeometry, CoverageArea } from '../../domain/types.js'
import type { BBox } from '../options.js'
import { COVERAGE_KIND } from '../vocabulary.js'
import type { KindSpec } from './kind.js'

/** Maps a blind-spots row. */
export const blindSpots: KindSpec<'blind-spots'> = {
  map(r): CoverageArea {
    return {
      id: r.requiredString('id'),
      kind: r.requiredOneOf('kind', COVERAGE_KIND),
      description: r.text('description'),
      reason: r.text('reason'),
      remedy: r.text('remedy'),
      status: r.text('status'),
      geometry: r.geometry(['Polygon', 'MultiPolygon'], true) as AreaGeometry,
    }
  },
  extent: (row) => bbox(row.geometry) as BBox,
  positionField: 'geometry',
}
