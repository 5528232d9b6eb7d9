/**
 * GET/POST /api/figures on a small hand-made set through the real service (both stores): a district
 * with 2,000 users holding four recorded complaints and one imported, one recorded outside; the
 * expected values are worked out in the comments. A fake clock decides what is overdue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startService, type TestService } from '../../helpers/service.js'

const H = 3600_000
const T0 = Date.parse('2026-10-10T09:00:00+08:00')
let clock = T0
const iso = (t: number) => new Date(t).toISOString()
const D1 = { type: 'Polygon', coordinates: [[[113.30, 23.10], [113.36, 23.10], [113.36, 23.16], [113.30, 23.16], [113.30, 23.10]]] }

let t: TestService
const post = (url: string, payload: string | object, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url, headers, payload })
const record = async (lon: number, lat: number, extra: object = {}) => {
  const res = await post('/api/complaints', { lon, lat, occurredAt: iso(clock - H / 2), reportedAt: iso(clock), service: 'voice', phenomenon: 'no_signal', ...extra })
  expect(res.statusCode, res.body).toBe(201)
  return res.json().id as string
}
const step = async (id: string, body: object) => expect((await post(`/api/complaints/${id}/actions`, body)).statusCode).toBe(200)

beforeAll(async () => {
  t = await startService()
  t.service.setClock(() => clock)
  const districts = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'D1', name: '天河区', type: 'district', users: 2000 }, geometry: D1 }] }
  expect((await post('/api/import/features', districts)).statusCode).toBe(200)
  // c1: answered by the agent, closed → 一次性解决.
  const c1 = await record(113.31, 23.11)
  await step(c1, { action: 'answer', cause: 'weak_coverage', note: '经过核实,该处为弱覆盖区域。' })
  await step(c1, { action: 'close' })
  // c2: dispatched, field-tested (site_fault), answered, closed → not 一次性.
  const c2 = await record(113.33, 23.11)
  await step(c2, { action: 'dispatch', team: '天河分公司', specialty: '无线网优' })
  await step(c2, { action: 'field_test', note: '基站硬件故障', cause: 'site_fault' })
  await step(c2, { action: 'answer' })
  await step(c2, { action: 'close' })
  // c3: left diagnosed → overdue once 24 h have passed.
  await record(113.35, 23.11, { number: '13900001111' })
  // c4: an hour later from the same number → a repeat of c3; answered, not yet due to close.
  clock = T0 + H
  const c4 = await record(113.31, 23.14, { number: '13900001111' })
  await step(c4, { action: 'answer' })
  // c5: imported as history (no workflow); c6: recorded outside the district.
  const csv = `id,occurred_at,service,phenomenon,lon,lat\nC5,${iso(T0)},voice,no_signal,113.33,23.14\n`
  expect((await post('/api/import/complaints', csv, { 'content-type': 'text/csv' })).statusCode).toBe(200)
  await record(113.50, 23.30)
  clock = T0 + 30 * H
})
afterAll(async () => { await t.close() })

const window = `from=${encodeURIComponent(iso(T0 - 24 * H))}&to=${encodeURIComponent(iso(T0 + 24 * H))}`

describe('figures', () => {
  it('a district: 5 complaints, 4 tracked, 2 closed; 一次性解决率 1/2; dispatch, field test, overdue, repeat 1/4 each; 千人投诉率 5/2000×1000 = 2.5', async () => {
    const res = await t.app.inject({ url: `/api/figures?district=D1&${window}` })
    expect(res.statusCode, res.body).toBe(200)
    const f = res.json()
    expect([f.total, f.tracked, f.closed]).toEqual([5, 4, 2])
    expect(f.firstTimeResolution).toBe(0.5)
    expect([f.dispatchRate, f.fieldTestRate, f.overdueRate, f.repeatRate]).toEqual([0.25, 0.25, 0.25, 0.25])
    expect(f.per1000Users).toBe(2.5)
    expect(f.districts).toEqual([{ id: 'D1', name: '天河区', users: 2000, complaints: 5, per1000Users: 2.5 }])
    expect(f.byStatus).toEqual({ closed: 2, diagnosed: 1, answered: 1 })
    const causes = Object.fromEntries(f.byCause.map((c: { code: string; count: number }) => [c.code, c.count]))
    expect(causes.weak_coverage).toBe(1)
    expect(causes.site_fault).toBe(1)
    expect(Object.values(causes).reduce((a, b) => (a as number) + (b as number), 0)).toBe(5)
    expect(f.bySpecialty.find((s: { specialty: string }) => s.specialty === '无线网优').count).toBe(1)
  })

  it('a bbox around everything adds the complaint outside the district; a drawn polygon around c1 alone holds one', async () => {
    const all = (await t.app.inject({ url: `/api/figures?bbox=113,23,114,24&${window}` })).json()
    expect([all.total, all.tracked]).toEqual([6, 5])
    expect(all.per1000Users).toBe(2.5) // the outside complaint is in no district with users
    const around = { type: 'Polygon', coordinates: [[[113.305, 23.105], [113.315, 23.105], [113.315, 23.115], [113.305, 23.115], [113.305, 23.105]]] }
    const one = await post('/api/figures', { area: around, from: iso(T0 - 24 * H), to: iso(T0 + 24 * H) })
    expect(one.statusCode, one.body).toBe(200)
    expect(one.json()).toMatchObject({ total: 1, closed: 1, firstTimeResolution: 1, per1000Users: null })
  })

  it('the overdue rate follows the clock: before 24 h nothing is overdue', async () => {
    clock = T0 + 20 * H
    try {
      expect((await t.app.inject({ url: `/api/figures?district=D1&${window}` })).json().overdueRate).toBe(0)
    } finally {
      clock = T0 + 30 * H
    }
  })

  it('refuses two areas, an unknown district, from after to, and agents', async () => {
    expect((await t.app.inject({ url: `/api/figures?district=D1&bbox=113,23,114,24` })).statusCode).toBe(400)
    const missing = await t.app.inject({ url: '/api/figures?district=NOPE' })
    expect(missing.statusCode).toBe(404)
    expect(missing.json().message).toMatch(/NOPE/)
    expect((await t.app.inject({ url: `/api/figures?from=${iso(T0)}&to=${iso(T0 - H)}` })).json().message).toMatch(/from/)
    expect((await t.app.inject({ url: '/api/figures', headers: { authorization: `Bearer ${await t.tokenFor('agent')}` } })).statusCode).toBe(403)
  })
})
