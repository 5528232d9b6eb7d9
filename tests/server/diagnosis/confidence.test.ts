/**
 * The confidence of the chosen cause (server/src/diagnosis/confidence.ts): in [0, 1], never lower for
 * a larger score margin, read from calibration.json (which covers every cause and was not fitted on
 * the reported eval seed); below the threshold a self answer becomes a field test with the unknown
 * cause's field-test script, keeping the chosen cause, its evidence and the candidates.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { AnswerBook } from '../../../server/src/answers/answer-book.js'
import { defaultDiagnosisOptions } from '../../../server/src/config/index.js'
import {
  calibratedConfidence,
  coversEveryCause,
  lastConfidenceFeatures,
  loadCalibration,
  MARGIN_EDGES,
  rawConfidence,
  supportBin,
  useCalibration,
  type Calibration,
  type ConfidenceFeatures,
} from '../../../server/src/diagnosis/confidence.js'
import { diagnose } from '../../../server/src/diagnosis/diagnose.js'
import { commonSlots } from '../../../server/src/diagnosis/context.js'
import { CAUSE_CODES } from '../../../server/src/domain/types.js'
import { NetworkIndex } from '../../../server/src/index/network-index.js'
import { loadFixture } from './fixture.js'

const inDir = fileURLToPath(new URL('../../fixtures/diagnosis/in/', import.meta.url))
const answers = AnswerBook.load()

function features(over: Partial<ConfidenceFeatures>): ConfidenceFeatures {
  return { cause: 'site_fault', score: 0.8, runnerUp: 0.4, margin: 0.5, evidence: 2, nearestM: 200, cleared: false, reused: null, ...over }
}

/** A table that says `p` for every cause and margin. */
function flat(p: number): Calibration {
  const row = MARGIN_EDGES.map(() => p)
  return {
    fitted: { at: 'test', seeds: [], cities: [], days: 0, answers: 0 },
    marginEdges: [...MARGIN_EDGES],
    cause: Object.fromEntries(CAUSE_CODES.map((c) => [c, row])),
    support: {},
  }
}

function diagnoseFixture(name: string, options = {}) {
  const fx = loadFixture(join(inDir, `${name}.json`))
  const o = { ...defaultDiagnosisOptions, ...fx.options, ...options }
  const index = new NetworkIndex(o)
  index.load(fx.network)
  return { fx, d: diagnose(fx.input, index, answers, o, fx.now) }
}

afterEach(() => useCalibration(undefined))

describe('calibration.json', () => {
  const t = loadCalibration()
  it('loads, covers every cause, says what it was fitted on, and not on the reported seed 1', () => {
    expect(t).not.toBeNull()
    expect(coversEveryCause(t!)).toBe(true)
    expect(t!.fitted.seeds.length).toBeGreaterThan(0)
    expect(t!.fitted.seeds).not.toContain('1')
    expect(t!.fitted.answers).toBeGreaterThan(1000)
    expect(t!.marginEdges).toEqual([...MARGIN_EDGES])
  })
  it('every row is in [0, 1] and non-decreasing in the margin', () => {
    const rows = [...Object.values(t!.cause), ...Object.values(t!.support).flatMap((s) => Object.values(s))]
    for (const row of rows) {
      expect(row).toHaveLength(MARGIN_EDGES.length)
      for (let i = 0; i < row.length; i++) {
        expect(row[i]).toBeGreaterThanOrEqual(0)
        expect(row[i]).toBeLessThanOrEqual(1)
        if (i > 0) expect(row[i]).toBeGreaterThanOrEqual(row[i - 1])
      }
    }
  })
})

