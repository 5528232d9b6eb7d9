/**
 * The real Shanghai Telecom base-station file (read in place, never copied into the repo): columns
 * `,index,latitude,longitude,address,id`, GCJ-02, with a few dozen rows elsewhere in China.
 */
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ImportError } from '../../../server/src/errors.js'
import { parseImport, type ImportOptions } from '../../../server/src/ingest/index.js'
import { importError, metres } from './helpers.js'

const FILE = '/work/shared/data/shanghai/shanghai_telecom_base_stations_all.csv'
const SHANGHAI: [number, number, number, number] = [120.85, 30.67, 122.2, 31.9]
const BASE: ImportOptions = { crs: 'gcj02', columns: { address: 'name' } }

describe.skipIf(!existsSync(FILE))('Shanghai base stations', () => {
  const text = existsSync(FILE) ? readFileSync(FILE, 'utf8') : ''
  // An independent reading: split lines by hand (the file has no quotes), raw GCJ-02 values.
  const raw = text
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line, i) => {
      const [, , lat, lon, address, id] = line.split(',')
      return { row: i + 1, lon: Number(lon), lat: Number(lat), address, id }
    })
  const outsideBy = (margin: number) =>
    raw.filter((r) => r.lon < SHANGHAI[0] + margin || r.lon > SHANGHAI[2] - margin || r.lat < SHANGHAI[1] + margin || r.lat > SHANGHAI[3] - margin)
  // GCJ-02 moves a point by well under 0.01° (~1 km); a row's side of the box cannot change if the
  // count is the same with the box grown and shrunk by 0.01°.
  const outside = outsideBy(0)
  const sure = outsideBy(0.01).length === outsideBy(-0.01).length

  it('has the shape the test assumes', () => {
    expect(text.split('\n')[0].trim()).toBe(',index,latitude,longitude,address,id')
    expect(raw.length).toBe(3042)
    expect(sure).toBe(true)
    expect(outside.length).toBeGreaterThan(10)
  })

  it('imports every row with no bbox, converting GCJ-02 to WGS-84', () => {
    const { rows, skipped } = parseImport('sites', { text, format: 'csv' }, BASE)
    expect(rows.length).toBe(raw.length)
    expect(skipped).toEqual([])
    expect(new Set(rows.map((r) => r.id)).size).toBe(raw.length)
    const first = rows[0]
    expect(first).toMatchObject({ id: raw[0].id, name: raw[0].address, tech: null, type: null })
    // Converted, so moved by the GCJ-02 offset: a few hundred metres, south-west in Shanghai.
    const shift = metres([first.lon, first.lat], [raw[0].lon, raw[0].lat])
    expect(shift).toBeGreaterThan(300)
    expect(shift).toBeLessThan(800)
    expect(first.lon).toBeLessThan(raw[0].lon)
  })

  it('with the Shanghai bbox and outside "reject" fails naming the first outside row, and lists them all', () => {
    const e = importError(() => parseImport('sites', { text, format: 'csv' }, { ...BASE, bbox: SHANGHAI }))
    expect(e).toBeInstanceOf(ImportError)
    expect(e.problems.length).toBe(outside.length)
    expect(e.problems[0].row).toBe(outside[0].row)
    expect(e.problems[0].field).toBe('lon/lat')
    expect(e.message).toMatch(new RegExp(`^sites: row ${outside[0].row}, field "lon/lat": expected a position inside bbox`))
  })

  it('with outside "skip" imports the rest and reports each skipped row', () => {
    const { rows, skipped } = parseImport('sites', { text, format: 'csv' }, { ...BASE, bbox: SHANGHAI, outside: 'skip' })
    expect(skipped.length).toBe(outside.length)
    expect(skipped.map((s) => s.row)).toEqual(outside.map((r) => r.row))
    expect(skipped[0].reason).toMatch(/^outside bbox \[120.85, 30.67, 122.2, 31.9\]: lon \d+\.\d+, lat \d+\.\d+$/)
    expect(rows.length).toBe(raw.length - outside.length)
    for (const r of rows) {
      expect(r.lon).toBeGreaterThanOrEqual(SHANGHAI[0])
      expect(r.lon).toBeLessThanOrEqual(SHANGHAI[2])
      expect(r.lat).toBeGreaterThanOrEqual(SHANGHAI[1])
      expect(r.lat).toBeLessThanOrEqual(SHANGHAI[3])
    }
  })
})
