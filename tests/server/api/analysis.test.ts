/** POST /api/analysis (bbox, district, polygon), GET /api/warnings and GET /api/analysis/precision through the real service. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startService, type TestService } from '../../helpers/service.js'

const NOW = Date.now()
const H = 3600_000
const iso = (t: number) => new Date(t).toISOString()
/** A whole hour well inside "the last 24 h", so the surge's complaints share one site-hour. */
const OUTAGE = Math.floor((NOW - 5 * H) / H) * H
const ALARM_AT = OUTAGE - 48 * H

let t: TestService
const post = (url: string, payload: string | object, type = 'application/json') =>
  t.app.inject({ method: 'POST', url, headers: { 'content-type': type }, payload })

beforeAll(async () => {
  t = await startService()
  const sites = 'id,name,tech,type,lon,lat\nS1,白马花园,4G,宏站,113.3300,23.1350\nS2,天河站,4G,宏站,113.3500,23.1350\nS3,远方站,4G,宏站,113.5000,23.3000\n'
  expect((await post('/api/import/sites', sites, 'text/csv')).statusCode).toBe(200)
  const alarms = `id,site_id,kind,severity,raised_at,cleared_at\nA1,S2,断站,critical,${iso(ALARM_AT - 600_000)},${iso(ALARM_AT + 2 * H)}\n`
  expect((await post('/api/import/alarms', alarms, 'text/csv')).statusCode).toBe(200)
  const rows = ['id,occurred_at,service,phenomenon,lon,lat']
  // The planted outage: 8 complaints around S1 within one hour, no alarm behind them.
  for (let i = 0; i < 8; i++) rows.push(`O${i},${iso(OUTAGE + i * 6 * 60_000)},voice,no_signal,${113.3300 + i * 0.0002},23.1352`)
  // A burst at S2 during its alarm: a cluster, but explained.
  for (let i = 0; i < 6; i++) rows.push(`F${i},${iso(ALARM_AT + i * 5 * 60_000)},data,no_data,${113.3500 + i * 0.0002},23.1348`)
  // Scattered background over the last week, far apart in space or time.
  for (let i = 0; i < 20; i++) rows.push(`B${i},${iso(NOW - 7 * 24 * H + i * 7 * H)},voice,weak_signal,${113.30 + (i % 5) * 0.02},${23.10 + Math.floor(i / 5) * 0.02}`)
  expect((await post('/api/import/complaints', rows.join('\n') + '\n', 'text/csv')).statusCode).toBe(200)
  const district = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'D1', name: '天河区', type: 'district' },
    geometry: { type: 'Polygon', coordinates: [[[113.32, 23.12], [113.34, 23.12], [113.34, 23.15], [113.32, 23.15], [113.32, 23.12]]] } }] }
  expect((await post('/api/import/features', district)).statusCode).toBe(200)
})
afterAll(async () => { await t.close() })

const window = { from: iso(NOW - 8 * 24 * H), to: iso(NOW) }

describe('POST /api/analysis', () => {
  it('finds the planted outage as the first unexplained cluster and the alarm burst as explained', async () => {
    const res = await post('/api/analysis', { bbox: [113.2, 23.0, 113.6, 23.4], ...window })
    expect(res.statusCode).toBe(200)
    const a = res.json()
    expect(a.total).toBe(34)
    expect(a.truncated).toBe(false)
    expect(a.clusters).toHaveLength(2)
    expect(a.unexplainedClusters).toHaveLength(1)
    expect(a.unexplainedClusters[0]).toMatchObject({ rank: 1, count: 8, unexplained: 8, site: { id: 'S1', name: '白马花园', count: 8 } })
    expect(a.unexplainedClusters[0].complaintIds.sort()).toEqual(['O0', 'O1', 'O2', 'O3', 'O4', 'O5', 'O6', 'O7'])
    const burst = a.clusters.find((c: { site: { id: string } }) => c.site.id === 'S2')
    expect(burst).toMatchObject({ count: 6, unexplained: 0, byCause: { site_fault: 6 } })
    const byCause = Object.fromEntries(a.breakdown.byCause.map((c: { code: string; count: number }) => [c.code, c.count]))
    expect(byCause).toEqual({ unknown: 28, site_fault: 6 })
    expect(a.breakdown.byHour.reduce((s: number, n: number) => s + n, 0)).toBe(34)
    expect(a.density.cells.reduce((s: number, c: number[]) => s + c[2], 0)).toBe(34)
    expect(a.complaints.find((c: { id: string }) => c.id === 'F0')).toMatchObject({ siteId: 'S2', cause: 'site_fault', finalCause: null })
  })

  it('analyses a district by id, and a drawn polygon, with the filter in the store', async () => {
    const d = (await post('/api/analysis', { district: 'D1', ...window })).json()
    const ids = d.complaints.map((c: { id: string }) => c.id)
    expect(ids).toEqual(expect.arrayContaining(['O0', 'O7']))
    expect(ids.some((id: string) => id.startsWith('F'))).toBe(false)
    const poly = { type: 'Polygon', coordinates: [[[113.346, 23.132], [113.358, 23.132], [113.358, 23.138], [113.346, 23.138], [113.346, 23.132]]] }
    const p = (await post('/api/analysis', { area: poly, ...window })).json()
    expect(p.total).toBe(6)
  })

  it('refuses two areas at once, a bad bbox, an unknown district and a reversed window', async () => {
    const twice = await post('/api/analysis', { bbox: [113, 23, 114, 24], district: 'D1', ...window })
    expect(twice.statusCode).toBe(400)
    expect(twice.json().message).toMatch(/exactly one/)
    expect((await post('/api/analysis', { bbox: [114, 23, 113, 24], ...window })).json().message).toMatch(/bbox/)
    expect((await post('/api/analysis', { district: 'nope', ...window })).statusCode).toBe(404)
    expect((await post('/api/analysis', { bbox: [113, 23, 114, 24], from: window.to, to: window.from })).statusCode).toBe(400)
  })
})

