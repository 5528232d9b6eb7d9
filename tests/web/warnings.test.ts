/**
 * The warnings overlay (预警) in Debian's Chromium against the real service with the demo district: a
 * complaint surge planted at one site through the import API shows as a pulsing marker at that site,
 * counted in the header badge and the layer switch, with a popup naming the site, the hour and the
 * complaints against the site's baseline, whose link opens the site; complaints recorded one by one
 * (no import event) show on the next timed refresh; an alarm on the site explains the surge and the
 * warning goes away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { apiJson, importCsv, launch, openApp, shot, startWeb, type WebService } from './harness.js'

const HOUR = 3600_000
const CHINA = 8 * HOUR
/** "11-23 14:00–15:00": the hour holding t, in China time, as the popup writes it. */
function hourText(t: number): string {
  const h0 = Math.floor(t / HOUR) * HOUR
  const cn = (x: number) => new Date(x + CHINA).toISOString()
  return `${cn(h0).slice(5, 10)} ${cn(h0).slice(11, 16)}–${cn(h0 + HOUR).slice(11, 16)}`
}

/** Two normal demo sites ~570 m apart, neither with an alarm or cutover. */
const LIXIANG = { id: 'TH020', name: '荔香园', lon: 113.327344, lat: 23.131798 }
const SHIPAI = { id: 'TH021', name: '石牌西路北', lon: 113.331636, lat: 23.131479 }

interface Warning { siteId: string; siteName: string; from: string; count: number; baselineMean: number; complaintIds: string[] }

