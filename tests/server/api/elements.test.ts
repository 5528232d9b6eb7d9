/**
 * Element-level faults and the network-element tree through the API (issue 9), on both stores:
 * imports with the new optional fields (old files still valid), BSC alarms and MSC cutovers in the
 * diagnosis, GET /api/network/tree and /api/network/elements, the analysis by element, a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startService, type TestService } from '../../helpers/service.js'

const NOW = Date.now()
const H = 3600_000
const iso = (t: number) => new Date(t).toISOString()

// Four sites 3 km apart: BSC12 (S1, S2) and BSC14 (S4) under MSC1, BSC13 (S3) under MSC2; ring R2 = S2 + S3.
const SITES = [
  'id,name,tech,type,bsc,msc,ring,lon,lat',
  'S1,白马花园,4G,宏站,BSC12,MSC1,R1,113.3300,23.1400',
  'S2,体育中心,4G,宏站,BSC12,MSC1,R2,113.3594,23.1400',
  'S3,龙口东路,4G,宏站,BSC13,MSC2,R2,113.3888,23.1400',
  'S4,石牌东,4G,宏站,BSC14,MSC1,,113.4182,23.1400',
].join('\n') + '\n'
const near = (lon: number) => ({ lon, lat: 23.1413 })
const AT = { S1: near(113.33), S2: near(113.3594), S3: near(113.3888), S4: near(113.4182) }

let t: TestService
const post = (url: string, payload: string | object, type = 'application/json') =>
  t.app.inject({ method: 'POST', url, headers: { 'content-type': type }, payload })
const get = (url: string) => t.app.inject({ method: 'GET', url })
const diagnoseAt = async (p: { lon: number; lat: number }, occurredAt = NOW - 10 * 60_000) => {
  const res = await post('/api/diagnose', { ...p, occurredAt: iso(occurredAt), service: 'voice', phenomenon: 'no_signal' })
  expect(res.statusCode).toBe(200)
  return res.json()
}

beforeAll(async () => {
  t = await startService()
  expect((await post('/api/import/sites', SITES, 'text/csv')).statusCode).toBe(200)
  expect((await post('/api/import/cells', 'id,site_id,azimuth,beamwidth,radius_m\nS1-1,S1,0,360,700\n', 'text/csv')).statusCode).toBe(200)
})
afterAll(async () => { await t?.close() })

describe('imports with element fields', () => {
  it('still imports an alarm file of the old format (site_id only)', async () => {
    const res = await post('/api/import/alarms', `id,site_id,kind,severity,raised_at,cleared_at\nOLD1,S4,电源,major,${iso(NOW - 30 * H)},${iso(NOW - 29 * H)}\n`, 'text/csv')
    expect(res.json()).toEqual({ kind: 'alarms', imported: 1, skipped: [] })
    expect(t.service.index.alarm('OLD1')).toEqual({ id: 'OLD1', siteId: 'S4', kind: '电源', severity: 'major', raisedAt: NOW - 30 * H, clearedAt: NOW - 29 * H })
  })

  it('imports alarms on a BSC, an MSC and a ring (CSV) and a site alarm naming itself in element_id', async () => {
    const csv = [
      'id,element_type,element_id,site_id,kind,severity,raised_at,cleared_at',
      `AB1,bsc,BSC12,,传输中断,critical,${iso(NOW - H)},`,
      `AS1,site,S4,S4,断站,major,${iso(NOW - 50 * H)},${iso(NOW - 49 * H)}`,
      `AR1,传输环,R9X,,传输中断,critical,${iso(NOW - 50 * H)},${iso(NOW - 49 * H)}`,
    ].join('\n') + '\n'
    // R9X hangs no site: refused, naming the row and field, nothing stored.
    const bad = await post('/api/import/alarms', csv, 'text/csv')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().details.problems).toEqual([expect.objectContaining({ row: 3, field: 'element_id', message: expect.stringContaining('ring "R9X"') })])
    expect(t.service.index.alarm('AB1')).toBeUndefined()
    const ok = await post('/api/import/alarms', csv.replace('R9X', 'R2'), 'text/csv')
    expect(ok.json().imported).toBe(3)
    expect(t.service.index.alarm('AB1')).toMatchObject({ siteId: '', element: { type: 'bsc', id: 'BSC12' } })
    expect(t.service.index.alarm('AS1')).toMatchObject({ siteId: 'S4' })
    expect(t.service.index.alarm('AS1')!.element).toBeUndefined()
  })

  it('imports an MSC alarm from GeoJSON properties', async () => {
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: null, properties: { id: 'AM1', element_type: 'MSC', element_id: 'MSC2', kind: '硬件', severity: '次要', raised_at: iso(NOW - 80 * H), cleared_at: iso(NOW - 79 * H) } }] }
    expect((await post('/api/import/alarms', fc)).json().imported).toBe(1)
    expect(t.service.index.alarm('AM1')!.element).toEqual({ type: 'msc', id: 'MSC2' })
  })

  it('refuses bad element fields with 400 naming row and field, storing nothing', async () => {
    const cases: [string, string, string][] = [
      [`id,element_type,element_id,kind,severity,raised_at\nX1,switch,BSC12,断站,critical,${iso(NOW)}\n`, 'alarms', 'element_type'],
      [`id,element_type,element_id,kind,severity,raised_at\nX2,bsc,,断站,critical,${iso(NOW)}\n`, 'alarms', 'element_id'],
      [`id,element_type,element_id,site_id,kind,severity,raised_at\nX3,bsc,BSC12,S1,断站,critical,${iso(NOW)}\n`, 'alarms', 'site_id'],
      [`id,site_ids,element_ids,planned_start,planned_end\nX4,,bsc,${iso(NOW)},${iso(NOW + H)}\n`, 'cutovers', 'element_ids'],
      [`id,site_ids,element_ids,planned_start,planned_end\nX5,,pop:P1,${iso(NOW)},${iso(NOW + H)}\n`, 'cutovers', 'element_ids'],
      [`id,site_ids,element_ids,planned_start,planned_end\nX6,,bsc:NOPE,${iso(NOW)},${iso(NOW + H)}\n`, 'cutovers', 'element_ids'],
    ]
    for (const [csv, kind, field] of cases) {
      const res = await post(`/api/import/${kind}`, csv, 'text/csv')
      expect(res.statusCode, csv).toBe(400)
      expect(res.json().details.problems.map((p: { field: string }) => p.field), csv).toContain(field)
    }
    for (const id of ['X1', 'X2', 'X3']) expect(t.service.index.alarm(id)).toBeUndefined()
    for (const id of ['X4', 'X5', 'X6']) expect(t.service.index.cutover(id)).toBeUndefined()
  })
})

describe('diagnosis of element faults', () => {
  it('a BSC alarm explains a complaint at each of its sites, naming the BSC and the serving site', async () => {
    for (const id of ['S1', 'S2'] as const) {
      const d = await diagnoseAt(AT[id])
      expect(d.cause.code).toBe('site_fault')
      const ev = d.evidence.find((e: { type: string }) => e.type === 'alarm')
      expect(ev).toMatchObject({ id: 'AB1', element: { type: 'bsc', id: 'BSC12' } })
      expect(ev.why).toContain(`服务基站 ${id}`)
      expect(ev.why).toContain('属于 BSC12')
    }
  })

  it('and not a complaint at a site of another BSC', async () => {
    for (const id of ['S3', 'S4'] as const) {
      const d = await diagnoseAt(AT[id])
      expect(d.servingSites[0].id).toBe(id)
      expect(d.cause.code).toBe('unknown')
    }
  })

  it('an MSC cutover (element_ids) explains complaints under the MSC only', async () => {
    const csv = `id,site_ids,element_ids,planned_start,planned_end,description\nCM1,,msc:MSC2,${iso(NOW - 2 * H)},${iso(NOW + H)},MSC2 核心网割接\n`
    expect((await post('/api/import/cutovers', csv, 'text/csv')).json().imported).toBe(1)
    const d = await diagnoseAt(AT.S3)
    expect(d.cause.code).toBe('cutover')
    const ev = d.evidence.find((e: { type: string }) => e.type === 'cutover')
    expect(ev).toMatchObject({ id: 'CM1', element: { type: 'msc', id: 'MSC2' } })
    expect(ev.why).toContain('服务基站 S3')
    expect((await diagnoseAt(AT.S4)).cause.code).toBe('unknown')
  })

  it('a ring alarm explains complaints at the ring\'s sites', async () => {
    const csv = `id,element_type,element_id,kind,severity,raised_at,cleared_at\nAR2,ring,R1,传输中断,critical,${iso(NOW - H)},${iso(NOW - 5 * 60_000)}\n`
    expect((await post('/api/import/alarms', csv, 'text/csv')).statusCode).toBe(200)
    const d = await diagnoseAt(AT.S1)
    // S1 has both its BSC's alarm and its ring's: the evidence names one of them, with its element.
    expect(d.cause.code).toBe('site_fault')
    expect(d.candidates[0].evidence[0].element).toBeDefined()
    const ringOnly = await diagnoseAt(AT.S1, NOW - 20 * 60_000)
    expect(ringOnly.cause.code).toBe('site_fault')
  })
})

describe('GET /api/network/tree and /api/network/elements', () => {
  it('builds the tree with states (worst of the subtree) and no orphans', async () => {
    const res = await get('/api/network/tree')
    expect(res.statusCode).toBe(200)
    const tree = res.json()
    expect(tree.mscs.map((m: { id: string }) => m.id)).toEqual(['MSC1', 'MSC2'])
    const msc1 = tree.mscs[0]
    expect(msc1.bscs.map((b: { id: string }) => b.id)).toEqual(['BSC12', 'BSC14'])
    expect(msc1.bscs[0].ownState).toBe('alarm')
    expect(msc1.state).toBe('alarm')
    expect(msc1.bscs[0].sites.map((s: { id: string }) => s.id)).toEqual(['S1', 'S2'])
    expect(msc1.bscs[0].sites[0].cells.map((c: { id: string }) => c.id)).toEqual(['S1-1'])
    expect(tree.mscs[1].ownState).toBe('cutover')
    expect(tree.rings.map((r: { id: string; sites: string[] }) => [r.id, r.sites])).toEqual([['R1', ['S1']], ['R2', ['S2', 'S3']]])
    expect(tree.counts).toMatchObject({ mscs: 2, bscs: 3, rings: 2, sites: 4, cells: 1 })
    expect(tree.orphans).toEqual({ sitesWithoutBsc: [], sitesWithoutMsc: [], cellsWithoutSite: [], bscsUnderSeveralMscs: [] })
  })

  it('colours a site on the map by the worst of its own state and its BSC, MSC and ring', async () => {
    const state = async (id: string) => (await get(`/api/sites/${id}`)).json().state
    expect(t.service.index.elementOwnState('bsc', 'BSC12', Date.now())).toBe('alarm')
    // S1 and S2 have no alarm of their own, but their BSC12 is down.
    expect(await state('S1')).toBe('alarm')
    expect(await state('S2')).toBe('alarm')
    // S3 hangs on MSC2, inside its cutover window; S4's BSC14 and MSC1 have nothing of their own.
    expect(await state('S3')).toBe('cutover')
    expect(await state('S4')).toBe('normal')
    // Its panel says why: the BSC's alarm is listed with the site's own, naming the element.
    const s1 = (await get('/api/sites/S1')).json()
    expect(s1.alarms.map((a: { id: string; element?: { type: string; id: string }; active: boolean }) => [a.id, a.element?.type, a.element?.id, a.active])).toContainEqual(['AB1', 'bsc', 'BSC12', true])
    expect((await get('/api/sites/S4')).json().alarms.map((a: { id: string }) => a.id)).not.toContain('AB1')
    const listed = (await get('/api/sites?bbox=113.3,23.1,113.5,23.2')).json() as { id: string; state: string }[]
    expect(Object.fromEntries(listed.filter((s) => /^S[1-4]$/.test(s.id)).map((s) => [s.id, s.state]))).toEqual({ S1: 'alarm', S2: 'alarm', S3: 'cutover', S4: 'normal' })
  })

  it('reports a BSC named under two MSCs and a site without BSC', async () => {
    expect((await post('/api/import/sites', 'id,name,bsc,msc,lon,lat\nS5,孤站,,MSC2,113.45,23.14\nS6,跨界站,BSC14,MSC2,113.46,23.14\n', 'text/csv')).statusCode).toBe(200)
    const tree = (await get('/api/network/tree')).json()
    expect(tree.orphans.sitesWithoutBsc).toEqual(['S5'])
    expect(tree.orphans.bscsUnderSeveralMscs).toEqual([{ id: 'BSC14', mscs: ['MSC1', 'MSC2'] }])
  })

  it('gives a BSC its sites, footprint, alarm state and the complaints inside it', async () => {
    for (const [id, p] of [['K1', AT.S1], ['K2', AT.S2], ['K3', AT.S3]] as const) {
      const res = await post('/api/complaints', { id, ...p, occurredAt: iso(NOW - 15 * 60_000), service: 'voice', phenomenon: 'no_signal' })
      expect(res.statusCode).toBe(201)
    }
    const res = await get('/api/network/elements/bsc/BSC12')
    expect(res.statusCode).toBe(200)
    const e = res.json()
    expect(e).toMatchObject({ type: 'bsc', id: 'BSC12', state: 'alarm', ownState: 'alarm', related: [{ type: 'msc', id: 'MSC1' }] })
    expect(e.sites.map((s: { id: string }) => s.id)).toEqual(['S1', 'S2'])
    expect(e.alarms.map((a: { id: string; active: boolean }) => [a.id, a.active])).toEqual([['AB1', true]])
    expect(e.footprint.type).toBe('Feature')
    expect(e.footprint.geometry.type).toBe('Polygon')
    expect(e.footprint.properties).toMatchObject({ type: 'bsc', id: 'BSC12', sites: 2 })
    expect(e.complaints.count).toBe(2)
    expect(e.complaints.list.map((c: { id: string }) => c.id).sort()).toEqual(['K1', 'K2'])
    const msc = (await get('/api/network/elements/msc/MSC2')).json()
    expect(msc.cutovers.map((c: { id: string }) => c.id)).toEqual(['CM1'])
    expect(msc.related.map((r: { id: string }) => r.id)).toEqual(['BSC13', 'BSC14'])
    // A window that ends before the complaints: none inside.
    const early = (await get(`/api/network/elements/bsc/BSC12?from=${iso(NOW - 5 * H)}&to=${iso(NOW - 4 * H)}`)).json()
    expect(early.complaints.count).toBe(0)
  })

  it('answers 400 for an unknown type and 404 for an element no site names', async () => {
    const bad = await get('/api/network/elements/switch/X')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toContain('type: expected one of bsc, msc, ring')
    const none = await get('/api/network/elements/bsc/BSC99')
    expect(none.statusCode).toBe(404)
    expect(none.json().message).toContain('BSC99')
  })
})

describe('analysis and restart', () => {
  it('POST /api/analysis groups the complaints by BSC and MSC', async () => {
    const res = await post('/api/analysis', { bbox: [113.3, 23.1, 113.5, 23.2], from: iso(NOW - 2 * H), to: iso(NOW) })
    expect(res.statusCode).toBe(200)
    const b = res.json().breakdown
    // K1 at S1 falls under both BSC12's alarm and ring R1's: the ring (the most local element) takes it.
    expect(b.byBsc.find((x: { id: string }) => x.id === 'BSC12')).toEqual({ id: 'BSC12', sites: 2, count: 2, unexplained: 0, elementFault: 1 })
    expect(b.byRing.find((x: { id: string }) => x.id === 'R1')).toEqual({ id: 'R1', sites: 1, count: 1, unexplained: 0, elementFault: 1 })
    expect(b.byMsc.find((x: { id: string }) => x.id === 'MSC2')).toEqual({ id: 'MSC2', sites: 1, count: 1, unexplained: 0, elementFault: 1 })
    expect(b.byRing.map((x: { id: string }) => x.id).sort()).toEqual(['R1', 'R2'])
  })

  it('keeps rings, element alarms and element cutovers across a restart', async () => {
    await t.stop()
    t = await startService({ store: t.store })
    expect(t.service.index.site('S2')!.ring).toBe('R2')
    expect(t.service.index.site('S4')!.ring).toBeUndefined()
    expect(t.service.index.alarm('AB1')).toMatchObject({ siteId: '', element: { type: 'bsc', id: 'BSC12' } })
    expect(t.service.index.alarm('OLD1')!.element).toBeUndefined()
    expect(t.service.index.cutover('CM1')!.elements).toEqual([{ type: 'msc', id: 'MSC2' }])
    expect((await diagnoseAt(AT.S2)).cause.code).toBe('site_fault')
    expect((await diagnoseAt(AT.S3)).cause.code).toBe('cutover')
  })
})
