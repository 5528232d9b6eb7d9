/**
 * Issue 8 item 4, the embedded complaint page (投诉辅助记录组件) in Debian's Chromium: a host page on
 * another origin (http://localhost:<port>, the service being on http://127.0.0.1:<port>) frames
 * /embed with a token from POST /api/embed/tokens in the fragment; the page opens on the address with
 * the form filled in, the agent diagnoses and records inside the frame, and the host receives the
 * location, the diagnosis (equal to POST /api/diagnose for the same point) and the recorded complaint
 * id through postMessage. An origin outside FRAME_ANCESTORS is refused, a host on another origin cannot
 * frame the page, and a page without a valid token says so.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Frame, Page } from 'playwright-core'
import type { FastifyInstance } from 'fastify'
import { build } from '../../server/src/app.js'
import { Users } from '../../server/src/auth/users.js'
import type { DiagnosisMessage, EmbedMessage, RecordedMessage } from '../../contract/src/embed.js'
import { TEST_SCRYPT_N } from '../helpers/service.js'
import { apiJson, context, launch, shot, startWeb, type WebService } from './harness.js'

/** A tiny "customer-service system": serves whatever page the test sets, on its own origin. */
async function host(): Promise<{ server: Server; origin: string; page: { html: string } }> {
  const page = { html: '' }
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page.html))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { server, origin: `http://localhost:${(server.address() as AddressInfo).port}`, page }
}

/** The host's page: an iframe of `src`, and every message from the service's origin kept in window.__messages. */
const hostPage = (src: string, serviceOrigin: string) => `<!doctype html><meta charset="utf-8"><title>工单系统</title>
<script>
  window.__messages = []
  window.addEventListener('message', (e) => { if (e.origin === ${JSON.stringify(serviceOrigin)}) window.__messages.push(e.data) })
</script>
<h1>工单系统</h1>
<iframe id="tousu" src="${src.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" style="width:1100px;height:680px;border:1px solid #999"></iframe>`

