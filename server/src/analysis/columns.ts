/**
 * Complaints as columns of typed arrays (the batch analysis' input): a million complaints as objects
 * cost hundreds of MB and slow every loop; as columns they are a few tens of MB and plain loops.
 */
import { CAUSE_CODES, PHENOMENA, type CauseCode, type Complaint, type Phenomenon } from '../domain/types.js'

/** Phenomenon codes in a fixed order: column value = index here. */
export const PHENOMENON_CODES = Object.keys(PHENOMENA) as Phenomenon[]
const PHENOMENON_INDEX = new Map(PHENOMENON_CODES.map((p, i) => [p, i]))
const CAUSE_INDEX = new Map<CauseCode, number>(CAUSE_CODES.map((c, i) => [c, i]))

/** The cause code's index in CAUSE_CODES (the value stored in cause columns). */
export const causeIndex = (c: CauseCode): number => CAUSE_INDEX.get(c)!

export interface ComplaintColumns {
  n: number
  ids: readonly string[]
  /** Interleaved WGS-84 [lon0, lat0, lon1, lat1, …]. */
  lonLat: Float64Array
  /** occurredAt, epoch ms. */
  time: Float64Array
  /** Index in PHENOMENON_CODES. */
  phenomenon: Uint8Array
  /** Final cause (agent / field test) as an index in CAUSE_CODES; -1 while open. */
  finalCause: Int8Array
  /** The cause the diagnosis suggested when the complaint was recorded; -1 if none. */
  suggestedCause: Int8Array
}

/** Empty columns for n complaints (fill them in place, e.g. from a file or a generator). */
export function allocColumns(n: number, ids: readonly string[] = []): ComplaintColumns {
  return {
    n, ids, lonLat: new Float64Array(2 * n), time: new Float64Array(n), phenomenon: new Uint8Array(n),
    finalCause: new Int8Array(n).fill(-1), suggestedCause: new Int8Array(n).fill(-1),
  }
}

/** Columns of stored complaints. */
export function toColumns(list: readonly Complaint[]): ComplaintColumns {
  const cols = allocColumns(list.length, list.map((c) => c.id))
  for (let i = 0; i < list.length; i++) {
    const c = list[i]
    cols.lonLat[2 * i] = c.lon
    cols.lonLat[2 * i + 1] = c.lat
    cols.time[i] = c.occurredAt
    cols.phenomenon[i] = PHENOMENON_INDEX.get(c.phenomenon) ?? 0
    cols.finalCause[i] = c.cause ? CAUSE_INDEX.get(c.cause) ?? -1 : -1
    cols.suggestedCause[i] = c.suggestedCause ? CAUSE_INDEX.get(c.suggestedCause) ?? -1 : -1
  }
  return cols
}
