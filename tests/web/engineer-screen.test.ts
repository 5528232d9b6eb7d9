/**
 * The engineer's screen (网维分析) at the laptop sizes users have (1366×768, 1024×700), in Debian's
 * Chromium against the real service and the demo: the complaint list is readable (one line a row, wider
 * than the side panel) and a row opens the complaint (its card, the map centred on it, by mouse or
 * keyboard); the analysis layers leave the map with the screen and come back with it; the CSV's cluster
 * numbers are the screen's; an empty result says in Chinese why nothing can be exported; failures are
 * told in Chinese; the form's dates and select show their whole value.
 *
 * No skip: without Chromium at /usr/bin/chromium (or CHROMIUM_PATH) these tests fail.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { apiJson, launch, openApp, shot, startWeb, type WebService, parseCsv } from './harness.js'

interface Analysis {
  total: number
  clusters: { id: number; complaintIds: string[] }[]
  complaints: { id: string; cluster: number | null }[]
}

const SIZES = [[1366, 768], [1024, 700]] as const
const EMPTY = '当前结果没有投诉,无可导出的内容;请调整区域或时间后重新分析'

/** Opens the engineer's screen and analyses 天河区 over the form's window; resolves to the API's answer. */
async function analyseDistrict(page: Page): Promise<Analysis> {
  if ((await page.getAttribute('body', 'data-screen')) !== 'engineer') {
    await page.click('#tab-engineer')
    await page.waitForSelector('body[data-screen="engineer"]')
  }
  await page.waitForSelector('#district option:nth-child(2)', { state: 'attached' })
  await page.selectOption('#district', { label: '天河区' })
  const run = Number((await page.getAttribute('#an-result', 'data-run')) ?? 0)
  const analysed = page.waitForResponse((r) => r.url().endsWith('/api/analysis'))
  await page.click('#analyse')
  const res = await analysed
  expect(res.status()).toBe(200)
  await page.waitForSelector(`#an-result[data-run="${run + 1}"]`)
  return (await res.json()) as Analysis
}

/** The engineer's layers on the map: Leaflet's count, and what they draw (heat canvas, rings, the area). */
function mapLayers(page: Page) {
  return page.evaluate(() => {
    // Leaflet layers of this screen: the heat map, the rings, the rank markers, the area, the opened complaint's ring.
    const OURS = ['st-cluster', 'unexplained-cluster', 'an-area', 'an-focus', 'unexplained-rank']
    let layers = 0
    window.__app!.map.eachLayer((l) => {
      const o = l.options as { className?: string; icon?: { options: { className?: string } } }
      if ('_heat' in l || OURS.includes(o.className ?? '') || OURS.includes(o.icon?.options.className ?? '')) layers++
    })
    const n = (sel: string) => document.querySelectorAll(`#map ${sel}`).length
    return {
      layers,
      heat: n('canvas.leaflet-heatmap-layer'),
      clusters: n('path.st-cluster') + n('path.unexplained-cluster'),
      area: n('path.an-area'),
      ranks: n('.unexplained-rank'),
    }
  })
}

