/**
 * Polygons that self-intersect, are not closed, have fewer than 4 positions or more than the vertex cap,
 * on every route that takes one (areas, analyses, imports): 400 naming what and where, nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestService } from '../../helpers/service.js'
import { MAX_AREA_VERTICES } from '../../../server/src/service/area.js'
import { expectHarmless, FROM, seededService, TO } from './helpers.js'

let t: TestService
beforeAll(async () => { t = await seededService() })
afterAll(async () => { await t.close() })

const bowtie = [[113.32, 23.12], [113.36, 23.15], [113.36, 23.12], [113.32, 23.15], [113.32, 23.12]]
const open = [[113.32, 23.12], [113.36, 23.12], [113.36, 23.15], [113.32, 23.15]]
const short = [[113.32, 23.12], [113.36, 23.12], [113.32, 23.12]]
/** A valid (convex, simple) polygon of n positions: a circle. */
const circle = (n: number) => {
  const ring = Array.from({ length: n - 1 }, (_, i) => [113.34 + 0.02 * Math.cos((2 * Math.PI * i) / (n - 1)), 23.135 + 0.02 * Math.sin((2 * Math.PI * i) / (n - 1))])
  return [...ring, ring[0]]
}
const CASES: [string, unknown, RegExp][] = [
  ['self-intersecting', { type: 'Polygon', coordinates: [bowtie] }, /self-intersection: ring 1 intersects itself at \[113\.34, 23\.135\]/],
  ['hole crossing the shell', { type: 'Polygon', coordinates: [circle(9), [[113.33, 23.13], [113.40, 23.13], [113.40, 23.14], [113.33, 23.14], [113.33, 23.13]]] }, /ring 1 intersects ring 2/],
  ['self-intersecting part of a MultiPolygon', { type: 'MultiPolygon', coordinates: [[circle(9)], [bowtie]] }, /polygon 2: self-intersection/],
  ['not closed', { type: 'Polygon', coordinates: [open] }, /ring not closed/],
  ['fewer than 4 positions', { type: 'Polygon', coordinates: [short] }, /at least 4 positions, got 3/],
  ['NaN position', { type: 'Polygon', coordinates: [[[113.32, 23.12], ['NaN', 23.12], [113.36, 23.15], [113.32, 23.12]]] }, /longitude/],
  ['position beyond the globe', { type: 'Polygon', coordinates: [[[113.32, 23.12], [213.36, 23.12], [113.36, 23.15], [113.32, 23.12]]] }, /longitude -180–180, got 213\.36/],
  ['a Point', { type: 'Point', coordinates: [113.33, 23.13] }, /Polygon\/MultiPolygon/],
  [`more than ${MAX_AREA_VERTICES} vertices`, { type: 'Polygon', coordinates: [circle(MAX_AREA_VERTICES + 1)] }, new RegExp(`(at most|more than) ${MAX_AREA_VERTICES}`)],
]
const post = (url: string, body: unknown) => ({ method: 'POST' as const, url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) })

describe.each(CASES)('a polygon %s', (what, area, message) => {
  it.each(['/api/complaints/area', '/api/analysis', '/api/analysis/area'])(`POST %s answers 4xx naming it`, async (url) => {
    const res = await expectHarmless(t, `${url} ${what}`, { param: 'area', req: post(url, { area, from: FROM, to: TO }) })
    expect([400, 413], `${url} ${what}: ${res.body.slice(0, 300)}`).toContain(res.statusCode)
    // /api/analysis/area and /api/analysis check the GeoJSON shape in their schema first (open rings, short rings and points fail there).
    if (url === '/api/complaints/area' || /intersect|vertices/.test(what)) expect(res.json().message, url).toMatch(message)
  })

  it.each(['blind-spots', 'cutovers', 'features'])('POST /api/import/%s answers 400 naming the row and the problem, nothing stored', async (kind) => {
    if (what === 'a Point' && kind === 'features') return // a point is a valid ground feature
    const properties = { id: 'H1', kind: 'blind', name: 'h', type: 'district', site_ids: '' }
    const body = { type: 'FeatureCollection', features: [{ type: 'Feature', properties, geometry: area }] }
    const res = await expectHarmless(t, `${kind} ${what}`, { param: 'geometry', req: { ...post(`/api/import/${kind}`, body), headers: { 'content-type': 'application/geo+json' } } })
    expect(res.statusCode, `${kind} ${what}: ${res.body.slice(0, 300)}`).toBe(400)
    expect(res.json().message).toMatch(/row 1, field "geometry"/)
    expect(res.json().message).toMatch(message)
  })
})

describe('polygons that are fine', () => {
  it(`a simple polygon of exactly ${MAX_AREA_VERTICES} vertices is analysed`, async () => {
    const res = await t.app.inject(post('/api/complaints/area', { area: { type: 'Polygon', coordinates: [circle(MAX_AREA_VERTICES)] }, from: FROM, to: TO }))
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200)
    expect(res.json().total).toBe(6)
  })
  it('a polygon whose ring touches itself only at its closing vertex, and one with a hole inside, are accepted', async () => {
    const hole = [[113.335, 23.13], [113.345, 23.13], [113.345, 23.14], [113.335, 23.14], [113.335, 23.13]]
    for (const area of [{ type: 'Polygon', coordinates: [circle(5)] }, { type: 'Polygon', coordinates: [circle(33), hole] }]) {
      for (const url of ['/api/complaints/area', '/api/analysis', '/api/analysis/area']) {
        const res = await t.app.inject(post(url, { area, from: FROM, to: TO }))
        expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200)
      }
    }
  })
})
