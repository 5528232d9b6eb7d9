/**
 * The diagnosis of one complaint (篇3 §2.2, DESIGN.md "How a cause is found"), a pure function of the
 * complaint, the network index, the answer book and the options:
 *   1. same cause already known nearby     → rules/known-issue.ts
 *   2. nearby objects, matched to the phenomenon (here: serving sites by distance and facing, their
 *      alarms over the occurrence, cutovers, coverage areas, planned sites)
 *   3. each object's own cause             → rules/cutover.ts, site-fault.ts, mass-outage.ts,
 *                                            blind-spot.ts, weak-coverage.ts, planned-site.ts
 *   4. answer and disposition              → each rule, then rank.ts; unknown.ts is the fallback.
 * The rules are the rule modules of registry.ts, run in its order.
 * The chosen cause is the first ranked candidate. Every answer names the template and version it was
 * rendered from (`template`; the chosen one also keeps the slot values it was filled with), so a
 * recorded complaint keeps the version it was answered with after the template is edited.
 */
import type { AnswerBook, TemplateRef } from '../answers/answer-book.js'
import type { DiagnosisOptions } from '../config/index.js'
import type { Candidate, DiagnoseInput, Diagnosis } from '../domain/types.js'
import type { NetworkIndex, ServingSite, SiteElement } from '../index/network-index.js'
import { commonSlots, type AlarmFinding, type AnswerTemplate, type Rule, type RuleCandidate, type RuleContext, type SiteCutover } from './context.js'
import { withConfidence } from './confidence.js'
import { alarmEffectRow, SEVERITY_WEIGHT } from './effects.js'
import { rank } from './rank.js'
import { RULE_MODULES } from './registry.js'

/** Every rule, in the registry's order (the order of the four steps). A new cause is a new module there. */
export const RULES: readonly Rule[] = RULE_MODULES.map((m) => m.evaluate)

/**
 * A diagnosis with the templates behind its answers (additive to the contract's Diagnosis): the
 * chosen answer's template with its slot values, and each candidate's template.
 */
export type AnsweredDiagnosis = Diagnosis & {
  template: AnswerTemplate
  candidates: (Candidate & { template: TemplateRef })[]
  confidence: number
}

/**
 * Diagnoses a complaint. `now` is the time of the request: it decides whether an alarm has cleared
 * or a cutover has ended (the answer differs), and defaults to the clock.
 */
export function diagnose(
  input: DiagnoseInput,
  index: NetworkIndex,
  answers: AnswerBook,
  options: DiagnosisOptions,
  now: number = Date.now(),
): AnsweredDiagnosis {
  const ctx = gather(input, index, answers, options, now)
  const found: RuleCandidate[] = []
  for (const rule of RULES) {
    const c = rule(ctx)
    for (let i = 0; i < c.length; i++) found.push(c[i])
  }
  const ranked = rank(found)
  const chosen = ranked[0]
  // The slot values are kept once, with the chosen answer (they are what a preview renders on).
  const candidates = ranked.map((c) => ({ ...c, template: templateRef(c.template) }))
  // How sure the choice is (confidence.ts); a doubtful 'self' answer becomes a field test.
  return withConfidence({
    cause: chosen.cause,
    answer: chosen.answer,
    template: chosen.template,
    disposition: chosen.disposition,
    specialty: chosen.specialty,
    evidence: chosen.evidence,
    candidates,
    servingSites: ctx.serving.slice(0, options.maxServingSites).map((s) => ({
      id: s.site.id,
      name: s.site.name,
      distance_m: Math.round(s.distanceM),
      facing: s.facing,
    })),
  }, ranked, ctx)
}

/**
 * Step 2: the network objects around the point at the time. An alarm counts when its window
 * [raisedAt, clearedAt ?? ∞] overlaps the occurrence ± timeSlackMs and its kind can cause the
 * phenomenon; it is put down to a cutover of the same site when raised within that cutover's window
 * ± cutoverAlarmSlackMs. The alarms and cutovers of the elements a serving site hangs on (its ring,
 * BSC, MSC; issue 9) count as the site's, each once, through the best serving site under the element.
 */
