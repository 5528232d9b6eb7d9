/**
 * Runs a generated month through the real diagnosis, in process and in time order, the way the
 * service lives it: the NMS timeline (alarms raised and cleared, cutovers' actual times) is applied up
 * to each call; each complaint is diagnosed at its own call time (`now`) and then recorded in the index
 * as the service records it (suggested cause; the final cause is the suggestion when the agent answers
 * it at once — disposition self, status 已答复 — and otherwise empty until a dispatch or field test
 * settles it, hours later, with the true cause). Only that settlement marks the complaint `settled`; a
 * suggestion answered at once is not. So known_issue reuse and mass_outage see exactly the earlier
 * complaints a real agent's diagnosis would see, right or wrong.
 *
 * Scoring. A prediction counts as right when the cause it stands for is the true one: a known_issue
 * answer stands for the cause of the complaint it reuses (followed through earlier reuses). The truth is
 * the physical cause, except in a hidden hole whose problem an earlier complaint already settled: there
 * the truth is known_issue (and only reusing that settled cause is right).
 */
import { AnswerBook } from '../server/src/answers/answer-book.js'
import { defaultDiagnosisOptions, type DiagnosisOptions } from '../server/src/config/index.js'
import { diagnose, type AnsweredDiagnosis } from '../server/src/diagnosis/diagnose.js'
import { CAUSE_CODES, type Alarm, type CauseCode, type Complaint, type Cutover, type Disposition } from '../server/src/domain/types.js'
import { distanceM } from '../server/src/geo/distance.js'
import { cutoverOverlaps } from '../server/src/index/cutover-window.js'
import { NetworkIndex } from '../server/src/index/network-index.js'
import type { Month, TruthComplaint } from './generate/index.js'

/** One complaint's outcome under one method (the diagnosis or a baseline). */
export interface Outcome {
  code: CauseCode
  /** The cause the answer stands for (a known_issue answer: the reused complaint's cause). */
  resolved: CauseCode
  disposition: Disposition
  correct: boolean
  top3?: boolean
  confidence?: number
}

export interface Row {
  c: TruthComplaint
  truth: CauseCode
  tags: string[]
  diagnosis: Outcome & { evidence: string; reusedFrom: string | null; alarmKind: string | null }
  nearestAlarm: Outcome
  fieldTest: Outcome
}

export interface Figures {
  n: number
  top1: number
  top3: number | null
  /** Answered 'self' with a wrong cause: count and share of all complaints. */
  confidentlyWrong: number
  confidentlyWrongShare: number
  /** Share of the self answers that were wrong. */
  selfWrongShare: number
  dispositions: Record<Disposition, number>
  perCause: Record<string, { truth: number; predicted: number; correct: number; precision: number | null; recall: number | null }>
  /** truth code → predicted code → count. */
  confusion: Record<string, Record<string, number>>
}

export interface EvalResult {
  city: string
  source: string
  seed: string
  days: number
  world: { sites: number; cells: number; alarms: number; cutovers: number; coverageAreas: number; plannedSites: number; hiddenHoles: number; complaints: number }
  byTruth: Record<string, number>
  byScenario: Record<string, number>
  diagnosis: Figures
  baselines: { nearestAlarm: Figures; fieldTest: Figures }
  reliability: { bins: { from: number; to: number; n: number; meanConfidence: number | null; accuracy: number | null }[] } | null
  /** Top-1 of the diagnosis and of the nearest-alarm baseline per scenario tag or difficulty (a complaint counts under each of its tags). */
  byTag: Record<string, { n: number; top1: number; nearestAlarmTop1: number }>
  /** Alarm kinds that were the evidence of a wrong site_fault or cutover answer, with counts. */
  wrongAlarmKinds: Record<string, number>
  /** Wrong answers grouped by (truth → predicted, disposition), most frequent first, with their commonest tags. */
  mistakeClasses: { truth: string; predicted: string; disposition: string; n: number; tags: Record<string, number> }[]
  worst: {
    id: string
    truth: string
    predicted: string
    disposition: string
    causeDistanceM: number | null
    statedMinusTrueMin: number
    callDelayMin: number
    tags: string[]
    evidence: string
  }[]
}

