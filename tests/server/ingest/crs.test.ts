/**
 * CRS conversion against published coordinate pairs, plus round trips. Published pairs:
 * googollee/eviltransform's test table (WGS-84 ↔ GCJ-02, Shanghai) and wandergis/coordtransform's
 * README example (BD-09 → GCJ-02 of 116.404, 39.915).
 */
import fc from 'fast-check'
import gcoordModule from 'gcoord'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../server/src/errors.js'
import { geometryToWgs84, parseCrs, toWgs84 } from '../../../server/src/geo/crs.js'
import { parseImport } from '../../../server/src/ingest/index.js'
import { metres } from './helpers.js'

type Gcoord = typeof gcoordModule.default
const gcoord: Gcoord = (gcoordModule as unknown as { default?: Gcoord }).default ?? (gcoordModule as unknown as Gcoord)
const wgsToGcj = (p: [number, number]) => gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as [number, number]
const wgsToBd = (p: [number, number]) => gcoord.transform(p, gcoord.WGS84, gcoord.BD09) as [number, number]

// eviltransform: wgs (31.1774276, 121.5272106) ↔ gcj (31.17530398364597, 121.531541859215), Shanghai.
const SHANGHAI_WGS: [number, number] = [121.5272106, 31.1774276]
const SHANGHAI_GCJ: [number, number] = [121.531541859215, 31.17530398364597]
// eviltransform: wgs (22.543847, 113.912316) ↔ gcj (22.540796131694766, 113.9171764808363), Shenzhen.
const SHENZHEN_WGS: [number, number] = [113.912316, 22.543847]
const SHENZHEN_GCJ: [number, number] = [113.9171764808363, 22.540796131694766]
// coordtransform: bd09togcj02(116.404, 39.915) = [116.39762729119315, 39.90865673957631].
const BEIJING_BD: [number, number] = [116.404, 39.915]
const BEIJING_BD_AS_GCJ: [number, number] = [116.39762729119315, 39.90865673957631]

describe('parseCrs', () => {
  it('accepts the three names in any case', () => {
    expect(['wgs84', 'GCJ02', ' bd09 '].map(parseCrs)).toEqual(['wgs84', 'gcj02', 'bd09'])
  })

  it('names the bad value', () => {
    expect(() => parseCrs('epsg:3857')).toThrow(AppError)
    expect(() => parseCrs('epsg:3857')).toThrow('crs: expected one of wgs84, gcj02, bd09, got "epsg:3857"')
    try {
      parseCrs('x')
    } catch (e) {
      expect((e as AppError).code).toBe('VALIDATION')
    }
  })
})

describe('toWgs84', () => {
  it('leaves WGS-84 alone', () => {
    expect(toWgs84(121.5, 31.2, 'wgs84')).toEqual([121.5, 31.2])
  })

  it('GCJ-02 → WGS-84 matches published pairs within 1 m', () => {
    expect(metres(toWgs84(...SHANGHAI_GCJ, 'gcj02'), SHANGHAI_WGS)).toBeLessThan(1)
    expect(metres(toWgs84(...SHENZHEN_GCJ, 'gcj02'), SHENZHEN_WGS)).toBeLessThan(1)
    // and the shift itself is the few hundred metres GCJ-02 is known for, not nothing
    expect(metres(SHANGHAI_GCJ, SHANGHAI_WGS)).toBeGreaterThan(300)
  })

  it('BD-09 → WGS-84 goes through the published BD-09 → GCJ-02 pair (within 1 m)', () => {
    const direct = toWgs84(...BEIJING_BD, 'bd09')
    const viaGcj = toWgs84(...BEIJING_BD_AS_GCJ, 'gcj02')
    expect(metres(direct, viaGcj)).toBeLessThan(1)
    expect(metres(direct, BEIJING_BD)).toBeGreaterThan(500) // BD-09 adds ~0.006° on top of GCJ-02
  })

  it('BD-09 round-trips WGS → BD → WGS within 1 m', () => {
    expect(metres(toWgs84(...wgsToBd(SHANGHAI_WGS), 'bd09'), SHANGHAI_WGS)).toBeLessThan(1)
  })

  it('does not move points outside China', () => {
    expect(toWgs84(2.35, 48.85, 'gcj02')).toEqual([2.35, 48.85])
  })

  it('property: WGS → GCJ (gcoord) → toWgs84 round-trips within 1 m inside China', () => {
    fc.assert(
      fc.property(
        // mainland China, well inside gcoord's "in China" box so the shift always applies
        fc.double({ min: 75, max: 134, noNaN: true }),
        fc.double({ min: 18, max: 53, noNaN: true }),
        (lon, lat) => {
          const back = toWgs84(...wgsToGcj([lon, lat]), 'gcj02')
          expect(metres(back, [lon, lat])).toBeLessThan(1)
        },
      ),
      { numRuns: 500 },
    )
  })
})

