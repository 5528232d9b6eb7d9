/**
 * How sure the diagnosis is of its chosen cause: a probability in [0, 1] that the chosen cause is the
 * true one, read from a calibration table fitted on the generated months of the eval
 * (`npm run eval -- --calibrate`, eval/calibrate.ts → calibration.json beside this file).
 *
 * Features of the ranked candidates:
 *   - the chosen cause code;
 *   - the score margin to the runner-up, (score − runnerUp) / score, in four bins (MARGIN_EDGES);
 *   - a "support" bin, the kind of evidence behind the cause:
 *       known_issue: the cause of the reused complaint, and whether it was settled by a dispatch or
 *                    field test (`…_settled`) or only answered at once (its suggestion, unverified);
 *       other causes: whether the nearest evidence is within NEAR_M of the point (`near`/`far`), for
 *                    an alarm whether it has cleared by the time of the request (`_cleared`) and, if so,
 *                    whether it lasted less than flapMs (`_brief`: a flap or a storm's short alarm, rarely
 *                    what the customer felt, though sometimes exactly that), and the
 *                    chosen score in quarters (`_s0`…`_s3`: the effect of the alarm kind on the
 *                    phenomenon, its severity and the serving site's proximity are in it).
 * The table holds, per cause × support × margin bin, the empirical accuracy of the eval, shrunk
 * toward the cause × margin and cause accuracy where the eval saw few answers, and made
 * non-decreasing in the margin (a larger margin never lowers the confidence).
 *
 * Below `lowConfidenceThreshold` (DiagnosisOptions) an answer the agent would give at once ('self')
 * is not given: the complaint goes to field test with the unknown cause's field-test script, keeping
 * the chosen cause as the suggestion with its evidence and candidates (`lowConfidence: true`).
 */
import { readFileSync } from 'node:fs'
import type { DiagnosisOptions } from '../config/index.js'
import { CAUSE_CODES, type CauseCode, type Diagnosis } from '../domain/types.js'
import type { AnswerTemplate, RankedCandidate, RuleContext } from './context.js'

/** Lower edges of the margin bins. */
export const MARGIN_EDGES = [0, 0.1, 0.3, 0.6] as const
/** Evidence within this distance of the point is `near`. */
export const NEAR_M = 500

/** What the confidence is read from. */
export interface ConfidenceFeatures {
  cause: CauseCode
  score: number
  /** Score of the second-ranked cause; 0 when there is none. */
  runnerUp: number
  /** (score − runnerUp) / score, in [0, 1]. */
  margin: number
  evidence: number
  /** Distance of the nearest evidence item (m); null without evidence. */
  nearestM: number | null
  /** The chosen cause's alarm has cleared by the time of the request. */
  cleared: boolean
  /** … and it lasted less than flapMs (DiagnosisOptions): a flap. */
  brief?: boolean
  /** known_issue: the reused complaint's final cause and whether it was settled by dispatch/field test. */
  reused: { cause: CauseCode; settled: boolean } | null
}

/** The calibration table as stored in calibration.json. */
export interface Calibration {
  /** When and on what the table was fitted (seeds, cities, days, number of answers). */
  fitted: { at: string; seeds: string[]; cities: string[]; days: number; answers: number; tree?: string }
  marginEdges: number[]
  /** cause → accuracy per margin bin (the fallback of every support bin). */
  cause: Record<string, number[]>
  /** cause → support → accuracy per margin bin. */
  support: Record<string, Record<string, number[]>>
}

/** The bin of a margin. */
export function marginBin(margin: number, edges: readonly number[] = MARGIN_EDGES): number {
  let b = 0
  for (let i = 1; i < edges.length; i++) if (margin >= edges[i]) b = i
  return b
}

/** The support bin of a diagnosis (see the file comment). */
export function supportBin(f: ConfidenceFeatures): string {
  if (f.cause === 'known_issue') return f.reused ? `${f.reused.cause}${f.reused.settled ? '_settled' : ''}` : 'none'
  const near = f.nearestM != null && f.nearestM <= NEAR_M ? 'near' : 'far'
  const level = `_s${Math.min(3, Math.max(0, Math.floor(f.score * 4)))}`
  return f.cleared ? `${near}_cleared${f.brief ? '_brief' : ''}${level}` : `${near}${level}`
}

/** The uncalibrated confidence: the chosen score's share of the two best, 1 / (2 − margin), in [0.5, 1]. */
export function rawConfidence(f: ConfidenceFeatures): number {
  return 1 / (2 - Math.min(1, Math.max(0, f.margin)))
}

