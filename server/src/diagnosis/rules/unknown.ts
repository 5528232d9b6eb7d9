/**
 * 原因待查: always proposed, always last — nothing explains the complaint, so it goes to the branch
 * for a field test (003 第六步), to the 专业 003 defaults to for the service. The serving sites are
 * listed so the field tester knows where to start.
 */
import { CAUSE_LABELS } from '../../domain/types.js'
import { causeOf, defaultSpecialty, siteEvidence, type Rule } from '../context.js'
import { COMMON_SLOTS, type RuleModule } from '../rule-module.js'

/** Base score: below every other cause, so any evidence beats the fallback. */
const BASE = { unknown: 0.1 } as const

/** How many serving sites the unknown candidate lists. */
const MAX_SITES = 3

/** The field-test candidate. */
export const unknownRule: Rule = (ctx) => [
  {
    cause: causeOf('unknown'),
    score: BASE.unknown,
    ...ctx.answers.answer('unknown', ctx.common),
    disposition: 'field_test',
    specialty: defaultSpecialty(ctx.input.service),
    evidence: ctx.serving.slice(0, MAX_SITES).map((s) => siteEvidence(s, ctx.index)),
    basis:
      ctx.serving.length > 0
        ? `兜底:原因不明时派分公司实测(基础${BASE.unknown})`
        : `兜底:附近无服务基站数据,派分公司实测(基础${BASE.unknown})`,
  },
]

/** The unknown cause: the fallback of the diagnosis and of the batch attribution. */
export const unknownModule = {
  code: 'unknown',
  label: CAUSE_LABELS.unknown,
  base: BASE,
  templates: {
    unknown: { label: '原因待查,派分公司实测', slots: [...COMMON_SLOTS] },
  },
  slotLabels: {},
  fallback: true,
  unexplained: true,
  evaluate: unknownRule,
} as const satisfies RuleModule
