import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { lonToX, latToY, xToLon, yToLat, lonLatToTile, tileBounds, isValidTile, tilesInBBox, MAX_LAT } from '../../tile-builder/src/tile-math.js'

const lon = fc.double({ min: -180, max: 180, noNaN: true })
const lat = fc.double({ min: -MAX_LAT, max: MAX_LAT, noNaN: true })
const zoom = fc.integer({ min: 0, max: 22 })

describe('tile maths', () => {
  it('known tiles: 人民广场 at z15 and the world at z0', () => {
    expect(lonLatToTile(121.4737, 31.2304, 15)).toEqual({ x: 27440, y: 13389 })
    expect(lonLatToTile(0, 0, 0)).toEqual({ x: 0, y: 0 })
    expect(lonLatToTile(-180, MAX_LAT, 1)).toEqual({ x: 0, y: 0 })
    expect(lonLatToTile(180, -MAX_LAT, 1)).toEqual({ x: 1, y: 1 })
  })

  it('lon/lat → world → lon/lat round-trips', () => {
    fc.assert(fc.property(lon, lat, (lo, la) => {
      expect(xToLon(lonToX(lo))).toBeCloseTo(lo, 9)
      expect(yToLat(latToY(la))).toBeCloseTo(la, 9)
    }))
  })

  it('a point lies inside the bounds of the tile that contains it', () => {
    fc.assert(fc.property(lon, lat, zoom, (lo, la, z) => {
      const { x, y } = lonLatToTile(lo, la, z)
      expect(isValidTile(z, x, y)).toBe(true)
      const [w, s, e, n] = tileBounds(z, x, y)
      expect(lo).toBeGreaterThanOrEqual(w - 1e-9)
      expect(lo).toBeLessThanOrEqual(e + 1e-9)
      expect(la).toBeGreaterThanOrEqual(s - 1e-9)
      expect(la).toBeLessThanOrEqual(n + 1e-9)
    }))
  })

  it('a tile\'s north-west corner maps back to the same tile; children nest in parents', () => {
    fc.assert(fc.property(zoom, fc.double({ min: 0, max: 0.999999, noNaN: true }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (z, fx, fy) => {
      const n = 2 ** z
      const x = Math.floor(fx * n), y = Math.floor(fy * n)
      const [w, , , north] = tileBounds(z, x, y)
      // Nudge inside: the corner itself is shared with three neighbours.
      const t = lonLatToTile(w + 1e-9, north - 1e-9, z)
      expect(t).toEqual({ x, y })
      const [cw, cs, ce, cn] = tileBounds(z + 1, 2 * x + 1, 2 * y + 1)
      const p = lonLatToTile((cw + ce) / 2, (cs + cn) / 2, z)
      expect(p).toEqual({ x, y })
    }))
  })

  it('rejects tiles that do not exist', () => {
    expect(isValidTile(3, 8, 0)).toBe(false)
    expect(isValidTile(3, 0, -1)).toBe(false)
    expect(isValidTile(1.5, 0, 0)).toBe(false)
    expect(isValidTile(25, 0, 0)).toBe(false)
    expect(isValidTile(24, 2 ** 24 - 1, 0)).toBe(true)
  })

  it('tilesInBBox covers the bbox: 4 tiles at z1 for the world, one at z0', () => {
    expect(tilesInBBox([-180, -85, 180, 85], 0, 1)).toEqual([[0, 0, 0], [1, 0, 0], [1, 0, 1], [1, 1, 0], [1, 1, 1]])
    fc.assert(fc.property(lon, lat, lon, lat, fc.integer({ min: 0, max: 8 }), (a, b, c, d, z) => {
      const bbox = [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)] as [number, number, number, number]
      const tiles = tilesInBBox(bbox, z, z)
      const corner = lonLatToTile(bbox[0], bbox[3], z)
      expect(tiles.some(([, x, y]) => x === corner.x && y === corner.y)).toBe(true)
    }))
  })
})
