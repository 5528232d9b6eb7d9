/**
 * Every kind, from CSV and from GeoJSON, against one stored expected output per kind
 * (tests/fixtures/ingest/out/<kind>.json; REGEN=1 rewrites it from the CSV). The CSV and the GeoJSON
 * fixture describe the same rows, so both must give exactly the same result.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { IMPORT_KINDS } from '../../../server/src/domain/types.js'
import { parseImport } from '../../../server/src/ingest/index.js'
import { FIXTURES, fixture } from './helpers.js'

const NOW = Date.parse('2026-11-23T12:00:00Z')
const parse = <K extends (typeof IMPORT_KINDS)[number]>(kind: K, format: 'csv' | 'geojson') =>
  parseImport(kind, { text: fixture(`in/${kind}.${format === 'csv' ? 'csv' : 'geojson'}`), format }, { crs: 'wgs84', now: NOW })

describe.each(IMPORT_KINDS)('%s', (kind) => {
  const outPath = `${FIXTURES}out/${kind}.json`
  const fromCsv = parse(kind, 'csv')
  if (process.env.REGEN === '1' || !existsSync(outPath)) writeFileSync(outPath, JSON.stringify(fromCsv.rows, null, 2) + '\n')
  const expected = JSON.parse(fixture(`out/${kind}.json`))

  it('CSV gives the stored expected rows', () => {
    expect(fromCsv.kind).toBe(kind)
    expect(fromCsv.skipped).toEqual([])
    expect(JSON.parse(JSON.stringify(fromCsv.rows))).toEqual(expected)
  })

  it('GeoJSON gives the same rows as the CSV', () => {
    const fromGeoJson = parse(kind, 'geojson')
    expect(fromGeoJson.rows.length).toBeGreaterThan(0)
    expect(JSON.parse(JSON.stringify(fromGeoJson.rows))).toEqual(expected)
  })
})

// Spot checks written by hand, so that a wrong regenerated expectation cannot hide a wrong mapping.
describe('mapped values', () => {
  it('sites: tech normalised, empty optional fields null', () => {
    const [s1, s2] = parse('sites', 'csv').rows
    expect(s1).toEqual({ id: 'S001', name: '人民广场宏站', lon: 121.4737, lat: 31.2304, tech: '4G', type: '宏站', bsc: 'BSC01', msc: 'MSC01' })
    expect(s2.tech).toBe('5G')
    expect(s2.bsc).toBeNull()
    expect(s2.msc).toBeNull()
  })

  it('cells: no azimuth → omni 360°, azimuth alone → 65° sector, default radius 800 m', () => {
    const rows = parse('cells', 'csv').rows
    expect(rows.map((c) => [c.id, c.azimuth, c.beamwidth, c.radiusM, c.tech])).toEqual([
      ['S001-1', 0, 65, 600, '4G'],
      ['S001-2', 120, 65, 600, '4G'],
      ['S001-3', 240, 65, 800, '4G'],
      ['S002-1', 0, 360, 800, '5G'],
    ])
  })

  it('alarms: China time when no offset, Chinese severities, empty cleared_at = active', () => {
    const [a1, a2, a3] = parse('alarms', 'csv').rows
    expect(a1.raisedAt).toBe(Date.UTC(2026, 10, 23, 6, 0))
    expect(a1.clearedAt).toBe(Date.UTC(2026, 10, 23, 8, 30))
    expect(a2).toMatchObject({ severity: 'major', raisedAt: Date.UTC(2026, 10, 23, 7, 0), clearedAt: null })
    expect(a3).toMatchObject({ severity: 'warning', raisedAt: Date.UTC(2026, 10, 23, 6, 0), clearedAt: Date.UTC(2026, 10, 23, 6, 0) })
  })

  it('cutovers: ;-list of sites, or an area with no sites', () => {
    const [c1, c2] = parse('cutovers', 'csv').rows
    expect(c1.siteIds).toEqual(['S001', 'S002'])
    expect(c1.area).toBeNull()
    expect(c1.actualEnd! - c1.actualStart!).toBe(5.5 * 3600_000)
    expect(c2.siteIds).toEqual([])
    expect(c2.area?.type).toBe('Polygon')
    expect(c2.actualStart).toBeNull()
  })

  it('blind-spots: 盲点 → blind, WKT and GeoJSON geometry columns', () => {
    const [b1, b2] = parse('blind-spots', 'csv').rows
    expect(b1.kind).toBe('blind')
    expect(b1.geometry).toEqual({
      type: 'Polygon',
      coordinates: [[[121.47, 31.23], [121.472, 31.23], [121.472, 31.232], [121.47, 31.232], [121.47, 31.23]]],
    })
    expect(b2.kind).toBe('weak')
    expect(b2.geometry.type).toBe('MultiPolygon')
  })

  it('planned-sites: 经度/纬度 headers, default radius', () => {
    const [p1, p2] = parse('planned-sites', 'csv').rows
    expect(p1).toEqual({ id: 'P1', name: '淮海中路规划站', lon: 121.466, lat: 31.221, radiusM: 500, period: '2026Q4', status: '已立项' })
    expect(p2.radiusM).toBe(800)
    expect(p2.status).toBe('')
  })

  it('features: types mapped from Chinese, others kept; representative point and bbox', () => {
    const [road, landmark, compound, other] = parse('features', 'csv').rows
    expect(road.type).toBe('road')
    expect(road.aliases).toEqual(['延安路', "Yan'an Road East"])
    // The road is ~950 m + ~970 m long: halfway is on the first segment's far end, a little past 121.48.
    expect(road.lat).toBeGreaterThanOrEqual(31.23)
    expect(road.lon).toBeGreaterThan(121.479)
    expect(road.lon).toBeLessThan(121.481)
    expect(road.bbox).toEqual([121.47, 31.23, 121.49, 31.232])
    expect(landmark).toMatchObject({ type: 'landmark', lon: 121.4782, lat: 31.2311, geometry: { type: 'Point' } })
    expect(landmark.bbox).toEqual([121.4782, 31.2311, 121.4782, 31.2311])
    expect(compound.type).toBe('compound')
    expect(compound.lon).toBeGreaterThan(121.473)
    expect(compound.lon).toBeLessThan(121.476)
    expect(compound.lat).toBeGreaterThan(31.218)
    expect(compound.lat).toBeLessThan(31.221)
    expect(other.type).toBe('高架')
    // Two parts of 555 m and 1557 m: the half (1056 m) lies on the second part, 501 m below its start.
    expect(other.lon).toBe(121.4705)
    expect(other.lat).toBeCloseTo(31.234 - 501 / 111_195, 4)
  })

  it('complaints: Chinese service/phenomenon, masked numbers, the Complaint defaults', () => {
    const [t1, t2] = parse('complaints', 'csv').rows
    expect(t1).toEqual({
      id: 'T1',
      occurredAt: Date.UTC(2026, 10, 23, 6, 30),
      reportedAt: Date.UTC(2026, 10, 23, 7, 5),
      address: '黄浦区人民大道200号',
      service: 'voice',
      phenomenon: 'no_signal',
      description: '室内无信号打不出电话',
      vip: '金卡',
      lon: 121.4745,
      lat: 31.2301,
      number: '138****5678',
      suggestedCause: null,
      cause: null,
      answer: null,
      disposition: null,
      specialty: null,
      linkedSites: [],
      createdAt: NOW,
      settled: true,
    })
    expect(t2).toMatchObject({ service: 'data', phenomenon: 'slow_data', number: '139****1111', cause: 'weak_coverage', reportedAt: null, vip: null })
  })
})
