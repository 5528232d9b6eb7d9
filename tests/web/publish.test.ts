/**
 * 网维信息发布 in Debian's Chromium (issue 9 item 3): an engineer opens 信息发布, draws a blind spot with
 * leaflet-geoman where nothing explains a complaint (the demo's "unknown" point), fills the form and
 * publishes; an agent's map, already open, shows it at once (live refresh, no reload) with a popup
 * naming who published it, and the agent's diagnosis inside it — 原因待查 before — now says 盲点.
 * Agents have no 信息发布 tab and no 编辑 in the popup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { apiJson, clickMap, launch, openApp, shot, startWeb, type WebService } from './harness.js'

/** The demo's point that nothing explains (data/demo/README.md: unknown). */
const P = { lon: 113.35374, lat: 23.138436 }

describe('网维信息发布 (publishing) in Chromium', () => {
  let web: WebService
  let browser: Browser

  beforeAll(async () => {
    ;[web, browser] = await Promise.all([startWeb(), launch()])
  })
  afterAll(async () => {
    await browser?.close()
    await web?.close()
  })

  async function open(role: 'agent' | 'engineer'): Promise<{ page: Page; errors: string[] }> {
    const { page, errors } = await openApp(web, browser, { role, ready: 'body[data-ready="1"][data-publish-ready="1"]' })
    // Both look at the same place, close in.
    await page.evaluate(({ lon, lat }) => window.__app!.map.setView([lat, lon], 17, { animate: false }), P)
    await page.waitForTimeout(400)
    return { page, errors }
  }

  /** The page coordinates of a lon/lat on the page's map. */
  async function at(page: Page, lon: number, lat: number): Promise<{ x: number; y: number }> {
    const p = await page.evaluate(([lo, la]) => window.__app!.map.latLngToContainerPoint([la, lo]), [lon, lat])
    const box = (await page.locator('#map').boundingBox())!
    return { x: box.x + p.x, y: box.y + p.y }
  }

  async function diagnoseAt(page: Page): Promise<{ code: string | null; text: string | null }> {
    await page.click('#pick-point')
    await clickMap(page, P.lat, P.lon)
    await page.locator('#diagnose:not([disabled])').waitFor()
    await page.evaluate(() => document.getElementById('cause')!.removeAttribute('data-code'))
    await page.click('#diagnose')
    await page.waitForSelector('#result:not([hidden]) #cause[data-code]')
    return { code: await page.getAttribute('#cause', 'data-code'), text: await page.textContent('#cause') }
  }

  it('an engineer draws a blind spot and saves it; the agent sees it at once and the diagnosis inside it says 盲点', async () => {
    const agent = await open('agent')
    expect(await agent.page.locator('#tab-publish').count()).toBe(0)
    const before = await diagnoseAt(agent.page)
    expect(before.code).toBe('unknown')
    await agent.page.keyboard.press('Escape')

    const eng = await open('engineer')
    await eng.page.click('#tab-publish')
    await eng.page.locator('#pub-type option[value="blind_spot"]').waitFor({ state: 'attached' })
    await eng.page.selectOption('#pub-type', 'blind_spot')
    await eng.page.click('#pub-draw')
    // A square of ~120 m around the point: four clicks, then the first vertex again to close it.
    const d = 0.0006
    const corners = [[P.lon - d, P.lat - d], [P.lon + d, P.lat - d], [P.lon + d, P.lat + d], [P.lon - d, P.lat + d]]
    for (const [lon, lat] of corners) {
      const c = await at(eng.page, lon, lat)
      await eng.page.mouse.click(c.x, c.y)
      await eng.page.waitForTimeout(120)
    }
    const first = await at(eng.page, corners[0][0], corners[0][1])
    await eng.page.mouse.click(first.x, first.y)
    await eng.page.waitForSelector('#pub-geom[data-drawn="1"]')
    await eng.page.fill('#pub-f-description', '东圃新村临时围挡区')
    await eng.page.fill('#pub-f-reason', '施工围挡遮挡')
    const updatesBefore = await agent.page.evaluate(() => window.__app!.updates)
    await eng.page.click('#pub-save')
    await eng.page.waitForSelector('#pub-status[data-published]')
    const id = (await eng.page.getAttribute('#pub-status', 'data-published'))!
    expect(await eng.page.textContent('#pub-status')).toContain('已参与原因分析')
    await eng.page.screenshot({ path: shot('publish-engineer') })

    // Stored as drawn: a blind spot around the point, by the engineer, materialised for the diagnosis.
    const o = await apiJson<{ typeId: string; createdBy: string; diagnosis: { id: string } | null; geometry: { coordinates: number[][][] } }>(web, `/api/publish/objects/${id}`)
    expect(o).toMatchObject({ typeId: 'blind_spot', createdBy: 'engineer', diagnosis: { id: `pub:${id}` } })
    const lons = o.geometry.coordinates[0].map((c) => c[0])
    expect(Math.min(...lons)).toBeLessThan(P.lon)
    expect(Math.max(...lons)).toBeGreaterThan(P.lon)

    // The agent's open map shows it without a reload: the live event brought it.
    await agent.page.waitForSelector(`path[data-pub-id="${id}"]`, { timeout: 10_000 })
    expect(await agent.page.evaluate(() => window.__app!.updates)).toBeGreaterThan(updatesBefore)
    const after = await diagnoseAt(agent.page)
    expect(after.code).toBe('blind_spot')
    expect(after.text).toContain('盲点')
    expect(await agent.page.textContent('#evidence')).toContain('东圃新村临时围挡区')
    await agent.page.keyboard.press('Escape')

    // Its popup: the type, the fields, the validity and who published it; no 编辑 for an agent.
    await clickMap(agent.page, P.lat + d / 2, P.lon + d / 2)
    const popup = agent.page.locator(`.pub-popup[data-pub-id="${id}"]`)
    await popup.waitFor()
    const text = await popup.textContent()
    expect(text).toContain('盲点')
    expect(text).toContain('施工围挡遮挡')
    expect(text).toContain('长期')
    expect(await popup.locator('.pub-by').textContent()).toContain('engineer')
    expect(await popup.locator('.pub-edit').count()).toBe(0)
    await agent.page.screenshot({ path: shot('publish-agent') })

    // The engineer withdraws it from the list: gone from the agent's map at once, and from the diagnosis.
    const row = eng.page.locator(`#pub-list li[data-pub-id="${id}"]`)
    await row.locator('.pub-withdraw').click()
    await row.locator('.pub-withdraw').click()
    await eng.page.waitForSelector(`#pub-list li[data-pub-id="${id}"]`, { state: 'detached' })
    await agent.page.waitForSelector(`path[data-pub-id="${id}"]`, { state: 'detached', timeout: 10_000 })
    expect((await diagnoseAt(agent.page)).code).toBe('unknown')

    expect(agent.errors).toEqual([])
    expect(eng.errors).toEqual([])
    await agent.page.context().close()
    await eng.page.context().close()
  })
})
