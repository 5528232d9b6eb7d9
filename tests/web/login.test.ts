/**
 * Logging in (issue 7) in Debian's Chromium: the app opens on the login form and loads nothing of the
 * network before it; a wrong password is refused in Chinese; an agent gets the map without the
 * engineer's tab and sees customers' numbers masked; an engineer gets the tab; 退出 ends the session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { context, launch, shot, startWeb, TEST_PASSWORD, type WebService } from './harness.js'

describe('login in Chromium', () => {
  let web: WebService
  let browser: Browser
  beforeAll(async () => {
    ;[web, browser] = await Promise.all([startWeb(), launch()])
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await web?.close()
  })

  async function fresh(): Promise<{ page: Page; apiCalls: string[]; problems: string[] }> {
    const ctx = await context(browser)
    const page = await ctx.newPage()
    const apiCalls: string[] = []
    // What a user would see in the developer console: errors and failed (4xx/5xx) requests.
    const problems: string[] = []
    page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/api/')) apiCalls.push(new URL(r.url()).pathname) })
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`) })
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${new URL(r.url()).pathname}`) })
    await page.goto(`${web.url}/`)
    await page.waitForSelector('#login')
    return { page, apiCalls, problems }
  }

  async function logIn(page: Page, user: string, password: string) {
    await page.fill('#login-user', user)
    await page.fill('#login-pass', password)
    await page.click('#login-submit')
  }

  it('shows the login form first and asks for nothing else', async () => {
    const { page, apiCalls, problems } = await fresh()
    expect(await page.isVisible('#login-user')).toBe(true)
    expect(apiCalls).toEqual(['/api/auth/session'])
    // A first visit, signed out, is not an error: no failed request, nothing red in the console.
    await page.waitForTimeout(300)
    expect(problems).toEqual([])
    await logIn(page, 'agent', 'not-the-password')
    await page.waitForSelector('#login-error:has-text("用户名或密码错误")')
    expect(await page.isVisible('#login')).toBe(true)
    await page.close()
  })

  it('an agent gets the map, no engineer tab, and masked numbers; 退出 ends the session', async () => {
    const { page } = await fresh()
    await logIn(page, 'agent', TEST_PASSWORD)
    await page.waitForSelector('body[data-ready="1"]', { timeout: 15_000 })
    expect(await page.textContent('#who')).toContain('客服坐席 agent')
    expect(await page.isVisible('#tab-engineer')).toBe(false)
    expect(await page.isVisible('#login')).toBe(false)
    // The agent's own session, through the page: numbers come masked.
    const rec = await page.evaluate(async () => {
      const me = await (await fetch('/api/auth/me')).json()
      const res = await fetch('/api/complaints', {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ lon: 113.3302, lat: 23.1351, occurredAt: new Date().toISOString(), service: 'voice', phenomenon: '掉话', number: '13912345678' }),
      })
      const noCsrf = await fetch('/api/complaints', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
      return { status: res.status, number: (await res.json()).number, noCsrf: noCsrf.status }
    })
    expect(rec).toEqual({ status: 201, number: '139****5678', noCsrf: 403 })
    await page.screenshot({ path: shot('login-agent') })
    await page.click('#logout')
    await page.waitForSelector('#login')
    expect(await page.evaluate(async () => (await fetch('/api/sites?bbox=113,23,114,24')).status)).toBe(401)
    await page.close()
  })

  it('an engineer gets the 网维分析 tab', async () => {
    const { page } = await fresh()
    await logIn(page, 'engineer', TEST_PASSWORD)
    await page.waitForSelector('body[data-ready="1"]', { timeout: 15_000 })
    expect(await page.isVisible('#tab-engineer')).toBe(true)
    expect(await page.textContent('#who')).toContain('网维工程师 engineer')
    await page.close()
  })
})
