/**
 * Repeat complaints (重复投诉; 篇3 §1: agents "无法关联首次投诉,不能统一应答口径"): a new complaint
 * from the same number within the number window, or within the radius of an earlier complaint of the
 * same phenomenon group reported within the place window, is linked to the first complaint of that
 * chain (the earlier one's own repeatOf when it has one).
 */
import type { WorkflowOptions } from '../config/index.js'
import type { Phenomenon } from '../domain/types.js'
import { PHENOMENON_GROUP } from '../diagnosis/effects.js'
import { distanceM } from '../geo/distance.js'

/** What repeat linking needs of a complaint. */
export interface RepeatSubject {
  id: string
  number: string | null
  lon: number
  lat: number
  phenomenon: Phenomenon
  /** Reported (受理) time, epoch ms. */
  reportedAt: number
}

/** An earlier complaint that may be the first of a chain. */
export interface RepeatCandidate extends RepeatSubject {
  /** The first complaint it repeats itself, if any. */
  repeatOf: string | null
}

/** Why the complaint was linked. */
export type RepeatReason = 'number' | 'place'

/**
 * The first complaint `c` repeats, or null. Of the matching earlier complaints the earliest reported
 * wins (a number match before a place match at the same time); the link goes to its chain's first.
 */
export function findRepeat(c: RepeatSubject, candidates: readonly RepeatCandidate[], o: WorkflowOptions): { repeatOf: string; reason: RepeatReason } | null {
  let best: { cand: RepeatCandidate; reason: RepeatReason } | null = null
  for (const x of candidates) {
    if (x.id === c.id || x.reportedAt > c.reportedAt) continue
    const age = c.reportedAt - x.reportedAt
    let reason: RepeatReason | null = null
    if (c.number && x.number === c.number && age <= o.repeatNumberWindowMs) reason = 'number'
    else if (age <= o.repeatPlaceWindowMs && PHENOMENON_GROUP[x.phenomenon] === PHENOMENON_GROUP[c.phenomenon]
      && distanceM(c.lon, c.lat, x.lon, x.lat) <= o.repeatRadiusM) reason = 'place'
    if (!reason) continue
    if (!best || x.reportedAt < best.cand.reportedAt || (x.reportedAt === best.cand.reportedAt && reason === 'number' && best.reason === 'place')) best = { cand: x, reason }
  }
  return best ? { repeatOf: best.cand.repeatOf ?? best.cand.id, reason: best.reason } : null
}