describe('geometryToWgs84', () => {
  it('converts every position of every geometry type and leaves the input untouched', () => {
    const p = SHANGHAI_GCJ
    const polygon = { type: 'Polygon' as const, coordinates: [[p, [p[0] + 0.01, p[1]], [p[0], p[1] + 0.01], p]] }
    const copy = structuredClone(polygon)
    const out = geometryToWgs84(polygon, 'gcj02')
    expect(polygon).toEqual(copy)
    expect(metres(out.coordinates[0][0] as [number, number], SHANGHAI_WGS)).toBeLessThan(1)
    expect(out.coordinates[0][0]).toEqual(out.coordinates[0][3])
    const multi = geometryToWgs84({ type: 'MultiPolygon', coordinates: [polygon.coordinates] }, 'gcj02')
    expect(multi.coordinates[0]).toEqual(out.coordinates)
    const line = geometryToWgs84({ type: 'LineString', coordinates: [p, p] }, 'gcj02')
    expect(line.coordinates[1]).toEqual(out.coordinates[0][0])
    const point = geometryToWgs84({ type: 'Point', coordinates: [p[0], p[1], 15] }, 'gcj02')
    expect(point.coordinates).toEqual(out.coordinates[0][0])
  })
})

describe('imports convert every coordinate', () => {
  it('points and polygons from GCJ-02', () => {
    const site = parseImport('sites', { text: `id,name,lon,lat\nS1,甲,${SHANGHAI_GCJ.join(',')}\n`, format: 'csv' }, { crs: 'gcj02' })
    expect(metres([site.rows[0].lon, site.rows[0].lat], SHANGHAI_WGS)).toBeLessThan(1)
    const [x, y] = SHANGHAI_GCJ
    const wkt = `"POLYGON ((${x} ${y}, ${x + 0.01} ${y}, ${x} ${y + 0.01}, ${x} ${y}))"`
    const area = parseImport('blind-spots', { text: `id,kind,geometry\nB1,blind,${wkt}\n`, format: 'csv' }, { crs: 'gcj02' })
    const ring = area.rows[0].geometry.coordinates[0] as [number, number][]
    expect(metres(ring[0], SHANGHAI_WGS)).toBeLessThan(1)
  })

  it('the bbox applies after conversion', () => {
    // A box around the WGS-84 position that excludes the raw GCJ-02 one (~450 m east).
    const box: [number, number, number, number] = [SHANGHAI_WGS[0] - 0.001, SHANGHAI_WGS[1] - 0.001, SHANGHAI_WGS[0] + 0.001, SHANGHAI_WGS[1] + 0.001]
    expect(SHANGHAI_GCJ[0]).toBeGreaterThan(box[2])
    const text = `id,name,lon,lat\nS1,甲,${SHANGHAI_GCJ.join(',')}\n`
    expect(parseImport('sites', { text, format: 'csv' }, { crs: 'gcj02', bbox: box }).rows).toHaveLength(1)
    expect(() => parseImport('sites', { text, format: 'csv' }, { crs: 'wgs84', bbox: box })).toThrow(/outside|inside bbox/)
  })
})