const SETTLE_P: Record<Disposition, number> = { self: 0, dispatch: 0.6, field_test: 0.8 }

/**
 * Diagnoses every complaint of the month; returns the figures (no timings: the same seed gives the same
 * result). `onRow` sees each complaint's outcome as it is scored (for digging into one class of mistake).
 */
export function evaluate(month: Month, options: DiagnosisOptions = defaultDiagnosisOptions, answers = AnswerBook.load(), onRow?: (r: Row) => void): EvalResult {
  const index = new NetworkIndex(options)
  index.load(month.snapshot)
  const baseline = new NearestAlarmBaseline(month)
  const recorded = new Map<string, { complaint: Complaint; resolved: CauseCode | null }>()
  const pending: { at: number; id: string; cause: CauseCode }[] = []
  const byId = new Map(month.complaints.map((c) => [c.id, c]))
  const alarmKinds = new Map(month.alarms.map((a) => [a.id, a.kind]))
  const alarmKindOf = (id: string | undefined) => (id ? alarmKinds.get(id) ?? null : null)
  let ti = 0
  const rows: Row[] = []

  /** The physical cause a recorded complaint stands for, or null when it has no final cause. */
  const resolvedOf = (id: string | null | undefined): CauseCode | null => (id ? recorded.get(id)?.resolved ?? null : null)
  const resolveCandidate = (code: CauseCode, evidence: { type: string; id: string }[]): CauseCode =>
    code === 'known_issue' ? resolvedOf(evidence.find((e) => e.type === 'complaint')?.id) ?? 'known_issue' : code

  for (const c of month.complaints) {
    const now = c.callAt
    for (; ti < month.timeline.length && month.timeline[ti].at <= now; ti++) {
      const e = month.timeline[ti]
      if (e.alarm) index.upsert('alarms', [e.alarm])
      else index.upsert('cutovers', [e.cutover])
    }
    pending.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id))
    while (pending.length && pending[0].at <= now) {
      const s = pending.shift()!
      const r = recorded.get(s.id)!
      // A dispatch / field test settles the cause: from now on later diagnoses may reuse it.
      r.complaint = { ...r.complaint, cause: s.cause, settled: true }
      r.resolved = s.cause
      index.upsert('complaints', [r.complaint])
    }
    // A hidden hole's problem is known once an earlier complaint there was settled with its true cause
    // (a self-answered suggestion is not settled, however right it happened to be).
    let truth: CauseCode = c.underlying
    const tags = [...c.tags]
    if (c.hole) {
      for (const [id, r] of recorded) {
        if (byId.get(id)?.hole === c.hole && r.complaint.settled === true && r.resolved === c.underlying) {
          truth = 'known_issue'
          tags.push('known_issue_reuse')
          break
        }
      }
    }
    const d = diagnose(c.input, index, answers, options, now)
    const reusedFrom = d.cause.code === 'known_issue' ? d.evidence.find((e) => e.type === 'complaint')?.id ?? null : null
    const resolved = resolveCandidate(d.cause.code, d.evidence)
    if (reusedFrom) {
      const r = recorded.get(reusedFrom)
      tags.push(r && r.complaint.settled !== true ? 'suggested_only_reuse' : 'settled_reuse')
    }
    const correct = resolved === c.underlying && (truth !== 'known_issue' || d.cause.code === 'known_issue')
    const top3 = d.candidates.slice(0, 3).some((k) => resolveCandidate(k.cause.code, k.evidence) === c.underlying)
    const confidence = (d as AnsweredDiagnosis & { confidence?: unknown }).confidence
    const row: Row = {
      c,
      truth,
      tags,
      diagnosis: {
        code: d.cause.code,
        resolved,
        disposition: d.disposition,
        correct,
        top3,
        confidence: typeof confidence === 'number' && Number.isFinite(confidence) ? confidence : undefined,
        evidence: d.evidence[0]?.why ?? '',
        reusedFrom,
        alarmKind: alarmKindOf(d.evidence.find((e) => e.type === 'alarm')?.id),
      },
      nearestAlarm: score(baseline.answer(c), c, truth),
      fieldTest: score({ code: 'unknown', disposition: 'field_test' }, c, truth),
    }
    rows.push(row)
    onRow?.(row)
    // Recorded as the service records it: answered at once (self) → the suggestion is the final cause.
    const self = d.disposition === 'self'
    const complaint: Complaint & { diagnosis: unknown } = {
      id: c.id,
      occurredAt: c.input.occurredAt,
      reportedAt: now,
      address: c.input.address ?? '',
      service: c.input.service,
      phenomenon: c.input.phenomenon,
      description: '',
      vip: null,
      lon: c.input.lon,
      lat: c.input.lat,
      number: c.number,
      suggestedCause: d.cause.code,
      cause: self ? d.cause.code : null,
      answer: self ? d.answer : null,
      disposition: d.disposition,
      specialty: d.specialty,
      linkedSites: d.servingSites.slice(0, 3).map((s) => s.id),
      createdAt: now,
      // Only the suggestion so far: not settled until a dispatch / field test settles it below.
      settled: false,
      // The diagnosis as the service stores it with the complaint (a later reuse reads its evidence and template).
      diagnosis: d,
    }
    recorded.set(c.id, { complaint, resolved: self ? resolved : null })
    index.upsert('complaints', [complaint])
    // A dispatch or a field test settles the true cause later, with the pre-drawn probability and delay.
    if (c.settleDraw < SETTLE_P[d.disposition]) pending.push({ at: now + c.settleDelayMs, id: c.id, cause: c.underlying })
  }
  return summarise(month, rows)
}

