/**
 * 同类投诉 (篇3 §2.2 step 1, 统一口径): an earlier complaint within knownIssueRadiusM and
 * knownIssueWindowMs of this one, in the same phenomenon group, whose final cause is settled (not
 * 'unknown'). Its answer is reused word for word, so every customer hears the same explanation.
 */
import type { TemplateRef } from '../../answers/answer-book.js'
import { chinaTime } from '../../answers/china-time.js'
import { CAUSE_LABELS, PHENOMENA, type Complaint } from '../../domain/types.js'
import { distanceM } from '../../geo/distance.js'
import { PHENOMENON_GROUP } from '../effects.js'
import { causeOf, defaultSpecialty, metres, type Rule } from '../context.js'
import { COMMON_SLOTS, type RuleModule } from '../rule-module.js'

/** Base score: a confirmed earlier complaint ranks above every other cause's evidence. */
const BASE = { known_issue: 0.95 } as const
/** Added for closeness (1 = same place and time), so a known issue always wins. */
const BONUS = 0.05

/** At most this many earlier complaints of the same cause are listed as evidence. */
const MAX_EVIDENCE = 5

/** The closest settled earlier complaint of the same group (in space and time), with its peers. */
export const knownIssueRule: Rule = (ctx) => {
  const { lon, lat, occurredAt, phenomenon } = ctx.input
  const R = ctx.options.knownIssueRadiusM
  const W = ctx.options.knownIssueWindowMs
  const group = PHENOMENON_GROUP[phenomenon]
  const found: { c: Complaint; d: number; closeness: number }[] = []
  for (const c of ctx.index.complaintsNear(lon, lat, R, occurredAt - W, occurredAt + W)) {
    if (c.cause == null || c.cause === 'unknown' || (c.cause === 'known_issue' && !c.answer)) continue
    if (PHENOMENON_GROUP[c.phenomenon] !== group) continue
    const d = distanceM(lon, lat, c.lon, c.lat)
    const closeness = 1 - (0.5 * d) / R - (0.5 * Math.abs(c.occurredAt - occurredAt)) / W
    found.push({ c, d, closeness })
  }
  if (found.length === 0) return []
  found.sort((a, b) => b.closeness - a.closeness || a.c.id.localeCompare(b.c.id))
  const best = found[0]
  const cause = best.c.cause as Exclude<typeof best.c.cause, null>
  const peers = found.filter((f) => f.c.cause === cause).slice(0, MAX_EVIDENCE)
  const answered =
    best.c.answer && best.c.answer.trim()
      ? { answer: best.c.answer.trim(), template: reusedTemplate(best.c) }
      : ctx.answers.answer('known_issue', { ...ctx.common, cause: CAUSE_LABELS[cause], earlier: chinaTime(best.c.occurredAt) })
  return [
    {
      cause: causeOf('known_issue'),
      score: BASE.known_issue + BONUS * Math.max(0, best.closeness),
      ...answered,
      disposition: 'self',
      specialty: best.c.specialty ?? defaultSpecialty(ctx.input.service),
      evidence: peers.map(({ c, d }) => ({
        type: 'complaint' as const,
        id: c.id,
        distance_m: metres(d),
        why: `${chinaTime(c.occurredAt)}同类投诉(${PHENOMENA[c.phenomenon]})已查明原因:${CAUSE_LABELS[c.cause as keyof typeof CAUSE_LABELS]},相距${metres(d)}米`,
      })),
      basis: `${found.length}起附近同类投诉已查明原因,沿用其口径(基础${BASE.known_issue}+接近度${(BONUS * Math.max(0, best.closeness)).toFixed(3)})`,
    },
  ]
}

/**
 * The template behind an earlier complaint's answer that is reused word for word: the one its own
 * diagnosis recorded for that answer (the suggested one, or the candidate the agent chose instead);
 * otherwise (typed by the agent, imported, or recorded before templates were versioned) none —
 * version null.
 */
function reusedTemplate(c: Complaint): TemplateRef {
  type Answered = { answer?: unknown; template?: { code?: unknown; version?: unknown } }
  const d = (c as { diagnosis?: (Answered & { candidates?: Answered[] }) | null }).diagnosis
  const given = [d, ...(Array.isArray(d?.candidates) ? d.candidates : [])].find((x) => x?.answer === c.answer)
  const t = given?.template
  if (t && typeof t.code === 'string' && typeof t.version === 'number') return { code: t.code, version: t.version, reusedFrom: c.id }
  return { code: 'known_issue', version: null, reusedFrom: c.id }
}

/** The known_issue cause: step 1 of the diagnosis. */
export const knownIssueModule = {
  code: 'known_issue',
  label: CAUSE_LABELS.known_issue,
  base: BASE,
  bonus: BONUS,
  templates: {
    known_issue: { label: '附近同类投诉已查明原因(后备口径)', slots: [...COMMON_SLOTS, 'cause', 'earlier'] },
  },
  slotLabels: { cause: '已查明的原因', earlier: '同类投诉时间' },
  evaluate: knownIssueRule,
} as const satisfies RuleModule
