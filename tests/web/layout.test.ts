/**
 * The page's overall layout in Debian's Chromium (web/src/layout.ts, layout.css, map/layer-control.ts):
 * on a phone (390×844) map and panel are two views behind a switch, each filling the screen; no page
 * scrolls sideways; at 1024×700 the panel leaves the map most of the window and the layer list
 * collapses to a button; date fields and dropdowns show their whole value. No skip: a missing
 * Chromium fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launch, openApp, shot, startWeb, type WebService } from './harness.js'

const PHONE = { width: 390, height: 844 }
const LAPTOP = { width: 1024, height: 700 }

describe('page layout in Chromium', () => {
  let web: WebService
  let browser: Browser

  beforeAll(async () => {
    ;[web, browser] = await Promise.all([startWeb(), launch()])
  })
  afterAll(async () => {
    await browser?.close()
    await web?.close()
  })

  async function open(size: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
    return openApp(web, browser, { role: 'agent', ...size })
  }

  /** An element's box in the viewport, or null when it has none (display: none). */
  const box = (page: Page, sel: string) => page.evaluate((s) => {
    const el = document.querySelector(s)
    if (!el) return null
    const r = el.getBoundingClientRect()
    return { x: r.x, y: r.y, width: r.width, height: r.height, visible: getComputedStyle(el).visibility === 'visible' }
  }, sel)

  const noSideScroll = (page: Page) => page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: innerWidth }))

  /** Every date field and dropdown of the agent's panel: its width, and whether its value fits. */
  const fields = (page: Page) => page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('#agent-panel input[type=datetime-local], #agent-panel select')]
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => ({ id: el.id, width: el.getBoundingClientRect().width, scroll: el.scrollWidth, client: el.clientWidth })))

  it('phone 390×844: map and panel are two views, each filling the screen; the map measures itself when shown', async () => {
    const { page, errors } = await open(PHONE)
    const sw = page.locator('.view-switch')
    expect(await sw.isVisible()).toBe(true)
    const [mapBtn, panelBtn] = [sw.locator('button.view-map'), sw.locator('button.view-panel')]
    expect(await mapBtn.textContent()).toBe('地图')
    expect(await panelBtn.textContent()).toBe('客服受理')
    // The panel first: it fills the width, the map is hidden.
    expect(await panelBtn.getAttribute('aria-pressed')).toBe('true')
    const panel = (await box(page, 'aside.panel'))!
    expect(panel.visible).toBe(true)
    expect(panel.width).toBe(PHONE.width)
    expect(panel.height).toBeGreaterThan(PHONE.height * 0.7)
    expect((await box(page, '#map'))!.visible).toBe(false)
    expect(await noSideScroll(page)).toMatchObject({ scroll: PHONE.width })
    await page.screenshot({ path: shot('layout-390-panel') })

    // Opening a site from the panel moves the map: the 地图 button is marked, one tap away.
    await page.evaluate(() => window.__app!.map.panBy([200, 0], { animate: false }))
    expect(await mapBtn.getAttribute('data-attention')).toBe('')
    await mapBtn.click()
    expect(await mapBtn.getAttribute('aria-pressed')).toBe('true')
    expect(await mapBtn.getAttribute('data-attention')).toBeNull()
    const map = (await box(page, '#map'))!
    expect(map.visible).toBe(true)
    expect(map.width).toBe(PHONE.width)
    expect(map.height).toBeGreaterThan(PHONE.height * 0.7)
    expect((await box(page, 'aside.panel'))!.visible).toBe(false)
    // Leaflet measured the map as shown: its size is the box's, tiles are drawn.
    await page.waitForTimeout(200)
    const size = await page.evaluate(() => window.__app!.map.getSize())
    expect(size.x).toBe(Math.round(map.width))
    expect(size.y).toBe(Math.round(map.height))
    expect(await page.locator('img.leaflet-tile-loaded').count()).toBeGreaterThan(2)
    // The layer list starts collapsed on so small a map.
    expect(await page.getAttribute('#layer-toggle', 'aria-expanded')).toBe('false')
    expect(await noSideScroll(page)).toMatchObject({ scroll: PHONE.width })
    await page.screenshot({ path: shot('layout-390-map') })

    // Back to the panel; choosing a header tab shows the panel too.
    await panelBtn.click()
    expect((await box(page, 'aside.panel'))!.visible).toBe(true)
    await mapBtn.click()
    await page.click('#tab-agent')
    expect(await panelBtn.getAttribute('aria-pressed')).toBe('true')
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('phone 390×844: the header fits (tabs scroll in their own row), as agent and as admin with every tab', async () => {
    for (const role of ['agent', 'admin'] as const) {
      const { page } = await openApp(web, browser, { role, ...PHONE })
      if (role === 'admin') await page.waitForSelector('#tab-templates')
      const header = (await box(page, 'header.top'))!
      expect(header.width).toBe(PHONE.width)
      expect(header.height).toBeLessThan(110)
      // Every part of the header lies inside the window (the tabs' own box, not each tab, when they scroll).
      const parts = await page.evaluate(() => [...document.querySelectorAll('header.top > *')]
        .filter((el) => el.getClientRects().length > 0)
        .map((el) => { const r = el.getBoundingClientRect(); return { tag: el.tagName, left: r.left, right: r.right } }))
      for (const p of parts) {
        expect(p.left, p.tag).toBeGreaterThanOrEqual(0)
        expect(p.right, p.tag).toBeLessThanOrEqual(PHONE.width)
      }
      expect(await noSideScroll(page)).toMatchObject({ scroll: PHONE.width })
      await page.screenshot({ path: shot(`layout-390-header-${role}`) })
      await page.context().close()
    }
  })

  it('1024×700: panel ≤ 40 % and ≥ 340 px, the map visible, no sideways scroll', async () => {
    const { page, errors } = await open(LAPTOP)
    expect(await page.locator('.view-switch').isVisible()).toBe(false)
    const panel = (await box(page, 'aside.panel'))!
    const map = (await box(page, '#map'))!
    expect(panel.width).toBeGreaterThanOrEqual(340)
    expect(panel.width).toBeLessThanOrEqual(LAPTOP.width * 0.4)
    expect(map.visible && panel.visible).toBe(true)
    expect(map.width + panel.width).toBeCloseTo(LAPTOP.width, 0)
    expect(await noSideScroll(page)).toMatchObject({ scroll: LAPTOP.width })
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('1024×700: the layer list is collapsed at first, opens and closes, and collapsed covers < 5 % of the map; the choice is remembered', async () => {
    const { page } = await open(LAPTOP)
    const toggle = page.locator('#layer-toggle')
    const map = (await box(page, '#map'))!
    const area = async () => {
      const b = (await box(page, '.layer-switches'))!
      return (b.width * b.height) / (map.width * map.height)
    }
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    expect(await page.isVisible('#layer-sites')).toBe(false)
    expect(await area()).toBeLessThan(0.05)
    await page.screenshot({ path: shot('layout-1024-layers-collapsed') })

    await toggle.click()
    expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    expect(await page.isVisible('#layer-sites')).toBe(true)
    // Open, it is compact: under a fifth of the map, every switch usable.
    expect(await area()).toBeLessThan(0.2)
    await page.uncheck('#layer-coverage')
    expect(await page.isChecked('#layer-coverage')).toBe(false)
    await page.check('#layer-coverage')
    await page.screenshot({ path: shot('layout-1024-layers-open') })

    await toggle.click()
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    expect(await page.isVisible('#layer-sites')).toBe(false)
    expect(await area()).toBeLessThan(0.05)
    // The switches still work collapsed (the warning badge turns its layer on through them).
    expect(await page.isChecked('#layer-warnings')).toBe(true)

    // Opened by the user, it stays open on the next visit, even on a small map.
    await toggle.click()
    await page.reload()
    await page.waitForSelector('body[data-ready="1"]')
    expect(await page.getAttribute('#layer-toggle', 'aria-expanded')).toBe('true')
    await page.context().close()
  })

  it('a roomy map (1920×1080) starts with the layer list open', async () => {
    const { page } = await open({ width: 1920, height: 1080 })
    expect(await page.getAttribute('#layer-toggle', 'aria-expanded')).toBe('true')
    await page.context().close()
  })

  for (const size of [PHONE, LAPTOP]) {
    it(`${size.width}×${size.height}: date fields and dropdowns of the agent's panel are ≥ 150 px and show their whole value`, async () => {
      const { page } = await open(size)
      const list = await fields(page)
      expect(list.map((f) => f.id)).toEqual(expect.arrayContaining(['occurredAt', 'service', 'phenomenon']))
      for (const f of list) {
        expect(f.width, f.id).toBeGreaterThanOrEqual(150)
        expect(f.scroll, f.id).toBeLessThanOrEqual(f.client + 1)
      }
      await page.screenshot({ path: shot(`layout-${size.width}-form`) })
      await page.context().close()
    })
  }
})
