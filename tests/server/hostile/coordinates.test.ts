/** NaN, ±Infinity, -0 and out-of-range coordinates in JSON bodies, query strings and CSV cells: 4xx, nothing stored. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestService } from '../../helpers/service.js'
import { COMPLAINT, csvCell, DIAGNOSE, expectHarmless, FROM, seededService, snapshot, TO } from './helpers.js'

let t: TestService
beforeAll(async () => { t = await seededService() })
afterAll(async () => { await t.close() })

const BAD = ['NaN', 'Infinity', '-Infinity', '1e309', '181', '-180.0001', '1e100', 'abc', '', '1,5']
const BAD_LAT = ['NaN', 'Infinity', '90.5', '-91', '1e309']
const post = (url: string, body: unknown) => ({ method: 'POST' as const, url, headers: { 'content-type': 'application/json' }, payload: typeof body === 'string' ? body : JSON.stringify(body) })

describe('coordinates in JSON bodies', () => {
  it('POST /api/diagnose and /api/complaints refuse bad lon/lat (as strings, or 1e309 which JSON reads as Infinity) with 400 naming the field', async () => {
    for (const url of ['/api/diagnose', '/api/complaints']) {
      const base = url === '/api/diagnose' ? DIAGNOSE : { ...COMPLAINT, id: 'CX' }
      for (const v of BAD) {
        const res = await expectHarmless(t, `${url} lon=${v}`, { param: 'lon', req: post(url, { ...base, lon: v }) })
        expect(res.statusCode, `${url} lon=${v}: ${res.body}`).toBe(400)
        expect(res.json().message).toMatch(/lon/)
      }
      for (const v of BAD_LAT) {
        const res = await expectHarmless(t, `${url} lat=${v}`, { param: 'lat', req: post(url, { ...base, lat: v }) })
        expect(res.statusCode, `${url} lat=${v}: ${res.body}`).toBe(400)
        expect(res.json().message).toMatch(/lat/)
      }
      // A literal 1e309 is valid JSON that parses to Infinity.
      const raw = JSON.stringify(base).replace('"lon":113.3301', '"lon":1e309')
      expect((await expectHarmless(t, `${url} lon=1e309 literal`, { param: 'lon', req: post(url, raw) })).statusCode).toBe(400)
    }
  })

  it('accepts the edges of the globe and -0, converting from bd09/gcj02 without a 5xx', async () => {
    for (const [lon, lat] of [[-0, -0], [180, 90], [-180, -90], [0, 0], [179.9999, 89.9999]]) {
      for (const crs of ['wgs84', 'gcj02', 'bd09']) {
        const res = await t.app.inject(post('/api/diagnose', { ...DIAGNOSE, lon, lat, crs }))
        expect([200, 400], `${lon},${lat} ${crs}: ${res.body}`).toContain(res.statusCode)
      }
    }
  })

  it('POST /api/analysis refuses a non-finite or out-of-range bbox, and options of Infinity', async () => {
    for (const bbox of [['NaN', 23, 114, 24], [113, 23, 'Infinity', 24], [113, -91, 114, 24], [114, 23, 113, 24], [-181, 23, 114, 24]]) {
      const res = await expectHarmless(t, `bbox ${bbox}`, { param: 'bbox', req: post('/api/analysis', { bbox, from: FROM, to: TO }) })
      expect(res.statusCode, `${bbox}: ${res.body}`).toBe(400)
    }
    for (const options of [{ clusterRadiusM: 'Infinity' }, { densityCellM: '1e309' }, { clusterWindowMin: '-Infinity' }]) {
      const res = await expectHarmless(t, `options ${JSON.stringify(options)}`, { param: 'options', req: post('/api/analysis', { bbox: [113, 23, 114, 24], from: FROM, to: TO, options }) })
      expect(res.statusCode, `${JSON.stringify(options)}: ${res.body}`).toBe(400)
    }
  })
})

describe('bbox in query strings', () => {
  const ROUTES = ['/api/sites', '/api/complaints', '/api/layers/coverage', '/api/layers/planned', '/api/layers/cells', '/api/layers/cutovers', '/api/layers/complaints']
  const BBOXES = ['NaN,NaN,NaN,NaN', 'NaN,23,114,24', '113,23,Infinity,24', '-Infinity,-Infinity,Infinity,Infinity', '1e309,0,0,0', ',,,', '113,23,114', '113,23,114,24,25',
    '114,23,113,24', '200,95,210,99', 'a,b,c,d', '0x71,23,114,24', '113 23 114 24']
  it.each(ROUTES)('GET %s?bbox=… answers 400 naming bbox', async (path) => {
    for (const bbox of BBOXES) {
      const res = await expectHarmless(t, `${path} bbox=${bbox}`, { param: 'bbox', req: { method: 'GET', url: `${path}?bbox=${encodeURIComponent(bbox)}` } })
      expect(res.statusCode, `${path} bbox=${bbox}: ${res.body}`).toBe(400)
      expect(res.json().message).toMatch(/bbox/)
    }
  })
  it('clamps a bbox beyond the world to the world (OGC API Features), and -0 is 0', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/sites?bbox=-1000,-1000,1000,1000' })
    expect(res.statusCode).toBe(200)
    expect(res.json().length).toBe(2)
    expect((await t.app.inject({ method: 'GET', url: '/api/sites?bbox=-0,-0,180,90' })).statusCode).toBe(200)
  })
})

describe('coordinates in CSV cells and GeoJSON', () => {
  it('an import with a bad lon/lat cell answers 400 naming row and field, nothing stored', async () => {
    for (const v of [...BAD, '-0x1', '1e-400x']) {
      for (const field of ['lon', 'lat']) {
        const [lon, lat] = field === 'lon' ? [csvCell(v), '23.13'] : ['113.33', csvCell(v)]
        const csv = `id,name,lon,lat\nS5,good,113.33,23.13\nS6,bad,${lon},${lat}\n`
        for (const crs of ['wgs84', 'bd09']) {
          const res = await expectHarmless(t, `${field}=${v}`, { param: field, req: { method: 'POST', url: `/api/import/sites?crs=${crs}`, headers: { 'content-type': 'text/csv' }, payload: csv } })
          if (v === '' ) continue // an empty cell is "absent": reported as missing
          expect(res.statusCode, `${field}=${v} ${crs}: ${res.body}`).toBe(400)
          expect(res.json().message).toMatch(new RegExp(`row 2, field "${field}"`))
        }
      }
    }
  })
  it('a GeoJSON position of 1e309 (Infinity), NaN-as-string or beyond the globe answers 400 naming the row', async () => {
    const before = await snapshot(t)
    for (const coords of ['[1e309, 23]', '[113, -1e309]', '["NaN", 23]', '[181, 23]', '[113, 91]', '[113]', '[]', 'null']) {
      const text = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"G1","name":"g","type":"road"},"geometry":{"type":"Point","coordinates":${coords}}}]}`
      const res = await t.app.inject({ method: 'POST', url: '/api/import/features', headers: { 'content-type': 'application/geo+json' }, payload: text })
      expect(res.statusCode, `${coords}: ${res.body}`).toBe(400)
      expect(res.json().message).toMatch(/row 1, field "geometry"/)
    }
    expect(await snapshot(t)).toBe(before)
  })
})
