/**
 * 同类投诉 (篇3 §2.2 step 1, 统一口径): an earlier complaint within knownIssueRadiusM of this one, in
 * the same phenomenon group (knownIssueCoverageRadiusM for coverage causes), whose cause is settled (imported as history, found by a field test, or
 * closed — Complaint.settled; a recorded suggestion never counts) and is itself a network cause (never
 * known_issue, so reuse does not chain: the candidate always names the settled underlying cause). How
 * long a settled cause lasts depends on the cause: a coverage cause (weak_coverage, blind_spot,
 * planned_site) for knownIssueCoverageWindowMs, a transient one (cutover, site_fault, mass_outage) only
 * within knownIssueWindowMs of the occurrence and never after the alarm or cutover behind it ended; a coverage cause the area's records already hold here
 * is left to its own rule. Its answer is reused word for word (when it was given
 * for that cause), so every customer hears the same explanation.
 *
 * A live event beats a reused answer: when an alarm or cutover overlaps this complaint's occurrence
 * on a serving site (or an area cutover covers it), the candidate scores at most
 * (known_issue_behind_event + BONUS_BEHIND_EVENT) × the strongest event's weight — below the
 * site_fault, cutover_alarm and cutover_window scores of that same event.
 */
import type { TemplateRef } from '../../answers/answer-book.js'
import { chinaTime } from '../../answers/china-time.js'
import { CAUSE_LABELS, PHENOMENA, type CauseCode, type Complaint } from '../../domain/types.js'
import { distanceM } from '../../geo/distance.js'
import { cutoverEnd } from '../../index/cutover-window.js'
import { PHENOMENON_GROUP } from '../effects.js'
import { proximity } from '../score.js'
import { causeOf, defaultSpecialty, metres, type Rule, type RuleContext } from '../context.js'
import { COMMON_SLOTS, type RuleModule } from '../rule-module.js'

/**
 * Base scores: a settled earlier complaint ranks above every other cause's evidence; behind a live
 * alarm or cutover it is scaled by that event's weight and ranks below the event's own cause.
 */
const BASE = { known_issue: 0.95, known_issue_behind_event: 0.7 } as const
/** Added for closeness (1 = same place and time), so a known issue always wins. */
const BONUS = 0.05
/** Added for closeness behind a live event: base + this stays below cutover_window's 0.75. */
const BONUS_BEHIND_EVENT = 0.04

/** Causes of the place itself: they last until the network there changes. */
const COVERAGE_CAUSES: ReadonlySet<CauseCode> = new Set(['weak_coverage', 'blind_spot', 'planned_site'])
/** Causes that are reused: every network cause; known_issue (a reuse) and unknown never are. */
const REUSABLE = (c: CauseCode | null): c is CauseCode => c != null && c !== 'unknown' && c !== 'known_issue'

/** At most this many earlier complaints of the same cause are listed as evidence. */
const MAX_EVIDENCE = 5

/**
 * The weight (0–1] of the strongest live event behind this complaint — an alarm (effect × severity ×
 * proximity, as site_fault and cutover_alarm score it), a cutover of a serving site (proximity, as
 * cutover_window), an area cutover (1) — or 0 when there is none.
 */
function liveEventWeight(ctx: RuleContext): number {
  let w = 0
  for (const a of ctx.alarms) w = Math.max(w, a.effect * a.severity * proximity(a.serving.score))
  for (const sc of ctx.siteCutovers) w = Math.max(w, proximity(sc.serving.score))
  if (ctx.areaCutovers.length > 0) w = 1
  return Math.min(1, w)
}

/**
 * The coverage causes the area's own records explain here (a blind spot or weak area containing or
 * just beside the point, a planned site covering it): their rules answer from the record itself, so a
 * reused answer never outlives (or contradicts) the record it came from. Reuse is for the holes no
 * record knows.
 */
