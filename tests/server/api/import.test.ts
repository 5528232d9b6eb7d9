/** The import endpoint through HTTP: atomicity, idempotency, CRS conversion, references, clear errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import gcoordModule from 'gcoord'
import { startService, type TestService } from '../../helpers/service.js'

// gcoord is CommonJS with an ES-default typing (see server/src/geo/crs.ts)
const gcoord = ((gcoordModule as unknown as { default?: typeof gcoordModule.default }).default ?? gcoordModule) as typeof gcoordModule.default

let t: TestService
beforeAll(async () => { t = await startService() })
afterAll(async () => { await t.close() })

const csv = (lines: string[]) => lines.join('\n') + '\n'
const post = (kind: string, body: string, query = '', type = 'text/csv') =>
  t.app.inject({ method: 'POST', url: `/api/import/${kind}${query}`, headers: { 'content-type': type }, payload: body })
const counts = () => t.service.store.counts()

const SITES = csv([
  'id,name,tech,type,bsc,msc,lon,lat',
  'S1,白马花园,4G,宏站,BSC1,MSC1,113.3300,23.1350',
  'S2,天河东,5G,宏站,BSC1,MSC1,113.3400,23.1360',
  'S3,体育中心室分,4G,室分,BSC2,MSC1,113.3350,23.1400',
])

describe('POST /api/import/{kind}', () => {
  it('imports a CSV and answers with the count', async () => {
    const res = await post('sites', SITES)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ kind: 'sites', imported: 3 })
    expect((await counts()).sites).toBe(3)
    // the index and gazetteer follow the store at once
    expect(t.service.index.site('S2')?.name).toBe('天河东')
    expect(t.service.search('白马', 5)[0]).toMatchObject({ id: 'S1', type: 'site' })
  })

  it('is atomic: a bad middle row → 400 naming row and field, nothing stored', async () => {
    const before = await counts()
    const res = await post('sites', csv([
      'id,name,tech,type,bsc,msc,lon,lat',
      'S10,新站一,4G,宏站,,,113.30,23.10',
      'S11,新站二,4G,宏站,,,east,23.11',
      'S12,新站三,4G,宏站,,,113.32,23.12',
    ]))
    expect(res.statusCode).toBe(400)
    const body = res.json()
    expect(body.code).toBe('IMPORT_INVALID')
    expect(body.message).toMatch(/row 2/)
    expect(body.message).toMatch(/lon/)
    expect(await counts()).toEqual(before)
    expect(t.service.index.site('S10')).toBeUndefined()
  })

  it('is idempotent by id: re-importing replaces, never duplicates', async () => {
    await post('sites', SITES)
    const renamed = SITES.replace('天河东', '天河东站')
    const res = await post('sites', renamed)
    expect(res.statusCode).toBe(200)
    expect((await counts()).sites).toBe(3)
    expect(t.service.index.site('S2')?.name).toBe('天河东站')
    const snap = await t.service.store.loadSnapshot()
    expect(snap.sites.find((s) => s.id === 'S2')?.name).toBe('天河东站')
  })

  it('converts GCJ-02 and BD-09 coordinates to WGS-84', async () => {
    const [gLon, gLat] = gcoord.transform([113.3, 23.1], gcoord.WGS84, gcoord.GCJ02) as [number, number]
    const [bLon, bLat] = gcoord.transform([113.31, 23.11], gcoord.WGS84, gcoord.BD09) as [number, number]
    expect((await post('sites', csv(['id,name,lon,lat', `G1,火星站,${gLon},${gLat}`]), '?crs=gcj02')).statusCode).toBe(200)
    expect((await post('sites', csv(['id,name,lon,lat', `B1,百度站,${bLon},${bLat}`]), '?crs=bd09')).statusCode).toBe(200)
    const g = t.service.index.site('G1')!
    const b = t.service.index.site('B1')!
    // GCJ-02 is offset by a few hundred metres in Guangzhou: the stored point must be back within ~1 m
    expect(Math.abs(g.lon - 113.3)).toBeLessThan(1e-5)
    expect(Math.abs(g.lat - 23.1)).toBeLessThan(1e-5)
    expect(Math.abs(b.lon - 113.31)).toBeLessThan(2e-5)
    expect(Math.abs(b.lat - 23.11)).toBeLessThan(2e-5)
    expect(Math.abs(gLon - 113.3) + Math.abs(gLat - 23.1)).toBeGreaterThan(1e-3) // the offset was real
  })

  it('imports GeoJSON blind spots and refuses an unclosed ring with a clear message', async () => {
    const ring = [[113.33, 23.13], [113.34, 23.13], [113.34, 23.14], [113.33, 23.14], [113.33, 23.13]]
    const fc = (coords: number[][]) => JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { id: 'B1', kind: 'blind', description: '地下车库', reason: '物业难点', remedy: '室分建设', status: '待建' }, geometry: { type: 'Polygon', coordinates: [coords] } }],
    })
    const ok = await post('blind-spots', fc(ring), '', 'application/geo+json')
    expect(ok.statusCode).toBe(200)
    const bad = await post('blind-spots', fc(ring.slice(0, 4)), '', 'application/json')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toMatch(/closed|ring/i)
  })

  it('refuses cells and alarms on unknown sites, naming row and field', async () => {
    const before = await counts()
    const res = await post('alarms', csv([
      'id,site_id,kind,severity,raised_at,cleared_at',
      'A1,S1,断站,critical,2026-11-23 14:05,2026-11-23 15:10',
      'A2,NOPE,断站,critical,2026-11-23 14:05,',
    ]))
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/row 2.*site_id.*NOPE/)
    expect(await counts()).toEqual(before)
  })

  it('answers an unknown kind with 404 and an empty body with 400', async () => {
    expect((await post('towers', SITES)).json()).toMatchObject({ code: 'UNKNOWN_KIND' })
    expect((await post('towers', SITES)).statusCode).toBe(404)
    const empty = await post('sites', '')
    expect(empty.statusCode).toBe(400)
    expect(empty.json().code).toBeTypeOf('string')
  })
})
