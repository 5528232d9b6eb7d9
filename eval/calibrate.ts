/**
 * npm run eval -- --calibrate [--days 30] [--seed 1] [--fit-seeds 101,102,103,104] [--dry-run]
 *
 * Fits the confidence of the diagnosis (server/src/diagnosis/confidence.ts): runs the generated months
 * of the fit seeds (both cities when ../shared/data/shanghai is present) through the real diagnosis
 * with the low-confidence switch off, records each answer's features and whether it was right, and
 * writes server/src/diagnosis/calibration.json: per cause × margin bin, and per cause × support bin ×
 * margin bin, the empirical accuracy (shrunk toward the coarser cell when the cell is small, then made
 * non-decreasing in the margin). Then, on the reported seed (--seed, never one of the fit seeds), it
 * prints the reliability table and the expected calibration error before (the raw score share) and
 * after calibration, what each threshold would do to the self answers, and the eval's figures with
 * the threshold off and at its default.
 */
import { execSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { AnswerBook } from '../server/src/answers/answer-book.js'
import { defaultDiagnosisOptions, type DiagnosisOptions } from '../server/src/config/index.js'
import {
  calibratedConfidence,
  lastConfidenceFeatures,
  marginBin,
  MARGIN_EDGES,
  rawConfidence,
  supportBin,
  useCalibration,
  type Calibration,
  type ConfidenceFeatures,
} from '../server/src/diagnosis/confidence.js'
import { CAUSE_CODES, type Disposition } from '../server/src/domain/types.js'
import { evaluate, type EvalResult } from './evaluate.js'
import { generateMonth } from './generate/index.js'
import { hasShanghai } from './geography.js'

export const CALIBRATION_PATH = new URL('../server/src/diagnosis/calibration.json', import.meta.url)
export const DEFAULT_FIT_SEEDS = ['101', '102', '103', '104']

/** One answer of the eval as the calibration sees it. */
export interface CalRow {
  f: ConfidenceFeatures
  correct: boolean
  disposition: Disposition
}

/** Prior weight of the coarser cell (in answers). */
const K_CAUSE = 20
const K_BIN = 10

/** Diagnoses one generated month with the low-confidence switch off; one row per complaint. */
export function collect(city: 'generated' | 'shanghai', days: number, seed: string, answers = AnswerBook.load()): { rows: CalRow[]; result: EvalResult } {
  const rows: CalRow[] = []
  const options: DiagnosisOptions = { ...defaultDiagnosisOptions, lowConfidenceThreshold: 0 }
  const result = evaluate(generateMonth({ city, days, seed }), options, answers, (r) => {
    const f = lastConfidenceFeatures()
    if (f) rows.push({ f, correct: r.diagnosis.correct, disposition: r.diagnosis.disposition })
  })
  return { rows, result }
}

/** Weighted isotonic (non-decreasing) regression: pool adjacent violators. */
export function isotonic(values: number[], weights: number[]): number[] {
  const blocks: { v: number; w: number; n: number }[] = []
  for (let i = 0; i < values.length; i++) {
    blocks.push({ v: values[i], w: weights[i], n: 1 })
    while (blocks.length > 1 && blocks[blocks.length - 2].v > blocks[blocks.length - 1].v) {
      const b = blocks.pop()!
      const a = blocks.pop()!
      const w = a.w + b.w
      blocks.push({ v: w > 0 ? (a.v * a.w + b.v * b.w) / w : (a.v + b.v) / 2, w, n: a.n + b.n })
    }
  }
  return blocks.flatMap((b) => Array(b.n).fill(b.v) as number[])
}

const r3 = (x: number) => Math.round(x * 1000) / 1000

/** Fits the table (see the file comment). */
export function fit(rows: CalRow[], fitted: Omit<Calibration['fitted'], 'answers'>): Calibration {
  const B = MARGIN_EDGES.length
  const global = rows.length ? rows.filter((r) => r.correct).length / rows.length : 0.5
  const cause: Calibration['cause'] = {}
  const support: Calibration['support'] = {}
  for (const code of CAUSE_CODES) {
    const mine = rows.filter((r) => r.f.cause === code)
    const overall = (mine.filter((r) => r.correct).length + K_CAUSE * global) / (mine.length + K_CAUSE)
    const cell = (xs: CalRow[], prior: number[]) => {
      const n = Array(B).fill(0) as number[]
      const right = Array(B).fill(0) as number[]
      for (const r of xs) {
        const b = marginBin(r.f.margin)
        n[b]++
        if (r.correct) right[b]++
      }
      const est = n.map((k, b) => (right[b] + K_BIN * prior[b]) / (k + K_BIN))
      return isotonic(est, n.map((k) => k + K_BIN)).map(r3)
    }
    const byBin = cell(mine, Array(B).fill(overall) as number[])
    cause[code] = byBin
    const groups = new Map<string, CalRow[]>()
    for (const r of mine) {
      const s = supportBin(r.f)
      const g = groups.get(s)
      if (g) g.push(r)
      else groups.set(s, [r])
    }
    support[code] = {}
    for (const s of [...groups.keys()].sort()) support[code][s] = cell(groups.get(s)!, byBin)
  }
  return { fitted: { ...fitted, answers: rows.length }, marginEdges: [...MARGIN_EDGES], cause, support }
}

/** Reliability bins (tenths) and the expected calibration error of a confidence over rows. */
export function reliability(rows: CalRow[], conf: (f: ConfidenceFeatures) => number) {
  const bins = Array.from({ length: 10 }, (_, i) => ({ from: i / 10, to: (i + 1) / 10, n: 0, sum: 0, right: 0 }))
  for (const r of rows) {
    const p = conf(r.f)
    const b = bins[Math.min(9, Math.max(0, Math.floor(p * 10)))]
    b.n++
    b.sum += p
    if (r.correct) b.right++
  }
  const n = rows.length || 1
  const ece = bins.reduce((s, b) => s + (b.n ? (b.n / n) * Math.abs(b.right / b.n - b.sum / b.n) : 0), 0)
  return { bins, ece }
}

function formatReliability(title: string, rel: ReturnType<typeof reliability>): string[] {
  const out = [`${title} — ECE ${rel.ece.toFixed(3)}`, '  bin        n   mean conf  accuracy']
  for (const b of rel.bins) {
    if (!b.n) continue
    out.push(`  ${b.from.toFixed(1)}–${b.to.toFixed(1)}  ${String(b.n).padStart(5)}     ${(b.sum / b.n).toFixed(3)}    ${((100 * b.right) / b.n).toFixed(1).padStart(5)}%`)
  }
  return out
}

/** What a threshold does to the self answers: wrong ones turned into field tests, right ones lost. */
export function tradeoff(rows: CalRow[], conf: (f: ConfidenceFeatures) => number, thresholds: number[]) {
  const self = rows.filter((r) => r.disposition === 'self')
  return thresholds.map((t) => {
    let wrongDropped = 0
    let rightLost = 0
    for (const r of self) {
      if (Math.round(conf(r.f) * 100) / 100 >= t) continue
      if (r.correct) rightLost++
      else wrongDropped++
    }
    const wrong = self.filter((r) => !r.correct).length
    return { t, self: self.length, wrong, wrongDropped, rightLost, selfLeft: self.length - wrongDropped - rightLost, wrongLeft: wrong - wrongDropped }
  })
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`

/** The commit the table was fitted on (`+dirty` with uncommitted changes); nothing outside a git checkout. */
function gitTree(): { tree?: string } {
  try {
    const head = execSync('git rev-parse --short HEAD', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    const dirty = execSync('git status --porcelain --untracked-files=no', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== ''
    return { tree: `${head}${dirty ? '+dirty' : ''}` }
  } catch {
    return {}
  }
}

/** The --calibrate command: fit, write, and print the before/after figures on the reported seed. */
export function calibrateCommand(o: { days: number; seed: string; fitSeeds: string[]; write: boolean }): string {
  if (o.fitSeeds.includes(o.seed)) throw new Error(`--calibrate: the reported seed ${o.seed} is one of the fit seeds`)
  const cities: ('generated' | 'shanghai')[] = hasShanghai() ? ['generated', 'shanghai'] : ['generated']
  const answers = AnswerBook.load()
  const out: string[] = []
  const fitRows: CalRow[] = []
  for (const city of cities) for (const seed of o.fitSeeds) fitRows.push(...collect(city, o.days, seed, answers).rows)
  const table = fit(fitRows, { at: new Date().toISOString(), seeds: o.fitSeeds, cities, days: o.days, ...gitTree() })
  // One line per row of numbers: small, and a refit reads as a diff of rows.
  if (o.write) writeFileSync(CALIBRATION_PATH, `${JSON.stringify(table, null, 1).replace(/\[\s*([-\d.,\s"\w]*?)\s*\]/g, (_, xs: string) => `[${xs.split(/,\s*/).join(', ')}]`)}\n`)
  out.push(`# Confidence calibration — fitted on ${fitRows.length} answers (${cities.join(', ')}; seeds ${o.fitSeeds.join(',')}; ${o.days} days)${o.write ? ', written to server/src/diagnosis/calibration.json' : ' (dry run, not written)'}`)
  out.push(`reported on seed ${o.seed} (not fitted on), ${cities.join(' + ')}`)
  out.push('')
  const testRows: CalRow[] = []
  for (const city of cities) testRows.push(...collect(city, o.days, o.seed, answers).rows)
  const calibrated = (f: ConfidenceFeatures) => calibratedConfidence(f, table)
  out.push(...formatReliability(`before (raw score share, 1/(2−margin)), ${testRows.length} answers`, reliability(testRows, rawConfidence)))
  out.push('')
  out.push(...formatReliability('after (calibration.json)', reliability(testRows, calibrated)))
  out.push('')
  out.push('per cause (held-out): n, accuracy, mean calibrated confidence')
  for (const code of CAUSE_CODES) {
    const xs = testRows.filter((r) => r.f.cause === code)
    if (!xs.length) continue
    out.push(`  ${code.padEnd(14)} ${String(xs.length).padStart(5)}  ${pct(xs.filter((r) => r.correct).length / xs.length).padStart(6)}  ${(xs.reduce((s, r) => s + calibrated(r.f), 0) / xs.length).toFixed(3)}`)
  }
  out.push('')
  const ts = [0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9]
  out.push(`low-confidence threshold on the self answers (held-out, switch off: ${testRows.filter((r) => r.disposition === 'self').length} self, of them wrong ${testRows.filter((r) => r.disposition === 'self' && !r.correct).length})`)
  out.push('  threshold  wrong→field test  right→field test  self left  wrong among self left')
  for (const x of tradeoff(testRows, calibrated, ts)) {
    out.push(`  ${x.t.toFixed(2).padStart(9)}  ${String(x.wrongDropped).padStart(16)}  ${String(x.rightLost).padStart(16)}  ${String(x.selfLeft).padStart(9)}  ${(x.selfLeft ? pct(x.wrongLeft / x.selfLeft) : '–').padStart(21)}`)
  }
  out.push('')
  // The whole eval with the switch off and at the default threshold (the switch changes what later
  // complaints see: a doubtful answer is no longer recorded as the final cause at once).
  useCalibration(table)
  out.push(`eval on seed ${o.seed} with the threshold off / at the default ${defaultDiagnosisOptions.lowConfidenceThreshold}: top-1, confidently wrong (self), wrong among self, self/dispatch/field_test`)
  for (const city of cities) {
    for (const t of [0, defaultDiagnosisOptions.lowConfidenceThreshold]) {
      const d = evaluate(generateMonth({ city, days: o.days, seed: o.seed }), { ...defaultDiagnosisOptions, lowConfidenceThreshold: t }, answers).diagnosis
      out.push(`  ${city.padEnd(9)} t=${t.toFixed(2)}  ${pct(d.top1)}  ${pct(d.confidentlyWrongShare)} (${d.confidentlyWrong})  ${pct(d.selfWrongShare)}  ${d.dispositions.self}/${d.dispositions.dispatch}/${d.dispositions.field_test}`)
    }
  }
  useCalibration(undefined)
  return out.join('\n')
}
