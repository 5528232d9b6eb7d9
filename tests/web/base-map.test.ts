/**
 * The base map stays crisp (issue 17, item 5) in Debian's Chromium against the real service and the
 * demo pyramid: whatever the agent does — zooming in with the control as far as it goes, a diagnosis
 * that fits its evidence, a click on an evidence item, any flight to a deeper zoom — the map stops at
 * the pyramid's maxzoom (from /tiles.json), asks for no tile above it, and shows every tile at its
 * own size (a tile drawn wider than 256 px would be an upscaled blur with doubled labels).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { clickMap, launch, openApp, shot, startWeb, type WebService } from './harness.js'

const CHINA = 8 * 3600_000
const localInput = (t: number) => new Date(t + CHINA).toISOString().slice(0, 16)

/** Waits until no flight or zoom animation is under way and the base layer has loaded its tiles. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => {
    const map = window.__app!.map as unknown as { _flyToFrame?: number; _animatingZoom?: boolean; once(e: string, f: () => void): void }
    if (!map._flyToFrame && !map._animatingZoom) return resolve()
    map.once('moveend', () => resolve())
    setTimeout(resolve, 5_000)
  }))
  await page.waitForFunction(() => document.querySelectorAll('img.leaflet-tile:not(.leaflet-tile-loaded)').length === 0, undefined, { timeout: 10_000 })
}

/** The zoom now, the map's max, and every displayed tile whose on-screen width is not its natural 256 px. */
function view(page: Page) {
  return page.evaluate(() => {
    const map = window.__app!.map
    const scaled = [...document.querySelectorAll<HTMLImageElement>('img.leaflet-tile-loaded')]
      .filter((img) => getComputedStyle(img).opacity !== '0' && img.closest('.leaflet-tile-container'))
      .map((img) => ({ src: img.getAttribute('src'), width: img.getBoundingClientRect().width }))
      .filter((t) => Math.abs(t.width - 256) > 0.5)
    return { zoom: map.getZoom(), maxZoom: map.getMaxZoom(), scaled }
  })
}

describe('a base map that stays crisp, in Chromium', () => {
  const now = Date.now()
  let web: WebService
  let browser: Browser
  let maxzoom: number

  beforeAll(async () => {
    ;[web, browser] = await Promise.all([startWeb(now), launch()])
    maxzoom = ((await (await fetch(`${web.url}/tiles.json`)).json()) as { maxzoom: number }).maxzoom
    expect(maxzoom).toBeGreaterThan(12)
  })
  afterAll(async () => {
    await browser?.close()
    await web?.close()
  })

  it('after a diagnosis the map is at most at the pyramid\'s maxzoom, asks no deeper tile and scales none', async () => {
    const tileZooms: number[] = []
    const { page, errors } = await openApp(web, browser, {
      role: 'agent',
      before: (p) => p.on('request', (r) => {
        const m = /\/tiles\/(\d+)\/\d+\/\d+\.(png|webp)/.exec(r.url())
        if (m) tileZooms.push(Number(m[1]))
      }),
    })
    expect(await page.evaluate(() => window.__app!.map.getMaxZoom())).toBe(maxzoom)

    // The worked example's call: the street searched, the customer's place on it picked on the map.
    await page.keyboard.press('/')
    await page.keyboard.type('天河直街', { delay: 40 })
    await page.locator('#q-list [role=option]').first().waitFor()
    await page.keyboard.press('Enter')
    await page.locator('#nearby li[data-site="TH001"]').waitFor()
    await clickMap(page, 23.137447, 113.325574)
    expect(await page.isDisabled('#diagnose')).toBe(false)

    // The agent zooms in with the + button as far as it goes: it stops at maxzoom, greyed out.
    for (let i = 0; i < 3; i++) {
      await page.click('.leaflet-control-zoom-in', { force: true })
      await settle(page)
    }
    expect((await view(page)).zoom).toBe(maxzoom)
    expect(await page.getAttribute('.leaflet-control-zoom-in', 'aria-disabled')).toBe('true')

    // A diagnosis at the place picked: the map fits the evidence, then the agent opens each item.
    await page.fill('#occurredAt', localInput(now - 140 * 60_000))
    await page.selectOption('#phenomenon', 'no_signal')
    await page.click('#diagnose')
    await page.waitForSelector('#result:not([hidden])')
    await page.waitForSelector('.evidence-ring')
    await settle(page)
    let v = await view(page)
    expect(v.zoom).toBeLessThanOrEqual(maxzoom)
    expect(v.scaled).toEqual([])
    for (const item of await page.locator('#evidence li button, #evidence li a').all()) {
      await item.click()
      await settle(page)
      v = await view(page)
      expect(v.zoom).toBeLessThanOrEqual(maxzoom)
    }

    // Any flight deeper (flyTo is not clamped by Leaflet 1.9 itself) lands at maxzoom.
    await page.evaluate(() => window.__app!.map.flyTo([23.1374, 113.3256], 19, { duration: 0.2 }))
    await settle(page)
    v = await view(page)
    expect(v.zoom).toBe(maxzoom)
    expect(v.scaled).toEqual([])
    await page.screenshot({ path: shot('base-map-max-zoom') })

    expect(tileZooms.length).toBeGreaterThan(0)
    expect(Math.max(...tileZooms)).toBeLessThanOrEqual(maxzoom)
    expect(errors).toEqual([])
    await page.context().close()
  })
})
