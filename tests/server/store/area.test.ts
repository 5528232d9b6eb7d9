/**
 * Area queries (pushed down into PostGIS, answered in the service on the embedded store) give the same
 * answers on both stores; on PostGIS every spatial table is a real 4326 geometry layer with a GiST index.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { STORE, startService, type TestService } from '../../helpers/service.js'

let t: TestService
const post = (kind: string, body: string, type = 'text/csv') =>
  t.app.inject({ method: 'POST', url: `/api/import/${kind}`, headers: { 'content-type': type }, payload: body })

// An L-shaped district: its bbox contains points that are NOT in it, so a bbox-only filter would be wrong.
const L = [[113.30, 23.10], [113.34, 23.10], [113.34, 23.12], [113.32, 23.12], [113.32, 23.14], [113.30, 23.14], [113.30, 23.10]]
const SQUARE = [[113.40, 23.10], [113.42, 23.10], [113.42, 23.12], [113.40, 23.12], [113.40, 23.10]]
const districts = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { id: 'D-L', name: '天河区', type: 'district' }, geometry: { type: 'Polygon', coordinates: [L] } },
    { type: 'Feature', properties: { id: 'D-SQ', name: '越秀区', type: 'district' }, geometry: { type: 'Polygon', coordinates: [SQUARE] } },
  ],
})
const complaints = [
  'id,occurred_at,address,service,phenomenon,lon,lat,cause',
  'IN1,2026-11-20 10:00,甲,voice,无信号/忙音,113.31,23.11,cutover',       // in L (lower arm)
  'IN2,2026-11-20 11:00,乙,voice,掉话,113.31,23.13,blind_spot',            // in L (upper arm)
  'IN3,2026-11-21 09:00,丙,data,无法上网,113.33,23.11,',                    // in L
  'NOTCH,2026-11-20 12:00,丁,voice,无信号/忙音,113.33,23.13,cutover',      // in L's bbox, not in L
  'LATE,2026-11-25 10:00,戊,voice,无信号/忙音,113.31,23.11,cutover',       // in L, outside the window
  'SQ1,2026-11-20 10:00,己,voice,信号弱/不稳定,113.41,23.11,weak_coverage', // in the square
].join('\n')

beforeAll(async () => {
  t = await startService()
  expect((await post('features', districts, 'application/geo+json')).statusCode).toBe(200)
  expect((await post('complaints', complaints)).statusCode).toBe(200)
})
afterAll(async () => { await t.close() })

const window = { from: '2026-11-19T00:00:00+08:00', to: '2026-11-22T00:00:00+08:00' }

describe(`area queries on ${STORE}`, () => {
  it('finds the complaints inside a drawn polygon and window, not those only inside its bbox', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/complaints/area', payload: { area: { type: 'Polygon', coordinates: [L] }, ...window } })
    expect(res.statusCode).toBe(200)
    const r = res.json()
    expect(r.complaints.map((c: { id: string }) => c.id).sort()).toEqual(['IN1', 'IN2', 'IN3'])
    expect(r.total).toBe(3)
    expect(r.byCause).toEqual({ cutover: 1, blind_spot: 1, open: 1 })
    expect(r.byPhenomenon).toEqual({ no_signal: 1, call_drop: 1, no_data: 1 })
  })

  it('takes a district id instead of a polygon, and bounds the list but not the total', async () => {
    const r = (await t.app.inject({ method: 'POST', url: '/api/complaints/area', payload: { district: 'D-L', ...window, limit: 2 } })).json()
    expect(r.total).toBe(3)
    expect(r.complaints).toHaveLength(2)
    expect(r.complaints[0].id).toBe('IN3') // newest first
  })

  it('counts complaints per district', async () => {
    const res = await t.app.inject({ url: `/api/districts/stats?from=${encodeURIComponent(window.from)}&to=${encodeURIComponent(window.to)}` })
    expect(res.json()).toEqual([{ id: 'D-L', name: '天河区', complaints: 3 }, { id: 'D-SQ', name: '越秀区', complaints: 1 }])
  })

  it('refuses bad areas with a clear message', async () => {
    const bowtie = [[113.30, 23.10], [113.34, 23.14], [113.34, 23.10], [113.30, 23.14], [113.30, 23.10]]
    for (const [area, pattern] of [
      [{ type: 'Polygon', coordinates: [bowtie] }, /intersects itself/],
      [{ type: 'Polygon', coordinates: [L.slice(0, -1)] }, /closed|ring/],
      [{ type: 'Point', coordinates: [113.3, 23.1] }, /Polygon/],
      [{ type: 'Polygon', coordinates: [[[0, 0], [1e9, 0], [1, 1], [0, 0]]] }, /longitude|lon/],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/api/complaints/area', payload: { area, ...window } })
      expect(res.statusCode, JSON.stringify(area)).toBe(400)
      expect(res.json().message).toMatch(pattern)
    }
    const missing = await t.app.inject({ method: 'POST', url: '/api/complaints/area', payload: { district: 'nope', ...window } })
    expect(missing.statusCode).toBe(404)
  })
})

// Only the PostGIS project has layers to check (registered there only, so nothing shows as skipped).
if (STORE === 'postgis') describe('PostGIS layers', () => {
  it('every spatial table has a geometry column in EPSG:4326 with a GiST index, generated from the stored coordinates', async () => {
    const db = t.service.store.db
    const cols = await db.any<{ f_table_name: string; srid: number; type: string }>(
      "SELECT f_table_name, srid, type FROM geometry_columns WHERE f_table_schema = 'public' ORDER BY f_table_name")
    expect(cols.map((c) => c.f_table_name)).toEqual(['complaints', 'coverage_areas', 'cutovers', 'features', 'planned_sites', 'sites'])
    expect(cols.every((c) => c.srid === 4326)).toBe(true)
    const gist = await db.any<{ tablename: string }>("SELECT tablename FROM pg_indexes WHERE indexdef ILIKE '%USING gist (geom)%' ORDER BY tablename")
    expect(gist.map((g) => g.tablename)).toEqual(cols.map((c) => c.f_table_name))
    const p = await db.one<{ wkt: string }>("SELECT ST_AsText(geom) AS wkt FROM complaints WHERE id = 'IN1'")
    expect(p.wkt).toBe('POINT(113.31 23.11)')
    const d = await db.one<{ inside: boolean }>("SELECT ST_Contains(f.geom, c.geom) AS inside FROM features f, complaints c WHERE f.id = 'D-L' AND c.id = 'NOTCH'")
    expect(d.inside).toBe(false)
  })
})
