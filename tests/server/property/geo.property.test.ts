/** Property tests over coordinates and polygons: parseBbox, readArea, the CRS conversions, the self-intersection check. */
import fc from 'fast-check'
import { kinks } from '@turf/kinks'
import { polygon as turfPolygon } from '@turf/helpers'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../server/src/errors.js'
import { parseBbox } from '../../../server/src/service/params.js'
import { readArea } from '../../../server/src/service/area.js'
import { fromWgs84, toWgs84, type Crs } from '../../../server/src/geo/crs.js'
import { findKink } from '../../../server/src/geo/kinks.js'

/** Any double, with the edges weighted in: poles, ±180, -0, NaN, ±Infinity, huge values. */
const EDGES = [0, -0, 90, -90, 180, -180, 90.0000001, -180.0000001, NaN, Infinity, -Infinity, 1e308, -1e308, Number.MIN_VALUE, 5e-324]
const anyNumber = fc.oneof(fc.constantFrom(...EDGES), fc.double(), fc.double({ min: -200, max: 200 }))
const lon = fc.oneof(fc.constantFrom(-180, 180, 0, -0), fc.double({ min: -180, max: 180, noNaN: true }))
const lat = fc.oneof(fc.constantFrom(-90, 90, 0, -0), fc.double({ min: -90, max: 90, noNaN: true }))
const CRSES: Crs[] = ['wgs84', 'gcj02', 'bd09']

/** Calls fn; any throw must be an AppError (a 4xx), never a plain Error (a 500). */
function neverPlainError(fn: () => unknown): 'ok' | 'refused' {
  try {
    fn()
    return 'ok'
  } catch (err) {
    expect(err, String(err)).toBeInstanceOf(AppError)
    expect((err as AppError).statusCode).toBeLessThan(500)
    return 'refused'
  }
}

describe('parseBbox', () => {
  it('either returns a finite bbox inside the world with min ≤ max, or refuses with a VALIDATION error naming bbox', () => {
    fc.assert(fc.property(fc.array(anyNumber, { minLength: 0, maxLength: 6 }), (ns) => {
      const s = ns.map(String).join(',')
      let b: number[]
      try {
        b = parseBbox(s)
      } catch (err) {
        expect(err).toBeInstanceOf(AppError)
        expect((err as AppError).code).toBe('VALIDATION')
        expect((err as Error).message).toMatch(/^bbox: /)
        return
      }
      expect(ns).toHaveLength(4)
      expect(b.every(Number.isFinite)).toBe(true)
      expect(b[0]).toBeLessThanOrEqual(b[2])
      expect(b[1]).toBeLessThanOrEqual(b[3])
      expect(b[0] >= -180 && b[2] <= 180 && b[1] >= -90 && b[3] <= 90).toBe(true)
      expect(b.some((x) => Object.is(x, -0))).toBe(false)
    }), { numRuns: 2000 })
  })
  it('refuses arbitrary text with a VALIDATION error, never anything else', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (s) => { neverPlainError(() => parseBbox(s)) }), { numRuns: 2000 })
  })
})

describe('CRS conversions', () => {
  it('never throw anything but an AppError, whatever the numbers', () => {
    fc.assert(fc.property(anyNumber, anyNumber, fc.constantFrom(...CRSES), (x, y, crs) => {
      const r1 = neverPlainError(() => toWgs84(x, y, crs))
      neverPlainError(() => fromWgs84(x, y, crs))
      const valid = Number.isFinite(x) && Number.isFinite(y) && Math.abs(x) <= 180 && Math.abs(y) <= 90
      if (!valid) expect(r1).toBe('refused')
    }), { numRuns: 3000 })
  })
  it('accept the poles, ±180° and -0 (or refuse them with an AppError), never returning a position off the globe', () => {
    fc.assert(fc.property(lon, lat, fc.constantFrom(...CRSES), (x, y, crs) => {
      try {
        const [a, b] = toWgs84(x, y, crs)
        expect(Number.isFinite(a) && Number.isFinite(b) && Math.abs(a) <= 180 && Math.abs(b) <= 90).toBe(true)
      } catch (err) {
        expect(err).toBeInstanceOf(AppError)
      }
    }), { numRuns: 3000 })
  })
  it('round-trip within 1 m inside China (WGS-84 → gcj02/bd09 → WGS-84)', () => {
    const chinaLon = fc.double({ min: 73.7, max: 134.7, noNaN: true })
    const chinaLat = fc.double({ min: 18.2, max: 53.5, noNaN: true })
    fc.assert(fc.property(chinaLon, chinaLat, fc.constantFrom<Crs>('gcj02', 'bd09'), (x, y, crs) => {
      const [u, v] = fromWgs84(x, y, crs)
      const [x2, y2] = toWgs84(u, v, crs)
      const m = Math.hypot((x2 - x) * 111_320 * Math.cos((y * Math.PI) / 180), (y2 - y) * 110_574)
      expect(m, `${x},${y} ${crs}`).toBeLessThan(1)
    }), { numRuns: 2000 })
  })
})

