/**
 * An operator's own files through HTTP: Chinese headers, XLSX, and the dry run that answers what would
 * be imported and stores nothing — on both stores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { XLSX_MEDIA_TYPE } from '../../../server/src/ingest/xlsx.js'
import { startService, type TestService } from '../../helpers/service.js'
import { workbook } from '../../helpers/xlsx.js'

let t: TestService
beforeAll(async () => { t = await startService() })
afterAll(async () => { await t.close() })

const post = (kind: string, body: string | Buffer, query = '', type = 'text/csv; charset=utf-8') =>
  t.app.inject({ method: 'POST', url: `/api/import/${kind}${query}`, headers: { 'content-type': type }, payload: body })
const counts = () => t.service.store.counts()
type AuditRow = { id: number; action: string; target: string; details: Record<string, unknown> }
const audit = async (): Promise<AuditRow[]> => (await t.app.inject({ url: '/api/audit?action=import&limit=100' })).json()

const SITES_CSV = [
  '基站编号,基站名称,经度,纬度,网络制式,基站类型,所属BSC,所属MSC,备注',
  'TH001,天河直街,113.3300,23.1350,LTE,宏站,BSC-TH01,MSC-GZ03,新开',
  'TH002,体育中心,113.3400,23.1400,5G,室分,BSC-TH01,MSC-GZ03,',
].join('\n') + '\n'

describe('POST /api/import/{kind}?dryRun=true', () => {
  it('answers the mapping, the first rows as stored and the count, and stores nothing (store, index, audit)', async () => {
    const before = await counts()
    const auditBefore = (await audit()).length
    const res = await post('sites', SITES_CSV, '?dryRun=true')
    expect(res.statusCode, res.body).toBe(200)
    const p = res.json()
    expect(p).toMatchObject({ dryRun: true, kind: 'sites', format: 'csv', rows: 2, valid: 2, replaces: 0, problems: [] })
    expect(p.mapping).toContainEqual({ source: '基站编号', field: 'id', how: 'alias' })
    expect(p.mapping).toContainEqual({ source: '备注', field: null, how: 'unused' })
    expect(p.sample[0]).toMatchObject({ id: 'TH001', name: '天河直街', lon: 113.33, lat: 23.135, tech: '4G', bsc: 'BSC-TH01' })
    expect(await counts()).toEqual(before)
    expect(t.service.index.site('TH001')).toBeUndefined()
    expect((await audit()).length).toBe(auditBefore)
  })

  it('lists every problem with its row and field — references to sites not stored included — and stores nothing', async () => {
    const before = await counts()
    const res = await post('alarms', [
      '告警流水号,基站编号,告警名称,告警级别,发生时间,清除时间',
      'A1,TH001,基站断站告警,紧急,2026-11-20 10:05,',
      'A2,TH001,传输中断告警,很严重,2026-11-20 10:05,',
      'A3,TH001,传输中断告警,重要,不知道,',
    ].join('\n'), '?dryRun=true')
    expect(res.statusCode, res.body).toBe(200)
    const p = res.json()
    expect(p.valid).toBe(0)
    const where = p.problems.map((x: { row: number; field: string }) => `${x.row}:${x.field}`)
    // Every row's problems, in row order: the bad severity, the bad time, and the unknown site on each row.
    expect(where).toEqual(expect.arrayContaining(['2:severity', '3:raised_at', '1:site_id']))
    expect(where).toEqual([...where].sort((a: string, b: string) => Number(a.split(':')[0]) - Number(b.split(':')[0])))
    expect(p.problems.find((x: { field: string }) => x.field === 'site_id').message).toMatch(/TH001/)
    expect(p.sample.map((a: { id: string }) => a.id)).toEqual(['A1'])
    expect(await counts()).toEqual(before)
  })

  it('a header it does not know is a problem of the answer, with the mapping to fix it in place; the import itself is refused', async () => {
    const text = '站点代码,站点叫法,X坐标,Y坐标\nQ1,甲,113.33,23.13\n'
    const res = await post('sites', text, '?dryRun=true')
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ valid: 0, rows: 1, problems: [{ row: 0, field: 'header' }] })
    expect(res.json().mapping.map((m: { source: string; how: string }) => `${m.source}:${m.how}`)).toEqual(['站点代码:unused', '站点叫法:unused', 'X坐标:unused', 'Y坐标:unused'])
    const fixed = (await post('sites', text, `?dryRun=true&columns=${encodeURIComponent('站点代码:id,站点叫法:name,X坐标:lon,Y坐标:lat')}`)).json()
    expect(fixed).toMatchObject({ valid: 1, problems: [] })
    const refused = await post('sites', text)
    expect(refused.statusCode).toBe(400)
    expect(refused.json().message).toMatch(/expected a header naming fields of sites/)
  })

  it('then imports the same file for real; a second dry run says how many rows it would replace', async () => {
    const res = await post('sites', SITES_CSV, '?filename=%E5%B7%A5%E5%8F%82.csv')
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ kind: 'sites', imported: 2 })
    expect(t.service.index.site('TH002')?.name).toBe('体育中心')
    const again = (await post('sites', SITES_CSV, '?dryRun=true')).json()
    expect(again).toMatchObject({ valid: 2, replaces: 2 })
    const last = (await audit())[0]
    expect(last).toMatchObject({ action: 'import', target: 'sites' })
    expect(last.details).toMatchObject({ imported: 2, filename: '工参.csv' })
  })
})

describe('XLSX on the import route', () => {
  it('imports the first sheet, or the one named; a bad row is named by sheet and Excel row, nothing stored', async () => {
    const book = await workbook({
      说明: [['告警导出 2026-11-20']],
      告警: [
        ['告警流水号', '基站编号', '告警名称', '告警级别', '发生时间', '清除时间'],
        ['X1', 'TH001', '基站断站告警', '紧急', new Date(Date.UTC(2026, 10, 20, 10, 5)), null],
        ['X2', 'TH002', '小区退服告警', '次要', '2026-11-20 11:00', '2026-11-20 11:30'],
      ],
    })
    const dry = await post('alarms', book, '?dryRun=true&sheet=%E5%91%8A%E8%AD%A6', XLSX_MEDIA_TYPE)
    expect(dry.statusCode, dry.body).toBe(200)
    expect(dry.json()).toMatchObject({ format: 'xlsx', sheet: '告警', sheets: ['说明', '告警'], rows: 2, valid: 2 })
    const before = await counts()
    expect(before.alarms).toBe(0)
    const res = await post('alarms', book, '?sheet=2&filename=nms.xlsx', 'application/octet-stream')
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ imported: 2 })
    expect(t.service.index.alarm('X1')).toMatchObject({ siteId: 'TH001', raisedAt: Date.parse('2026-11-20T10:05:00+08:00'), clearedAt: null })

    const bad = await workbook({ 工参: [['基站编号', '基站名称', '经度', '纬度'], ['TH009', '新站', 113.3, 23.1], ['TH010', '', 113.3, 23.1]] })
    const refused = await post('sites', bad, '', XLSX_MEDIA_TYPE)
    expect(refused.statusCode).toBe(400)
    expect(refused.json().message).toMatch(/row 2 \(sheet "工参", Excel row 3\), field "name"/)
    expect(refused.json().details.problems[0]).toMatchObject({ row: 2, field: 'name', sheet: '工参', excelRow: 3 })
    expect(t.service.index.site('TH009')).toBeUndefined()

    const missing = await post('sites', bad, '?sheet=%E5%9F%BA%E7%AB%99', XLSX_MEDIA_TYPE)
    expect(missing.statusCode).toBe(400)
    expect(missing.json().message).toMatch(/"工参"/)
  })
})

describe('POST /api/import-guess', () => {
  it('names the kind from the column names: a 工参 table, an NMS alarm export, a cutover plan, a cell sheet', async () => {
    const guess = async (header: string) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/import-guess', headers: { 'content-type': 'text/csv' }, payload: `${header}\n` })
      expect(res.statusCode, res.body).toBe(200)
      return res.json()
    }
    expect((await guess('基站编号,基站名称,经度,纬度,网络制式,基站类型,所属BSC,所属MSC')).kind).toBe('sites')
    expect((await guess('基站编号,基站名称,经度,纬度')).kind).toBe('sites')
    expect((await guess('小区编号,基站编号,方位角')).kind).toBe('cells')
    expect((await guess('告警流水号,基站编号,告警名称,告警级别,发生时间,清除时间')).kind).toBe('alarms')
    expect((await guess('割接编号,涉及基站,计划开始,计划结束,实际开始,实际结束')).kind).toBe('cutovers')
    expect((await guess('小区编号,所属基站,方位角,下倾角,水平波瓣宽度,覆盖半径')).kind).toBe('cells')
    expect((await guess('投诉编号,发生时间,投诉地址,业务类型,投诉现象,经度,纬度')).kind).toBe('complaints')
    const none = await guess('甲,乙,丙')
    expect(none).toMatchObject({ kind: null, candidates: [] })
  })

  it('reads an XLSX workbook and answers its sheets', async () => {
    const book = await workbook({ 说明: [['导出说明']], 告警: [['告警流水号', '基站编号', '告警名称', '告警级别', '发生时间']] })
    const res = await t.app.inject({ method: 'POST', url: '/api/import-guess?sheet=2', headers: { 'content-type': XLSX_MEDIA_TYPE }, payload: book })
    expect(res.json()).toMatchObject({ kind: 'alarms', format: 'xlsx', sheet: '告警', sheets: ['说明', '告警'] })
  })
})

describe('saved mappings (/api/import-mappings, mapping=)', () => {
  const PLAN = '站号,站名,X坐标,Y坐标\nM1,规划西,113.3300,23.1350\n'

  it('saves a source\'s renames and CRS under a name; an import naming it uses them, its own parameters win', async () => {
    const saved = await t.app.inject({ method: 'PUT', url: '/api/import-mappings/规划院工参', payload: { kind: 'sites', columns: { X坐标: 'lon', Y坐标: 'lat', 站号: 'id', 站名: 'name' }, crs: 'gcj02' } })
    expect(saved.statusCode, saved.body).toBe(200)
    expect(saved.json()).toMatchObject({ name: '规划院工参', kind: 'sites', crs: 'gcj02', columns: { X坐标: 'lon' } })
    expect((await t.app.inject({ url: '/api/import-mappings' })).json().map((m: { name: string }) => m.name)).toContain('规划院工参')
    // Without the mapping the file's columns are not understood.
    expect((await post('sites', PLAN, '?dryRun=true')).json().problems.length).toBeGreaterThan(0)
    const dry = (await post('sites', PLAN, `?dryRun=true&mapping=${encodeURIComponent('规划院工参')}`)).json()
    expect(dry.problems).toEqual([])
    // GCJ-02 from the mapping: the stored point is shifted to WGS-84 (a few hundred metres in Guangzhou).
    expect(dry.sample[0].lon).not.toBe(113.33)
    expect(Math.abs(dry.sample[0].lon - 113.33)).toBeLessThan(0.01)
    const wgs = (await post('sites', PLAN, `?dryRun=true&crs=wgs84&mapping=${encodeURIComponent('规划院工参')}`)).json()
    expect(wgs.sample[0].lon).toBe(113.33)
    const done = await post('sites', PLAN, `?mapping=${encodeURIComponent('规划院工参')}`)
    expect(done.statusCode, done.body).toBe(200)
    expect(t.service.index.site('M1')?.name).toBe('规划西')
  })

  it('refuses a mapping of another kind, an unknown one (naming the saved ones) and bad parts, naming what was wrong', async () => {
    const wrongKind = await post('alarms', 'a\n1\n', `?mapping=${encodeURIComponent('规划院工参')}`)
    expect(wrongKind.statusCode).toBe(400)
    expect(wrongKind.json().message).toMatch(/mapping of sites, not of alarms/)
    const unknown = await post('sites', PLAN, '?mapping=nope')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().message).toMatch(/"规划院工参"/)
    for (const [body, field] of [
      [{ kind: 'towers' }, 'kind'],
      [{ kind: 'sites', columns: { 站号: 'site_code' } }, 'columns'],
      [{ kind: 'sites', defaults: { colour: 'red' } }, 'defaults'],
      [{ kind: 'sites', crs: 'utm50' }, 'crs'],
      [{ kind: 'sites', encoding: 'latin9' }, 'encoding'],
    ] as const) {
      const res = await t.app.inject({ method: 'PUT', url: '/api/import-mappings/bad', payload: body })
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      expect(res.json().details.field).toBe(field)
    }
    expect((await t.app.inject({ method: 'PUT', url: '/api/import-mappings/a,b', payload: { kind: 'sites' } })).statusCode).toBe(400)
    expect((await t.app.inject({ url: '/api/import-mappings' })).json().map((m: { name: string }) => m.name)).not.toContain('bad')
  })

  it('removes a mapping; saving and removing are in the audit log', async () => {
    await t.app.inject({ method: 'PUT', url: '/api/import-mappings/temp', payload: { kind: 'cells', sheet: '小区' } })
    expect((await t.app.inject({ method: 'DELETE', url: '/api/import-mappings/temp' })).statusCode).toBe(204)
    expect((await t.app.inject({ method: 'DELETE', url: '/api/import-mappings/temp' })).statusCode).toBe(404)
    const log = (await t.app.inject({ url: '/api/audit?limit=20' })).json() as { action: string; target: string }[]
    expect(log.find((e) => e.action === 'import_mapping_removed')?.target).toBe('temp')
    expect(log.find((e) => e.action === 'import_mapping_saved' && e.target === 'temp')).toBeDefined()
  })
})