describe('GET /api/warnings', () => {
  it('warns of the surge at S1 (no alarm), and of nothing else', async () => {
    const res = await t.app.inject({ url: '/api/warnings' })
    expect(res.statusCode).toBe(200)
    const w = res.json().warnings
    expect(w).toHaveLength(1)
    expect(w[0]).toMatchObject({ type: 'surge', siteId: 'S1', count: 8, from: iso(OUTAGE), baselineMean: 0 })
  })

  it('does not warn of a burst with an alarm behind it', async () => {
    const w = (await t.app.inject({ url: `/api/warnings?from=${encodeURIComponent(iso(ALARM_AT - H))}&to=${encodeURIComponent(iso(ALARM_AT + 2 * H))}` })).json().warnings
    expect(w).toEqual([])
  })
})

describe('GET /api/analysis/precision', () => {
  it('compares suggested with final causes of settled complaints in the window', async () => {
    // Far apart in space and time, so no suggestion reuses another's settled cause (known_issue).
    const at = (h: number) => `2026-01-10T${String(h).padStart(2, '0')}:00:00+08:00`
    const base = { service: 'voice', phenomenon: 'no_signal' }
    const settled: [string, string][] = []
    for (const [id, lon, h, cause] of [['P1', 113.40, 1, 'blind_spot'], ['P2', 113.25, 5, 'blind_spot'], ['P3', 113.60, 9, null], ['P4', 113.70, 13, 'same']] as const) {
      let r = (await post('/api/complaints', { ...base, id, lon, lat: 23.2, occurredAt: at(h), ...(cause && cause !== 'same' ? { cause } : {}) })).json()
      if (cause === 'same') r = (await post('/api/complaints', { ...base, id, lon, lat: 23.2, occurredAt: at(h), cause: r.suggestedCause })).json()
      if (r.cause) settled.push([r.suggestedCause, r.cause])
    }
    const r = (await t.app.inject({ url: '/api/analysis/precision?from=2026-01-01T00:00:00%2B08:00&to=2026-02-01T00:00:00%2B08:00' })).json()
    expect(r.total).toBe(3) // P3 is still open
    const s = settled[2][0]
    expect(settled).toEqual([[s, 'blind_spot'], [s, 'blind_spot'], [s, s]]) // the same rule suggested all three
    expect(s).not.toBe('blind_spot')
    const by = Object.fromEntries(r.causes.map((c: { code: string }) => [c.code, c]))
    expect(by.blind_spot).toMatchObject({ truePositives: 0, falsePositives: 0, falseNegatives: 2, precision: null, recall: 0 })
    expect(by[s]).toMatchObject({ truePositives: 1, falsePositives: 2, falseNegatives: 0, precision: 1 / 3, recall: 1 })
    expect(r.agreement).toBeCloseTo(1 / 3)
  })

  it('answers zero without settled complaints in the window', async () => {
    const r = (await t.app.inject({ url: '/api/analysis/precision?from=2020-01-01&to=2020-02-01' })).json()
    expect(r).toEqual({ total: 0, agreement: null, causes: [], confusion: [] })
  })
})
