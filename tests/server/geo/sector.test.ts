import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { destination } from '../../../server/src/geo/distance.js'
import { angleDiff, inSector, sectorBbox, sectorPolygon, type Sector } from '../../../server/src/geo/sector.js'

const site = { lon: 113.33, lat: 23.14 }
const at = (d: number, b: number) => destination(site.lon, site.lat, d, b)

describe('angleDiff', () => {
  it('takes the short way round', () => {
    expect(angleDiff(350, 10)).toBe(20)
    expect(angleDiff(10, 350)).toBe(20)
    expect(angleDiff(0, 180)).toBe(180)
    expect(angleDiff(-30, 30)).toBe(60)
    expect(angleDiff(720, 0)).toBe(0)
  })
})

describe('inSector', () => {
  it('a 65° sector at azimuth 90 holds 90±32° and not 90±33°', () => {
    const s: Sector = { ...site, azimuth: 90, beamwidth: 65, radiusM: 500 }
    expect(inSector(s, ...at(300, 90))).toBe(true)
    expect(inSector(s, ...at(300, 122))).toBe(true)
    expect(inSector(s, ...at(300, 58))).toBe(true)
    expect(inSector(s, ...at(300, 124))).toBe(false)
    expect(inSector(s, ...at(300, 270))).toBe(false)
    expect(inSector(s, ...at(510, 90))).toBe(false)
  })

  it('wraps around north: azimuth 350 with 60° holds 10° and 330°, not 30°', () => {
    const s: Sector = { ...site, azimuth: 350, beamwidth: 60, radiusM: 500 }
    expect(inSector(s, ...at(200, 10))).toBe(true)
    expect(inSector(s, ...at(200, 0))).toBe(true)
    expect(inSector(s, ...at(200, 330))).toBe(true)
    expect(inSector(s, ...at(200, 30))).toBe(false)
    expect(inSector(s, ...at(200, 300))).toBe(false)
  })

  it('azimuth 0 and 360 are the same', () => {
    const a: Sector = { ...site, azimuth: 0, beamwidth: 40, radiusM: 500 }
    const b: Sector = { ...a, azimuth: 360 }
    for (const brg of [340, 355, 5, 19, 21, 90]) expect(inSector(a, ...at(100, brg))).toBe(inSector(b, ...at(100, brg)))
  })

  it('a 360° beam holds every direction within the radius', () => {
    const s: Sector = { ...site, azimuth: 123, beamwidth: 360, radiusM: 500 }
    for (let b = 0; b < 360; b += 30) expect(inSector(s, ...at(499, b))).toBe(true)
    expect(inSector(s, ...at(501, 0))).toBe(false)
  })

  it('the apex is inside', () => {
    expect(inSector({ ...site, azimuth: 0, beamwidth: 10, radiusM: 100 }, site.lon, site.lat)).toBe(true)
  })

  it('agrees with the angle test for random sectors and points', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -360, max: 720, noNaN: true }),
        fc.double({ min: 1, max: 359, noNaN: true }),
        fc.double({ min: 0, max: 359.99, noNaN: true }),
        fc.double({ min: 1, max: 900, noNaN: true }),
        (azimuth, beamwidth, b, d) => {
          const s: Sector = { ...site, azimuth, beamwidth, radiusM: 1000 }
          const off = angleDiff(b, azimuth)
          // Skip the razor edge where floating point may go either way.
          fc.pre(Math.abs(off - beamwidth / 2) > 1e-6)
          expect(inSector(s, ...at(d, b))).toBe(off < beamwidth / 2)
        },
      ),
    )
  })
})

describe('sectorPolygon / sectorBbox', () => {
  it('the polygon is a closed ring from the apex', () => {
    const p = sectorPolygon({ ...site, azimuth: 90, beamwidth: 60, radiusM: 500 })
    const ring = p.coordinates[0]
    expect(ring[0]).toEqual([site.lon, site.lat])
    expect(ring[ring.length - 1]).toEqual(ring[0])
    expect(ring.length).toBeGreaterThan(4)
  })

  it('a 360° polygon is a closed circle without the apex', () => {
    const ring = sectorPolygon({ ...site, azimuth: 0, beamwidth: 360, radiusM: 500 }, 32).coordinates[0]
    expect(ring.length).toBe(33)
    expect(ring[0]).toEqual(ring[32])
  })

  it('the bbox holds every vertex of the polygon, across north too', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 360, noNaN: true }), fc.double({ min: 1, max: 360, noNaN: true }), (azimuth, beamwidth) => {
        const s: Sector = { ...site, azimuth, beamwidth, radiusM: 800 }
        const [minX, minY, maxX, maxY] = sectorBbox(s)
        for (const [x, y] of sectorPolygon(s, 360).coordinates[0]) {
          expect(x).toBeGreaterThanOrEqual(minX - 1e-9)
          expect(x).toBeLessThanOrEqual(maxX + 1e-9)
          expect(y).toBeGreaterThanOrEqual(minY - 1e-9)
          expect(y).toBeLessThanOrEqual(maxY + 1e-9)
        }
      }),
    )
  })

  it('a narrow east-facing sector has a bbox east of the site only', () => {
    const [minX, , maxX] = sectorBbox({ ...site, azimuth: 90, beamwidth: 30, radiusM: 800 })
    expect(minX).toBe(site.lon)
    expect(maxX).toBeGreaterThan(site.lon)
  })
})
