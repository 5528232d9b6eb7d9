/**
 * 网元树 (issue 9) in Debian's Chromium against the real service with the demo district: the tree
 * MSC → BSC → site, search in it, a site opened on the map, a BSC's footprint drawn with its alarm
 * state and the complaints inside it, and a BSC alarm imported turning its node red.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { apiJson, importCsv, launch, openApp, shot, startWeb, type WebService } from './harness.js'

describe('网元树 in Chromium', () => {
  const now = Date.now()
  let web: WebService
  let browser: Browser
  let page: Page
  const errors: string[] = []

  beforeAll(async () => {
    ;[web, browser] = await Promise.all([startWeb(now), launch()])
    ;({ page } = await openApp(web, browser, { role: 'agent', errors }))
    await page.click('#tree-box > summary')
    await page.waitForSelector('[data-tree-node="msc:MSC-GZ03"]')
  })
  afterAll(async () => {
    await browser?.close()
    await web?.close()
  })

  it('shows MSC → BSC → site from the demo sites, with counts', async () => {
    const tree = await apiJson<{ counts: { sites: number } }>(web, '/api/network/tree')
    expect(await page.textContent('#tree-count')).toContain(`${tree.counts.sites} 基站`)
    const bscs = await page.locator('[data-tree-node="msc:MSC-GZ03"] [data-tree-node^="bsc:"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-tree-node')))
    expect(bscs).toEqual(['bsc:BSC-TH01', 'bsc:BSC-TH02'])
    // 龙口东路南 (TH003, BSC-TH02) has the demo's active alarm: its BSC and the MSC are red.
    expect(await page.getAttribute('[data-tree-node="bsc:BSC-TH02"]', 'data-state')).toBe('alarm')
    expect(await page.getAttribute('[data-tree-node="msc:MSC-GZ03"]', 'data-state')).toBe('alarm')
    expect(await page.getAttribute('[data-tree-node="site:TH003"]', 'data-state')).toBe('alarm')
  })

  it('searches the tree and opens a found site on the map', async () => {
    // Two sites have 白马 in their name; the whole name finds one (and pinyin-free ids work too).
    await page.fill('#tree-q', '白马')
    await page.waitForFunction(() => document.querySelectorAll('[data-tree-node^="site:"]').length === 2)
    await page.fill('#tree-q', '白马花园')
    await page.waitForFunction(() => document.querySelectorAll('[data-tree-node^="site:"]').length === 1)
    expect(await page.locator('[data-tree-node^="site:"]').getAttribute('data-tree-node')).toBe('site:TH001')
    expect(await page.textContent('#tree-count')).toContain('匹配 1 个基站')
    // Look elsewhere first, so that opening the site has to bring the map to it.
    await page.evaluate(() => window.__app!.map.setView([23.3, 113.6], 15, { animate: false }))
    await page.click('[data-tree-node="site:TH001"] .tree-label')
    await page.waitForSelector('#site-title')
    expect(await page.textContent('#site-title')).toBe('白马花园')
    // The map came to the site.
    await page.waitForFunction(() => {
      const c = window.__app!.map.getCenter()
      return Math.abs(c.lng - 113.326846) < 0.01 && Math.abs(c.lat - 23.138526) < 0.01
    }, undefined, { timeout: 10_000 })
    await page.fill('#tree-q', 'zzz-none')
    await page.waitForSelector('#tree-list >> text=没有匹配')
    await page.fill('#tree-q', '')
    await page.waitForSelector('[data-tree-node="site:TH040"]', { state: 'attached' })
  })

  it('draws a BSC\'s footprint with its state and the complaints inside it', async () => {
    await page.click('[data-tree-node="bsc:BSC-TH02"] > details > summary .tree-label')
    await page.waitForSelector('#tree-element[data-element="bsc:BSC-TH02"]')
    await page.waitForSelector('path.element-footprint')
    expect(await page.locator('path.element-footprint').count()).toBe(1)
    const api = await apiJson<{ state: string; complaints: { count: number }; sites: unknown[] }>(web, '/api/network/elements/bsc/BSC-TH02')
    expect(api.state).toBe('alarm')
    expect(await page.textContent('#tree-element')).toContain('告警中')
    expect(await page.textContent('#tree-element')).toContain(`${api.sites.length} 个基站`)
    expect(Number(await page.getAttribute('#tree-complaint-count', 'data-count'))).toBe(api.complaints.count)
    expect(await page.locator('#tree-complaints li').count()).toBe(Math.min(20, api.complaints.count))
    // The footprint is drawn in the state's colour (red) and covers the BSC's sites on screen.
    expect(await page.getAttribute('path.element-footprint', 'stroke')).toBe('#e74c3c')
    // The map flies to the footprint: once there, it is drawn on screen, not a sliver.
    await page.waitForTimeout(1500)
    const box = await page.locator('path.element-footprint').boundingBox()
    expect(box!.width).toBeGreaterThan(100)
    expect(box!.height).toBeGreaterThan(100)
    await page.screenshot({ path: shot('tree-bsc-footprint') })
  })

  it('turns a BSC red when an alarm on the BSC itself is imported (live refresh)', async () => {
    expect(await page.getAttribute('[data-tree-node="bsc:BSC-TH01"]', 'data-state')).not.toBe('alarm')
    await importCsv(web, 'alarms', `id,element_type,element_id,kind,severity,raised_at,cleared_at\nE-BSC1,bsc,BSC-TH01,传输中断,critical,${new Date(now - 600_000).toISOString()},\n`)
    await page.waitForSelector('[data-tree-node="bsc:BSC-TH01"][data-state="alarm"]', { timeout: 10_000 })
    expect(await page.textContent('[data-tree-node="bsc:BSC-TH01"] > details > summary')).toContain('本身告警中')
    expect(errors).toEqual([])
  })
})
