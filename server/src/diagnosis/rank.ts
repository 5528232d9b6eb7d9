/**
 * Scoring and ranking of candidate causes. Each rule scores its candidate as
 *   base(cause) × effect(object, phenomenon) × severity × proximity(serving score)
 * where the bases order causes by how specific their evidence is: a confirmed earlier complaint
 * (known_issue) above everything; an alarm explained by a cutover above a bare alarm; an unexplained
 * burst of complaints above the static coverage facts; unknown last.
 */
import { CAUSE_CODES, type CauseCode } from '../domain/types.js'
import type { RankedCandidate, RuleCandidate } from './context.js'

/** Base score per cause and variant. known_issue adds up to 0.05 for closeness, so it always wins. */
export const BASE_SCORE = {
  known_issue: 0.95,
  /** An alarm on a serving site raised inside a cutover window of that site. */
  cutover_alarm: 0.9,
  /** An alarm with no cutover behind it. */
  site_fault: 0.85,
  /** A cutover on a serving site (or an area cutover over the point) without an alarm to confirm it. */
  cutover_window: 0.75,
  /** mass_outage adds up to 0.1 as the burst grows to twice the threshold. */
  mass_outage: 0.7,
  blind_spot: 0.6,
  weak_coverage: 0.55,
  planned_site: 0.5,
  unknown: 0.1,
} as const

/** Proximity factor of a serving site: 0.6 at the edge of its reach, 1 at the site in the main beam. */
export function proximity(servingScore: number): number {
  return 0.6 + 0.4 * servingScore
}

/** Rounds a score for display and stable comparison. */
export function round3(x: number): number {
  return Math.round(x * 1000) / 1000
}

const ORDER: Record<CauseCode, number> = Object.fromEntries(CAUSE_CODES.map((c, i) => [c, i])) as Record<
  CauseCode,
  number
>

/**
 * Sorts candidates by score (ties: the order of CAUSE_CODES), keeps the best of each cause code,
 * and writes each one's rankReason: its score breakdown and what it beat or lost to.
 */
export function rank(found: RuleCandidate[]): RankedCandidate[] {
  const sorted = found
    .map((c) => ({ ...c, score: round3(c.score) }))
    .sort((a, b) => b.score - a.score || ORDER[a.cause.code] - ORDER[b.cause.code])
  const best: RuleCandidate[] = []
  const seen = new Set<CauseCode>()
  for (const c of sorted) {
    if (seen.has(c.cause.code)) continue
    seen.add(c.cause.code)
    best.push(c)
  }
  const out: RankedCandidate[] = []
  for (let i = 0; i < best.length; i++) {
    const { basis, ...c } = best[i]
    let vs = ''
    if (i === 0 && best.length > 1) vs = `;优先于${best[1].cause.label}(${best[1].score})`
    else if (i > 0) vs = `;次于${best[i - 1].cause.label}(${best[i - 1].score})`
    out.push({ ...c, rankReason: `第${i + 1}位,得分${c.score}:${basis}${vs}` })
  }
  return out
}
