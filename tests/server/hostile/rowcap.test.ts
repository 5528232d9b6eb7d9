/** The per-request row cap of HTTP imports: 413 naming the cap and the count, nothing stored; rows counted before parsing. */
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../server/src/errors.js'
import { DEFAULT_IMPORT_MAX_ROWS, importMaxRows } from '../../../server/src/config/index.js'
import { countCsvRows, parseImport } from '../../../server/src/ingest/index.js'

const sites = (n: number) => 'id,name,lon,lat\n' + Array.from({ length: n }, (_, i) => `S${i},站${i},113.33,23.13`).join('\n') + '\n'
const capError = (fn: () => unknown): AppError => {
  try { fn() } catch (e) { return e as AppError }
  throw new Error('expected the import to be refused')
}

describe('row cap', () => {
  it('has a documented default of 200,000 rows, overridable by IMPORT_MAX_ROWS', () => {
    expect(DEFAULT_IMPORT_MAX_ROWS).toBe(200_000)
    expect(importMaxRows({})).toBe(200_000)
    expect(importMaxRows({ IMPORT_MAX_ROWS: '5000' })).toBe(5000)
    expect(() => importMaxRows({ IMPORT_MAX_ROWS: 'lots' })).toThrow(/IMPORT_MAX_ROWS/)
  })

  it('counts CSV data rows without parsing, quoted newlines and blank lines included correctly', () => {
    expect(countCsvRows('id\n1\n2\n', 0)).toBe(2)
    expect(countCsvRows('id\n1\n2', 0)).toBe(2)
    expect(countCsvRows('id,d\n1,"two\nlines"\n\n\n2,x\r\n', 0)).toBe(2)
    expect(countCsvRows('id\n', 0)).toBe(0)
    expect(countCsvRows('\uFEFFid\n1\n', 0)).toBe(1)
  })

  it('a CSV of 10^6 rows is refused with 413 naming the cap and the count (counted, never parsed)', () => {
    const text = sites(1_000_000)
    const e = capError(() => parseImport('sites', { text, format: 'csv' }, { crs: 'wgs84', maxRows: DEFAULT_IMPORT_MAX_ROWS }))
    expect(e).toBeInstanceOf(AppError)
    expect(e.statusCode).toBe(413)
    expect(e.code).toBe('PAYLOAD_TOO_LARGE')
    expect(e.message).toMatch(/1000000 rows, more than the 200000 rows/)
    expect(e.details).toEqual({ rows: 1_000_000, maxRows: 200_000 })
  })

  it('GeoJSON is held to the same cap; at the cap it imports; without a cap (the CLI) there is none', () => {
    const fc = (n: number) => JSON.stringify({ type: 'FeatureCollection', features: Array.from({ length: n }, (_, i) => ({ type: 'Feature', properties: { id: `S${i}`, name: 'n' }, geometry: { type: 'Point', coordinates: [113.33, 23.13] } })) })
    expect(capError(() => parseImport('sites', { text: fc(11), format: 'geojson' }, { crs: 'wgs84', maxRows: 10 })).message).toMatch(/11 rows, more than the 10 rows/)
    expect(parseImport('sites', { text: fc(10), format: 'geojson' }, { crs: 'wgs84', maxRows: 10 }).rows).toHaveLength(10)
    expect(parseImport('sites', { text: sites(10), format: 'csv' }, { crs: 'wgs84', maxRows: 10 }).rows).toHaveLength(10)
    expect(capError(() => parseImport('sites', { text: sites(11), format: 'csv' }, { crs: 'wgs84', maxRows: 10 })).statusCode).toBe(413)
    expect(parseImport('sites', { text: sites(300), format: 'csv' }, { crs: 'wgs84' }).rows).toHaveLength(300)
  })
})

describe('POST /api/import over the cap', () => {
  it('answers a CSV of 10^6 rows with 413 naming the cap and the count, and stores nothing', async () => {
    const { startService } = await import('../../helpers/service.js')
    const t = await startService()
    try {
      const before = JSON.stringify(await t.service.store.counts())
      const res = await t.app.inject({ method: 'POST', url: '/api/import/sites', headers: { 'content-type': 'text/csv' }, payload: sites(1_000_000) })
      expect(res.statusCode).toBe(413)
      expect(res.json().message).toMatch(new RegExp(`1000000 rows, more than the ${DEFAULT_IMPORT_MAX_ROWS} rows`))
      expect(JSON.stringify(await t.service.store.counts())).toBe(before)
    } finally {
      await t.close()
    }
  })
})
