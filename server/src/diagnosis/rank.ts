/**
 * Scoring and ranking of candidate causes. Each rule scores its candidate as
 *   base(cause) × effect(object, phenomenon) × severity × proximity(serving score)
 * where the bases order causes by how specific their evidence is: a confirmed earlier complaint
 * (known_issue) above everything; an alarm explained by a cutover above a bare alarm; an unexplained
 * burst of complaints above the static coverage facts; unknown last.
 *
 * Each rule module (rules/*.ts) holds its own bases (and `bonus`, the most it adds to one); the
 * registry (registry.ts) lists the modules in ranking order, which is also the tie order. The order is
 * kept by one inequality: every module's best score (its highest base plus its bonus) is below the
 * previous module's highest base, every base is in (0, 1], and the fallback (unknown) comes last. So
 * known_issue, first, always wins, and when two causes' evidence is equally complete the one listed
 * first ranks first. tests/server/diagnosis/registry.test.ts checks this.
 */
import type { CauseCode } from '../domain/types.js'
import type { RankedCandidate, RuleCandidate } from './context.js'
import { RULE_MODULES, type BaseKey } from './registry.js'
import { round3 } from './score.js'

export { proximity, round3 } from './score.js'

/** Base score per cause and variant (e.g. cutover_alarm 0.9, cutover_window 0.75), from the rule modules. */
export const BASE_SCORE = Object.freeze(
  Object.fromEntries(RULE_MODULES.flatMap((m) => Object.entries(m.base))),
) as Readonly<Record<BaseKey, number>>

/** Tie order: the registry's. */
const ORDER: Record<CauseCode, number> = Object.fromEntries(RULE_MODULES.map((m, i) => [m.code, i])) as Record<
  CauseCode,
  number
>

/**
 * Sorts candidates by score (ties: the registry's order, which is CAUSE_CODES'), keeps the best of
 * each cause code, and writes each one's rankReason: its score breakdown and what it beat or lost to.
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