describe('confidence', () => {
  it('is in [0, 1] and monotone in the score margin, for every cause and kind of evidence', () => {
    const margins = Array.from({ length: 21 }, (_, i) => i / 20)
    const supports: Partial<ConfidenceFeatures>[] = [
      { nearestM: 100, cleared: false }, { nearestM: 100, cleared: true }, { nearestM: 1500, cleared: false },
      { nearestM: 1500, cleared: true }, { nearestM: null }, { reused: { cause: 'cutover', settled: true } }, { reused: { cause: 'site_fault', settled: false } },
    ]
    for (const table of [loadCalibration(), null]) {
      for (const cause of CAUSE_CODES) {
        for (const s of supports) {
          let prev = -1
          for (const margin of margins) {
            const f = features({ cause, margin, ...s })
            const p = table ? calibratedConfidence(f, table) : rawConfidence(f)
            expect(p).toBeGreaterThanOrEqual(0)
            expect(p).toBeLessThanOrEqual(1)
            expect(p, `${cause} ${JSON.stringify(s)} margin ${margin}`).toBeGreaterThanOrEqual(prev)
            prev = p
          }
        }
      }
    }
  })

  it('every fixture diagnosis carries a confidence in [0, 1] with two decimals', () => {
    for (const f of readdirSync(inDir).filter((x) => x.endsWith('.json'))) {
      const { d } = diagnoseFixture(f.replace(/\.json$/, ''))
      expect(d.confidence, f).toBeGreaterThanOrEqual(0)
      expect(d.confidence, f).toBeLessThanOrEqual(1)
      expect(Math.round(d.confidence * 100) / 100, f).toBe(d.confidence)
    }
  })
})

describe('a flap', () => {
  it('a cleared alarm that lasted less than flapMs is its own kind of evidence, and the eval found it less sure than a longer one', () => {
    const flap = diagnoseFixture('flap_at_the_time')
    expect(flap.d.cause.code).toBe('site_fault')
    expect(lastConfidenceFeatures()).toMatchObject({ cleared: true, brief: true })
    expect(supportBin(lastConfidenceFeatures()!)).toMatch(/^near_cleared_brief_s\d$/)
    // The same alarm, cleared after 30 minutes instead of 2.
    const fx = loadFixture(join(inDir, 'flap_at_the_time.json'))
    fx.network.alarms[0] = { ...fx.network.alarms[0], clearedAt: fx.network.alarms[0].raisedAt + 30 * 60_000 }
    const o = { ...defaultDiagnosisOptions, ...fx.options }
    const index = new NetworkIndex(o)
    index.load(fx.network)
    const long = diagnose(fx.input, index, answers, o, fx.now)
    expect(long.cause.code).toBe('site_fault')
    expect(lastConfidenceFeatures()).toMatchObject({ cleared: true, brief: false })
    expect(flap.d.confidence).toBeLessThan(long.confidence)
  })
})

describe('low confidence', () => {
  it('turns a self answer into a field test with the unknown field-test script, keeping the cause, evidence and candidates', () => {
    useCalibration(flat(0.95))
    const sure = diagnoseFixture('planned_site', { lowConfidenceThreshold: 0.6 }).d
    expect(sure.disposition).toBe('self')
    expect(sure.confidence).toBe(0.95)
    expect(sure.lowConfidence).toBeUndefined()

    useCalibration(flat(0.3))
    const { fx, d } = diagnoseFixture('planned_site', { lowConfidenceThreshold: 0.6 })
    expect(d.confidence).toBe(0.3)
    expect(d.lowConfidence).toBe(true)
    expect(d.disposition).toBe('field_test')
    expect(d.cause.code).toBe('planned_site')
    const script = answers.answer('unknown', commonSlots(fx.input))
    expect(d.answer).toBe(script.answer)
    expect(d.template.code).toBe('unknown')
    expect(d.evidence).toEqual(sure.evidence)
    expect(d.candidates).toEqual(sure.candidates)
    expect(d.candidates[0].cause.code).toBe('planned_site')
    expect(d.candidates[0].answer).toBe(sure.answer)
  })

  it('leaves dispatch and field-test answers, and everything when the threshold is 0', () => {
    useCalibration(flat(0.05))
    expect(diagnoseFixture('planned_site', { lowConfidenceThreshold: 0 }).d.disposition).toBe('self')
    const unknown = diagnoseFixture('unknown_data', { lowConfidenceThreshold: 0.6 }).d
    expect(unknown.disposition).toBe('field_test')
    expect(unknown.lowConfidence).toBeUndefined()
  })
})
