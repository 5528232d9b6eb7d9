/** Operators' own column names (工参 tables, NMS alarm exports, cutover plans) understood without options. */
import { describe, expect, it } from 'vitest'
import type { ImportKind } from '../../../server/src/domain/types.js'
import { ImportError } from '../../../server/src/errors.js'
import { HEADERS, KIND_FIELDS, normaliseHeader } from '../../../server/src/ingest/headers.js'
import { parseImport, type ImportOptions } from '../../../server/src/ingest/index.js'
import { previewImport } from '../../../server/src/ingest/preview.js'

const NOW = Date.parse('2026-11-20T12:00:00+08:00')
const csv = (kind: ImportKind, lines: string[], options: Partial<ImportOptions> = {}) =>
  parseImport(kind, { text: lines.join('\n') + '\n', format: 'csv' }, { crs: 'wgs84', now: NOW, ...options })

describe('Chinese headers', () => {
  it('reads a 工参 site table as the planning tool writes it', () => {
    const { rows } = csv('sites', [
      '基站编号,基站名称,经度,纬度,网络制式,基站类型,所属BSC,所属MSC,传输环',
      'TH001,天河直街,113.3300,23.1350,LTE,宏站,BSC-TH01,MSC-GZ03,RING-7',
    ])
    expect(rows).toEqual([{ id: 'TH001', name: '天河直街', lon: 113.33, lat: 23.135, tech: '4G', type: '宏站', bsc: 'BSC-TH01', msc: 'MSC-GZ03', ring: 'RING-7' }])
  })

  it('reads an NMS alarm export; zone-less times are China time, 紧急 is critical, an empty 清除时间 is active', () => {
    const { rows } = csv('alarms', [
      '告警流水号,基站编号,告警名称,告警级别,发生时间,清除时间',
      'A-1,TH001,基站断站告警,紧急,2026-11-20 10:05:00,',
      'A-2,TH001,传输中断告警,重要,2026/11/20 09:00,2026/11/20 09:40',
    ])
    expect(rows[0]).toMatchObject({ id: 'A-1', siteId: 'TH001', kind: '基站断站告警', severity: 'critical', raisedAt: Date.parse('2026-11-20T10:05:00+08:00'), clearedAt: null })
    expect(rows[1]).toMatchObject({ severity: 'major', raisedAt: Date.parse('2026-11-20T09:00:00+08:00'), clearedAt: Date.parse('2026-11-20T09:40:00+08:00') })
  })

  it('reads a cutover plan and a cell table with units in the headers', () => {
    const cut = csv('cutovers', [
      '割接编号,涉及基站,计划开始,计划结束,实际开始,实际结束,割接内容',
      'CUT-1,TH001;TH002,2026-11-20 01:00,2026-11-20 05:00,2026-11-20 01:20,,BSC割接',
    ]).rows[0]
    expect(cut).toMatchObject({ id: 'CUT-1', siteIds: ['TH001', 'TH002'], plannedStart: Date.parse('2026-11-20T01:00:00+08:00'), actualStart: Date.parse('2026-11-20T01:20:00+08:00'), actualEnd: null, description: 'BSC割接' })
    const cell = csv('cells', [
      '小区编号,所属基站,方位角（度）,下倾角,水平波瓣宽度,覆盖半径(米),网络制式',
      '4600-1,TH001,120,6,65,500,NR',
    ]).rows[0]
    expect(cell).toMatchObject({ id: '4600-1', siteId: 'TH001', azimuth: 120, beamwidth: 65, radiusM: 500, tech: '5G' })
  })

  it('a CONTRACT column wins over its alias, and columns= over both', () => {
    expect(csv('sites', ['id,基站编号,name,lon,lat', 'S1,TH9,甲,113.3,23.1']).rows[0].id).toBe('S1')
    expect(csv('sites', ['站号,基站编号,name,lon,lat', 'X,TH9,甲,113.3,23.1'], { columns: { 站号: 'id' } }).rows[0].id).toBe('X')
  })

  it('of two aliases of one field the first listed is used, the other is not read', () => {
    // 基站编号 is listed before 站号 for sites.id.
    const p = previewImport('sites', { text: '站号,基站编号,name,lon,lat\nX,TH9,甲,113.3,23.1\n', format: 'csv' }, { crs: 'wgs84' })
    expect(p.sample[0]).toMatchObject({ id: 'TH9' })
    expect(p.mapping).toEqual([
      { source: '站号', field: null, how: 'unused' },
      { source: '基站编号', field: 'id', how: 'alias' },
      { source: 'name', field: 'name', how: 'contract' },
      { source: 'lon', field: 'lon', how: 'contract' },
      { source: 'lat', field: 'lat', how: 'contract' },
    ])
  })

  it('names the Chinese column in a problem by its field, with the row', () => {
    try {
      csv('alarms', ['告警流水号,基站编号,告警名称,告警级别,发生时间', 'A-1,TH001,断站,很严重,2026-11-20 10:05'])
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(ImportError)
      expect((e as ImportError).problems[0]).toMatchObject({ row: 1, field: 'severity' })
      expect((e as ImportError).message).toMatch(/紧急\/重要\/次要\/提示/)
    }
  })

  it('normalises headers: brackets with units, full-width letters, case and spaces', () => {
    expect(normaliseHeader(' 覆盖半径(米) ')).toBe('覆盖半径')
    expect(normaliseHeader('方位角（度）')).toBe('方位角')
    expect(normaliseHeader('所属ＢＳＣ')).toBe('所属bsc')
    expect(normaliseHeader('经度[WGS84]')).toBe('经度')
  })

  it('every alias names a field its kind reads or a known unused one, and no alias is listed twice in a kind', () => {
    for (const [kind, table] of Object.entries(HEADERS) as [ImportKind, Record<string, readonly string[]>][]) {
      const all = Object.values(table).flat()
      expect(new Set(all).size, kind).toBe(all.length)
      for (const field of Object.keys(table)) expect([...KIND_FIELDS[kind], 'tilt'], `${kind}.${field}`).toContain(field)
      for (const a of all) expect(normaliseHeader(a), `${kind}: ${a}`).toBe(a)
    }
  })
})