/** A random simple polygon: a star-shaped ring (sorted angles, radii > 0) around a centre. */
const starPolygon = fc.record({
  cx: fc.double({ min: -170, max: 170, noNaN: true }), cy: fc.double({ min: -80, max: 80, noNaN: true }),
  // Angles stop short of 2π: an angle a hair below 2π is the same point as angle 0 (a degenerate spike,
  // not a simple polygon), which the de-duplication by angle below would not catch.
  parts: fc.array(fc.record({ a: fc.double({ min: 0, max: 2 * Math.PI - 1e-3, noNaN: true }), r: fc.double({ min: 0.01, max: 1, noNaN: true }) }), { minLength: 3, maxLength: 40 }),
}).map(({ cx, cy, parts }) => {
  const uniq = [...new Map(parts.map((p) => [p.a.toFixed(6), p])).values()].sort((p, q) => p.a - q.a)
  const ring = uniq.map((p) => [cx + p.r * Math.cos(p.a), cy + p.r * Math.sin(p.a)])
  return [...ring, ring[0]]
}).filter((ring) => ring.length >= 4)

/** Any ring of 4–12 random positions in a small box, closed: often self-intersecting. */
const randomRing = fc.array(fc.tuple(fc.double({ min: 113, max: 113.1, noNaN: true }), fc.double({ min: 23, max: 23.1, noNaN: true })), { minLength: 3, maxLength: 11 })
  .map((ps) => [...ps.map(([x, y]) => [x, y]), [ps[0][0], ps[0][1]]])

describe('readArea and the self-intersection check', () => {
  it('findKink agrees with turf kinks on random rings', () => {
    fc.assert(fc.property(randomRing, (ring) => {
      const turf = kinks(turfPolygon([ring])).features.length > 0
      expect(findKink([ring]) !== null, JSON.stringify(ring)).toBe(turf)
    }), { numRuns: 3000 })
  })
  it('accepts every star-shaped (simple) polygon, refuses every self-intersecting one naming where', () => {
    fc.assert(fc.property(fc.oneof(starPolygon, randomRing), (ring) => {
      const bad = kinks(turfPolygon([ring])).features.length > 0
      try {
        readArea({ type: 'Polygon', coordinates: [ring] })
        expect(bad, JSON.stringify(ring)).toBe(false)
      } catch (err) {
        expect(err).toBeInstanceOf(AppError)
        expect(bad, (err as Error).message).toBe(true)
        expect((err as Error).message).toMatch(/^area: self-intersection: ring 1 intersects itself at \[-?\d/)
      }
    }), { numRuns: 2000 })
  })
  it('refuses any junk geometry with an AppError (never a plain Error)', () => {
    const junkPosition = fc.oneof(fc.tuple(anyNumber, anyNumber), fc.array(anyNumber, { maxLength: 3 }), fc.constant(null), fc.string())
    const junk = fc.oneof(
      fc.record({ type: fc.constantFrom('Polygon', 'MultiPolygon', 'Point', 'polygon', ''), coordinates: fc.array(fc.array(junkPosition, { maxLength: 6 }), { maxLength: 3 }) }),
      fc.record({ type: fc.constant('MultiPolygon'), coordinates: fc.array(fc.array(fc.array(junkPosition, { maxLength: 6 }), { maxLength: 2 }), { maxLength: 2 }) }),
      fc.anything(),
    )
    fc.assert(fc.property(junk, (g) => { neverPlainError(() => readArea(g)) }), { numRuns: 3000 })
  })
})
