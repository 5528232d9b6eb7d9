/**
 * GET /api/import-history (the import page's history): the committed imports from the audit log —
 * who, when, kind, how many, the file's name and format — newest first; a dry run, a failed import and
 * any other audited action are not in it; engineers may read it, agents may not. On both stores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { XLSX_MEDIA_TYPE } from '../../../server/src/ingest/xlsx.js'
import { startService, type TestService } from '../../helpers/service.js'
import { workbook } from '../../helpers/xlsx.js'

let t: TestService
let engineer: string
let agent: string
beforeAll(async () => {
  t = await startService()
  engineer = await t.tokenFor('engineer', 'h-engineer')
  agent = await t.tokenFor('agent', 'h-agent')
})
afterAll(async () => { await t?.close() })

const SITES = '基站编号,基站名称,经度,纬度\nH1,历史站一,113.33,23.135\nH2,历史站二,113.34,23.14\n'
const post = (token: string, kind: string, body: string | Buffer, query: string, type = 'text/csv') =>
  t.app.inject({ method: 'POST', url: `/api/import/${kind}${query}`, headers: { 'content-type': type, authorization: `Bearer ${token}` }, payload: body })
const history = (token: string, query = '') => t.app.inject({ url: `/api/import-history${query}`, headers: { authorization: `Bearer ${token}` } })

describe('GET /api/import-history', () => {
  it('lists committed imports newest first with who, when, kind, counts, file and format; not dry runs or failures', async () => {
    const t0 = Date.now()
    expect((await post(engineer, 'sites', SITES, '?filename=%E5%B7%A5%E5%8F%82.csv')).statusCode).toBe(200)
    // A dry run and a refused import store nothing and are no history.
    expect((await post(engineer, 'sites', SITES, '?dryRun=true&filename=dry.csv')).statusCode).toBe(200)
    expect((await post(engineer, 'sites', '基站编号,基站名称,经度,纬度\nH3,坏站,abc,23.1\n', '?filename=bad.csv')).statusCode).toBe(400)
    const xlsx = await workbook({ 站点: [['基站编号', '基站名称', '经度', '纬度'], ['H4', '历史站四', 113.35, 23.15]] })
    expect((await post(engineer, 'sites', xlsx, '?filename=book.xlsx', XLSX_MEDIA_TYPE)).statusCode).toBe(200)

    const res = await history(engineer)
    expect(res.statusCode, res.body).toBe(200)
    const rows = res.json() as { at: string; username: string; kind: string; imported: number; skipped: number; filename: string | null; format?: string }[]
    expect(rows.map((r) => r.filename)).toEqual(['book.xlsx', '工参.csv'])
    expect(rows[0]).toMatchObject({ username: 'h-engineer', kind: 'sites', imported: 1, skipped: 0, format: 'xlsx' })
    expect(rows[1]).toMatchObject({ username: 'h-engineer', kind: 'sites', imported: 2, skipped: 0, format: 'csv' })
    for (const r of rows) expect(Date.parse(r.at)).toBeGreaterThanOrEqual(t0 - 1000)
    // limit= keeps the newest.
    expect((await history(engineer, '?limit=1')).json().map((r: { filename: string }) => r.filename)).toEqual(['book.xlsx'])
    expect((await history(engineer, '?limit=0')).statusCode).toBe(400)
  })

  it('an import without a file name is listed with none; agents may not read the history', async () => {
    expect((await post(engineer, 'alarms', 'alarm_id,site_id,kind,severity,raised_at\nHA1,H1,断站,critical,2026-11-20 10:00\n', '')).statusCode).toBe(200)
    const [newest] = (await history(engineer)).json()
    expect(newest).toMatchObject({ kind: 'alarms', imported: 1, filename: null, format: 'csv' })
    expect((await history(agent)).statusCode).toBe(403)
    expect((await t.app.inject({ url: '/api/import-history', headers: { authorization: '' } })).statusCode).toBe(401)
  })
})