describe('embedded complaint page in a cross-origin iframe', () => {
  const now = Date.now()
  let web: WebService
  let browser: Browser
  let app: FastifyInstance
  let url = ''
  let allowed: Awaited<ReturnType<typeof host>>
  let other: Awaited<ReturnType<typeof host>>
  /** The host system's own API token (an engineer: embed:issue). */
  let hostToken = ''

  beforeAll(async () => {
    ;[web, browser, allowed, other] = await Promise.all([startWeb(now), launch(), host(), host()])
    // The same service, served with FRAME_ANCESTORS naming the allowed host only.
    const users = new Users(web.service.store.db, { scryptN: TEST_SCRYPT_N })
    app = await build({ service: web.service, users, tilesDir: join(web.dataDir, 'tiles'), security: { rateLimitPerMin: 1_000_000, frameAncestors: [allowed.origin] } })
    await app.listen({ port: 0, host: '127.0.0.1' })
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
    await users.create({ username: 'crm-system', role: 'engineer' })
    hostToken = (await users.issueToken('crm-system', 'customer-service system')).token
    expect((await fetch(`${url}/assets/embed.js`)).status).toBe(200)
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await web?.close()
    for (const h of [allowed, other]) h?.server.close()
  })

  /** What the host system does: a short-lived token for the agent, from its own token. */
  async function embedToken(username = 'agent', ttl = 600): Promise<Response> {
    return fetch(`${url}/api/embed/tokens`, {
      method: 'POST', headers: { authorization: `Bearer ${hostToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ username, ttl }),
    })
  }

  async function openHost(h: typeof allowed, src: string): Promise<{ page: Page; frame: Frame; errors: string[] }> {
    h.page.html = hostPage(src, url)
    const ctx = await context(browser, 1200, 800)
    const page = await ctx.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${h.origin}/`)
    const frame = await (await page.waitForSelector('#tousu')).contentFrame()
    return { page, frame: frame!, errors }
  }

  const messages = (page: Page) => page.evaluate(() => (window as unknown as { __messages: EmbedMessage[] }).__messages)
  async function message<T extends EmbedMessage['type']>(page: Page, type: T): Promise<Extract<EmbedMessage, { type: T }>> {
    await page.waitForFunction((t) => (window as unknown as { __messages: { type: string }[] }).__messages.some((m) => m.type === t), type, { timeout: 20_000 })
    return (await messages(page)).filter((m) => m.type === type).at(-1) as Extract<EmbedMessage, { type: T }>
  }

  it('opens on the address with the form filled in; the diagnosis and the recorded complaint reach the host by postMessage', async () => {
    const res = await embedToken()
    expect(res.status, await res.clone().text()).toBe(201)
    const { token, expiresAt } = (await res.json()) as { token: string; expiresAt: string }
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(590_000)
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThan(610_000)

    const occurredAt = new Date(Math.floor((now - 140 * 60_000) / 60_000) * 60_000).toISOString()
    const q = new URLSearchParams({ origin: allowed.origin, address: '天河直街', phenomenon: '无信号/忙音', ticket: 'CRM-1001', occurredAt, service: 'voice' })
    const { page, frame, errors } = await openHost(allowed, `${url}/embed?${q}#token=${token}`)

    // Ready, then the location: the address geocoded by /api/search, as the API's first hit.
    const ready = await message(page, 'tousu:ready')
    expect(ready).toEqual({ type: 'tousu:ready', version: 1, ticket: 'CRM-1001', user: { username: 'agent', role: 'agent' } })
    const loc = await message(page, 'tousu:location')
    const [hit] = await apiJson<{ id: string; name: string; lon: number; lat: number }[]>(web, `/api/search?q=${encodeURIComponent('天河直街')}&limit=1`)
    expect(loc).toMatchObject({ ticket: 'CRM-1001', source: 'search', lon: hit.lon, lat: hit.lat, address: '天河直街', feature: { id: hit.id, name: '天河直街' } })
    await frame.waitForSelector('body[data-ready="1"]')
    expect(await frame.inputValue('#address')).toBe('天河直街')
    expect(await frame.inputValue('#phenomenon')).toBe('no_signal')
    expect(await frame.inputValue('#service')).toBe('voice')
    expect(await frame.textContent('#ticket')).toContain('CRM-1001')
    expect(await frame.textContent('#who')).toContain('agent')
    // The token left the address bar (not copied, not in history).
    expect(frame.url()).not.toContain('token')
    expect(await frame.evaluate(() => location.hash)).toBe('')
    // The map opened on the place: the complaint pin is there and the place is in view.
    await frame.waitForSelector('.complaint-pin')

    // The agent diagnoses inside the frame.
    await frame.click('#diagnose')
    await frame.waitForSelector('#result:not([hidden])')
    const dm: DiagnosisMessage = await message(page, 'tousu:diagnosis')
    await page.screenshot({ path: shot('embed-1-diagnosis') })
    // The same question to the API gives the same cause and the same sites.
    const api = await apiJson<{ cause: { code: string }; disposition: string; servingSites: { id: string }[] }>(web, '/api/diagnose', {
      lon: dm.lon, lat: dm.lat, occurredAt: dm.occurredAt, service: dm.service, phenomenon: dm.phenomenon, address: dm.address,
    })
    expect(dm.lon).toBe(hit.lon)
    expect(Date.parse(dm.occurredAt)).toBe(Date.parse(occurredAt))
    expect(dm.cause.code).toBe(api.cause.code)
    expect(dm.cause.code).toBe('cutover')
    expect(dm.disposition).toBe(api.disposition)
    expect(dm.linkedSites.map((s) => s.id)).toEqual(api.servingSites.map((s) => s.id))
    expect(dm.linkedSites.map((s) => s.id)).toContain('TH001')
    expect(await frame.getAttribute('#cause', 'data-code')).toBe(dm.cause.code)

    // The agent records: the host gets the complaint id, and the stored complaint is that one.
    await frame.click('#record')
    const rec: RecordedMessage = await message(page, 'tousu:recorded')
    const stored = await apiJson<{ id: string; linkedSites: string[]; cause: string; address: string; ticket: string }>(web, `/api/complaints/${rec.complaintId}`)
    // Stored with the host's ticket number (its webhooks carry it back).
    expect(stored).toMatchObject({ id: rec.complaintId, cause: 'cutover', address: '天河直街', ticket: 'CRM-1001' })
    expect(rec.linkedSites).toEqual(stored.linkedSites)
    expect(rec.ticket).toBe('CRM-1001')

    // Every message carried the version and the ticket, and came from the service's origin only.
    const all = await messages(page)
    expect(all.map((m) => m.type)).toEqual(['tousu:ready', 'tousu:location', 'tousu:diagnosis', 'tousu:recorded'])
    for (const m of all) expect(m).toMatchObject({ version: 1, ticket: 'CRM-1001' })
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('frames only for the origin named and allowed: another origin param is refused, another host cannot frame it', async () => {
    const { token } = (await (await embedToken()).json()) as { token: string }
    // Served to the allowed origin only, with CSP frame-ancestors of that origin and no X-Frame-Options.
    const ok = await fetch(`${url}/embed?origin=${encodeURIComponent(allowed.origin)}`)
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-security-policy')).toContain(`frame-ancestors ${allowed.origin}`)
    expect(ok.headers.get('content-security-policy')).not.toContain(other.origin)
    expect(ok.headers.get('x-frame-options')).toBeNull()
    expect(await ok.text()).toContain(`content="${allowed.origin}"`)

    // origin= outside FRAME_ANCESTORS → 403 naming it; a malformed one → 400; none → 400.
    const refused = await fetch(`${url}/embed?origin=${encodeURIComponent(other.origin)}&address=x`)
    expect(refused.status).toBe(403)
    expect((await refused.json()).message).toContain(other.origin)
    expect((await fetch(`${url}/embed?origin=${encodeURIComponent(`${allowed.origin}/path`)}`)).status).toBe(400)
    expect((await fetch(`${url}/embed?address=x`)).status).toBe(400)
    expect((await fetch(`${url}/embed?origin=${encodeURIComponent(allowed.origin)}&lon=113.3`)).status).toBe(400)

    // In the browser: the allowed host framing it with a wrong origin= gets nothing — the refusal carries
    // the app's own frame-ancestors 'self', so the browser blocks even the error page — and no message.
    const a = await openHost(allowed, `${url}/embed?origin=${encodeURIComponent(other.origin)}#token=${token}`)
    await a.frame.waitForLoadState()
    expect(await a.frame.textContent('body').catch(() => '')).not.toContain('网络投诉')
    expect(await a.frame.locator('#map').count()).toBe(0)
    await a.page.waitForTimeout(500)
    expect(await messages(a.page)).toEqual([])
    await a.page.context().close()

    // Another host framing it with the allowed origin=: the browser blocks the frame (CSP frame-ancestors).
    const b = await openHost(other, `${url}/embed?origin=${encodeURIComponent(allowed.origin)}&address=${encodeURIComponent('天河直街')}#token=${token}`)
    await b.page.waitForTimeout(1500)
    expect(await b.frame.locator('#map').count()).toBe(0)
    expect(b.frame.url()).not.toContain('/embed')
    expect(await messages(b.page)).toEqual([])
    await b.page.context().close()
  })

  it('tells the host when the token is missing or no longer valid', async () => {
    const base = `${url}/embed?origin=${encodeURIComponent(allowed.origin)}&ticket=CRM-2&address=${encodeURIComponent('天河直街')}`
    const none = await openHost(allowed, base)
    expect(await message(none.page, 'tousu:error')).toMatchObject({ code: 'no_token', ticket: 'CRM-2', version: 1 })
    expect(await none.frame.textContent('#embed-error')).toContain('令牌')
    await none.page.context().close()

    // A token past its expiry (set in the store, as time would) is refused by the API, and the page says so.
    const { id, token } = (await (await embedToken()).json()) as { id: string; token: string }
    await web.service.store.db.none("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1", [id])
    const expired = await openHost(allowed, `${base}#token=${token}`)
    expect(await message(expired.page, 'tousu:error')).toMatchObject({ code: 'token_refused', ticket: 'CRM-2' })
    expect((await messages(expired.page)).map((m) => m.type)).toEqual(['tousu:error'])
    await expired.page.context().close()
  })

  it('POST /api/embed/tokens: for agents only, from engineers and admins, within the longest lifetime', async () => {
    const post = (auth: string, body: unknown) => fetch(`${url}/api/embed/tokens`, { method: 'POST', headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const issued = await post(web.token, { username: 'agent' })
    expect(issued.status).toBe(201)
    const { token, expiresAt } = (await issued.json()) as { token: string; expiresAt: string }
    // Default lifetime: EMBED_TOKEN_TTL_S (an hour).
    expect(Math.abs(Date.parse(expiresAt) - Date.now() - 3600_000)).toBeLessThan(10_000)
    // The agent's token does what an agent may, and no more.
    expect((await fetch(`${url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200)
    expect((await post(token, { username: 'agent' })).status).toBe(403)
    expect((await fetch(`${url}/api/webhooks`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(403)

    for (const [body, status, text] of [
      [{ username: 'engineer' }, 400, 'for agents'],
      [{ username: 'admin' }, 400, 'for agents'],
      [{ username: 'nobody-here' }, 404, 'nobody-here'],
      [{ username: 'agent', ttl: 13 * 3600 }, 400, 'ttl'],
      [{ username: 'agent', ttl: 10 }, 400, 'ttl'],
      [{ username: 'agent', extra: 1 }, 400, 'additional properties'],
    ] as const) {
      const r = await post(hostToken, body)
      expect(r.status, JSON.stringify(body)).toBe(status)
      expect((await r.json()).message).toContain(text)
    }
    expect((await fetch(`${url}/api/embed/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"agent"}' })).status).toBe(401)
  })
})
