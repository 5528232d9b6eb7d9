import { describe, it, expect } from 'vitest'
import { Raster } from '../../tile-builder/src/raster.js'

/** Coverage (0..1) read back from the red channel after painting white over black. */
function paint(draw: (r: Raster) => void, kind: 'fill' | 'stroke', w = 16, h = 16): number[] {
  const r = new Raster(w, h)
  r.clear(0, 0, 0)
  draw(r)
  if (kind === 'fill') r.compositeFill(255, 255, 255)
  else r.compositeStroke(255, 255, 255)
  return Array.from({ length: w * h }, (_, i) => r.rgb[3 * i] / 255)
}
const sum = (a: number[]) => a.reduce((s, v) => s + v, 0)
const ring = (r: Raster, pts: number[][]) => pts.forEach((p, i) => { const q = pts[(i + 1) % pts.length]; r.fillEdge(p[0], p[1], q[0], q[1]) })

describe('rasteriser', () => {
  it('fills a pixel-aligned square exactly', () => {
    const c = paint((r) => ring(r, [[2, 2], [10, 2], [10, 10], [2, 10]]), 'fill')
    expect(sum(c)).toBeCloseTo(64, 1)
    expect(c[5 * 16 + 5]).toBe(1)
    expect(c[1 * 16 + 1]).toBe(0)
  })

  it('anti-aliases: a half-pixel edge gives half coverage; area is exact for any offset', () => {
    const c = paint((r) => ring(r, [[2.5, 2], [10.5, 2], [10.5, 10], [2.5, 10]]), 'fill')
    expect(c[5 * 16 + 2]).toBeCloseTo(0.5, 1)
    expect(sum(c)).toBeCloseTo(64, 1)
    const tri = paint((r) => ring(r, [[1.3, 1.7], [14.2, 3.1], [6.6, 13.9]]), 'fill')
    const area = Math.abs((14.2 - 1.3) * (13.9 - 1.7) - (6.6 - 1.3) * (3.1 - 1.7)) / 2
    expect(sum(tri)).toBeCloseTo(area, 0)
  })

  it('leaves holes empty when they wind the other way', () => {
    const c = paint((r) => { ring(r, [[1, 1], [15, 1], [15, 15], [1, 15]]); ring(r, [[5, 5], [5, 11], [11, 11], [11, 5]]) }, 'fill')
    expect(c[8 * 16 + 8]).toBe(0)
    expect(sum(c)).toBeCloseTo(14 * 14 - 36, 1)
  })

  it('clips polygons reaching past every edge without losing coverage inside', () => {
    const c = paint((r) => ring(r, [[-20, -5], [40, -7], [30, 30], [-10, 25]]), 'fill')
    expect(c.every((v) => v === 1)).toBe(true)
  })

  it('fills to the right edge a polygon that runs off it, beside a small one', () => {
    const c = paint((r) => { ring(r, [[10.5, 2], [40, 2], [40, 5], [10.5, 5]]); ring(r, [[1, 8], [3, 8], [3, 10], [1, 10]]) }, 'fill')
    expect(c[3 * 16 + 15]).toBe(1)
    expect(c[3 * 16 + 10]).toBeCloseTo(0.5, 1)
    expect(sum(c)).toBeCloseTo(5.5 * 3 + 4, 1)
  })

  it('strokes a horizontal line of width 2 with the right area and round caps', () => {
    const c = paint((r) => r.strokeSegment(4, 8, 12, 8, 2), 'stroke')
    // 8 × 2 body plus two half discs of radius 1 (π): ~19.1 px.
    expect(sum(c)).toBeGreaterThan(18)
    expect(sum(c)).toBeLessThan(20.5)
    expect(c[7 * 16 + 8]).toBeCloseTo(1, 1)
    expect(c[5 * 16 + 8]).toBe(0)
  })

  it('joins overlapping segments without double-darkening (max, not sum)', () => {
    const once = paint((r) => r.strokeSegment(2, 8, 14, 8, 3), 'stroke')
    const twice = paint((r) => { r.strokeSegment(2, 8, 14, 8, 3); r.strokeSegment(2, 8, 14, 8, 3) }, 'stroke')
    expect(twice).toEqual(once)
  })

  it('blends a mask clipped at the raster edge', () => {
    const r = new Raster(4, 4)
    r.clear(0, 0, 0)
    r.blendMask(new Uint8Array(9).fill(255), 3, 3, 2, 2, 255, 0, 0)
    expect(r.rgb[3 * (3 * 4 + 3)]).toBe(255)
    expect(r.rgb[3 * (1 * 4 + 1)]).toBe(0)
  })
})
