/** complaints: complaint tickets 投诉工单 with a point; the customer's number is masked on the way in. */
import type { Complaint } from '../../domain/types.js'
import { checkNumber } from '../phone.js'
import { formatChinaTime } from '../time.js'
import { CAUSE, PHENOMENON, SERVICE } from '../vocabulary.js'
import { pointExtent, type KindSpec } from './kind.js'

/** Maps a complaints row to a new, open Complaint (no suggested cause, no linked sites yet). */
export const complaints: KindSpec<'complaints'> = {
  map(r, ctx): Complaint {
    const id = r.requiredString('id')
    const occurredAt = r.requiredTime('occurred_at')
    const reportedAt = r.time('reported_at')
    if (reportedAt !== null && Number.isFinite(occurredAt) && reportedAt < occurredAt) {
      r.problem('reported_at', `expected a time not before occurred_at (${formatChinaTime(occurredAt)}), got ${formatChinaTime(reportedAt)}`)
    }
    const [lon, lat] = r.point()
    const rawNumber = r.optionalString('number')
    let number: string | null = null
    if (rawNumber !== null) {
      const m = checkNumber(rawNumber)
      if (m.error !== undefined) r.problem('number', m.error)
      else number = m.masked
    }
    return {
      id,
      occurredAt,
      reportedAt,
      address: r.text('address'),
      service: r.requiredOneOf('service', SERVICE),
      phenomenon: r.requiredOneOf('phenomenon', PHENOMENON),
      description: r.text('description'),
      vip: r.optionalString('vip'),
      lon,
      lat,
      number,
      suggestedCause: null,
      cause: r.oneOf('cause', CAUSE),
      answer: r.optionalString('answer'),
      disposition: null,
      specialty: null,
      linkedSites: [],
      createdAt: ctx.now,
      // History: its cause (when given) is the settled one, reused by later diagnoses.
      settled: true,
    }
  },
  extent: pointExtent,
  positionField: 'lon/lat',
}
