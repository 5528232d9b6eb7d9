/**
 * 数据导入 in Debian's Chromium (issue 17 item 4). An engineer drops a Chinese-headed 工参 CSV: the kind is
 * preselected (基站), the mapping and the dry run's preview show, a column re-mapped in place changes the
 * preview, and none of it stored anything (counted through the API). A file with a bad row shows the
 * problem with its row and 导入 stays disabled; in a workbook the problem names the sheet and the Excel
 * row, and the sheet choice switches to the good sheet. 导入 → 导入 N 条, a row of the history, and the
 * new site on the agent's map (live, through the import's event) and on the engineer's own map tab.
 * An agent has no 数据导入 tab. The page fits a 1024×700 laptop and a 390 px phone without sideways scrolling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { apiJson, launch, openApp, shot, startWeb, type WebService } from './harness.js'
import { workbook } from '../helpers/xlsx.js'

/** Two new sites near the demo's 天河 sites, headed as a planning team's 工参 export. */
const NEW = { id: 'IMP-GZ-001', name: '导入测试站一', lon: 113.3301, lat: 23.1352 }
const CSV = [
  '基站编号,基站名称,经度,纬度,网络制式,基站类型,所属BSC,所属MSC,备注',
  `${NEW.id},${NEW.name},${NEW.lon},${NEW.lat},LTE,宏站,BSC-TH01,MSC-GZ03,环-天河东`,
  'IMP-GZ-002,导入测试站二,113.3322,23.1371,5G,室分,BSC-TH01,MSC-GZ03,环-天河东',
].join('\n') + '\n'
/** The same header, one row with a longitude that is not a number (row 2). */
const BAD_CSV = [
  '基站编号,基站名称,经度,纬度,基站类型',
  'IMP-BAD-1,好站,113.3301,23.1352,宏站',
  'IMP-BAD-2,坏站,东经113度,23.1352,宏站',
].join('\n') + '\n'
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

