/**
 * GET /api/sites/:id answers every field the service gives for a site's cells, alarms (own and of its
 * BSC), cutovers (with an area) and nearby complaints: the reply schema strips nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startService, type TestService } from '../../helpers/service.js'

const NOW = Date.now()
const H = 3600_000
const iso = (t: number) => new Date(t).toISOString()
const isoOrNull = (t: number | null) => (t == null ? null : iso(t))

let t: TestService
const post = (url: string, payload: string | object, type = 'application/json') =>
  t.app.inject({ method: 'POST', url, headers: { 'content-type': type }, payload })

beforeAll(async () => {
  t = await startService()
  const imports: [string, string][] = [
    ['sites', 'id,name,tech,type,bsc,msc,ring,lon,lat\nS1,白马花园,4G,宏站,BSC12,MSC1,R1,113.3300,23.1400\n'],
    ['cells', 'id,site_id,azimuth,beamwidth,radius_m,tech\nS1-1,S1,0,120,700,4G\nS1-2,S1,120,120,700,\n'],
    ['alarms', `id,site_id,kind,severity,raised_at,cleared_at\nA1,S1,电源,major,${iso(NOW - 3 * H)},${iso(NOW - 2 * H)}\nA2,S1,退服,critical,${iso(NOW - H)},\n`],
    ['alarms', `id,element_type,element_id,kind,severity,raised_at,cleared_at\nAB1,bsc,BSC12,传输中断,critical,${iso(NOW - H)},\n`],
    ['cutovers', `id,site_ids,planned_start,planned_end,description\nCU1,S1,${iso(NOW - 2 * H)},${iso(NOW + H)},S1 扩容割接\n`],
  ]
  for (const [kind, csv] of imports) expect((await post(`/api/import/${kind}`, csv, 'text/csv')).statusCode).toBe(200)
  const rec = await post('/api/complaints', { id: 'C1', lon: 113.331, lat: 23.1405, occurredAt: iso(NOW - 30 * 60_000), service: 'voice', phenomenon: 'no_signal', address: '白马花园 3 栋' })
  expect(rec.statusCode).toBeLessThan(300)
})
afterAll(async () => { await t?.close() })

describe('GET /api/sites/:id', () => {
  it('answers the service\'s site detail whole, with times as ISO strings', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/sites/S1' })
    expect(res.statusCode).toBe(200)
    const got = res.json()
    const d = t.service.siteDetail('S1')
    const json = <T>(v: T) => JSON.parse(JSON.stringify(v))
    expect(got.cells).toEqual(json(d.cells))
    expect(got.cells.length).toBe(2)
    expect(got.alarms).toEqual(json(d.alarms.map((a) => ({ ...a, raisedAt: iso(a.raisedAt), clearedAt: isoOrNull(a.clearedAt), active: a.clearedAt == null }))))
    expect(got.alarms.map((a: { id: string }) => a.id).sort()).toEqual(['A1', 'A2', 'AB1'])
    expect(got.cutovers).toEqual(json(d.cutovers.map((c) => ({
      ...c, plannedStart: isoOrNull(c.plannedStart), plannedEnd: isoOrNull(c.plannedEnd), actualStart: isoOrNull(c.actualStart), actualEnd: isoOrNull(c.actualEnd),
    }))))
    expect(got.cutovers.map((c: { id: string }) => c.id)).toEqual(['CU1'])
    expect(got.complaints).toEqual(d.complaints.map((c) => ({ id: c.id, occurredAt: iso(c.occurredAt), phenomenon: c.phenomenon, cause: c.cause, address: c.address })))
    expect(got.complaints.map((c: { id: string }) => c.id)).toEqual(['C1'])
    const { cells: _c, alarms: _a, cutovers: _u, complaints: _p, ...site } = d
    expect(Object.fromEntries(Object.entries(got).filter(([k]) => k in site))).toEqual(json(site))
  })
})