function gather(
  input: DiagnoseInput,
  index: NetworkIndex,
  answers: AnswerBook,
  options: DiagnosisOptions,
  now: number,
): RuleContext {
  const { lon, lat, occurredAt, phenomenon } = input
  const from = occurredAt - options.timeSlackMs
  const to = occurredAt + options.timeSlackMs
  const serving = index.servingSites(lon, lat)
  const alarms: AlarmFinding[] = []
  const siteCutovers: SiteCutover[] = []
  const slack = options.cutoverAlarmSlackMs
  // Element alarms and cutovers reach the point through every serving site under the element: keep
  // each once, with the best serving site (serving is best first). Allocated only when one turns up.
  let seen: Set<object> | null = null
  for (const s of serving) {
    const elements = s.elements ?? index.elementsOf(s.site.id)
    for (const alarm of index.alarmsOf(s.site.id, from, to)) {
      if (isFlapAway(alarm, occurredAt, options)) continue
      const row = alarmEffectRow(alarm.kind)
      const effect = row.effects[phenomenon] ?? 0
      if (effect <= 0) continue
      let cutover = index.cutoversOf(s.site.id, alarm.raisedAt - slack, alarm.raisedAt + slack)[0] ?? null
      let cutoverElement: SiteElement | undefined
      // A site alarm raised inside a cutover of its BSC/MSC/ring is the work too (issue 9).
      for (let k = 0; cutover === null && k < elements.length; k++) {
        if (!elements[k].eventful) continue
        cutover = index.cutoversOf(elements[k].key, alarm.raisedAt - slack, alarm.raisedAt + slack)[0] ?? null
        if (cutover) cutoverElement = elements[k]
      }
      // One object shape for site and element findings (the rules' loops stay monomorphic).
      alarms.push({ serving: s, alarm, element: undefined, row, effect, severity: SEVERITY_WEIGHT[alarm.severity] ?? 1, cutover, cutoverElement })
    }
    for (const cutover of index.cutoversOf(s.site.id, from, to)) siteCutovers.push({ serving: s, cutover, element: undefined })
    for (let k = 0; k < elements.length; k++) {
      const element = elements[k]
      if (!element.eventful) continue
      for (const alarm of index.alarmsOf(element.key, from, to)) {
        if (isFlapAway(alarm, occurredAt, options)) continue
        const row = alarmEffectRow(alarm.kind)
        const effect = row.effects[phenomenon] ?? 0
        if (effect <= 0 || seen?.has(alarm)) continue
        ;(seen ??= new Set()).add(alarm)
        const cutover = index.cutoversOf(element.key, alarm.raisedAt - slack, alarm.raisedAt + slack)[0] ?? null
        alarms.push({ serving: s, alarm, element, row, effect, severity: SEVERITY_WEIGHT[alarm.severity] ?? 1, cutover, cutoverElement: undefined })
      }
      for (const cutover of index.cutoversOf(element.key, from, to)) {
        if (seen?.has(cutover)) continue
        ;(seen ??= new Set()).add(cutover)
        siteCutovers.push({ serving: s, cutover, element })
      }
    }
  }
  const far = farSites(serving, alarms, siteCutovers, options)
  return {
    input,
    index,
    answers,
    options,
    now,
    serving,
    alarms: far ? alarms.filter((a) => !far.has(a.serving)) : alarms,
    siteCutovers: far ? siteCutovers.filter((c) => !far.has(c.serving)) : siteCutovers,
    areaCutovers: index.cutoversAt(lon, lat, from, to),
    coverage: index.coverageAt(lon, lat),
    coverageNear: options.coverageSlackM > 0 ? index.coverageNear(lon, lat, options.coverageSlackM) : [],
    planned: index.plannedAt(lon, lat),
    common: commonSlots(input),
  }
}

/** A flap (cleared within flapMs of being raised) farther than flapSlackMs from the occurrence. */
function isFlapAway(alarm: { raisedAt: number; clearedAt: number | null }, occurredAt: number, o: DiagnosisOptions): boolean {
  if (alarm.clearedAt == null || alarm.clearedAt - alarm.raisedAt >= o.flapMs) return false
  return occurredAt < alarm.raisedAt - o.flapSlackMs || occurredAt > alarm.clearedAt + o.flapSlackMs
}

/**
 * The serving sites whose events do not explain the point: at farSiteM or farther, with at least
 * nearerWorkingSites nearer serving sites that work. A site counts as not working when it has a finding
 * of its own or hangs on an element with one (a BSC down takes its nearer sites down too). Null when
 * every serving site is plausible (the common case: no allocation).
 */
function farSites(serving: ServingSite[], alarms: AlarmFinding[], cutovers: SiteCutover[], o: DiagnosisOptions): Set<ServingSite> | null {
  if (alarms.length === 0 && cutovers.length === 0) return null
  let anyFar = false
  for (const a of alarms) if (a.serving.distanceM >= o.farSiteM) anyFar = true
  for (const c of cutovers) if (c.serving.distanceM >= o.farSiteM) anyFar = true
  if (!anyFar) return null
  const down = new Set<ServingSite>()
  const downElements = new Set<object>()
  for (const a of alarms) a.element ? downElements.add(a.element) : down.add(a.serving)
  for (const c of cutovers) c.element ? downElements.add(c.element) : down.add(c.serving)
  for (const a of alarms) if (a.cutoverElement) downElements.add(a.cutoverElement)
  if (downElements.size > 0) {
    for (const s of serving) if ((s.elements ?? []).some((e) => downElements.has(e))) down.add(s)
  }
  let out: Set<ServingSite> | null = null
  for (const s of serving) {
    if (s.distanceM < o.farSiteM || !down.has(s)) continue
    let working = 0
    for (const n of serving) if (n.distanceM < s.distanceM && !down.has(n)) working++
    if (working >= o.nearerWorkingSites) (out ??= new Set()).add(s)
  }
  return out
}

/** { code, version, reusedFrom? } without the slot values. */
function templateRef(t: AnswerTemplate): TemplateRef {
  return t.reusedFrom != null ? { code: t.code, version: t.version, reusedFrom: t.reusedFrom } : { code: t.code, version: t.version }
}