describe('engineer screen (网维分析) at laptop sizes', () => {
  const now = Date.now()
  let web: WebService
  let browser: Browser

  beforeAll(async () => {
    ;[web, browser] = await Promise.all([startWeb(now), launch()])
  })
  afterAll(async () => {
    await browser?.close()
    await web?.close()
  })

  for (const [width, height] of SIZES) {
    it(`${width}×${height}: the list is one line a row, wider than the panel, and a row opens its complaint`, async () => {
      const { page, errors } = await openApp(web, browser, { width, height })
      await analyseDistrict(page)
      await page.waitForSelector('#an-list:not([hidden])')
      await page.waitForTimeout(300)
      await page.screenshot({ path: shot(`engineer-list-${width}`) })

      const m = await page.evaluate(() => {
        const rect = (el: Element) => el.getBoundingClientRect()
        const rows = [...document.querySelectorAll('#an-table-body tr')].map((r) => rect(r).height)
        const cell = document.querySelector('#an-table-body td')!
        const scroll = document.querySelector('#an-list .an-list-scroll')!
        return {
          rows,
          lineHeight: parseFloat(getComputedStyle(cell).lineHeight) || parseFloat(getComputedStyle(cell).fontSize) * 1.45,
          table: rect(document.querySelector('#an-list table')!).width,
          panel: rect(document.querySelector('aside.panel')!).width,
          list: rect(document.getElementById('an-list')!),
          map: rect(document.getElementById('map')!),
          scrollable: scroll.scrollWidth > scroll.clientWidth,
          addrTitle: document.querySelector('#an-table-body td.an-addr span')?.getAttribute('title'),
        }
      })
      expect(m.rows.length).toBeGreaterThan(10)
      // One line a row: no row taller than a line and its padding.
      for (const hgt of m.rows) expect(hgt).toBeLessThan(m.lineHeight + 12)
      expect(m.table > m.panel || m.scrollable).toBe(true)
      expect(m.table).toBeGreaterThan(m.panel)
      expect(m.addrTitle).toBeTruthy()
      // The drawer lies on the map (not over the panel) and leaves the map's centre uncovered.
      expect(m.list.left).toBeGreaterThanOrEqual(m.map.left - 1)
      expect(m.list.right).toBeLessThanOrEqual(m.map.right + 1)
      expect(m.list.bottom).toBeLessThanOrEqual(m.map.bottom + 1)
      expect(m.list.top).toBeGreaterThan(m.map.top + m.map.height / 2)

      // A click opens the complaint: its card in the side panel, the map centred on it, ringed.
      const row = page.locator('#an-table-body tr').nth(2)
      const id = (await row.getAttribute('data-id'))!
      const c = await apiJson<{ lon: number; lat: number }>(web, `/api/complaints/${encodeURIComponent(id)}`)
      await row.click()
      await page.waitForSelector(`#an-complaint:not([hidden])[data-id="${id}"] .wf-card[data-complaint="${id}"]`)
      expect(await row.getAttribute('aria-current')).toBe('true')
      await page.waitForFunction(([lon, lat]) => window.__app!.map.getCenter().distanceTo([lat, lon]) < 30, [c.lon, c.lat], { timeout: 10_000 })
      expect(await page.locator('#map path.an-focus').count()).toBe(1)
      // … visible: the card inside the panel's view, the complaint above the drawer.
      const seen = await page.evaluate(([lon, lat]) => {
        const p = window.__app!.map.latLngToContainerPoint([lat, lon])
        const card = document.getElementById('an-complaint')!.getBoundingClientRect()
        const panel = document.querySelector('aside.panel')!.getBoundingClientRect()
        const list = document.getElementById('an-list')!.getBoundingClientRect()
        const map = document.getElementById('map')!.getBoundingClientRect()
        return { pointY: map.top + p.y, listTop: list.top, cardTop: card.top, panelTop: panel.top, panelBottom: panel.bottom }
      }, [c.lon, c.lat])
      expect(seen.pointY).toBeLessThan(seen.listTop)
      expect(seen.cardTop).toBeGreaterThanOrEqual(seen.panelTop - 1)
      expect(seen.cardTop).toBeLessThan(seen.panelBottom)
      await page.screenshot({ path: shot(`engineer-row-open-${width}`) })

      // The keyboard: rows are focusable, the arrows move, Enter opens.
      await page.locator('#an-table-body tr').first().focus()
      await page.keyboard.press('ArrowDown')
      const second = (await page.locator('#an-table-body tr').nth(1).getAttribute('data-id'))!
      expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.id)).toBe(second)
      await page.keyboard.press('Enter')
      await page.waitForSelector(`#an-complaint[data-id="${second}"] .wf-card[data-complaint="${second}"]`)
      // Esc folds the list away; its button opens it again.
      await page.keyboard.press('Escape')
      expect(await page.isHidden('#an-list')).toBe(true)
      expect(await page.getAttribute('#an-list-toggle', 'aria-expanded')).toBe('false')
      await page.click('#an-list-toggle')
      expect(await page.isVisible('#an-list')).toBe(true)

      // The form's dates and select show their whole value. Chromium reports no overflow for a date or
      // select (scrollWidth = clientWidth even when cut), so the field is also measured against its own
      // content's width: a copy at width auto, which Chromium sizes to its value, picker and padding.
      for (const sel of ['#an-from', '#an-to', '#district']) {
        const f = await page.evaluate((s) => {
          const el = document.querySelector<HTMLInputElement | HTMLSelectElement>(s)!
          const probe = el.cloneNode(true) as HTMLInputElement | HTMLSelectElement
          probe.removeAttribute('id')
          probe.style.cssText = 'position: absolute; visibility: hidden; width: auto; min-width: 0; max-width: none'
          el.parentElement!.appendChild(probe)
          if (el instanceof HTMLSelectElement) (probe as HTMLSelectElement).selectedIndex = el.selectedIndex
          else probe.value = el.value
          const need = probe.getBoundingClientRect().width
          probe.remove()
          const r = el.getBoundingClientRect(), panel = document.querySelector('aside.panel')!.getBoundingClientRect()
          return { scroll: el.scrollWidth, client: el.clientWidth, right: r.right, panelRight: panel.right, width: r.width, need }
        }, sel)
        expect(f.scroll, sel).toBeLessThanOrEqual(f.client)
        expect(f.need, sel).toBeGreaterThan(100)
        expect(f.width, sel).toBeGreaterThanOrEqual(f.need - 0.5)
        expect(f.right, sel).toBeLessThanOrEqual(f.panelRight)
      }
      expect(errors).toEqual([])
      await page.context().close()
    })
  }

  it('takes its layers off the map on every other tab and brings them back', async () => {
    const { page, errors } = await openApp(web, browser)
    await analyseDistrict(page)
    await page.waitForTimeout(300)
    const shown = await mapLayers(page)
    expect(shown.layers).toBeGreaterThan(3)
    expect(shown.heat).toBe(1)
    expect(shown.clusters).toBeGreaterThan(0)
    expect(shown.area).toBeGreaterThan(0)

    // Open a complaint so its ring is on the map too.
    await page.locator('#an-table-body tr').first().click()
    await page.waitForSelector('#map path.an-focus')
    const withRing = await mapLayers(page)

    for (const tab of ['#tab-agent', '#tab-figures']) {
      await page.click(tab)
      await page.waitForFunction(() => document.getElementById('engineer-panel')!.hidden)
      await page.waitForFunction(() => !document.querySelector('#map canvas.leaflet-heatmap-layer'))
      const hidden = await mapLayers(page)
      expect(hidden, tab).toMatchObject({ heat: 0, clusters: 0, area: 0, ranks: 0 })
      expect(await page.locator('#map path.an-focus').count()).toBe(0)
      expect(hidden.layers, tab).toBe(0)
      expect(await page.isVisible('#an-list')).toBe(false)
      await page.screenshot({ path: shot(`engineer-away-${tab.slice(5)}`) })

      await page.click('#tab-engineer')
      await page.waitForSelector('body[data-screen="engineer"]')
      await page.waitForSelector('#map canvas.leaflet-heatmap-layer')
      const back = await mapLayers(page)
      expect(back, tab).toEqual(withRing)
      expect(await page.locator('#map path.an-focus').count()).toBe(1)
    }
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('exports the cluster numbers the screen shows (1-based)', async () => {
    const { page } = await openApp(web, browser)
    const a = await analyseDistrict(page)
    expect(a.clusters.length).toBeGreaterThan(0)
    const dl = page.waitForEvent('download')
    await page.click('#export-csv')
    const rows = parseCsv(readFileSync((await (await dl).path())!).toString('utf8').slice(1))
    const col = rows[0].indexOf('时空聚集')
    expect(col).toBeGreaterThanOrEqual(0)
    const csvNo = new Map(rows.slice(1).map((r) => [r[0], r[col]]))
    // Every cluster as the screen names it (聚集 N) is N in the CSV for each of its complaints.
    await page.click('#st-box summary')
    for (const c of a.clusters) {
      const text = (await page.textContent(`#st-clusters li[data-cluster="${c.id}"] button`))!
      const n = /聚集 (\d+)/.exec(text)![1]
      expect(Number(n)).toBe(c.id + 1)
      for (const id of c.complaintIds) expect(csvNo.get(id), id).toBe(n)
    }
    expect([...csvNo.values()].filter((v) => v !== '').every((v) => Number(v) >= 1)).toBe(true)
    // … and the list's 聚集 column says the same.
    const listed = await page.$$eval('#an-table-body tr', (trs) => trs.map((tr) => [tr.getAttribute('data-id')!, tr.querySelector('td.an-cluster')!.textContent!]))
    expect(listed.length).toBeGreaterThan(0)
    for (const [id, n] of listed) expect(n, id).toBe(csvNo.get(id))
    await page.context().close()
  })

  it('says in Chinese that an empty result has nothing to export, and disables the buttons', async () => {
    const { page } = await openApp(web, browser, { width: 1024, height: 700 })
    await page.click('#tab-engineer')
    await page.waitForSelector('body[data-screen="engineer"]')
    await page.fill('#an-from', '2001-01-01T00:00')
    await page.fill('#an-to', '2001-01-02T00:00')
    const a = await analyseDistrict(page)
    expect(a.total).toBe(0)
    expect(await page.textContent('#an-export-note')).toBe(EMPTY)
    expect(await page.isVisible('#an-export-note')).toBe(true)
    for (const b of ['#export-csv', '#export-xlsx', '#an-list-toggle']) expect(await page.isDisabled(b), b).toBe(true)
    expect(await page.isVisible('#an-list')).toBe(false)
    await page.screenshot({ path: shot('engineer-empty-1024') })
    await page.context().close()
  })

  it('tells failures in Chinese, saying what to do', async () => {
    const { page } = await openApp(web, browser, { width: 1024, height: 700 })
    await page.click('#tab-engineer')
    await page.waitForSelector('body[data-screen="engineer"]')
    await page.selectOption('#district', { label: '天河区' })
    const cases: [number | 'network', string, string][] = [
      [400, '{"code":"VALIDATION","message":"body/from: expected string in ISO 8601"}', '输入有误:请检查区域和起止时间后重新分析'],
      // A validation error naming its field keeps that field's wording (web/src/errors.ts).
      [400, '{"code":"VALIDATION","message":"body/from must match format","details":{"field":"body/from","rule":"format"}}', '输入有误:开始时间格式不对'],
      [401, '{"code":"UNAUTHORIZED","message":"log in (POST /api/auth/login) or send Authorization: Bearer <token>"}', '登录已过期,请重新登录'],
      [403, '{"code":"FORBIDDEN","message":"role engineer may not POST /api/analysis (needs analysis:run)"}', '当前账号无权限'],
      [429, '{"code":"RATE_LIMITED","message":"more than 100 requests in 1 minute: retry after 30 s"}', '操作过于频繁,请稍后再试'],
      [500, '{"code":"INTERNAL","message":"internal error"}', '服务暂时不可用,请稍后重试'],
      [502, '<html>bad gateway</html>', '服务暂时不可用,请稍后重试'],
      ['network', '', '服务暂时不可用,请稍后重试'],
    ]
    for (const [status, body, want] of cases) {
      await page.route('**/api/analysis', (r) => (status === 'network' ? r.abort('failed') : r.fulfill({ status, contentType: 'application/json', body })))
      await page.click('#analyse')
      await page.waitForFunction(() => document.getElementById('an-status')!.textContent!.startsWith('分析失败'))
      const text = (await page.textContent('#an-status'))!
      expect(text, String(status)).toContain(want)
      expect(text, String(status)).not.toMatch(/[A-Za-z]{3,}/)
      if (status === 401) await page.screenshot({ path: shot('engineer-error-1024') })
      await page.unroute('**/api/analysis')
      await page.evaluate(() => void (document.getElementById('an-status')!.textContent = ''))
    }
    // The form's own checks, in Chinese too.
    await page.fill('#an-from', '2026-12-02T00:00')
    await page.fill('#an-to', '2026-12-01T00:00')
    await page.click('#analyse')
    expect(await page.textContent('#an-status')).toBe('开始时间晚于结束时间,请调整后重新分析')
    await page.context().close()
  })
})