function score(a: { code: CauseCode; disposition: Disposition }, c: TruthComplaint, truth: CauseCode): Outcome {
  return { code: a.code, resolved: a.code, disposition: a.disposition, correct: a.code === c.underlying && truth !== 'known_issue' }
}

/**
 * What an agent does by hand with a map: the nearest site within 1 km with an alarm active at the stated
 * time (as the NMS shows it at the call: cleared only if the clear has come in) → site_fault, or
 * cutover if that site (or its BSC/ring) has a cutover window over that time; else field test. An alarm
 * on a BSC or ring shows on each of its sites. Any alarm kind counts: the map does not say which matter.
 */
class NearestAlarmBaseline {
  private alarmsOf = new Map<string, Alarm[]>()
  private cutoversOf = new Map<string, Cutover[]>()
  constructor(private readonly month: Month) {
    const sites = month.snapshot.sites
    const under = (type: string, id: string) => sites.filter((s) => (type === 'bsc' ? s.bsc : type === 'ring' ? s.ring : s.msc) === id).map((s) => s.id)
    const add = <T>(m: Map<string, T[]>, k: string, v: T) => {
      let l = m.get(k)
      if (!l) m.set(k, (l = []))
      l.push(v)
    }
    for (const a of month.alarms) {
      if (a.element) for (const s of under(a.element.type, a.element.id)) add(this.alarmsOf, s, a)
      else add(this.alarmsOf, a.siteId, a)
    }
    for (const c of month.cutovers) {
      for (const s of c.siteIds) add(this.cutoversOf, s, c)
      for (const e of c.elements ?? []) for (const s of under(e.type, e.id)) add(this.cutoversOf, s, c)
    }
  }

  answer(c: TruthComplaint): { code: CauseCode; disposition: Disposition } {
    const { lon, lat, occurredAt: t } = c.input
    const now = c.callAt
    const near = this.month.snapshot.sites
      .map((s) => ({ s, d: distanceM(lon, lat, s.lon, s.lat) }))
      .filter((x) => x.d <= 1000)
      .sort((a, b) => a.d - b.d || a.s.id.localeCompare(b.s.id))
    for (const { s } of near) {
      const active = (this.alarmsOf.get(s.id) ?? []).find((a) => a.raisedAt <= t && a.raisedAt <= now && (a.clearedAt == null || a.clearedAt > now || a.clearedAt >= t))
      if (!active) continue
      // The cutover as known at the call: actual times only once they happened.
      const cut = (this.cutoversOf.get(s.id) ?? []).some((k) =>
        cutoverOverlaps({ ...k, actualStart: k.actualStart != null && k.actualStart <= now ? k.actualStart : null, actualEnd: k.actualEnd != null && k.actualEnd <= now ? k.actualEnd : null }, t, t),
      )
      if (cut) return { code: 'cutover', disposition: 'self' }
      const cleared = active.clearedAt != null && active.clearedAt <= now
      return { code: 'site_fault', disposition: cleared ? 'self' : 'dispatch' }
    }
    return { code: 'unknown', disposition: 'field_test' }
  }
}