function recordedCoverage(ctx: RuleContext): Set<CauseCode> {
  const out = new Set<CauseCode>()
  for (const a of [...ctx.coverage, ...ctx.coverageNear.map((x) => x.item)]) out.add(a.kind === 'blind' ? 'blind_spot' : 'weak_coverage')
  if (ctx.planned.length > 0) out.add('planned_site')
  return out
}

/** A diagnosis or candidate as stored with a complaint (jsonb: every field is checked, not trusted). */
interface StoredAnswer {
  cause?: { code?: unknown }
  answer?: unknown
  template?: { code?: unknown; version?: unknown }
  evidence?: unknown
  candidates?: unknown
}

/** The stored diagnosis of a complaint, or null. */
const storedDiagnosis = (c: Complaint): StoredAnswer | null => ((c as { diagnosis?: unknown }).diagnosis ?? null) as StoredAnswer | null

/** A stored diagnosis' candidates ([] when there are none or they are not a list). */
const candidatesOf = (d: StoredAnswer | null | undefined): StoredAnswer[] => (Array.isArray(d?.candidates) ? (d.candidates as StoredAnswer[]) : [])

/** A stored answer's evidence items ([] when there are none or they are not a list). */
const evidenceOf = (a: StoredAnswer | null | undefined): { type?: unknown; id?: unknown }[] => (Array.isArray(a?.evidence) ? a.evidence : [])

/**
 * A transient cause lasts as long as its event: true when the earlier complaint's own diagnosis named
 * the alarm or cutover behind the cause it was settled with, and that event had ended (cleared, or the
 * cutover's window closed) more than timeSlackMs before this occurrence. Without such evidence (a
 * cause a field test found, history imported without a diagnosis) the time window alone decides.
 */
function eventOver(c: Complaint, occurredAt: number, ctx: RuleContext): boolean {
  const d = storedDiagnosis(c)
  if (!d) return false
  const chosen = [d, ...candidatesOf(d)].find((x) => x?.cause?.code === c.cause)
  let ends = -Infinity
  let events = 0
  for (const e of evidenceOf(chosen)) {
    if (typeof e?.id !== 'string') continue
    if (e.type === 'alarm') {
      const a = ctx.index.alarm(e.id)
      if (!a) continue
      events++
      ends = Math.max(ends, a.clearedAt ?? Infinity)
    } else if (e.type === 'cutover') {
      const k = ctx.index.cutover(e.id)
      if (!k) continue
      events++
      ends = Math.max(ends, cutoverEnd(k))
    }
  }
  return events > 0 && ends + ctx.options.timeSlackMs < occurredAt
}

