/** The grid's nearest site equals brute force, including points outside the sites' extent and duplicates. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { attributeNearest, PointGrid } from '../../../server/src/analysis/nearest.js'

function brute(xy: Float64Array, x: number, y: number): number {
  let best = -1, bestD = Infinity
  for (let i = 0; i < xy.length / 2; i++) {
    const d = (xy[2 * i] - x) ** 2 + (xy[2 * i + 1] - y) ** 2
    if (d < bestD) { bestD = d; best = i }
  }
  return best
}

describe('PointGrid.nearest', () => {
  it('agrees with brute force on random clouds and queries (also far outside the grid)', () => {
    const coord = fc.double({ min: -5000, max: 5000, noNaN: true })
    fc.assert(fc.property(
      fc.array(fc.tuple(coord, coord), { minLength: 1, maxLength: 300 }),
      fc.array(fc.tuple(fc.double({ min: -20000, max: 20000, noNaN: true }), fc.double({ min: -20000, max: 20000, noNaN: true })), { minLength: 1, maxLength: 50 }),
      (pts, queries) => {
        const xy = new Float64Array(pts.flat())
        const grid = new PointGrid(xy)
        for (const [x, y] of queries) {
          const got = grid.nearest(x, y)
          const want = brute(xy, x, y)
          const d = (i: number) => (xy[2 * i] - x) ** 2 + (xy[2 * i + 1] - y) ** 2
          expect(d(got)).toBe(d(want)) // equal distance (ties may pick another index of the same distance)
        }
      },
    ), { numRuns: 200 })
  })

  it('handles a single point and all points in one place', () => {
    expect(new PointGrid(new Float64Array([5, 5])).nearest(1000, -1000)).toBe(0)
    expect(new PointGrid(new Float64Array([1, 1, 1, 1, 1, 1])).nearest(0, 0)).toBe(0)
  })
})

describe('attributeNearest', () => {
  it('attributes lon/lat points to the nearest site in metres, not degrees', () => {
    // At 60°N a degree of longitude is half a degree of latitude: B is nearer in metres, A in degrees.
    const sites = new Float64Array([10.0, 60.0 + 0.009, 10.015, 60.0])
    const { site, distanceM } = attributeNearest(sites, new Float64Array([10.0, 60.0]))
    expect(site[0]).toBe(1)
    expect(distanceM[0]).toBeGreaterThan(800)
    expect(distanceM[0]).toBeLessThan(860)
  })
})
