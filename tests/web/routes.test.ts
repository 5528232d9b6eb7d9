/**
 * The server side of the web app without a browser: map layers, the area analysis, the live event
 * stream, the bundle, and the CSV export's quoting and formula neutralisation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startService, type TestService } from '../helpers/service.js'
import { toCsv } from '../../web/src/engineer/export.js'
import { neutralise } from '../../contract/src/csv.js'

const now = Date.now()
const DISTRICT = { type: 'Polygon', coordinates: [[[113.3, 23.1], [113.4, 23.1], [113.4, 23.2], [113.3, 23.2], [113.3, 23.1]]] }
const week = { from: new Date(now - 7 * 86400_000).toISOString(), to: new Date(now + 3600_000).toISOString() }

describe('web app routes', () => {
  let t: TestService
  beforeAll(async () => {
    t = await startService({ demo: true, now })
  })
  afterAll(async () => {
    await t?.close()
  })

  it('serves the overlays as GeoJSON for a bbox', async () => {
    const b = 'bbox=113.31,23.11,113.37,23.16'
    const cov = (await t.app.inject({ url: `/api/layers/coverage?${b}` })).json()
    expect(cov.features.map((f: { id: string }) => f.id).sort()).toEqual(['BS01', 'BS02', 'BS03', 'BS04'])
    expect(cov.features[0].geometry.type).toMatch(/Polygon/)
    expect((await t.app.inject({ url: `/api/layers/planned?${b}` })).json().features).toHaveLength(3)
    const cut = (await t.app.inject({ url: `/api/layers/cutovers?${b}` })).json()
    const co1 = cut.features.find((f: { id: string }) => f.id === 'CO0001')
    expect(co1.geometry).toEqual({ type: 'MultiPoint', coordinates: [[113.326846, 23.138526]] })
    expect(co1.properties.state).toBe('done')
    const cells = (await t.app.inject({ url: '/api/layers/cells?bbox=113.326,23.138,113.327,23.139' })).json()
    expect(cells.features.map((f: { id: string }) => f.id).sort()).toEqual(['TH001-1', 'TH001-2', 'TH001-3'])
    const complaints = (await t.app.inject({ url: `/api/layers/complaints?${b}` })).json()
    expect(complaints.features.length).toBeGreaterThan(0)
    expect((await t.app.inject({ url: '/api/layers/coverage?bbox=1,2,3' })).statusCode).toBe(400)
  })

  it('gives a feature\'s geometry and the districts', async () => {
    const f = (await t.app.inject({ url: '/api/layers/features/R01' })).json()
    expect(f.properties.name).toBe('天河直街')
    expect(f.geometry.type).toBe('LineString')
    expect((await t.app.inject({ url: '/api/layers/features/nope' })).statusCode).toBe(404)
    const d = (await t.app.inject({ url: '/api/layers/districts' })).json()
    expect(d.features.map((x: { properties: { name: string } }) => x.properties.name)).toEqual(['天河区'])
  })

  it('analyses an area: breakdowns add up, hot spot found, bad input named', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/analysis/area', payload: { area: DISTRICT, ...week } })
    expect(r.statusCode).toBe(200)
    const a = r.json()
    expect(a.total).toBe(a.complaints.length)
    expect(a.byCause.reduce((s: number, x: { count: number }) => s + x.count, 0)).toBe(a.total)
    expect(a.byPhenomenon.reduce((s: number, x: { count: number }) => s + x.count, 0)).toBe(a.total)
    expect(a.topSites.length).toBeGreaterThan(0)
    // The demo's mass-outage scenario: six unexplained complaints by 体育东路.
    expect(a.hotspots[0].count).toBeGreaterThanOrEqual(6)
    const bad = await t.app.inject({ method: 'POST', url: '/api/analysis/area', payload: { area: DISTRICT, from: week.to, to: week.from } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toMatch(/from must not be after to/)
    const open = await t.app.inject({ method: 'POST', url: '/api/analysis/area', payload: { area: { type: 'Polygon', coordinates: [[[0, 0], [1, 0]]] }, ...week } })
    expect(open.statusCode).toBe(400)
  })

  it('streams an event after every import, and closing the server ends the stream', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const addr = t.app.server.address()
    const port = typeof addr === 'object' && addr ? addr.port : 0
    const res = await fetch(`http://127.0.0.1:${port}/api/events`, { headers: { authorization: `Bearer ${t.adminToken}` } })
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/)
    const reader = res.body!.getReader()
    const got = (async () => {
      let text = ''
      while (!text.includes('event: import')) {
        const { value, done } = await reader.read()
        if (done) break
        text += new TextDecoder().decode(value)
      }
      return text
    })()
    await t.service.importText('alarms', { format: 'csv', text: `id,site_id,kind,severity,raised_at,cleared_at\nALRT1,TH002,电源,major,${new Date(now).toISOString()},\n` }, { crs: 'wgs84' })
    const text = await got
    expect(text).toMatch(/event: import\ndata: \{"kind":"alarms","count":1,/)
    await reader.cancel()
  })

  it('bundles the web app on demand', async () => {
    const js = await t.app.inject({ url: '/assets/app.js' })
    expect(js.statusCode).toBe(200)
    expect(js.headers['content-type']).toMatch(/javascript/)
    const again = await t.app.inject({ url: '/assets/app.js', headers: { 'if-none-match': String(js.headers.etag) } })
    expect(again.statusCode).toBe(304)
    expect((await t.app.inject({ url: '/assets/app.css' })).statusCode).toBe(200)
    expect((await t.app.inject({ url: '/assets/..%2Fbundle.ts' })).statusCode).toBe(400)
    expect((await t.app.inject({ url: '/assets/nope.js' })).statusCode).toBe(404)
    const html = await t.app.inject({ url: '/' })
    expect(html.body).toContain('/assets/app.js')
  })
})

describe('CSV export', () => {
  it('neutralises formula-looking text, never numbers', () => {
    expect(neutralise('=1+1')).toBe("'=1+1")
    expect(neutralise('+86 138')).toBe("'+86 138")
    expect(neutralise('-5')).toBe("'-5")
    expect(neutralise('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(neutralise('\tx')).toBe("'\tx")
    expect(neutralise('天河直街')).toBe('天河直街')
  })

  it('writes a BOM, CRLF rows, quotes and numbers as numbers', () => {
    const row = {
      id: 'C1', occurredAt: '2026-11-23T06:10:00.000Z', reportedAt: null, address: '天河直街, "白马"', service: 'voice', phenomenon: 'no_signal',
      description: '=cmd|x', vip: null, lon: -0.5, lat: 23.1, number: '138****1234', suggestedCause: 'cutover' as const, cause: 'cutover' as const,
      overridden: false, answer: null, disposition: 'self' as const, specialty: '无线-基站及配套' as const, linkedSites: ['TH001', 'TH026'], createdAt: '2026-11-23T06:30:00.000Z',
      attributedCause: 'cutover' as const, siteId: 'TH001', distance_m: 120, cluster: null,
    }
    const csv = toCsv([row])
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    const lines = csv.slice(1).split('\r\n')
    expect(lines[0].startsWith('工单号,发生时间')).toBe(true)
    expect(lines[1]).toBe('C1,2026-11-23 14:10,,"天河直街, ""白马""",语音,无信号/忙音,工程维护/割接,工程维护/割接,TH001,120,,自行处理,无线-基站及配套,TH001;TH026,-0.5,23.1,138****1234,\'=cmd|x')
  })
})