function figures(rows: Row[], pick: (r: Row) => Outcome, withTop3: boolean): Figures {
  const n = rows.length
  const perCause: Figures['perCause'] = {}
  const confusion: Figures['confusion'] = {}
  for (const code of CAUSE_CODES) perCause[code] = { truth: 0, predicted: 0, correct: 0, precision: null, recall: null }
  const dispositions: Record<Disposition, number> = { self: 0, dispatch: 0, field_test: 0 }
  let right = 0
  let top3 = 0
  let wrongSelf = 0
  for (const r of rows) {
    const o = pick(r)
    perCause[r.truth].truth++
    perCause[o.code].predicted++
    dispositions[o.disposition]++
    ;(confusion[r.truth] ??= {})[o.code] = (confusion[r.truth][o.code] ?? 0) + 1
    if (o.correct) {
      right++
      perCause[r.truth].correct++
    }
    if (o.top3) top3++
    if (o.disposition === 'self' && !o.correct) wrongSelf++
  }
  // Precision of a predicted code: its right answers over its predictions (right = stands for the true cause).
  const rightByPred = new Map<CauseCode, number>()
  for (const r of rows) {
    const o = pick(r)
    if (o.correct) rightByPred.set(o.code, (rightByPred.get(o.code) ?? 0) + 1)
  }
  for (const code of CAUSE_CODES) {
    const p = perCause[code]
    p.recall = p.truth ? p.correct / p.truth : null
    p.precision = p.predicted ? (rightByPred.get(code) ?? 0) / p.predicted : null
  }
  return {
    n,
    top1: n ? right / n : 0,
    top3: withTop3 ? (n ? top3 / n : 0) : null,
    confidentlyWrong: wrongSelf,
    confidentlyWrongShare: n ? wrongSelf / n : 0,
    selfWrongShare: dispositions.self ? wrongSelf / dispositions.self : 0,
    dispositions,
    perCause,
    confusion,
  }
}

