/**
 * Properties of diagnose() over random small networks: it never throws, always ranks, and the chosen
 * cause, its disposition and its evidence hang together.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AnswerBook } from '../../../server/src/answers/answer-book.js'
import { defaultDiagnosisOptions } from '../../../server/src/config/index.js'
import { diagnose } from '../../../server/src/diagnosis/diagnose.js'
import { CAUSE_CODES, PHENOMENA, type Alarm, type Cell, type Complaint, type Phenomenon, type Site } from '../../../server/src/domain/types.js'
import { destination } from '../../../server/src/geo/distance.js'
import { NetworkIndex } from '../../../server/src/index/network-index.js'
import { loadFixture } from './fixture.js'

const answers = AnswerBook.load()
const O = { lon: 113.33, lat: 23.14 }
const T = Date.parse('2025-11-23T14:30:00+08:00')
const H = 3600_000
const KINDS = ['断站', '传输中断', '电源', '干扰', '硬件', '驻波', '时钟', '其他告警']
const PHEN = Object.keys(PHENOMENA) as Phenomenon[]

const siteArb = fc.record({
  d: fc.double({ min: 0, max: 2500, noNaN: true }),
  b: fc.double({ min: 0, max: 359, noNaN: true }),
  azimuths: fc.array(fc.integer({ min: 0, max: 359 }), { maxLength: 3 }),
  alarms: fc.array(
    fc.record({
      kind: fc.constantFrom(...KINDS),
      raised: fc.double({ min: -6, max: 2, noNaN: true }),
      dur: fc.option(fc.double({ min: 0.05, max: 5, noNaN: true }), { nil: null }),
    }),
    { maxLength: 3 },
  ),
})

describe('diagnose (properties)', () => {
  it('always answers with a ranked, consistent diagnosis', () => {
    fc.assert(
      fc.property(
        fc.array(siteArb, { maxLength: 6 }),
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom(...PHEN),
        fc.constantFrom('voice' as const, 'data' as const),
        (specs, nComplaints, phenomenon, service) => {
          const sites: Site[] = []
          const cells: Cell[] = []
          const alarms: Alarm[] = []
          specs.forEach((s, i) => {
            const [lon, lat] = destination(O.lon, O.lat, s.d, s.b)
            sites.push({ id: `S${i}`, name: `站${i}`, lon, lat, tech: null, type: null, bsc: null, msc: null })
            s.azimuths.forEach((az, k) => cells.push({ id: `S${i}-${k}`, siteId: `S${i}`, azimuth: az, beamwidth: 65, radiusM: 600, tech: null }))
            s.alarms.forEach((a, k) =>
              alarms.push({
                id: `A${i}-${k}`,
                siteId: `S${i}`,
                kind: a.kind,
                severity: 'major',
                raisedAt: T + a.raised * H,
                clearedAt: a.dur == null ? null : T + (a.raised + a.dur) * H,
              }),
            )
          })
          const complaints: Complaint[] = []
          for (let k = 0; k < nComplaints; k++) {
            const [lon, lat] = destination(O.lon, O.lat, 100 * k, 40 * k)
            complaints.push({
              id: `C${k}`, occurredAt: T - (k + 1) * 10 * 60_000, reportedAt: null, address: '', service, phenomenon,
              description: '', vip: null, lon, lat, number: null, suggestedCause: null, cause: null, answer: null,
              disposition: null, specialty: null, linkedSites: [], createdAt: 0,
            })
          }
          const index = new NetworkIndex(defaultDiagnosisOptions)
          index.load({ sites, cells, alarms, cutovers: [], coverage: [], plannedSites: [], complaints })
          const d = diagnose({ lon: O.lon, lat: O.lat, occurredAt: T, service, phenomenon }, index, answers, defaultDiagnosisOptions, T + 2 * H)

          expect(CAUSE_CODES).toContain(d.cause.code)
          expect(d.candidates[0].cause).toEqual(d.cause)
          expect(d.evidence).toEqual(d.candidates[0].evidence)
          expect(d.answer.length).toBeGreaterThan(0)
          // Ranked by score, one per cause, unknown always considered.
          const codes = d.candidates.map((c) => c.cause.code)
          expect(new Set(codes).size).toBe(codes.length)
          expect(codes).toContain('unknown')
          for (let i = 1; i < d.candidates.length; i++) expect(d.candidates[i - 1].score).toBeGreaterThanOrEqual(d.candidates[i].score)
          for (const c of d.candidates) expect(c.rankReason).toMatch(/^第\d+位/)
          // Dispositions follow the cause.
          if (d.cause.code === 'unknown') expect(d.disposition).toBe('field_test')
          if (d.cause.code === 'mass_outage') expect(d.disposition).toBe('dispatch')
          // mass_outage never stands beside an alarm that explains the point.
          if (codes.includes('mass_outage')) expect(codes.filter((c) => c === 'site_fault' || c === 'cutover')).toEqual([])
          // Serving sites: capped, best first, within the maximum distance.
          expect(d.servingSites.length).toBeLessThanOrEqual(defaultDiagnosisOptions.maxServingSites)
          for (const s of d.servingSites) expect(s.distance_m).toBeLessThanOrEqual(defaultDiagnosisOptions.maxSiteDistanceM)
          // An interference alarm is never the evidence for 无信号.
          if (phenomenon === 'no_signal') {
            for (const e of d.evidence) if (e.type === 'alarm') expect(index.alarm(e.id)?.kind).not.toBe('干扰')
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('uses the clock when no `now` is given, and is a pure function of its inputs', () => {
    const fx = loadFixture(new URL('../../fixtures/diagnosis/in/worked_example.json', import.meta.url).pathname)
    const index = new NetworkIndex(defaultDiagnosisOptions)
    index.load(fx.network)
    const a = diagnose(fx.input, index, answers, defaultDiagnosisOptions)
    const b = diagnose(fx.input, index, answers, defaultDiagnosisOptions)
    // Today is long after 15:10 on the fixture's day: the alarm has cleared.
    expect(a.answer).toBe('因为工程维护引起信号短暂中断,现在信号已恢复。')
    expect(b).toEqual(a)
    // Asked before the alarm cleared, the same complaint gets the "still under maintenance" answer.
    const early = diagnose(fx.input, index, answers, defaultDiagnosisOptions, Date.parse('2025-11-23T14:40:00+08:00'))
    expect(early.cause.code).toBe('cutover')
    expect(early.answer).toContain('正在进行工程维护')
  })
})
