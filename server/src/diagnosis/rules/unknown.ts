/**
 * 原因待查: always proposed, always last — nothing explains the complaint, so it goes to the branch
 * for a field test (003 第六步), to the 专业 003 defaults to for the service. The serving sites are
 * listed so the field tester knows where to start.
 */
import { BASE_SCORE } from '../rank.js'
import { causeOf, defaultSpecialty, siteEvidence, type Rule } from '../context.js'

/** How many serving sites the unknown candidate lists. */
const MAX_SITES = 3

/** The field-test candidate. */
export const unknownRule: Rule = (ctx) => [
  {
    cause: causeOf('unknown'),
    score: BASE_SCORE.unknown,
    ...ctx.answers.answer('unknown', ctx.common),
    disposition: 'field_test',
    specialty: defaultSpecialty(ctx.input.service),
    evidence: ctx.serving.slice(0, MAX_SITES).map((s) => siteEvidence(s, ctx.index)),
    basis:
      ctx.serving.length > 0
        ? `兜底:原因不明时派分公司实测(基础${BASE_SCORE.unknown})`
        : `兜底:附近无服务基站数据,派分公司实测(基础${BASE_SCORE.unknown})`,
  },
]
