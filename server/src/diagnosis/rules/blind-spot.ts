/**
 * 盲点 (003 覆盖类 ②): the point lies in a known blind spot; the answer is 003's script filled with the
 * blind spot's own description, reason (物业难点, 选址困难 …) and remedy (规划基站 …). Answered by the
 * agent (self); the 专业 on record is 无线网优, who keeps the blind-spot data.
 */
import { CAUSE_LABELS, type CoverageArea } from '../../domain/types.js'
import type { Effects } from '../effects.js'
import { causeOf, clause, lastClause, metres, type Rule, type RuleCandidate, type RuleContext } from '../context.js'
import { COMMON_SLOTS, type RuleModule } from '../rule-module.js'

const BASE = { blind_spot: 0.6 } as const
/** What a blind spot can cause (effects.ts has the whole table). */
const EFFECTS: Effects = { no_signal: 1, weak_signal: 1, cannot_connect: 1, call_drop: 0.5, no_data: 1 }

/** One candidate per blind spot containing the point, if a blind spot can cause the phenomenon. */
export const blindSpotRule: Rule = (ctx) => coverageCandidates(ctx, 'blind', BASE.blind_spot, EFFECTS)

/**
 * Shared by blind-spot and weak-coverage: both are coverage areas with a reason and a remedy. `base`
 * and `effects` are the calling module's.
 */
export function coverageCandidates(ctx: RuleContext, kind: 'blind' | 'weak', base: number, effects: Effects): RuleCandidate[] {
  const code = kind === 'blind' ? 'blind_spot' : 'weak_coverage'
  const effect = effects[ctx.input.phenomenon] ?? 0
  if (effect <= 0) return []
  const out: RuleCandidate[] = []
  const slack = ctx.options.coverageSlackM
  const near = ctx.coverageNear
  for (let i = -ctx.coverage.length; i < near.length; i++) {
    // Inside first (distance 0), then the areas just outside, their score falling to half at the slack.
    const a = i < 0 ? ctx.coverage[i + ctx.coverage.length] : near[i].item
    const d = i < 0 ? 0 : near[i].distanceM
    if (a.kind !== kind) continue
    const closeness = d > 0 ? 1 - (0.5 * d) / slack : 1
    out.push({
      cause: causeOf(code),
      score: base * effect * closeness,
      ...ctx.answers.answer(code, {
        ...ctx.common,
        description: clause(a.description),
        reason: clause(a.reason),
        remedy: lastClause(a.remedy),
        status: a.status,
      }),
      disposition: 'self',
      specialty: '无线网优',
      evidence: [{ type: 'blind_spot', id: a.id, distance_m: metres(d), why: describe(a, d) }],
      basis: d > 0
        ? `投诉点距${kind === 'blind' ? '盲点' : '弱覆盖区'}边缘${metres(d)}米(基础${base}×现象${effect}×距离${closeness.toFixed(2)})`
        : `投诉点位于${kind === 'blind' ? '盲点' : '弱覆盖区'}内(基础${base}×现象${effect})`,
    })
  }
  return out
}

function describe(a: CoverageArea, d = 0): string {
  const what = a.kind === 'blind' ? '盲点' : '弱覆盖区'
  const parts = [lastClause(a.description), a.reason && `原因:${lastClause(a.reason)}`, a.remedy && `解决方式:${lastClause(a.remedy)}`, a.status && `状态:${a.status}`]
  return `${d > 0 ? `投诉点距${what}边缘${metres(d)}米` : `投诉点位于${what}内`}:${parts.filter(Boolean).join(';')}`
}

/** Slots of the coverage templates (blind spot and weak coverage fill the same ones). */
export const COVERAGE_SLOTS = [...COMMON_SLOTS, 'description', 'reason', 'remedy', 'status'] as const
/** What the coverage slots are filled with. */
export const COVERAGE_SLOT_LABELS = { description: '描述', reason: '原因', remedy: '解决方式', status: '状态' } as const

/** The blind_spot cause. */
export const blindSpotModule = {
  code: 'blind_spot',
  label: CAUSE_LABELS.blind_spot,
  base: BASE,
  effects: { object: EFFECTS },
  templates: {
    blind_spot: { label: '投诉点在已知盲点内', slots: COVERAGE_SLOTS },
  },
  slotLabels: COVERAGE_SLOT_LABELS,
  batch: ['blind_area'],
  evaluate: blindSpotRule,
} as const satisfies RuleModule
