/**
 * The figures on a hand-made set of six complaints whose right values are worked out below (the area is
 * the square 0..10; district DA [1..4]² with 2,000 users and DC [5..6]² with 500 lie inside it, DB
 * [8..12]² sticks out of it and does not count for 千人投诉率).
 */
import { describe, expect, it } from 'vitest'
import { computeFigures, type FigureWorkflow } from '../../../server/src/workflow/figures.js'
import { defaultWorkflowOptions as o } from '../../../server/src/config/index.js'
import type { AreaGeometry, Complaint } from '../../../server/src/domain/types.js'

const MIN = 60_000
const H = 60 * MIN
const T = Date.parse('2026-11-01T00:00:00Z')
const NOW = T + 100 * H
const square = (a: number, b: number): AreaGeometry => ({ type: 'Polygon', coordinates: [[[a, a], [b, a], [b, b], [a, b], [a, a]]] })
const AREA = square(0, 10)
const DISTRICTS = [
  { id: 'DA', name: '甲区', users: 2000, geometry: square(1, 4) },
  { id: 'DB', name: '乙区', users: 1000, geometry: square(8, 12) },
  { id: 'DC', name: '丙区', users: 500, geometry: square(5, 6) },
]

const complaint = (id: string, at: number, x: Partial<Complaint>): Complaint => ({
  id, occurredAt: T, reportedAt: T, address: '', service: 'voice', phenomenon: 'no_signal', description: '', vip: null, lon: at, lat: at, number: null,
  suggestedCause: 'unknown', cause: null, answer: null, disposition: 'field_test', specialty: null, linkedSites: [], createdAt: T, ...x,
})
const wf = (x: Partial<FigureWorkflow>): FigureWorkflow => ({
  status: 'closed', repeatOf: null, dispatched: false, fieldTested: false, reopened: false,
  receivedAt: T, respondedAt: T + MIN, answeredAt: T + H, closedAt: T + 2 * H, teamSpecialty: null, ...x,
})

const ROWS = [
  // 1: answered by the agent and closed in time: the one 一次性解决.
  { complaint: complaint('1', 2, { cause: 'weak_coverage', specialty: '无线网优' }), workflow: wf({}) },
  // 2: dispatched, field-tested, closed after 80 h (a late close: overdue); counted under the team's 专业.
  { complaint: complaint('2', 3, { cause: 'site_fault', specialty: '无线网优' }), workflow: wf({ dispatched: true, fieldTested: true, teamSpecialty: '无线-基站及配套', closedAt: T + 80 * H }) },
  // 3: closed, reopened, closed again in time: not 一次性.
  { complaint: complaint('3', 5.5, { cause: 'blind_spot', specialty: '无线网优' }), workflow: wf({ reopened: true, closedAt: T + 10 * H }) },
  // 4: a repeat of 1, answered, not yet due to close (received at 90 h).
  { complaint: complaint('4', 9, {}), workflow: wf({ status: 'answered', repeatOf: '1', receivedAt: T + 90 * H, respondedAt: T + 90 * H + MIN, answeredAt: T + 91 * H, closedAt: null }) },
  // 5: diagnosed 100 h ago, never answered: overdue (answer and close).
  { complaint: complaint('5', 7, { suggestedCause: 'site_fault', specialty: '无线-基站及配套' }), workflow: wf({ status: 'diagnosed', answeredAt: null, closedAt: null }) },
  // 6: imported as history: no workflow, no cause, no 专业.
  { complaint: complaint('6', 2.5, { suggestedCause: null, disposition: null }), workflow: null },
]

describe('computeFigures()', () => {
  const f = computeFigures(ROWS, AREA, DISTRICTS, o, NOW)

  it('counts: 6 complaints, 5 tracked, 3 closed', () => {
    expect([f.total, f.tracked, f.closed]).toEqual([6, 5, 3])
    expect(f.byStatus).toEqual({ closed: 3, answered: 1, diagnosed: 1 })
  })

  it('一次性解决率 = 1 of 3 closed (2 was dispatched, 3 reopened)', () => {
    expect(f.counts.firstTime).toBe(1)
    expect(f.firstTimeResolution).toBeCloseTo(1 / 3, 12)
  })

  it('dispatch, field-test, overdue and repeat rates over the 5 tracked', () => {
    expect(f.dispatchRate).toBe(1 / 5)
    expect(f.fieldTestRate).toBe(1 / 5)
    expect(f.counts.overdue).toBe(2) // 2 (closed late) and 5 (never answered)
    expect(f.overdueRate).toBe(2 / 5)
    expect(f.repeatRate).toBe(1 / 5)
  })

  it('千人投诉率 over the districts inside the area: DA 3 complaints / 2,000, DC 1 / 500 → (3+1)/2,500 × 1000 = 1.6', () => {
    expect(f.districts).toEqual([
      { id: 'DA', name: '甲区', users: 2000, complaints: 3, per1000Users: 1.5 },
      { id: 'DC', name: '丙区', users: 500, complaints: 1, per1000Users: 2 },
    ])
    expect(f.per1000Users).toBeCloseTo(1.6, 12)
  })

  it('by cause (final, else suggested) and by 专业 (the dispatch\'s, else the diagnosis\')', () => {
    expect(f.byCause).toEqual([
      { code: 'site_fault', label: '基站故障告警', count: 2 },
      { code: 'unknown', label: '原因待查(需实测)', count: 2 },
      { code: 'blind_spot', label: '盲点', count: 1 },
      { code: 'weak_coverage', label: '弱覆盖', count: 1 },
    ])
    expect(Object.fromEntries(f.bySpecialty.map((s) => [s.specialty, s.count]))).toEqual({ '无线-基站及配套': 2, 无线网优: 2 })
  })

  it('rates are null when nothing is tracked or closed; 千人投诉率 null without districts', () => {
    const none = computeFigures([ROWS[5]], AREA, [], o, NOW)
    expect([none.firstTimeResolution, none.dispatchRate, none.overdueRate, none.repeatRate, none.per1000Users]).toEqual([null, null, null, null, null])
    expect(none.total).toBe(1)
  })
})
