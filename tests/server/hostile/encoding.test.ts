/**
 * CSV in the wrong encoding. A body that is not UTF-8 and names no charset → 400 saying so and
 * suggesting charset=gbk; GBK/GB18030 (operators' Excel exports) decoded when named; a BOM stripped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError, ImportError } from '../../../server/src/errors.js'
import { charsetOf, decodeImportBody, parseImport } from '../../../server/src/ingest/index.js'
import type { TestService } from '../../helpers/service.js'
import { seededService, snapshot } from './helpers.js'

const CSV = 'id,name,tech,type,lon,lat\nG1,天河直街基站,4G,宏站,113.33,23.13\n'
/** The same CSV in GBK, as Excel on a Chinese Windows saves it. */
const GBK = Buffer.from('id,name,tech,type,lon,lat\nG1,\xcc\xec\xba\xd3\xd6\xb1\xbd\xd6\xbb\xf9\xd5\xbe,4G,\xba\xea\xd5\xbe,113.33,23.13\n', 'latin1')

describe('decodeImportBody', () => {
  it('decodes GBK/GB2312/GB18030 when the charset or ?encoding names it', () => {
    for (const opts of [{ contentType: 'text/csv; charset=gbk' }, { contentType: 'text/csv;charset="GB18030"' }, { contentType: 'text/csv; charset=gb2312' }, { encoding: 'gbk' }, { contentType: 'text/csv; charset=utf-8', encoding: 'GBK' }]) {
      expect(decodeImportBody('sites', GBK, opts), JSON.stringify(opts)).toBe(CSV)
    }
  })
  it('refuses a body that is not UTF-8 when no charset is named: the message says so, where, and suggests charset=gbk', () => {
    let err: unknown
    try { decodeImportBody('sites', GBK, { contentType: 'text/csv' }) } catch (e) { err = e }
    expect(err).toBeInstanceOf(ImportError)
    expect((err as ImportError).statusCode).toBe(400)
    expect((err as Error).message).toMatch(/not UTF-8.*offset 29, line 2.*charset=gbk/)
  })
  it('strips a UTF-8 BOM, and refuses an encoding it does not know with 415 naming it', () => {
    expect(decodeImportBody('sites', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)]), {})).toBe(CSV)
    expect(decodeImportBody('sites', '\uFEFF' + CSV, {})).toBe(CSV)
    expect(() => decodeImportBody('sites', Buffer.from(CSV), { contentType: 'text/csv; charset=latin1' })).toThrow(/encoding: expected utf-8, gbk.*"latin1"/)
    try { decodeImportBody('sites', Buffer.from(CSV), { encoding: 'ebcdic' }) } catch (e) { expect((e as AppError).statusCode).toBe(415) }
    expect(charsetOf('text/csv; Charset=GBK')).toBe('gbk')
    expect(charsetOf('text/csv')).toBeUndefined()
  })
  it('what it decodes imports like the UTF-8 file', () => {
    const rows = parseImport('sites', { text: decodeImportBody('sites', GBK, { encoding: 'gbk' }), format: 'csv' }, { crs: 'wgs84' }).rows
    expect(rows[0]).toMatchObject({ id: 'G1', name: '天河直街基站', type: '宏站' })
  })
})

describe('POST /api/import with the wrong encoding', () => {
  let t: TestService
  beforeAll(async () => { t = await seededService() })
  afterAll(async () => { await t.close() })

  it('a GBK body without a charset → 400 saying it is not UTF-8 and suggesting charset=gbk, nothing stored', async () => {
    const before = await snapshot(t)
    for (const type of ['text/csv', 'application/geo+json']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/import/sites', headers: { 'content-type': type }, payload: GBK })
      expect(res.statusCode).toBe(400)
      expect(res.json().message).toMatch(/UTF-8/)
      expect(res.json().message).toMatch(/charset=gbk/)
    }
    expect(await snapshot(t)).toBe(before)
  })

  it('a UTF-8 BOM is stripped, in CSV and in GeoJSON', async () => {
    const csv = await t.app.inject({ method: 'POST', url: '/api/import/sites', headers: { 'content-type': 'text/csv' }, payload: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)]) })
    expect(csv.statusCode, csv.body).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/api/sites/G1' })).json().name).toBe('天河直街基站')
    const fc = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'BOM1', name: '带BOM', type: 'road' }, geometry: { type: 'Point', coordinates: [113.33, 23.13] } }] })
    const gj = await t.app.inject({ method: 'POST', url: '/api/import/features', headers: { 'content-type': 'application/geo+json' }, payload: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(fc)]) })
    expect(gj.statusCode, gj.body).toBe(200)
  })

  it.each([
    ['Content-Type charset=gbk', '/api/import/sites', 'text/csv; charset=gbk'],
    ['Content-Type charset=gb18030', '/api/import/sites', 'text/csv; charset=gb18030'],
    ['?encoding=gbk', '/api/import/sites?encoding=gbk', 'text/csv'],
  ])('a GBK body with %s is decoded and imported', async (_what, url, type) => {
    const res = await t.app.inject({ method: 'POST', url, headers: { 'content-type': type }, payload: GBK })
    expect(res.statusCode, res.body).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/api/sites/G1' })).json()).toMatchObject({ name: '天河直街基站', type: '宏站' })
  })
})
