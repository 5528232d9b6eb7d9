/** alarms: alarms 告警 on a site — cleared_at empty means still active, and never before raised_at. */
import type { Alarm } from '../../domain/types.js'
import { formatChinaTime } from '../time.js'
import { SEVERITY } from '../vocabulary.js'
import type { KindSpec } from './kind.js'

/** Maps an alarms row. */
export const alarms: KindSpec<'alarms'> = {
  map(r): Alarm {
    const id = r.requiredString('id')
    const siteId = r.requiredString('site_id')
    const kind = r.text('kind')
    const severity = r.requiredOneOf('severity', SEVERITY)
    const raisedAt = r.requiredTime('raised_at')
    const clearedAt = r.time('cleared_at')
    if (clearedAt !== null && Number.isFinite(raisedAt) && clearedAt < raisedAt) {
      r.problem('cleared_at', `expected a time not before raised_at (${formatChinaTime(raisedAt)}), got ${formatChinaTime(clearedAt)}`)
    }
    return { id, siteId, kind, severity, raisedAt, clearedAt }
  },
  extent: () => null,
  positionField: 'geometry',
}