describe('warnings (预警) in Chromium', () => {
  const now = Date.now()
  // Every planted complaint at one instant: surges are counted per whole hour.
  const t = now - 3 * 60_000
  let web: WebService
  let browser: Browser
  let page: Page
  const errors: string[] = []

  const warnings = async () => (await apiJson<{ warnings: Warning[] }>(web, '/api/warnings')).warnings

  const open = async (install?: (p: Page) => Promise<void>): Promise<Page> => (await openApp(web, browser, { errors, before: install })).page

  beforeAll(async () => {
    ;[web, browser] = await Promise.all([startWeb(now), launch()])
    page = await open()
  })
  afterAll(async () => {
    await browser?.close()
    await web?.close()
  })

  it('shows no warning while no site has a surge', async () => {
    expect(await warnings()).toEqual([])
    expect(await page.locator('.warning-icon').count()).toBe(0)
    expect(await page.isHidden('#warn-badge')).toBe(true)
    expect(await page.textContent('#warn-layer-count')).toBe('0')
    expect(await page.isChecked('#layer-warnings')).toBe(true)
  })

  it('a surge at 荔香园 shows at the site, is counted, and its popup names site, hour and baseline and opens the site', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `SURGE${i + 1}`)
    const rows = ids.map((id, i) => `${id},${new Date(t).toISOString()},荔香园${i + 1}栋,voice,无信号/忙音,,${(LIXIANG.lon + (i - 4) * 0.0001).toFixed(6)},${(LIXIANG.lat + (i % 2 ? 0.0001 : -0.0001)).toFixed(6)}`)
    await importCsv(web, 'complaints', `id,occurred_at,address,service,phenomenon,description,lon,lat\n${rows.join('\n')}\n`)
    // The API's view: one warning, at 荔香园, 8 complaints against a baseline of none.
    const w = await warnings()
    expect(w.map((x) => x.siteId)).toEqual([LIXIANG.id])
    expect(w[0].count).toBe(8)
    expect(w[0].baselineMean).toBe(0)
    expect([...w[0].complaintIds].sort()).toEqual([...ids].sort())

    // The import's event refreshes the map: a pulsing marker at the site, above the site markers.
    const marker = page.locator(`.warning-icon[data-site="${LIXIANG.id}"]`)
    await marker.waitFor({ timeout: 10_000 })
    expect(await page.locator('.warning-icon').count()).toBe(1)
    const at = await page.evaluate(({ lon, lat }) => {
      const m = window.__app!.map
      const el = document.querySelector<HTMLElement>('.warning-icon')!.getBoundingClientRect()
      const p = m.latLngToContainerPoint([lat, lon])
      const box = m.getContainer().getBoundingClientRect()
      return { dx: el.left + el.width / 2 - (box.left + p.x), dy: el.top + el.height / 2 - (box.top + p.y) }
    }, LIXIANG)
    expect(Math.hypot(at.dx, at.dy)).toBeLessThan(2)
    // Counted in the header badge and the layer switch.
    expect(await page.isVisible('#warn-badge')).toBe(true)
    expect(await page.textContent('#warn-count')).toBe('1')
    expect(await page.textContent('#warn-layer-count')).toBe('1')
    expect(await page.getAttribute('#warn-badge', 'title')).toContain(LIXIANG.name)
    await page.screenshot({ path: shot('warnings-marker') })

    // The badge takes the agent there and opens the popup: site, hour, complaints against the baseline.
    await page.click('#warn-badge')
    const popup = page.locator(`.leaflet-popup .warn-popup[data-site="${LIXIANG.id}"]`)
    await popup.waitFor({ timeout: 10_000 })
    const text = (await popup.textContent())!
    expect(text).toContain(LIXIANG.name)
    expect(text).toContain(LIXIANG.id)
    expect(text).toContain(hourText(t))
    expect(text).toContain('投诉 8 件')
    expect(text).toContain('常态 0 件')
    expect(text).toContain('无告警、无割接')
    await page.screenshot({ path: shot('warnings-popup') })

    // Its link opens the site panel.
    await popup.locator('.warn-open-site').click()
    await page.waitForFunction((name) => document.querySelector('#site-panel:not([hidden]) #site-title')?.textContent === name, LIXIANG.name)
    await page.locator('.leaflet-popup').waitFor({ state: 'detached', timeout: 5000 })
  })

  it('is shown to engineers too, and its link brings the site panel back', async () => {
    await page.click('#tab-engineer')
    await page.waitForSelector('body[data-screen="engineer"]')
    expect(await page.locator(`.warning-icon[data-site="${LIXIANG.id}"]`).count()).toBe(1)
    expect(await page.isVisible('#warn-badge')).toBe(true)
    await page.locator(`.warning-icon[data-site="${LIXIANG.id}"]`).click()
    await page.locator('.leaflet-popup .warn-open-site').click()
    await page.waitForSelector('body[data-screen="agent"]')
    expect(await page.isVisible('#site-panel')).toBe(true)
  })

  it('complaints recorded one by one (no import event) show on the timed refresh', async () => {
    // A page whose clock the test runs forward (time still flows while it loads).
    const timed = await open((p) => p.context().clock.install())
    await timed.locator(`.warning-icon[data-site="${LIXIANG.id}"]`).waitFor()
    const updates = await timed.evaluate(() => window.__app!.updates)
    for (let i = 0; i < 6; i++) {
      await apiJson(web, '/api/complaints', {
        lon: SHIPAI.lon + (i - 3) * 0.0001, lat: SHIPAI.lat + 0.0001, occurredAt: new Date(t).toISOString(),
        service: 'data', phenomenon: 'no_data', address: `石牌西路${i + 1}号`,
      })
    }
    expect((await warnings()).map((x) => x.siteId).sort()).toEqual([LIXIANG.id, SHIPAI.id])
    // Nothing announced it: the map has not refreshed by itself …
    await timed.waitForTimeout(1000)
    expect(await timed.evaluate(() => window.__app!.updates)).toBe(updates)
    expect(await timed.locator(`.warning-icon[data-site="${SHIPAI.id}"]`).count()).toBe(0)
    // … until the next timed refresh.
    await timed.clock.fastForward(61_000)
    await timed.locator(`.warning-icon[data-site="${SHIPAI.id}"]`).waitFor({ timeout: 10_000 })
    expect(await timed.textContent('#warn-count')).toBe('2')
    await timed.context().close()
  })

  it('an alarm on 荔香园 explains its surge: the warning goes away, the other stays', async () => {
    await importCsv(web, 'alarms', `id,site_id,kind,severity,raised_at,cleared_at\nALWARN1,${LIXIANG.id},断站,critical,${new Date(t - 10 * 60_000).toISOString()},\n`)
    expect((await warnings()).map((x) => x.siteId)).toEqual([SHIPAI.id])
    // The first page heard the import and refreshes: 荔香园's marker goes, 石牌西路北's comes.
    await page.locator(`.warning-icon[data-site="${SHIPAI.id}"]`).waitFor({ timeout: 10_000 })
    await page.waitForFunction((id) => !document.querySelector(`.warning-icon[data-site="${id}"]`), LIXIANG.id, { timeout: 10_000 })
    expect(await page.textContent('#warn-count')).toBe('1')
    expect(await page.textContent('#warn-layer-count')).toBe('1')
    expect(errors).toEqual([])
  })
})
