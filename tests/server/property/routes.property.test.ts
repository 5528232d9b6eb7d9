/** Property tests through the real service: POST /api/diagnose and the area analyses with random input. */
import fc from 'fast-check'
import { kinks } from '@turf/kinks'
import { polygon as turfPolygon } from '@turf/helpers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestService } from '../../helpers/service.js'
import { DIAGNOSE, FROM, seededService, snapshot, TO } from '../hostile/helpers.js'

let t: TestService
beforeAll(async () => { t = await seededService() })
afterAll(async () => { await t.close() })

const post = (url: string, body: unknown) => t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) })
const EDGES = [0, -0, 90, -90, 180, -180, 90.0000001, -180.0000001, 1e308, -1e308, 181, -91]
const num = fc.oneof(fc.constantFrom(...EDGES), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ min: -200, max: 200, noNaN: true }))
/** What a client may put where a number belongs: numbers, and the strings query-string coercion turns into numbers. */
const numberish = fc.oneof(num, fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e309', '', 'x', '0x10'), num.map(String))
const valid = (v: unknown, max: number) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= max

describe('POST /api/diagnose', () => {
  it('answers 200 for a valid position in any CRS and 4xx for an invalid one, never 5xx, storing nothing', async () => {
    const before = await snapshot(t)
    await fc.assert(fc.asyncProperty(numberish, numberish, fc.constantFrom('wgs84', 'gcj02', 'bd09'), async (lon, lat, crs) => {
      const res = await post('/api/diagnose', { ...DIAGNOSE, lon, lat, crs })
      expect(res.statusCode, `${lon},${lat} ${crs}: ${res.body.slice(0, 200)}`).toBeLessThan(500)
      if (valid(lon, 180) && valid(lat, 90) && crs === 'wgs84') expect(res.statusCode, `${lon},${lat}`).toBe(200)
      if (typeof lon === 'number' && !valid(lon, 180)) expect(res.statusCode).toBe(400)
      if (typeof lat === 'number' && !valid(lat, 90)) expect(res.statusCode).toBe(400)
    }), { numRuns: 300 })
    expect(await snapshot(t)).toBe(before)
  })
})

/** A ring of 4–10 random positions around the seeded district: simple or not, as chance has it. */
const ring = fc.array(fc.tuple(fc.double({ min: 113.30, max: 113.38, noNaN: true }), fc.double({ min: 23.10, max: 23.17, noNaN: true })), { minLength: 3, maxLength: 9 })
  .map((ps) => [...ps, ps[0]])

describe('area analysis with random polygons', () => {
  it.each(['/api/complaints/area', '/api/analysis', '/api/analysis/area'])('POST %s: simple polygons → 200, self-intersecting → 400 naming it', async (url) => {
    await fc.assert(fc.asyncProperty(ring, async (r) => {
      const bad = kinks(turfPolygon([r])).features.length > 0
      const res = await post(url, { area: { type: 'Polygon', coordinates: [r] }, from: FROM, to: TO })
      if (bad) {
        expect(res.statusCode, JSON.stringify(r)).toBe(400)
        expect(res.json().message).toMatch(/self-intersection: ring 1 intersects itself at \[/)
      } else {
        expect(res.statusCode, `${JSON.stringify(r)}: ${res.body.slice(0, 200)}`).toBe(200)
      }
    }), { numRuns: 60 })
  })
})