/** The features of a ranked diagnosis. `ctx` resolves alarms (cleared?) and reused complaints. */
export function confidenceFeatures(ranked: readonly RankedCandidate[], ctx: Pick<RuleContext, 'index' | 'now'> & { options?: Pick<DiagnosisOptions, 'flapMs'> }): ConfidenceFeatures {
  const chosen = ranked[0]
  const runnerUp = ranked[1]?.score ?? 0
  const score = chosen.score
  const margin = score > 0 ? Math.min(1, Math.max(0, (score - runnerUp) / score)) : 0
  let nearestM: number | null = null
  for (const e of chosen.evidence) if (nearestM === null || e.distance_m < nearestM) nearestM = e.distance_m
  const alarmId = chosen.evidence.find((e) => e.type === 'alarm')?.id
  const alarm = alarmId ? ctx.index.alarm(alarmId) : undefined
  const cleared = alarm != null && alarm.clearedAt != null && alarm.clearedAt <= ctx.now
  const brief = cleared && ctx.options != null && alarm.clearedAt! - alarm.raisedAt < ctx.options.flapMs
  let reused: ConfidenceFeatures['reused'] = null
  if (chosen.cause.code === 'known_issue') {
    const id = chosen.evidence.find((e) => e.type === 'complaint')?.id
    const c = id ? ctx.index.complaint(id) : undefined
    // Settled: found by a dispatch or field test (or imported/closed, where the store says so).
    const settled = (c as { settled?: boolean } | undefined)?.settled
    if (c?.cause) reused = { cause: c.cause, settled: settled ?? (c.disposition != null && c.disposition !== 'self') }
  }
  return { cause: chosen.cause.code, score, runnerUp, margin, evidence: chosen.evidence.length, nearestM, cleared, brief, reused }
}

const CALIBRATION_URL = new URL('./calibration.json', import.meta.url)

/** Reads calibration.json; null when it is missing or unreadable (the raw confidence is used). */
export function loadCalibration(): Calibration | null {
  try {
    return JSON.parse(readFileSync(CALIBRATION_URL, 'utf8')) as Calibration
  } catch {
    return null
  }
}

let table: Calibration | null | undefined

/** The table in use (loaded once). */
export function calibration(): Calibration | null {
  if (table === undefined) table = loadCalibration()
  return table
}

/** Replaces the table in use (the eval's calibration, tests); null = the raw confidence; undefined = reload the file. */
export function useCalibration(t: Calibration | null | undefined): void {
  table = t
}

/** The calibrated confidence of the features, in [0, 1], unrounded. */
export function calibratedConfidence(f: ConfidenceFeatures, t: Calibration | null = calibration()): number {
  if (!t) return rawConfidence(f)
  const b = marginBin(f.margin, t.marginEdges)
  const row = t.support[f.cause]?.[supportBin(f)] ?? t.cause[f.cause]
  const p = row?.[b]
  return typeof p === 'number' && Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : rawConfidence(f)
}

/** Rounded to two decimals, as the reply carries it. */
export const round2 = (x: number) => Math.round(x * 100) / 100

let last: ConfidenceFeatures | null = null

/** The features of the latest diagnosis in this process: how the eval's calibration sees them (eval/calibrate.ts). */
export function lastConfidenceFeatures(): ConfidenceFeatures | null {
  return last
}

/** The unknown cause's field-test script, the answer of a cause still being checked. */
function checkingAnswer(ctx: Pick<RuleContext, 'answers' | 'common'>): { answer: string; template: AnswerTemplate } {
  return ctx.answers.answer('unknown', ctx.common)
}

/**
 * The end of diagnose(): adds the confidence of the chosen cause and, below the threshold, turns an
 * answer the agent would give at once ('self') into a field test with the "cause being checked" script
 * (the unknown cause's template), keeping the chosen cause as the suggestion, its evidence and the
 * candidates, and saying so (`lowConfidence`).
 */
export function withConfidence<D extends Diagnosis & { template: AnswerTemplate; candidates: RankedCandidate[] | Diagnosis['candidates'] }>(
  d: D,
  ranked: readonly RankedCandidate[],
  ctx: Pick<RuleContext, 'index' | 'now' | 'answers' | 'common'> & { options: DiagnosisOptions },
): D & { confidence: number } {
  const f = confidenceFeatures(ranked, ctx)
  last = f
  const confidence = round2(calibratedConfidence(f))
  // Only a calibrated confidence turns an answer (without the table the raw one is shown, nothing more).
  const threshold = calibration() ? ctx.options.lowConfidenceThreshold ?? 0 : 0
  if (d.disposition !== 'self' || confidence >= threshold) return { ...d, confidence }
  const checking = checkingAnswer(ctx)
  return { ...d, answer: checking.answer, template: checking.template, disposition: 'field_test', confidence, lowConfidence: true }
}

/** Every cause code has a row in the table. */
export function coversEveryCause(t: Calibration): boolean {
  return CAUSE_CODES.every((c) => Array.isArray(t.cause[c]) && t.cause[c].length === t.marginEdges.length)
}
