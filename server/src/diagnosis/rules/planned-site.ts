/**
 * 已纳入建设规划 (003 覆盖类 ③): a planned site covers the point; 003's script is read verbatim and the
 * evidence gives the site's construction period. Answered by the agent (self).
 */
import { CAUSE_LABELS } from '../../domain/types.js'
import { distanceM } from '../../geo/distance.js'
import type { Effects } from '../effects.js'
import { causeOf, metres, type Rule, type RuleCandidate } from '../context.js'
import { COMMON_SLOTS, type RuleModule } from '../rule-module.js'

const BASE = { planned_site: 0.5 } as const
/** What a coverage gap a planned site will fill can cause (effects.ts has the whole table). */
const EFFECTS: Effects = { no_signal: 1, weak_signal: 1, cannot_connect: 1, call_drop: 0.5, no_data: 0.5, slow_data: 0.5 }

/** One candidate per planned site covering the point, if a coverage gap can cause the phenomenon. */
export const plannedSiteRule: Rule = (ctx) => {
  const effect = EFFECTS[ctx.input.phenomenon] ?? 0
  if (effect <= 0) return []
  const out: RuleCandidate[] = []
  for (const p of ctx.planned) {
    const d = metres(distanceM(ctx.input.lon, ctx.input.lat, p.lon, p.lat))
    out.push({
      cause: causeOf('planned_site'),
      score: BASE.planned_site * effect,
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
      basis: `规划基站覆盖投诉点(基础${BASE.planned_site}×现象${effect})`,
    })
  }
  return out
}

/** The planned_site cause. */
export const plannedSiteModule = {
  code: 'planned_site',
  label: CAUSE_LABELS.planned_site,
  base: BASE,
  effects: { object: EFFECTS },
  templates: {
    planned_site: { label: '投诉点已有规划基站覆盖', slots: [...COMMON_SLOTS, 'name', 'period', 'status'] },
  },
  slotLabels: { name: '规划基站名', period: '建设期', status: '状态' },
  batch: ['planned_site'],
  evaluate: plannedSiteRule,
} as const satisfies RuleModule