/** The closest settled earlier complaint of the same group (in space and time), with its peers. */
export const knownIssueRule: Rule = (ctx) => {
  const { lon, lat, occurredAt, phenomenon } = ctx.input
  const R = ctx.options.knownIssueRadiusM
  const W = ctx.options.knownIssueWindowMs
  const WC = Math.max(W, ctx.options.knownIssueCoverageWindowMs)
  const RC = Math.min(R, ctx.options.knownIssueCoverageRadiusM)
  const group = PHENOMENON_GROUP[phenomenon]
  const recorded = recordedCoverage(ctx)
  const found: { c: Complaint & { cause: CauseCode }; d: number; closeness: number }[] = []
  // Two look-ups: the short window at the full radius, the long one (before it) at the coverage radius.
  const near = ctx.index.complaintsNear(lon, lat, R, occurredAt - W, occurredAt + W)
  const older = WC > W ? ctx.index.complaintsNear(lon, lat, RC, occurredAt - WC, occurredAt - W - 1) : []
  for (const c of [...near, ...older]) {
    if (c.settled !== true || !REUSABLE(c.cause) || recorded.has(c.cause)) continue
    if (PHENOMENON_GROUP[c.phenomenon] !== group) continue
    const coverage = COVERAGE_CAUSES.has(c.cause)
    if (!coverage && eventOver(c, occurredAt, ctx)) continue
    const window = coverage ? WC : W
    const radius = coverage ? RC : R
    const dt = Math.abs(c.occurredAt - occurredAt)
    if (dt > window) continue
    const d = distanceM(lon, lat, c.lon, c.lat)
    if (d > radius) continue
    const closeness = 1 - (0.5 * d) / radius - (0.5 * dt) / window
    found.push({ c: c as Complaint & { cause: CauseCode }, d, closeness })
  }
  if (found.length === 0) return []
  found.sort((a, b) => b.closeness - a.closeness || a.c.id.localeCompare(b.c.id))
  const best = found[0]
  const cause = best.c.cause
  const peers = found.filter((f) => f.c.cause === cause).slice(0, MAX_EVIDENCE)
  const reused = reusableAnswer(best.c)
  const answered = reused
    ? { answer: reused, template: reusedTemplate(best.c) }
    : ctx.answers.answer('known_issue', { ...ctx.common, cause: CAUSE_LABELS[cause], earlier: chinaTime(best.c.occurredAt) })
  const live = liveEventWeight(ctx)
  const close = Math.max(0, best.closeness)
  const score = live > 0 ? (BASE.known_issue_behind_event + BONUS_BEHIND_EVENT * close) * live : BASE.known_issue + BONUS * close
  const basis = live > 0
    ? `${found.length}起附近同类投诉已查明原因(${CAUSE_LABELS[cause]}),但附近有进行中的告警或割接,沿用口径排在其后(基础${BASE.known_issue_behind_event}+接近度${(BONUS_BEHIND_EVENT * close).toFixed(3)},×事件权重${live.toFixed(2)})`
    : `${found.length}起附近同类投诉已查明原因(${CAUSE_LABELS[cause]}),沿用其口径(基础${BASE.known_issue}+接近度${(BONUS * close).toFixed(3)})`
  return [
    {
      cause: causeOf('known_issue'),
      score,
      ...answered,
      disposition: 'self',
      specialty: best.c.specialty ?? defaultSpecialty(ctx.input.service),
      evidence: peers.map(({ c, d }) => ({
        type: 'complaint' as const,
        id: c.id,
        distance_m: metres(d),
        why: `${chinaTime(c.occurredAt)}同类投诉(${PHENOMENA[c.phenomenon]})已查明原因:${CAUSE_LABELS[c.cause]},相距${metres(d)}米`,
      })),
      basis,
    },
  ]
}

/**
 * The earlier complaint's answer when it may be said again for its settled cause: not when its own
 * diagnosis rendered it from another cause's template (a field test found a cause other than the one
 * the customer was told); an answer typed by the agent or imported with the history is kept.
 */
function reusableAnswer(c: Complaint & { cause: CauseCode }): string | null {
  const answer = c.answer?.trim()
  if (!answer) return null
  const t = reusedTemplate(c)
  if (t.version != null && t.code !== c.cause && !t.code.startsWith(`${c.cause}.`)) return null
  return answer
}

/**
 * The template behind an earlier complaint's answer that is reused word for word: the one its own
 * diagnosis recorded for that answer (the suggested one, or the candidate the agent chose instead);
 * otherwise (typed by the agent, imported, or recorded before templates were versioned) none —
 * version null.
 */
function reusedTemplate(c: Complaint): TemplateRef {
  const d = storedDiagnosis(c)
  const given = [d, ...candidatesOf(d)].find((x) => x?.answer === c.answer)
  const t = given?.template
  if (t && typeof t.code === 'string' && typeof t.version === 'number') return { code: t.code, version: t.version, reusedFrom: c.id }
  return { code: 'known_issue', version: null, reusedFrom: c.id }
}

/**
 * The earlier complaint a diagnosis' known_issue candidate reused (its evidence of type complaint), or
 * null. Reads a stored diagnosis too (jsonb: shapes are checked, not trusted).
 */
export function reusedComplaintId(d: unknown): string | null {
  const known = candidatesOf(d as StoredAnswer | null).find((c) => c?.cause?.code === 'known_issue')
  const id = evidenceOf(known).find((e) => e?.type === 'complaint')?.id
  return typeof id === 'string' ? id : null
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
