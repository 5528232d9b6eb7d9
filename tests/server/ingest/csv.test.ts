/** CSV reading rules: BOM, unnamed columns, trimming, aliases, renames, defaults, encoding, blank records. */
import { describe, expect, it } from 'vitest'
import { parseImport, type ImportOptions } from '../../../server/src/ingest/index.js'
import { importError } from './helpers.js'

const sites = (text: string, options: Partial<ImportOptions> = {}) =>
  parseImport('sites', { text, format: 'csv' }, { crs: 'wgs84', ...options })

describe('CSV', () => {
  it('strips a UTF-8 BOM', () => {
    const { rows } = sites('\uFEFFid,name,lon,lat\nS1,甲,121.4,31.2\n')
    expect(rows[0].id).toBe('S1')
  })

  it('ignores columns with an empty header (an exported index) and unknown columns', () => {
    const { rows } = sites(',id,name,lon,lat,index\n0,S1,甲,121.4,31.2,17\n')
    expect(rows).toEqual([{ id: 'S1', name: '甲', lon: 121.4, lat: 31.2, tech: null, type: null, bsc: null, msc: null }])
  })

  it('trims values; blank = absent; headers match case-insensitively', () => {
    const { rows } = sites('ID , Name ,LON,Lat,tech\n  S1 ,  甲  , 121.4 , 31.2 ,   \n')
    expect(rows[0]).toMatchObject({ id: 'S1', name: '甲', lon: 121.4, lat: 31.2, tech: null })
  })

  it.each([
    ['lng,latitude', 'lng', 'latitude'],
    ['longitude,latitude', 'longitude', 'latitude'],
    ['经度,纬度', '经度', '纬度'],
  ])('accepts header aliases %s', (header) => {
    const { rows } = sites(`id,name,${header}\nS1,甲,121.4,31.2\n`)
    expect([rows[0].lon, rows[0].lat]).toEqual([121.4, 31.2])
  })

  it('an alias does not shadow a real lon column', () => {
    const { rows } = sites('id,name,lon,lng,lat\nS1,甲,121.4,0,31.2\n')
    expect(rows[0].lon).toBe(121.4)
  })

  it('renames columns before mapping', () => {
    const { rows } = sites('site_no,address,x,y\nS1,某路1号,121.4,31.2\n', { columns: { site_no: 'id', address: 'name', x: 'lon', y: 'lat' } })
    expect(rows[0]).toMatchObject({ id: 'S1', name: '某路1号', lon: 121.4, lat: 31.2 })
  })

  it('fills absent or empty fields from defaults', () => {
    const { rows } = sites('id,name,lon,lat,tech\nS1,甲,121.4,31.2,\nS2,乙,121.4,31.2,5G\n', { defaults: { tech: '4G', type: '宏站' } })
    expect(rows.map((r) => [r.tech, r.type])).toEqual([
      ['4G', '宏站'],
      ['5G', '宏站'],
    ])
  })

  it('a value in defaults is validated like the file', () => {
    const e = importError(() => sites('id,name,lon,lat\nS1,甲,121.4,31.2\n', { defaults: { tech: '6G' } }))
    expect(e.problems[0]).toMatchObject({ row: 1, field: 'tech' })
  })

  it('refuses GBK read as UTF-8 (U+FFFD) with a clear message', () => {
    const gbk = Buffer.from([0x69, 0x64, 0x2c, 0xc3, 0xfb, 0xb3, 0xc6, 0x0a]) // "id,名称\n" in GBK
    const text = new TextDecoder('utf-8').decode(gbk)
    const e = importError(() => sites(text))
    expect(e.problems).toHaveLength(1)
    expect(e.problems[0].field).toBe('encoding')
    expect(e.message).toMatch(/expected a UTF-8 file.*GBK.*save it as UTF-8/)
  })

  it('refuses a header naming the same column twice', () => {
    const e = importError(() => sites('id,name,lon,longitude,lat\nS1,甲,1,2,3\n', { columns: { longitude: 'lon' } }))
    expect(e.problems[0]).toEqual({ row: 0, field: 'lon', message: 'expected each column once in the header, got "lon" as columns 3 and 4 ("lon" and "longitude")' })
  })

  it('skips empty lines and reports all-empty records as skipped, keeping row numbers', () => {
    const r = sites('id,name,lon,lat\nS1,甲,121.4,31.2\n\n,,,\nS2,乙,121.4,31.2\n')
    expect(r.rows.map((s) => s.id)).toEqual(['S1', 'S2'])
    expect(r.skipped).toEqual([{ row: 2, reason: 'empty row' }])
    const e = importError(() => sites('id,name,lon,lat\nS1,甲,121.4,31.2\n,,,\nS2,,121.4,31.2\n'))
    expect(e.problems[0].row).toBe(3)
  })

  it('a header-only file imports nothing', () => {
    expect(sites('id,name,lon,lat\n')).toEqual({ kind: 'sites', rows: [], skipped: [], at: [] })
  })

  it('an empty file is a problem', () => {
    expect(importError(() => sites('')).message).toMatch(/expected a header row/)
  })

  it('quoted values keep commas and newlines', () => {
    const { rows } = sites('id,name,lon,lat\nS1,"甲,乙\n丙",121.4,31.2\n')
    expect(rows[0].name).toBe('甲,乙\n丙')
  })
})

describe('GeoJSON', () => {
  it('accepts a single Feature, numbers as ids, and renames properties', () => {
    const text = JSON.stringify({ type: 'Feature', id: 7, properties: { 名称: '甲' }, geometry: { type: 'Point', coordinates: [121.4, 31.2, 12] } })
    const { rows } = parseImport('sites', { text, format: 'geojson' }, { crs: 'wgs84', columns: { 名称: 'name' } })
    expect(rows).toEqual([{ id: '7', name: '甲', lon: 121.4, lat: 31.2, tech: null, type: null, bsc: null, msc: null }])
  })

  it('properties.id wins over feature.id', () => {
    const text = JSON.stringify({ type: 'Feature', id: 'F', properties: { id: 'P', name: '甲' }, geometry: { type: 'Point', coordinates: [121.4, 31.2] } })
    expect(parseImport('sites', { text, format: 'geojson' }, { crs: 'wgs84' }).rows[0].id).toBe('P')
  })

  it('a member that is not a Feature is a problem of its row', () => {
    const text = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Point', coordinates: [1, 2] }] })
    const e = importError(() => parseImport('sites', { text, format: 'geojson' }, { crs: 'wgs84' }))
    expect(e.problems).toEqual([{ row: 1, field: 'geojson', message: 'expected a GeoJSON Feature, got type "Point"' }])
  })
})
