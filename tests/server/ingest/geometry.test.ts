/** Geometry reading: WKT, GeoJSON text, validation messages, and the representative point of features. */
import { describe, expect, it } from 'vitest'
import { readGeometry } from '../../../server/src/ingest/geometry.js'
import { representativePoint } from '../../../server/src/ingest/index.js'
import { parseWkt } from '../../../server/src/ingest/wkt.js'
import { metres } from './helpers.js'

describe('parseWkt', () => {
  it.each([
    ['POINT (121.4 31.2)', { type: 'Point', coordinates: [121.4, 31.2] }],
    ['point z (121.4 31.2 7)', { type: 'Point', coordinates: [121.4, 31.2] }],
    ['LINESTRING(1 2,3 4)', { type: 'LineString', coordinates: [[1, 2], [3, 4]] }],
    ['POLYGON ((0 0, 1 0, 1 1, 0 0), (0.2 0.1, 0.8 0.1, 0.8 0.7, 0.2 0.1))', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]], [[0.2, 0.1], [0.8, 0.1], [0.8, 0.7], [0.2, 0.1]]] }],
    ['MULTIPOINT (1 2, 3 4)', { type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] }],
    ['MULTIPOINT ((1 2), (3 4))', { type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] }],
    ['MULTILINESTRING ((1 2, 3 4), (5 6, 7 8))', { type: 'MultiLineString', coordinates: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]] }],
    ['MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))', { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]]] }],
  ])('%s', (wkt, expected) => {
    expect(parseWkt(wkt)).toEqual(expected)
  })

  it.each(['CIRCLE (1 2, 3)', 'POINT (1)', 'POINT (1 2, 3 4)', 'POLYGON (1 2, 3 4)', 'LINESTRING (1 2, 3 4', 'POINT (a b)', 'POINT (1 2) x'])('rejects %j', (wkt) => {
    expect(() => parseWkt(wkt)).toThrow()
  })
})

describe('readGeometry', () => {
  it('reads GeoJSON text and objects', () => {
    expect(readGeometry('{"type":"Point","coordinates":[1,2]}', ['Point']).geometry).toEqual({ type: 'Point', coordinates: [1, 2] })
    expect(readGeometry({ type: 'Point', coordinates: [1, 2] }, ['Point']).geometry).toEqual({ type: 'Point', coordinates: [1, 2] })
  })

  it('says what was wrong', () => {
    expect(readGeometry('{"type":', ['Point']).error).toMatch(/^expected GeoJSON geometry JSON, got "\{\\"type\\":" \(/)
    expect(readGeometry('POLYGON ((0 0, 1 0', ['Polygon']).error).toMatch(/^expected GeoJSON geometry JSON or WKT/)
    expect(readGeometry({ type: 'LineString', coordinates: [[1, 2]] }, ['LineString']).error).toBe('expected at least 2 positions, got 1')
    expect(readGeometry({ type: 'Polygon', coordinates: [] }, ['Polygon']).error).toBe('expected at least 1 rings, got 0')
    expect(readGeometry({ type: 'Point', coordinates: [1, Infinity] }, ['Point']).error).toBe('expected a finite latitude, got Infinity')
    expect(readGeometry({ type: 'Point', coordinates: [1, 95] }, ['Point']).error).toBe('expected a latitude -90–90, got 95')
    expect(readGeometry({ type: 'GeometryCollection', geometries: [] }, ['Point', 'Polygon']).error).toBe(
      'expected a Point/Polygon geometry, got GeometryCollection',
    )
    const open = [[0, 0], [1, 0], [1, 1], [0, 1]]
    const closed = [[0, 0], [1, 0], [1, 1], [0, 0]]
    expect(readGeometry({ type: 'MultiPolygon', coordinates: [[closed], [closed, open]] }, ['MultiPolygon']).error).toBe(
      'polygon 2: ring not closed: expected ring 2 to end with its first position [0, 0], got [0, 1]',
    )
    expect(readGeometry({ type: 'MultiLineString', coordinates: [[[0, 0], [1, 1]], [[0, 0], [1, 'x']]] }, ['MultiLineString']).error).toBe(
      'line 2: expected a finite latitude, got "x"',
    )
  })
})

describe('representativePoint', () => {
  it('a point is itself', () => {
    expect(representativePoint({ type: 'Point', coordinates: [121.4, 31.2] })).toEqual([121.4, 31.2])
  })

  it('a line gives the point halfway along it', () => {
    // Two segments of equal length east along the equator: the middle is the middle vertex.
    const [lon, lat] = representativePoint({ type: 'LineString', coordinates: [[10, 0], [11, 0], [12, 0]] })
    expect(lon).toBeCloseTo(11, 6)
    expect(lat).toBeCloseTo(0, 6)
    // An L-shaped street: 1 km north then 3 km east; halfway (2 km) is 1 km along the east leg.
    const north = 1000 / 111_195
    const east = (km: number) => (km * 1000) / (111_195 * Math.cos((31 + north) * (Math.PI / 180)))
    const l = representativePoint({ type: 'LineString', coordinates: [[121, 31], [121, 31 + north], [121 + east(3), 31 + north]] })
    expect(metres(l, [121 + east(1), 31 + north])).toBeLessThan(5)
  })

  it('a polygon gives a point inside it, even a concave one', () => {
    // A U shape whose centroid (≈ [0.5, 0.4]) lies in the notch, outside the polygon.
    const u = [[0, 0], [1, 0], [1, 1], [0.8, 1], [0.8, 0.2], [0.2, 0.2], [0.2, 1], [0, 1], [0, 0]]
    const [x, y] = representativePoint({ type: 'Polygon', coordinates: [u] })
    const inNotch = x > 0.2 && x < 0.8 && y > 0.2
    expect(inNotch).toBe(false)
    expect(x >= 0 && x <= 1 && y >= 0 && y <= 1).toBe(true)
  })
})
