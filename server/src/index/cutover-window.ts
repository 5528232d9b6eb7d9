/**
 * The time window of a cutover 割接: the union of its planned and actual windows, because an alarm
 * caused by the work may fall in either (work started early, overran its plan).
 */
import type { Cutover } from '../domain/types.js'

/** Earliest known start (planned or actual); +Infinity when the cutover has no start at all. */
export function cutoverStart(c: Cutover): number {
  let s = Infinity
  if (c.plannedStart != null) s = c.plannedStart
  if (c.actualStart != null && c.actualStart < s) s = c.actualStart
  return s
}

/**
 * Latest known end (planned or actual). A cutover with a start but no end at all is taken as still
 * running (+Infinity); one with no start is never active (-Infinity).
 */
export function cutoverEnd(c: Cutover): number {
  let e = -Infinity
  if (c.plannedEnd != null) e = c.plannedEnd
  if (c.actualEnd != null && c.actualEnd > e) e = c.actualEnd
  if (e === -Infinity && cutoverStart(c) !== Infinity) e = Infinity
  return e
}

/** The end to tell a customer: the actual end when reported, else the planned end, else null (unknown). */
export function cutoverExpectedEnd(c: Cutover): number | null {
  return c.actualEnd ?? c.plannedEnd ?? null
}

/** True when the cutover window overlaps [from, to] (inclusive). */
export function cutoverOverlaps(c: Cutover, from: number, to: number): boolean {
  return cutoverStart(c) <= to && cutoverEnd(c) >= from
}
