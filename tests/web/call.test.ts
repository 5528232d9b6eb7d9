/**
 * The agent's call as one unit of work, in Debian's Chromium against the real service and the demo,
 * on both stores (vitest.config.ts lists this file for the PostGIS project): a new search clears the
 * last call so its place, cause and number are never recorded under the next customer; a double click
 * or a retried record stores one complaint; a call-back is found by ticket, phone or last four digits;
 * the time default follows the clock; copying works without a secure context and says so when it
 * cannot; a long street asks where on it; every message is Chinese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { apiJson, clickMap, launch, openApp, shot, startWeb, TEST_PASSWORD, type WebService } from './harness.js'

const CHINA = 8 * 3600_000
/** A datetime-local value in China time. */
const localInput = (t: number) => new Date(t + CHINA).toISOString().slice(0, 16)

interface Stored { id: string; lon: number; lat: number; number: string | null; address: string; cause: string | null; phenomenon: string }

describe('the agent\'s call (客服受理) in Chromium', () => {
  const now = Date.now()
  let web: WebService
  let browser: Browser

  beforeAll(async () => {
    ;[web, browser] = await Promise.all([startWeb(now), launch()])
    expect((await fetch(`${web.url}/assets/app.js`)).status).toBe(200)
  })
  afterAll(async () => {
    await browser?.close()
    await web?.close()
  })

  const open = (opts: Parameters<typeof openApp>[2] = {}) => openApp(web, browser, { role: 'agent', ...opts })
  const stored = (id: string) => apiJson<Stored>(web, `/api/complaints/${encodeURIComponent(id)}`)
  const lookup = (q: string) => apiJson<{ items: { id: string }[] }>(web, `/api/complaints/lookup?q=${encodeURIComponent(q)}&limit=50`)

  /** Types `text` into the search box and clicks the option `selector` of the list. */
  async function search(page: Page, text: string, option = '#q-list [role=option]'): Promise<void> {
    await page.fill('#q', '')
    await page.click('#q')
    await page.keyboard.type(text, { delay: 20 })
    const opt = page.locator(option).first()
    await opt.waitFor()
    await opt.click()
  }

  /** Clicks 分析原因 and waits for this diagnosis's answer (not the one already on screen). */
  async function diagnose(page: Page): Promise<void> {
    const before = (await page.getAttribute('#result', 'data-seq')) ?? '0'
    await page.click('#diagnose')
    await page.waitForSelector(`#result:not([hidden])[data-seq]:not([data-seq="${before}"]) #cause[data-code]`)
  }

  it('a new search starts a new call: the last caller\'s place, cause and number are never recorded', async () => {
    const { page, errors } = await open()
    await search(page, '体育中心')
    await diagnose(page)
    const firstPoint = await page.textContent('#point-text')
    await page.fill('#number', '13800000001')
    await page.fill('#final-answer', '上一位客户的答复')

    // The next caller: 南岗巷. Nothing of the last call stays on screen.
    await search(page, '南岗巷', '#q-list [role=option]:has-text("南岗巷")')
    await page.waitForSelector('#result[hidden]', { state: 'attached' })
    expect(await page.inputValue('#number')).toBe('')
    expect(await page.textContent('#point-text')).not.toBe(firstPoint)
    expect(await page.locator('#evidence li').count()).toBe(0)
    // 南岗巷 is a long street: the agent is asked where on it, and cannot diagnose its midpoint.
    expect(await page.isVisible('#street-note')).toBe(true)
    expect(await page.textContent('#street-note')).toContain('哪个位置')
    expect(await page.isDisabled('#diagnose')).toBe(true)
    // The pick mode is on: one click on the street sets the point.
    const street = await apiJson<{ geometry: { coordinates: [number, number][] } }>(web, '/api/layers/features/R23')
    const [slon, slat] = street.geometry.coordinates[1]
    await clickMap(page, slat, slon)
    expect(await page.isDisabled('#diagnose')).toBe(false)
    expect(await page.isVisible('#street-note')).toBe(false)
    const [lon, lat] = (await page.textContent('#point-text'))!.split(',').map(Number)
    await diagnose(page)
    await page.fill('#number', '13900000002')
    await page.click('#record')
    await page.waitForSelector('#recorded[data-id]')
    const id = (await page.getAttribute('#recorded', 'data-id'))!
    expect(await page.textContent('#recorded')).toContain(id)
    await page.screenshot({ path: shot(`call-recorded-${web.store}`) })

    const c = await stored(id)
    expect(c.number).toBe('13900000002')
    expect(c.lon).toBeCloseTo(lon, 5)
    expect(c.lat).toBeCloseTo(lat, 5)
    expect(c.address).toContain('南岗巷')
    // The first caller's number was never stored.
    expect((await lookup('13800000001')).items).toEqual([])
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('a changed time, place or phenomenon makes the result stale: it cannot be recorded until diagnosed again', async () => {
    const { page } = await open()
    await search(page, '体育中心')
    await diagnose(page)
    await page.selectOption('#phenomenon', 'slow_data')
    expect(await page.isVisible('#stale-note')).toBe(true)
    expect(await page.isDisabled('#record')).toBe(true)
    await diagnose(page)
    expect(await page.isVisible('#stale-note')).toBe(false)
    expect(await page.isDisabled('#record')).toBe(false)
    await page.context().close()
  })

  it('a double click stores one complaint, a retry after a lost answer stores none more, and the card shows the ticket', async () => {
    const { page } = await open()
    await search(page, '体育中心')
    await diagnose(page)
    await page.fill('#number', '13700000003')
    // The first answer is lost on the way back (the server stored it): the agent sees it failed and clicks again.
    let lost = 0
    await page.route('**/api/complaints', async (route) => {
      if (route.request().method() !== 'POST' || lost++ > 0) return route.continue()
      await route.fetch()
      await route.abort('connectionreset')
    })
    await page.dblclick('#record')
    await page.waitForSelector('#record-error:has-text("未记录")')
    expect(await page.textContent('#record-error')).toContain('无法连接服务')
    expect(await page.isDisabled('#record')).toBe(false)
    await page.dblclick('#record')
    await page.waitForSelector('#recorded[data-id]')
    const id = (await page.getAttribute('#recorded', 'data-id'))!
    expect(await page.textContent('#recorded')).toContain(`工单号 ${id}`)
    expect(await page.isDisabled('#record')).toBe(true)
    expect(await page.isDisabled('#number')).toBe(true)
    // One complaint for this customer, the one the card shows.
    const found = (await lookup('13700000003')).items
    expect(found.map((x) => x.id)).toEqual([id])
    // 新来电 unlocks a clean form.
    await page.click('#new-call')
    expect(await page.locator('#result').isHidden()).toBe(true)
    expect(await page.inputValue('#address')).toBe('')
    expect(await page.isDisabled('#diagnose')).toBe(true)
    await page.context().close()
  })

  it('finds a call-back by ticket, by the whole number and by its last four digits (masked for agents)', async () => {
    const rec = await apiJson<{ id: string }>(web, '/api/complaints', {
      lon: 113.3401, lat: 23.1367, occurredAt: new Date(now - 3600_000).toISOString(), service: 'voice', phenomenon: 'no_signal',
      address: '体育中心东门', number: '13612349876',
    })
    const { page, errors } = await open()
    for (const q of [rec.id, rec.id.slice(0, 12), '13612349876', '9876']) {
      await page.fill('#q', '')
      await page.click('#q')
      await page.keyboard.type(q, { delay: 10 })
      const opt = page.locator(`#q-list [data-complaint="${rec.id}"]`)
      await opt.waitFor()
      const text = await opt.textContent()
      expect(text).toContain('136****9876')
      expect(text).not.toContain('13612349876')
    }
    await page.locator(`#q-list [data-complaint="${rec.id}"]`).click()
    await page.waitForSelector(`#complaint-box:not([hidden]) [data-complaint="${rec.id}"]`)
    expect(await page.textContent('#complaint-box')).toContain(`工单 ${rec.id}`)
    // The site panel's complaint list shows the ids, and one opens the complaint.
    await search(page, '体育中心', '#q-list [role=option][data-id="TH002"]')
    const row = page.locator(`#site-panel li[data-complaint="${rec.id}"]`)
    await row.waitFor()
    expect(await row.textContent()).toContain(rec.id)
    await row.locator('button').click()
    await page.waitForSelector(`#complaint-box:not([hidden]) [data-complaint="${rec.id}"]`)
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('the occurrence time defaults to two hours before now, following the clock through the shift', async () => {
    const { page } = await open({ before: (p) => p.context().clock.install() })
    const clock = page.context().clock
    const value = () => page.inputValue('#occurredAt')
    const nowInPage = () => page.evaluate(() => Date.now())
    expect(await value()).toBe(localInput((await nowInPage()) - 2 * 3600_000))
    // Three hours into the shift, untouched: the default has moved with the clock.
    await clock.fastForward(3 * 3600_000)
    await page.waitForFunction(() => Math.abs(Date.parse(`${(document.getElementById('occurredAt') as HTMLInputElement).value}:00+08:00`) - (Date.now() - 2 * 3600_000)) < 60_000)
    // A time the agent typed stays; the next call takes the clock again.
    await page.fill('#occurredAt', '2026-01-02T03:04')
    await page.dispatchEvent('#occurredAt', 'input')
    await clock.fastForward(3600_000)
    expect(await value()).toBe('2026-01-02T03:04')
    await page.click('#new-call')
    expect(Math.abs(Date.parse(`${await value()}:00+08:00`) - ((await nowInPage()) - 2 * 3600_000))).toBeLessThan(60_000)
    await page.context().close()
  })

  it('copies the answer over plain http on an intranet name, and says so honestly when it cannot', async () => {
    // An intranet host name is not a secure context (127.0.0.1 would be): no Clipboard API there.
    const port = new URL(web.url).port
    const intranet = `http://tousu-gis.intranet:${port}`
    const b = await launch(['--host-resolver-rules=MAP tousu-gis.intranet 127.0.0.1'])
    try {
      const ctx = await b.newContext({ viewport: { width: 1366, height: 768 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' })
      const res = await fetch(`${web.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'agent', password: TEST_PASSWORD }) })
      const sid = /tousu_sid=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]
      await ctx.addCookies([{ name: 'tousu_sid', value: sid, url: intranet, httpOnly: true, sameSite: 'Strict' }])
      // What the page copies: the copy event sees the selection the browser puts on the clipboard.
      await ctx.addInitScript(() => {
        const w = window as unknown as { __copied: string[] }
        w.__copied = []
        document.addEventListener('copy', () => w.__copied.push(String(getSelection() ?? '') || ((document.activeElement as HTMLTextAreaElement | null)?.value ?? '')))
      })
      const page = await ctx.newPage()
      await page.goto(`${intranet}/`)
      await page.waitForSelector('body[data-ready="1"]', { timeout: 15_000 })
      expect(await page.evaluate(() => window.isSecureContext)).toBe(false)
      await search(page, '体育中心')
      await diagnose(page)
      const answer = (await page.textContent('#answer'))!
      expect(answer.length).toBeGreaterThan(5)
      await page.click('#copy')
      await page.waitForSelector('#copy-status:has-text("已复制")')
      expect(await page.evaluate(() => (window as unknown as { __copied: string[] }).__copied)).toEqual([answer])

      // A browser that refuses to copy: the screen says so and leaves the script selected for Ctrl+C.
      await page.evaluate(() => {
        document.execCommand = () => false
      })
      await page.click('#copy')
      await page.waitForSelector('#copy-status:has-text("未能自动复制")')
      expect(await page.evaluate(() => String(getSelection()))).toBe(answer)
      await ctx.close()
    } finally {
      await b.close()
    }
  })

  it('a long street lists its alarming sites along it and diagnoses where the agent picks', async () => {
    const { page } = await open()
    await search(page, '龙口东路', '#q-list [role=option]:has-text("龙口东路")')
    await page.waitForSelector('#street-note:not([hidden])')
    // The site with the active alarm, 龙口东路南, comes first, flagged.
    const first = page.locator('#nearby li').first()
    await first.waitFor()
    expect(await first.getAttribute('data-state')).toBe('alarm')
    expect(await first.getAttribute('data-site')).toBe('TH003')
    expect(await page.textContent('#nearby-note')).toContain('沿街')
    await first.locator('[data-pick]').click()
    expect(await page.inputValue('#address')).toContain('龙口东路')
    // The customer lost the signal 20 minutes ago (the alarm was raised 50 minutes ago).
    await page.fill('#occurredAt', localInput(now - 20 * 60_000))
    await diagnose(page)
    expect(await page.getAttribute('#cause', 'data-code')).toBe('site_fault')
    await page.screenshot({ path: shot('call-street') })
    await page.context().close()
  })

  it('on a phone (390×844) the call goes between the two views: picking shows the map, the picked point the panel', async () => {
    const { page, errors } = await open({ width: 390, height: 844 })
    expect(await page.getAttribute('body', 'data-view')).toBe('panel')
    await search(page, '体育中心')
    await page.click('#pick-point')
    expect(await page.getAttribute('body', 'data-view')).toBe('map')
    const box = (await page.locator('#map').boundingBox())!
    expect(box.width).toBeGreaterThan(300)
    expect(box.height).toBeGreaterThan(400)
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    expect(await page.getAttribute('body', 'data-view')).toBe('panel')
    await diagnose(page)
    await page.fill('#number', '13500000005')
    await page.click('#record')
    await page.waitForSelector('#recorded[data-id]')
    const c = await stored((await page.getAttribute('#recorded', 'data-id'))!)
    expect(c.number).toBe('13500000005')
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true)
    await page.screenshot({ path: shot(`call-phone-${web.store}`) })
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('speaks Chinese: a wrong number says what to type, severities are named, a calm note is not red', async () => {
    const { page } = await open()
    await search(page, '体育中心')
    await diagnose(page)
    await page.fill('#number', 'abc')
    await page.click('#record')
    await page.waitForSelector('#record-error:has-text("客户号码")')
    const msg = (await page.textContent('#record-error'))!
    expect(msg).toContain('只能包含数字')
    expect(msg).not.toMatch(/[a-z]{4,}/i)
    // The site panel: 龙口东路南's alarm severity in Chinese.
    await search(page, '龙口东路南', '#q-list [role=option][data-id="TH003"]')
    await page.waitForSelector('#site-panel:not([hidden]) td[data-severity]')
    const severities = await page.locator('#site-panel td[data-severity]').allTextContents()
    expect(severities.length).toBeGreaterThan(0)
    for (const s of severities) expect(['紧急', '重要', '次要', '提示']).toContain(s)
    // A place whose sites within 1.2 km are all normal: the note says so calmly, not in the alarm red.
    const all = await apiJson<{ id: string; name: string; lon: number; lat: number; state: string }[]>(web, '/api/sites?bbox=113.2,23.0,113.5,23.3')
    const m = (a: { lon: number; lat: number }, b: { lon: number; lat: number }) => Math.hypot((a.lon - b.lon) * 102_500, (a.lat - b.lat) * 111_000)
    const calm = all.find((s) => all.every((o) => o.state === 'normal' || m(s, o) > 1300))
    expect(calm).toBeDefined()
    await search(page, calm!.name, `#q-list [role=option][data-id="${calm!.id}"]`)
    await page.waitForSelector('#nearby-note:has-text("均正常")')
    expect(await page.getAttribute('#nearby-note', 'class')).toContain('ok')
    const color = await page.evaluate(() => getComputedStyle(document.getElementById('nearby-note')!).color)
    expect(color).not.toBe('rgb(176, 58, 46)')
    await page.context().close()
  })
})
