/**
 * cutovers: maintenance windows 割接 on sites, on elements above them (`element_ids`: `;`-separated
 * `type:id`, e.g. `bsc:BSC12;ring:R3`, issue 9) and/or an area; each end not before its start.
 */
import { bbox } from '@turf/bbox'
import type { AreaGeometry, Cutover, ElementRef } from '../../domain/types.js'
import type { FieldReader } from '../fields.js'
import type { BBox } from '../options.js'
import { formatChinaTime } from '../time.js'
import { parseElementRef } from './element.js'
import type { KindSpec } from './kind.js'

/** Maps a cutovers row. */
export const cutovers: KindSpec<'cutovers'> = {
  map(r): Cutover {
    const id = r.requiredString('id')
    const siteIds = r.list('site_ids')
    const elements = elementIds(r)
    const area = r.geometry(['Polygon', 'MultiPolygon'], false) as AreaGeometry | null
    if (siteIds.length === 0 && elements.length === 0 && area === null && !r.problems.some((p) => p.field === 'geometry' || p.field === 'element_ids')) {
      // The message predates element_ids (issue 9) and clients match it: element_ids is documented beside it.
      r.problem('site_ids', 'expected at least one site id (";"-separated) or an area polygon, got neither')
    }
    const [plannedStart, plannedEnd] = window(r, 'planned_start', 'planned_end')
    const [actualStart, actualEnd] = window(r, 'actual_start', 'actual_end')
    const c: Cutover = { id, siteIds, plannedStart, plannedEnd, actualStart, actualEnd, description: r.text('description'), area }
    // Only a cutover on elements carries the field: site and area cutovers keep the shape they had.
    if (elements.length) c.elements = elements
    return c
  },
  extent: (row) => (row.area ? (bbox(row.area) as BBox) : null),
  positionField: 'geometry',
}

/** The `element_ids` entries, each `type:id`; a bad one is a problem naming it. */
function elementIds(r: FieldReader): ElementRef[] {
  const out: ElementRef[] = []
  for (const text of r.list('element_ids')) {
    const e = parseElementRef(text)
    if (typeof e === 'string') r.problem('element_ids', e)
    else if (!out.some((x) => x.type === e.type && x.id === e.id)) out.push(e)
  }
  return out
}

function window(r: FieldReader, startField: string, endField: string): [number | null, number | null] {
  const start = r.time(startField)
  const end = r.time(endField)
  if (start !== null && end !== null && end < start) {
    r.problem(endField, `expected a time not before ${startField} (${formatChinaTime(start)}), got ${formatChinaTime(end)}`)
  }
  return [start, end]
}
