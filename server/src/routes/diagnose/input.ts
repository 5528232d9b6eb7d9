/** Turns the JSON of a diagnose/complaint request into the domain's DiagnoseInput (WGS-84, epoch ms, codes). */
import { AppError } from '../../errors.js'
import type { DiagnoseInput } from '../../domain/types.js'
import { toWgs84, parseCrs } from '../../geo/crs.js'
import { parseTime, parsePhenomenon } from '../../ingest/fields.js'
import type { DiagnoseBody } from '../../../../contract/src/schemas/common.js'

/** Reads one time field, naming it in the error (message and details.field). */
export function timeField(field: string, value: string): number {
  const t = parseTime(value)
  if (t === null) throw new AppError('VALIDATION', `${field}: expected an ISO 8601 time such as 2026-11-23T14:30:00+08:00, got "${value}"`, { field, rule: 'format' })
  return t
}

export function toDiagnoseInput(b: DiagnoseBody): DiagnoseInput {
  // toWgs84 refuses NaN, ±Infinity and out-of-range values (query-string coercion lets "Infinity" past the schema's bounds).
  const [lon, lat] = toWgs84(b.lon, b.lat, parseCrs(b.crs ?? 'wgs84'))
  const phenomenon = parsePhenomenon(b.phenomenon)
  if (!phenomenon) throw new AppError('VALIDATION', `phenomenon: expected one of 无信号/忙音, 信号弱/不稳定, 有信号无法接通, 掉话, 无法上网, 网速慢 (or their codes), got "${b.phenomenon}"`, { field: 'phenomenon', rule: 'enum' })
  return {
    lon, lat, occurredAt: timeField('occurredAt', b.occurredAt), service: b.service, phenomenon,
    // Text the database cannot hold (NUL, lone surrogates) never gets here: app.ts refuses it for every route.
    address: b.address, description: b.description,
  }
}
