/** cutovers: maintenance windows 割接 on sites and/or an area; each end not before its start. */
import { bbox } from '@turf/turf'
import type { AreaGeometry, Cutover } from '../../domain/types.js'
import type { FieldReader } from '../fields.js'
import type { BBox } from '../options.js'
import { formatChinaTime } from '../time.js'
import type { KindSpec } from './kind.js'

/** Maps a cutovers row. */
export const cutovers: KindSpec<'cutovers'> = {
  map(r): Cutover {
    const id = r.requiredString('id')
    const siteIds = r.list('site_ids')
    const area = r.geometry(['Polygon', 'MultiPolygon'], false) as AreaGeometry | null
    if (siteIds.length === 0 && area === null && !r.problems.some((p) => p.field === 'geometry')) {
      r.problem('site_ids', 'expected at least one site id (";"-separated) or an area polygon, got neither')
    }
    const [plannedStart, plannedEnd] = window(r, 'planned_start', 'planned_end')
    const [actualStart, actualEnd] = window(r, 'actual_start', 'actual_end')
    return { id, siteIds, plannedStart, plannedEnd, actualStart, actualEnd, description: r.text('description'), area }
  },
  extent: (row) => (row.area ? (bbox(row.area) as BBox) : null),
  positionField: 'geometry',
}

function window(r: FieldReader, startField: string, endField: string): [number | null, number | null] {
  const start = r.time(startField)
  const end = r.time(endField)
  if (start !== null && end !== null && end < start) {
    r.problem(endField, `expected a time not before ${startField} (${formatChinaTime(start)}), got ${formatChinaTime(end)}`)
  }
  return [start, end]
}
