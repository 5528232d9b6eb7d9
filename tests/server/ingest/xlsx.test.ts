/** XLSX workbooks (what 工参 tables and NMS exports are saved as) read like CSV, problems named by sheet and Excel row. */
import { describe, expect, it } from 'vitest'
import { AppError, ImportError } from '../../../server/src/errors.js'
import { readImportBody } from '../../../server/src/ingest/body.js'
import { parseImport } from '../../../server/src/ingest/index.js'
import { workbook } from '../../helpers/xlsx.js'

const SITES = [
  ['基站编号', '基站名称', '经度', '纬度', '网络制式', '基站类型', '所属BSC', '所属MSC'],
  ['0012', '天河直街', 113.33, 23.135, 'LTE', '宏站', 'BSC-TH01', 'MSC-GZ03'],
  ['TH002', '体育中心', 113.3401, 23.1402, '5G', '室分', 'BSC-TH01', 'MSC-GZ03'],
]

describe('XLSX imports', () => {
  it('reads the first sheet with Chinese headers; text ids keep their zeros, numbers their digits', async () => {
    const input = await readImportBody('sites', await workbook({ 工参: SITES, 说明: [['本表由规划工具导出']] }))
    expect(input).toMatchObject({ format: 'xlsx', sheet: '工参', sheets: ['工参', '说明'] })
    const { rows } = parseImport('sites', input, { crs: 'wgs84' })
    expect(rows.map((r) => [r.id, r.lon, r.lat, r.tech])).toEqual([['0012', 113.33, 23.135, '4G'], ['TH002', 113.3401, 23.1402, '5G']])
  })

  it('a date cell is the wall-clock time written in Excel, read as China time', async () => {
    // Excel dates have no zone: the cell shows 2026-11-20 10:05, which is 10:05 in China.
    const raised = new Date(Date.UTC(2026, 10, 20, 10, 5))
    const book = await workbook({ 告警: [['告警流水号', '基站编号', '告警名称', '告警级别', '发生时间', '清除时间'], ['A1', 'TH002', '基站断站告警', '紧急', raised, null]] })
    const { rows } = parseImport('alarms', await readImportBody('alarms', book, { filename: 'nms.xlsx' }), { crs: 'wgs84' })
    expect(rows[0]).toMatchObject({ id: 'A1', raisedAt: Date.parse('2026-11-20T10:05:00+08:00'), clearedAt: null, severity: 'critical' })
  })

  it('reads a sheet by name or number, and names the sheets there are when one is not', async () => {
    const book = await workbook({ 说明: [['本表由规划工具导出']], 工参: SITES })
    expect((await readImportBody('sites', book, { sheet: '工参' }) as { sheet: string }).sheet).toBe('工参')
    expect((await readImportBody('sites', book, { sheet: '2' }) as { sheet: string }).sheet).toBe('工参')
    const err = await readImportBody('sites', book, { sheet: '基站' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ImportError)
    expect((err as ImportError).problems[0]).toMatchObject({ field: 'sheet' })
    expect((err as Error).message).toMatch(/"说明", "工参".*"基站"/)
  })

  it('a title row above the header is passed over; a problem names the sheet and the Excel row', async () => {
    // A title row above the header (how planning tools export) is passed over: the header is the
    // first row naming at least two fields of the kind.
    const titled = await workbook({ 工参: [['天河区基站工参表 2026-11'], SITES[0], SITES[1]] })
    expect(parseImport('sites', await readImportBody('sites', titled), { crs: 'wgs84' }).rows.map((r) => r.id)).toEqual(['0012'])
    const clean = await workbook({ 工参: [[null], ['天河区基站工参表'], SITES[0], SITES[1], ['TH003', '新站', 213.3, 23.1, 'LTE', '宏站', '', '']] })
    try {
      parseImport('sites', await readImportBody('sites', clean), { crs: 'wgs84' })
      expect.unreachable()
    } catch (e) {
      const p = (e as ImportError).problems[0]
      expect(p).toMatchObject({ row: 2, sheet: '工参', excelRow: 5 })
      expect((e as Error).message).toMatch(/row 2 \(sheet "工参", Excel row 5\), field "lon"/)
    }
  })

  it('refuses a legacy .xls and a file that is not a workbook, saying what to do', async () => {
    const ole2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])
    await expect(readImportBody('sites', ole2)).rejects.toThrow(/legacy binary \.xls.*save it as \.xlsx/)
    await expect(readImportBody('sites', Buffer.from('x'), { filename: '工参.xls' })).rejects.toThrow(AppError)
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40)])
    await expect(readImportBody('sites', broken)).rejects.toThrow(/expected an \.xlsx workbook/)
  })

  it('CSV and GeoJSON still come through the same door, by content type, extension or content', async () => {
    const text = Buffer.from('id,name,lon,lat\nS1,甲,113.3,23.1\n')
    expect(await readImportBody('sites', text, { filename: 'a.csv' })).toMatchObject({ format: 'csv' })
    expect(await readImportBody('sites', Buffer.from('{"type":"FeatureCollection","features":[]}'))).toMatchObject({ format: 'geojson' })
  })
})
