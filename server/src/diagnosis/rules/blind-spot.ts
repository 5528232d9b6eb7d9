/**
 * 盲点 (003 覆盖类 ②): the point lies in a known blind spot; the answer is 003's script filled with the
 * blind spot's own description, reason (物业难点, 选址困难 …) and remedy (规划基站 …). Answered by the
 * agent (self); the 专业 on record is 无线网优, who keeps the blind-spot data.
 */
import { BASE_SCORE } from '../rank.js'
import { OBJECT_EFFECTS } from '../effects.js'
import type { CoverageArea } from '../../domain/types.js'
import { causeOf, clause, lastClause, type Rule, type RuleCandidate, type RuleContext } from '../context.js'

/** One candidate per blind spot containing the point, if a blind spot can cause the phenomenon. */
export const blindSpotRule: Rule = (ctx) => coverageCandidates(ctx, 'blind')

/** Shared by blind-spot and weak-coverage: both are coverage areas with a reason and a remedy. */
export function coverageCandidates(ctx: RuleContext, kind: 'blind' | 'weak'): RuleCandidate[] {
  const code = kind === 'blind' ? 'blind_spot' : 'weak_coverage'
  const effect = OBJECT_EFFECTS[code][ctx.input.phenomenon] ?? 0
  if (effect <= 0) return []
  const out: RuleCandidate[] = []
  for (const a of ctx.coverage) {
    if (a.kind !== kind) continue
    out.push({
      cause: causeOf(code),
      score: BASE_SCORE[code] * effect,
      ...ctx.answers.answer(code, {
        ...ctx.common,
        description: clause(a.description),
        reason: clause(a.reason),
        remedy: lastClause(a.remedy),
        status: a.status,
      }),
      disposition: 'self',
      specialty: '无线网优',
      evidence: [{ type: 'blind_spot', id: a.id, distance_m: 0, why: describe(a) }],
      basis: `投诉点位于${kind === 'blind' ? '盲点' : '弱覆盖区'}内(基础${BASE_SCORE[code]}×现象${effect})`,
    })
  }
  return out
}

function describe(a: CoverageArea): string {
  const what = a.kind === 'blind' ? '盲点' : '弱覆盖区'
  const parts = [lastClause(a.description), a.reason && `原因:${lastClause(a.reason)}`, a.remedy && `解决方式:${lastClause(a.remedy)}`, a.status && `状态:${a.status}`]
  return `投诉点位于${what}内:${parts.filter(Boolean).join(';')}`
}
