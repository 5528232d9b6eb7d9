/**
 * `npm run import` as an administrator runs it, on the real Shanghai Telecom site file (GCJ-02, an unnamed
 * index column, no names, rows far outside Shanghai): clear failure without the right options, nothing
 * half-imported, success with them.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { userInfo } from 'node:os'
import { Store } from '../../../server/src/store/store.js'
import { tempStore, type TestStore } from '../../helpers/service.js'
import { workbook } from '../../helpers/xlsx.js'

const SHANGHAI = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'shanghai', 'shanghai_telecom_base_stations_all.csv')
const BOX = '120.85,30.67,122.2,31.9'
let store: TestStore
beforeAll(async () => { store = await tempStore() })
afterAll(async () => { await store.drop() })

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/import.ts', ...args], {
    env: { ...process.env, DATA_DIR: store.dataDir, DATABASE_URL: store.databaseUrl ?? '' }, encoding: 'utf8', timeout: 120_000,
  })
  return { code: r.status, out: r.stdout, err: r.stderr }
}
async function siteCount(): Promise<number> {
  const s = await Store.open(store)
  try { return (await s.counts()).sites } finally { await s.close() }
}

describe.runIf(existsSync(SHANGHAI))('npm run import on the real Shanghai site file', () => {
  const rows = readFileSync(SHANGHAI, 'utf8').trim().split('\n').length - 1

  it('without names: exit 1, names the row and field, nothing stored', async () => {
    const r = cli('--kind', 'sites', SHANGHAI, '--crs', 'gcj02')
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/nothing imported.*row 1, field "name"/s)
    expect(await siteCount()).toBe(0)
  })

  it('with a Shanghai bbox but no skip: exit 1 naming the first row outside, nothing stored', async () => {
    const r = cli('--kind', 'sites', SHANGHAI, '--crs', 'gcj02', '--columns', 'address:name', '--bbox', BOX)
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/row \d+, field "lon\/lat".*outside|bbox/s)
    expect(await siteCount()).toBe(0)
  })

  it('with --outside skip: imports the rest and lists what it skipped; re-running changes nothing', async () => {
    const r = cli('--kind', 'sites', SHANGHAI, '--crs', 'gcj02', '--columns', 'address:name', '--bbox', BOX, '--outside', 'skip')
    expect(r.code, r.err).toBe(0)
    const m = r.out.match(/imported (\d+) sites.*skipped (\d+) row/s)
    expect(m).not.toBeNull()
    const [imported, skipped] = [Number(m![1]), Number(m![2])]
    expect(imported + skipped).toBe(rows)
    expect(skipped).toBeGreaterThan(0)
    expect(await siteCount()).toBe(imported)
    expect(cli('--kind', 'sites', SHANGHAI, '--crs', 'gcj02', '--columns', 'address:name', '--bbox', BOX, '--outside', 'skip').code).toBe(0)
    expect(await siteCount()).toBe(imported)
    // Both runs are in the audit log as the login that ran them; the refused ones are not.
    const s = await Store.open(store)
    try {
      const audit = await s.db.any<{ username: string; target: string; details: { imported: number; skipped: number } }>("SELECT * FROM audit_log WHERE action = 'import' ORDER BY id")
      expect(audit.map((a) => [a.username, a.target, a.details.imported, a.details.skipped])).toEqual([
        [`cli:${userInfo().username}`, 'sites', imported, skipped], [`cli:${userInfo().username}`, 'sites', imported, skipped],
      ])
    } finally { await s.close() }
  })

  it('refuses a bad kind and a missing file with exit 1 and usage', () => {
    expect(cli('--kind', 'towers', SHANGHAI).code).toBe(1)
    const r = cli('--kind', 'sites', '/nonexistent.csv')
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/cannot read/)
  })
})

describe('npm run import on a GBK file (an Excel export)', () => {
  // 天河直街基站 / 宏站 in GBK bytes.
  const GBK = Buffer.from('id,name,tech,type,lon,lat\nG1,\xcc\xec\xba\xd3\xd6\xb1\xbd\xd6\xbb\xf9\xd5\xbe,4G,\xba\xea\xd5\xbe,113.33,23.13\n', 'latin1')

  it('refuses it without --encoding, naming the option, and imports it with --encoding gbk', async () => {
    const file = join(store.dataDir, 'sites-gbk.csv')
    writeFileSync(file, GBK)
    const before = await siteCount()
    const refused = cli('--kind', 'sites', file)
    expect(refused.code).toBe(1)
    expect(refused.err).toMatch(/not UTF-8.*--encoding gbk/s)
    expect(await siteCount()).toBe(before)
    const ok = cli('--kind', 'sites', file, '--encoding', 'gbk')
    expect(ok.code, ok.err).toBe(0)
    const s = await Store.open(store)
    try {
      expect((await s.db.one<{ name: string; type: string }>("SELECT name, type FROM sites WHERE id = 'G1'"))).toEqual({ name: '天河直街基站', type: '宏站' })
    } finally { await s.close() }
  })
})

describe('npm run import on a 工参 workbook (XLSX, Chinese headers), with --dry-run first', () => {
  it('--dry-run prints the mapping, the first rows and the count and stores nothing; without it imports the sheet', async () => {
    const file = join(store.dataDir, '工参.xlsx')
    writeFileSync(file, await workbook({
      说明: [['由规划工具导出']],
      工参: [['天河区基站工参表'], ['基站编号', '基站名称', '经度', '纬度', '网络制式', '基站类型'], ['X1', '天河直街', 113.33, 23.135, 'LTE', '宏站'], ['X2', '体育中心', 113.34, 23.14, 'NR', '室分']],
    }))
    const before = await siteCount()
    const dry = cli('--kind', 'sites', file, '--sheet', '工参', '--dry-run')
    expect(dry.code, dry.err).toBe(0)
    expect(dry.out).toMatch(/dry run: nothing stored\. sites from xlsx \(sheet "工参"\): 2 row\(s\), 2 would be imported/)
    expect(dry.out).toMatch(/基站编号 → id \(alias\)/)
    expect(dry.out).toMatch(/"id":"X2".*"tech":"5G"/)
    expect(await siteCount()).toBe(before)
    const bad = cli('--kind', 'sites', file, '--dry-run') // the first sheet is the note: no header of sites
    expect(bad.code).toBe(1)
    expect(await siteCount()).toBe(before)
    const ok = cli('--kind', 'sites', file, '--sheet', '2')
    expect(ok.code, ok.err).toBe(0)
    expect(ok.out).toMatch(/imported 2 sites/)
    expect(await siteCount()).toBe(before + 2)
  })
})
