/**
 * 已纳入建设规划 (003 覆盖类 ③): a planned site covers the point; 003's script is read verbatim and the
 * evidence gives the site's construction period. Answered by the agent (self).
 */
import { distanceM } from '../../geo/distance.js'
import { BASE_SCORE } from '../rank.js'
import { OBJECT_EFFECTS } from '../effects.js'
import { causeOf, metres, type Rule, type RuleCandidate } from '../context.js'

/** One candidate per planned site covering the point, if a coverage gap can cause the phenomenon. */
export const plannedSiteRule: Rule = (ctx) => {
  const effect = OBJECT_EFFECTS.planned_site[ctx.input.phenomenon] ?? 0
  if (effect <= 0) return []
  const out: RuleCandidate[] = []
  for (const p of ctx.planned) {
    const d = metres(distanceM(ctx.input.lon, ctx.input.lat, p.lon, p.lat))
    out.push({
      cause: causeOf('planned_site'),
      score: BASE_SCORE.planned_site * effect,
      ...ctx.answers.answer('planned_site', { ...ctx.common, name: p.name, period: p.period, status: p.status }),
      disposition: 'self',
      specialty: '无线网优',
      evidence: [
        {
          type: 'planned_site',
          id: p.id,
          name: p.name,
          distance_m: d,
          why: `规划基站${p.name}距投诉点${d}米(覆盖半径${Math.round(p.radiusM)}米),建设期${p.period}${p.status ? `,${p.status}` : ''}`,
        },
      ],
      basis: `规划基站覆盖投诉点(基础${BASE_SCORE.planned_site}×现象${effect})`,
    })
  }
  return out
}
