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
import type { CauseCode, Complaint, Disposition } from '../server/src/domain/types.js'
import { NetworkIndex } from '../server/src/index/network-index.js'
import { NearestAlarmBaseline, score } from './baselines.js'
import type { Month, TruthComplaint } from './generate/index.js'
import { summarise, type EvalResult } from './summary.js'

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

export type { EvalResult, Figures } from './summary.js'

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
