/**
 * alarms: alarms 告警 on a site — or, with `element_type` bsc/msc/ring and `element_id`, on the BSC, MSC
 * or transmission ring above the sites (issue 9) — cleared_at empty means still active, and never
 * before raised_at. Files without the element columns are site alarms, as before.
 */
import type { Alarm, ElementRef } from '../../domain/types.js'
import type { FieldReader } from '../fields.js'
import { formatChinaTime } from '../time.js'
import { SEVERITY } from '../vocabulary.js'
import { ELEMENT_TYPE } from './element.js'
import type { KindSpec } from './kind.js'

/** Maps an alarms row. */
export const alarms: KindSpec<'alarms'> = {
  map(r): Alarm {
    const id = r.requiredString('id')
    const { siteId, element } = target(r)
    const kind = r.text('kind')
    const severity = r.requiredOneOf('severity', SEVERITY)
    const raisedAt = r.requiredTime('raised_at')
    const clearedAt = r.time('cleared_at')
    if (clearedAt !== null && Number.isFinite(raisedAt) && clearedAt < raisedAt) {
      r.problem('cleared_at', `expected a time not before raised_at (${formatChinaTime(raisedAt)}), got ${formatChinaTime(clearedAt)}`)
    }
    // A site alarm keeps the shape it always had (no `element` key).
    return element ? { id, siteId, element, kind, severity, raisedAt, clearedAt } : { id, siteId, kind, severity, raisedAt, clearedAt }
  },
  extent: () => null,
  positionField: 'geometry',
}

/**
 * What the alarm is on. element_type absent or `site`: site_id (element_id may stand in for it, or
 * repeat it). bsc/msc/ring: element_id names the element and site_id stays empty.
 */
function target(r: FieldReader): { siteId: string; element: ElementRef | null } {
  const type = r.oneOf('element_type', ELEMENT_TYPE) ?? (r.problems.some((p) => p.field === 'element_type') ? null : 'site')
  const elementId = r.optionalString('element_id')
  if (type === null) return { siteId: '', element: null }
  if (type === 'site') {
    const siteId = r.optionalString('site_id')
    if (siteId !== null && elementId !== null && siteId !== elementId) {
      r.problem('element_id', `expected the site_id (${JSON.stringify(siteId)}) or nothing for a site alarm, got ${JSON.stringify(elementId)}`)
    }
    if (siteId === null && elementId === null && !r.problems.some((p) => p.field === 'site_id')) r.problem('site_id', 'expected a value, got nothing')
    return { siteId: siteId ?? elementId ?? '', element: null }
  }
  const siteId = r.optionalString('site_id')
  if (siteId !== null) r.problem('site_id', `expected nothing for an alarm on a ${type} (element_id names it), got ${JSON.stringify(siteId)}`)
  if (elementId === null) {
    if (!r.problems.some((p) => p.field === 'element_id')) r.problem('element_id', `expected the id of the ${type} the alarm is on, got nothing`)
    return { siteId: '', element: null }
  }
  return { siteId: '', element: { type, id: elementId } }
}
