/**
 * The eval's figures from the scored rows: top-1/top-3, confidently wrong self answers, per-cause
 * precision and recall, the confusion matrix, reliability of the confidence, per-tag accuracy and the
 * commonest and worst mistakes.
 */
import { CAUSE_CODES, type CauseCode, type Disposition } from '../server/src/domain/types.js'
import { distanceM } from '../server/src/geo/distance.js'
import type { Outcome, Row } from './evaluate.js'
import type { Month } from './generate/index.js'

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

export function summarise(month: Month, rows: Row[]): EvalResult {
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