describe('数据导入 (the import page) in Chromium', () => {
  let web: WebService
  let browser: Browser

  beforeAll(async () => {
    ;[web, browser] = await Promise.all([startWeb(), launch()])
  })
  afterAll(async () => {
    await browser?.close()
    await web?.close()
  })

  const siteCount = async () => (await apiJson<unknown[]>(web, '/api/sites')).length
  const siteIds = async () => (await apiJson<{ id: string }[]>(web, '/api/sites')).map((s) => s.id)

  async function openImports(size?: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
    const { page, errors } = await openApp(web, browser, { role: 'engineer', ...size })
    await page.click('#tab-imports')
    await page.waitForSelector('#imports-panel:not([hidden]) #imp-drop')
    return { page, errors }
  }

  /** Drops a file on the drop zone as a user dragging it from the desktop would (a DataTransfer with the File). */
  async function dropFile(page: Page, name: string, type: string, bytes: Buffer): Promise<void> {
    const dt = await page.evaluateHandle(({ name, type, b64 }) => {
      const bin = atob(b64)
      const u = new Uint8Array(bin.length)
      for (let i = 0; i < bin.length; i++) u[i] = bin.charCodeAt(i)
      const dt = new DataTransfer()
      dt.items.add(new File([u], name, { type }))
      return dt
    }, { name, type, b64: bytes.toString('base64') })
    await page.dispatchEvent('#imp-drop', 'dragover', { dataTransfer: dt })
    await page.dispatchEvent('#imp-drop', 'drop', { dataTransfer: dt })
  }

  it('an agent has no 数据导入 tab', async () => {
    const { page, errors } = await openApp(web, browser, { role: 'agent' })
    // The tabs are mounted after the first paint: 网元树 is mounted in the same batch; give the page time to finish.
    await page.waitForTimeout(1500)
    expect(await page.locator('#tab-imports').count()).toBe(0)
    expect(await page.locator('#imports-panel').count()).toBe(0)
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('drop a 工参 CSV: kind preselected, mapping and preview shown, a column re-mapped in place; the dry runs store nothing; import → result, history, and the site on the maps', async () => {
    // The agent's map is open on the place the new site will be, before the import.
    const agent = await openApp(web, browser, { role: 'agent' })
    await agent.page.evaluate(({ lon, lat }) => window.__app!.map.setView([lat, lon], 17, { animate: false }), NEW)
    await agent.page.waitForTimeout(300)
    expect(await agent.page.locator(`.leaflet-marker-icon[data-site="${NEW.id}"]`).count()).toBe(0)
    const updatesBefore = await agent.page.evaluate(() => window.__app!.updates)

    const { page, errors } = await openImports()
    const before = await siteCount()
    await dropFile(page, '天河工参.csv', 'text/csv', Buffer.from(CSV))

    // The kind, guessed from the Chinese header, and the dry run's answer.
    await page.waitForSelector('#imp-summary[data-valid="2"]')
    expect(await page.inputValue('#imp-kind')).toBe('sites')
    expect(await page.textContent('#imp-kind-note')).toContain('基站')
    expect(await page.isVisible('#imp-encoding-row')).toBe(true)
    expect(await page.isVisible('#imp-sheet-row')).toBe(false)
    expect(await page.getAttribute('#imp-summary', 'data-rows')).toBe('2')
    expect(await page.getAttribute('#imp-summary', 'data-replaces')).toBe('0')
    const mapping = page.locator('#imp-mapping tbody tr')
    expect(await mapping.count()).toBe(9)
    expect(await page.getAttribute('#imp-mapping tr[data-source="基站编号"]', 'data-field')).toBe('id')
    expect(await page.getAttribute('#imp-mapping tr[data-source="基站编号"]', 'data-how')).toBe('alias')
    expect(await page.getAttribute('#imp-mapping tr[data-source="备注"]', 'data-how')).toBe('unused')
    expect(await page.inputValue('#imp-mapping select[data-source="备注"]')).toBe('')
    const sample = await page.textContent('#imp-sample')
    expect(sample).toContain(NEW.id)
    expect(sample).toContain(NEW.name)
    expect(sample).not.toContain('环-天河东')
    expect(await page.isEnabled('#imp-commit')).toBe(true)
    expect(await page.textContent('#imp-commit')).toBe('导入 2 条基站')

    // 备注 re-mapped in place to 传输环: the dry run runs again and the rows as stored have the ring.
    await page.selectOption('#imp-mapping select[data-source="备注"]', 'ring')
    await page.waitForSelector('#imp-mapping tr[data-source="备注"][data-how="renamed"][data-field="ring"]')
    expect(await page.textContent('#imp-sample thead')).toContain('传输环')
    expect(await page.textContent('#imp-sample')).toContain('环-天河东')
    await page.screenshot({ path: shot('imports-preview') })

    // Guess and dry runs stored nothing.
    expect(await siteCount()).toBe(before)
    expect(await siteIds()).not.toContain(NEW.id)

    await page.click('#imp-commit')
    await page.waitForSelector('#imp-done[data-imported="2"]')
    expect(await page.textContent('#imp-done')).toContain('导入 2 条基站')
    // The preview is reset for the next file; the history has the import, newest first.
    expect(await page.isHidden('#imp-preview')).toBe(true)
    expect(await page.isDisabled('#imp-commit')).toBe(true)
    const row = page.locator('#imp-history tbody tr').first()
    await page.waitForSelector('#imp-history tbody tr[data-filename="天河工参.csv"]')
    expect(await row.getAttribute('data-kind')).toBe('sites')
    expect(await row.getAttribute('data-imported')).toBe('2')
    expect(await row.textContent()).toContain('engineer')
    expect(await row.textContent()).toContain('基站')
    expect(await siteCount()).toBe(before + 2)
    const stored = await apiJson<{ ring?: string }>(web, `/api/sites/${NEW.id}`)
    expect(stored.ring).toBe('环-天河东')

    // The agent's map, open all along, refreshes from the import's event and shows the new site.
    await agent.page.waitForFunction((n) => window.__app!.updates > n, updatesBefore, { timeout: 10_000 })
    await agent.page.waitForSelector(`.leaflet-marker-icon[data-site="${NEW.id}"]`, { timeout: 10_000 })
    await agent.page.screenshot({ path: shot('imports-agent-map') })

    // And on the engineer's own map (the 客服受理 tab).
    await page.click('#tab-agent')
    await page.evaluate(({ lon, lat }) => window.__app!.map.setView([lat, lon], 17, { animate: false }), NEW)
    await page.waitForSelector(`.leaflet-marker-icon[data-site="${NEW.id}"]`, { timeout: 10_000 })
    expect(errors).toEqual([])
    expect(agent.errors).toEqual([])
    await agent.page.context().close()
    await page.context().close()
  })

  it('a file with a bad row shows the problem with its row and 导入 stays disabled; nothing is stored', async () => {
    const { page, errors } = await openImports()
    const before = await siteCount()
    await page.setInputFiles('#imp-file', { name: '坏工参.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV) })
    await page.waitForSelector('#imp-problems tr[data-row="2"]')
    expect(await page.getAttribute('#imp-problems tr[data-row="2"]', 'data-field')).toBe('lon')
    const problems = await page.textContent('#imp-problems')
    expect(problems).toContain('第 2 行')
    expect(problems).toContain('经度')
    expect(problems).toContain('修正前不能导入')
    expect(await page.isDisabled('#imp-commit')).toBe(true)
    // Re-mapping another column does not hide the problem or enable the import.
    await page.selectOption('#imp-mapping select[data-source="基站名称"]', '')
    await page.waitForSelector('#imp-mapping tr[data-source="基站名称"][data-how="unused"]')
    await page.waitForSelector('#imp-problems tr[data-row="2"]')
    expect(await page.isDisabled('#imp-commit')).toBe(true)
    expect(await siteCount()).toBe(before)
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('an import the server refuses after a clean dry run shows its problems and says nothing was stored', async () => {
    const { page, errors } = await openImports()
    // The data changed between the dry run and the commit (another user's import): the server refuses the
    // commit with the problems. Played here by answering the commit (not the dry run) with that 400.
    await page.route(/\/api\/import\/sites\?/, (route) => /dryRun=true/.test(route.request().url())
      ? route.continue()
      : route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ code: 'IMPORT_INVALID', message: 'sites: row 1, field id: refused', details: { problems: [{ row: 1, field: 'id', message: 'expected a unique id, got a clash' }] } }) }))
    const before = await siteCount()
    await page.setInputFiles('#imp-file', { name: '再导一次.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV.replaceAll('IMP-GZ-', 'IMP-RF-')) })
    await page.waitForSelector('#imp-summary[data-valid="2"]')
    await page.click('#imp-commit')
    await page.waitForSelector('#imp-result #imp-problems tr[data-row="1"]')
    expect(await page.textContent('#imp-result')).toContain('全部未导入')
    expect(await page.textContent('#imp-result')).toContain('expected a unique id')
    // The preview stays for another try; the import button is usable again.
    expect(await page.isVisible('#imp-summary')).toBe(true)
    expect(await page.isEnabled('#imp-commit')).toBe(true)
    expect(await siteCount()).toBe(before)
    // A 400 in the console is the browser's note of the refused request, not a page error.
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('an XLSX workbook: the sheet choice, a problem named by sheet and Excel row, the good sheet imported', async () => {
    const book = await workbook({
      工参: [['基站编号', '基站名称', '经度', '纬度', '网络制式', '所属BSC'], ['IMP-X-1', '表格站一', 113.3288, 23.1333, '4G', 'BSC-TH01']],
      待核实: [['基站编号', '基站名称', '经度', '纬度', '所属BSC'], ['IMP-X-2', '表格站二', 113.3290, 23.1334, 'BSC-TH01'], ['IMP-X-3', '表格站三', 113.3291, '北纬23度', 'BSC-TH01']],
    })
    const { page, errors } = await openImports()
    const before = await siteCount()
    await page.setInputFiles('#imp-file', { name: '工参.xlsx', mimeType: XLSX_TYPE, buffer: book })
    await page.waitForSelector('#imp-summary[data-valid="1"]')
    expect(await page.inputValue('#imp-kind')).toBe('sites')
    expect(await page.isVisible('#imp-sheet-row')).toBe(true)
    expect(await page.isVisible('#imp-encoding-row')).toBe(false)
    expect(await page.locator('#imp-sheet option').allTextContents()).toEqual(['工参', '待核实'])

    await page.selectOption('#imp-sheet', '待核实')
    await page.waitForSelector('#imp-problems tr[data-row="2"]')
    const problem = await page.textContent('#imp-problems tr[data-row="2"]')
    expect(problem).toContain('Excel 第 3 行')
    expect(problem).toContain('待核实')
    expect(problem).toContain('纬度')
    expect(await page.isDisabled('#imp-commit')).toBe(true)

    await page.selectOption('#imp-sheet', '工参')
    await page.waitForSelector('#imp-summary[data-valid="1"]')
    expect(await page.locator('#imp-problems').count()).toBe(0)
    expect(await siteCount()).toBe(before)
    await page.click('#imp-commit')
    await page.waitForSelector('#imp-done[data-imported="1"]')
    await page.waitForSelector('#imp-history tbody tr[data-filename="工参.xlsx"]')
    expect(await page.textContent('#imp-history tbody tr[data-filename="工参.xlsx"]')).toContain('Excel')
    expect(await siteIds()).toContain('IMP-X-1')
    expect(await siteIds()).not.toContain('IMP-X-2')
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('fits a 1024×700 laptop and a 390 px phone: no sideways scrolling, the map still beside the page on the laptop', async () => {
    for (const size of [{ width: 1024, height: 700 }, { width: 390, height: 844 }]) {
      const { page, errors } = await openImports(size)
      await dropFile(page, '天河工参.csv', 'text/csv', Buffer.from(CSV))
      await page.waitForSelector('#imp-summary[data-valid="2"]')
      const m = await page.evaluate(() => {
        const panel = document.querySelector('aside.panel')!
        const map = document.getElementById('map')!.getBoundingClientRect()
        return {
          page: document.documentElement.scrollWidth, inner: innerWidth,
          panelScroll: panel.scrollWidth, panelClient: panel.clientWidth, panelWidth: panel.getBoundingClientRect().width, mapWidth: map.width,
          drop: document.getElementById('imp-drop')!.getBoundingClientRect().width,
        }
      })
      expect(m.page, JSON.stringify(m)).toBeLessThanOrEqual(m.inner)
      expect(m.panelScroll, JSON.stringify(m)).toBeLessThanOrEqual(m.panelClient)
      if (size.width === 1024) {
        expect(m.panelWidth).toBeGreaterThan(500)
        expect(m.mapWidth).toBeGreaterThan(400)
      } else {
        expect(m.panelWidth).toBeGreaterThan(size.width - 5)
        expect(m.drop).toBeLessThanOrEqual(size.width)
      }
      expect(await page.isVisible('#imp-commit')).toBe(true)
      await page.screenshot({ path: shot(`imports-${size.width}`), fullPage: false })
      expect(errors).toEqual([])
      await page.context().close()
    }
  })

  it('a source whose columns nobody knows: map them once, save the mapping under a name, use it for the next file of that source', async () => {
    const PLAN = (id: string, name: string) => `站点代码,站点叫法,X坐标,Y坐标\n${id},${name},113.3311,23.1361\n`
    const { page, errors } = await openImports()
    await dropFile(page, '规划院-11月.csv', 'text/csv', Buffer.from(PLAN('IMP-PLAN-1', '规划院站一')))
    await page.waitForSelector('#imp-kind-note')
    await page.selectOption('#imp-kind', 'sites')
    await page.waitForSelector('#imp-summary')
    for (const [source, field] of [['站点代码', 'id'], ['站点叫法', 'name'], ['X坐标', 'lon'], ['Y坐标', 'lat']]) {
      await page.selectOption(`#imp-mapping select[data-source="${source}"]`, field)
      await page.waitForSelector(`#imp-mapping tr[data-source="${source}"][data-field="${field}"]`)
    }
    await page.waitForSelector('#imp-summary[data-valid="1"]')
    await page.fill('#imp-saved-name', '规划院工参')
    await page.click('#imp-saved-save')
    await page.waitForSelector('#imp-saved-select option[value="规划院工参"]', { state: 'attached' })
    expect(await page.textContent('#imp-saved-note')).toContain('已保存映射「规划院工参」')
    const saved = await apiJson<{ name: string; kind: string; columns: Record<string, string> }[]>(web, '/api/import-mappings')
    expect(saved.find((m) => m.name === '规划院工参')).toMatchObject({ kind: 'sites', columns: { 站点代码: 'id', X坐标: 'lon' } })

    // December's file of the same source, on a fresh page: one choice of the saved mapping and it is ready.
    await page.context().close()
    const next = await openImports()
    await dropFile(next.page, '规划院-12月.csv', 'text/csv', Buffer.from(PLAN('IMP-PLAN-2', '规划院站二')))
    await next.page.waitForSelector('#imp-kind-note')
    await next.page.waitForSelector('#imp-saved-select option[value="规划院工参"]', { state: 'attached' })
    await next.page.selectOption('#imp-saved-select', '规划院工参')
    await next.page.click('#imp-saved-apply')
    await next.page.waitForSelector('#imp-summary[data-valid="1"]')
    expect(await next.page.inputValue('#imp-kind')).toBe('sites')
    expect(await next.page.textContent('#imp-sample')).toContain('IMP-PLAN-2')
    await next.page.click('#imp-commit')
    await next.page.waitForSelector('#imp-done[data-imported="1"]')
    expect(await siteIds()).toContain('IMP-PLAN-2')
    expect(await siteIds()).not.toContain('IMP-PLAN-1')
    expect(errors).toEqual([])
    expect(next.errors).toEqual([])
    await next.page.context().close()
  })
})
