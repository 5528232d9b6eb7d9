import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  bboxAround,
  bearingDeg,
  destination,
  distanceM,
  haversineM,
} from '../../../server/src/geo/distance.js'

describe('distanceM', () => {
  it('is 0 for the same point and symmetric', () => {
    expect(distanceM(113.33, 23.14, 113.33, 23.14)).toBe(0)
    expect(distanceM(113.33, 23.14, 113.34, 23.15)).toBeCloseTo(distanceM(113.34, 23.15, 113.33, 23.14), 6)
  })

  it('one degree of latitude is ~111.2 km', () => {
    expect(distanceM(0, 0, 0, 1)).toBeCloseTo(111_195, -1)
  })

  it('agrees with haversine within 0.1 % below 10 km (Chinese latitudes)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 73, max: 135, noNaN: true }),
        fc.double({ min: 18, max: 53, noNaN: true }),
        fc.double({ min: 1, max: 10_000, noNaN: true }),
        fc.double({ min: 0, max: 360, noNaN: true }),
        (lon, lat, d, b) => {
          const [lon2, lat2] = destination(lon, lat, d, b)
          const h = haversineM(lon, lat, lon2, lat2)
          expect(Math.abs(distanceM(lon, lat, lon2, lat2) - h) / h).toBeLessThan(1e-3)
        },
      ),
    )
  })
})

describe('bearingDeg / destination', () => {
  it('points the compass way', () => {
    expect(bearingDeg(113, 23, 113, 23.01)).toBeCloseTo(0, 6)
    expect(bearingDeg(113, 23, 113.01, 23)).toBeCloseTo(90, 6)
    expect(bearingDeg(113, 23, 113, 22.99)).toBeCloseTo(180, 6)
    expect(bearingDeg(113, 23, 112.99, 23)).toBeCloseTo(270, 6)
    expect(bearingDeg(113, 23, 113, 23)).toBe(0)
  })

  it('round-trips: destination(d, b) is d metres away at bearing b', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 5_000, noNaN: true }),
        fc.double({ min: 0, max: 359.999, noNaN: true }),
        (d, b) => {
          const [lon, lat] = destination(113.33, 23.14, d, b)
          expect(distanceM(113.33, 23.14, lon, lat)).toBeCloseTo(d, 3)
          const diff = Math.abs(bearingDeg(113.33, 23.14, lon, lat) - b)
          expect(Math.min(diff, 360 - diff)).toBeLessThan(1e-6)
        },
      ),
    )
  })
})

describe('bboxAround', () => {
  it('contains the circle', () => {
    const [minX, minY, maxX, maxY] = bboxAround(113.33, 23.14, 1000)
    for (let b = 0; b < 360; b += 15) {
      const [x, y] = destination(113.33, 23.14, 1000, b)
      expect(x).toBeGreaterThanOrEqual(minX)
      expect(x).toBeLessThanOrEqual(maxX)
      expect(y).toBeGreaterThanOrEqual(minY)
      expect(y).toBeLessThanOrEqual(maxY)
    }
  })
})