function summarise(month: Month, rows: Row[]): EvalResult {
  const count = (xs: string[]) => {
    const m: Record<string, number> = {}
    for (const x of xs) m[x] = (m[x] ?? 0) + 1
    return m
  }
  const byTruth: Record<string, number> = {}
  for (const code of CAUSE_CODES) byTruth[code] = rows.filter((r) => r.truth === code).length
  // Reliability: only when the diagnosis carries a numeric confidence.
  let reliability: EvalResult['reliability'] = null
  if (rows.length && rows.some((r) => r.diagnosis.confidence !== undefined)) {
    const bins = Array.from({ length: 10 }, (_, i) => ({ from: i / 10, to: (i + 1) / 10, n: 0, sum: 0, right: 0 }))
    for (const r of rows) {
      const p = r.diagnosis.confidence
      if (p === undefined) continue
      const b = bins[Math.min(9, Math.max(0, Math.floor(p * 10)))]
      b.n++
      b.sum += p
      if (r.diagnosis.correct) b.right++
    }
    reliability = { bins: bins.map((b) => ({ from: b.from, to: b.to, n: b.n, meanConfidence: b.n ? b.sum / b.n : null, accuracy: b.n ? b.right / b.n : null })) }
  }
  const wrong = rows.filter((r) => !r.diagnosis.correct)
  const classes = new Map<string, EvalResult['mistakeClasses'][number]>()
  for (const r of wrong) {
    const predicted = r.diagnosis.code === 'known_issue' ? `known_issue(${r.diagnosis.resolved})` : r.diagnosis.code
    const key = `${r.truth}|${predicted}|${r.diagnosis.disposition}`
    let k = classes.get(key)
    if (!k) classes.set(key, (k = { truth: r.truth, predicted, disposition: r.diagnosis.disposition, n: 0, tags: {} }))
    k.n++
    for (const t of r.tags) k.tags[t] = (k.tags[t] ?? 0) + 1
  }
  const mistakeClasses = [...classes.values()].sort((a, b) => b.n - a.n || `${a.truth}${a.predicted}`.localeCompare(`${b.truth}${b.predicted}`))
  // Worst first: a wrong self answer (read to the customer and closed), then a wrong dispatch, then a field
  // test where the cause was knowable; one example per class in turn so that the list shows variety.
  const severity = (r: Row) => (r.diagnosis.disposition === 'self' ? 0 : r.diagnosis.disposition === 'dispatch' ? 1 : 2)
  const ordered = wrong.filter((r) => !(r.diagnosis.disposition === 'field_test' && r.truth === 'unknown')).sort((a, b) => severity(a) - severity(b) || a.c.id.localeCompare(b.c.id))
  const worst: EvalResult['worst'] = []
  const usedClass = new Map<string, number>()
  for (let round = 0; worst.length < 10 && round < 3; round++) {
    for (const r of ordered) {
      if (worst.length >= 10) break
      const key = `${r.truth}|${r.diagnosis.code}|${r.diagnosis.disposition}`
      if ((usedClass.get(key) ?? 0) !== round || worst.some((w) => w.id === r.c.id)) continue
      usedClass.set(key, round + 1)
      worst.push({
        id: r.c.id,
        truth: r.truth,
        predicted: r.diagnosis.code === 'known_issue' ? `known_issue(${r.diagnosis.resolved} from ${r.diagnosis.reusedFrom})` : r.diagnosis.code,
        disposition: r.diagnosis.disposition,
        causeDistanceM: r.c.cause ? Math.round(distanceM(r.c.input.lon, r.c.input.lat, r.c.cause.lon, r.c.cause.lat)) : null,
        statedMinusTrueMin: Math.round((r.c.input.occurredAt - r.c.trueAt) / 60_000),
        callDelayMin: Math.round((r.c.callAt - r.c.trueAt) / 60_000),
        tags: r.tags,
        evidence: r.diagnosis.evidence,
      })
    }
  }
  const byTag: EvalResult['byTag'] = {}
  for (const r of rows) {
    for (const t of new Set(r.tags)) {
      const b = (byTag[t] ??= { n: 0, top1: 0, nearestAlarmTop1: 0 })
      b.n++
      if (r.diagnosis.correct) b.top1++
      if (r.nearestAlarm.correct) b.nearestAlarmTop1++
    }
  }
  for (const b of Object.values(byTag)) {
    b.top1 /= b.n
    b.nearestAlarmTop1 /= b.n
  }
  const wrongAlarmKinds: Record<string, number> = {}
  for (const r of wrong) {
    const k = r.diagnosis.alarmKind
    if (k && (r.diagnosis.code === 'site_fault' || r.diagnosis.code === 'cutover')) wrongAlarmKinds[k] = (wrongAlarmKinds[k] ?? 0) + 1
  }
  const g = month.geography
  return {
    city: g.kind,
    source: g.source,
    seed: month.seed,
    days: month.days,
    world: {
      sites: month.snapshot.sites.length,
      cells: month.snapshot.cells.length,
      alarms: month.alarms.length,
      cutovers: month.cutovers.length,
      coverageAreas: month.snapshot.coverage.length,
      plannedSites: month.snapshot.plannedSites.length,
      hiddenHoles: month.hiddenHoles,
      complaints: rows.length,
    },
    byTruth,
    byScenario: count(rows.map((r) => r.c.scenario)),
    diagnosis: figures(rows, (r) => r.diagnosis, true),
    baselines: { nearestAlarm: figures(rows, (r) => r.nearestAlarm, false), fieldTest: figures(rows, (r) => r.fieldTest, false) },
    reliability,
    byTag,
    wrongAlarmKinds,
    mistakeClasses,
    worst,
  }
}
