/**
 * 弱覆盖: the point lies in a known weak-coverage area; its reason and remedy (优化工程, 室分建设 …) make
 * the answer. Optimisation is 无线网优's work, but the agent can still answer now (self).
 */
import { CAUSE_LABELS } from '../../domain/types.js'
import type { Rule } from '../context.js'
import type { Effects } from '../effects.js'
import type { RuleModule } from '../rule-module.js'
import { coverageCandidates, COVERAGE_SLOT_LABELS, COVERAGE_SLOTS } from './blind-spot.js'

const BASE = { weak_coverage: 0.55 } as const
/** What weak coverage can cause (effects.ts has the whole table). */
const EFFECTS: Effects = { no_signal: 0.5, weak_signal: 1, cannot_connect: 1, call_drop: 1, no_data: 0.5, slow_data: 1 }

/** One candidate per weak-coverage area containing the point, if weak coverage can cause the phenomenon. */
export const weakCoverageRule: Rule = (ctx) => coverageCandidates(ctx, 'weak', BASE.weak_coverage, EFFECTS)

/** The weak_coverage cause. */
export const weakCoverageModule = {
  code: 'weak_coverage',
  label: CAUSE_LABELS.weak_coverage,
  base: BASE,
  effects: { object: EFFECTS },
  templates: {
    weak_coverage: { label: '投诉点在已知弱覆盖区内', slots: COVERAGE_SLOTS },
  },
  slotLabels: COVERAGE_SLOT_LABELS,
  batch: ['weak_area'],
  evaluate: weakCoverageRule,
} as const satisfies RuleModule
