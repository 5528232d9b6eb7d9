/**
 * Issue 7 item 2, protections that do not depend on the store (embedded project only): helmet's CSP
 * (our own tiles allowed), CORS by allowlist, 503 under pressure, and the request timeout.
 */
import { connect } from 'node:net'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../../server/src/app.js'
import type { SecurityOptions } from '../../../server/src/config/index.js'
import { startService, type TestService } from '../../helpers/service.js'

let t: TestService
beforeAll(async () => { t = await startService() })
afterAll(async () => { await t?.close() })

/** Another app over the same service with other security options; closed after `fn`. */
async function withApp(security: Partial<SecurityOptions>, fn: (app: FastifyInstance) => Promise<void>) {
  const app = await build({ service: t.service, users: t.users, security })
  try {
    await fn(app)
  } finally {
    await app.close()
  }
}

/** The CSP header as directive → sources. */
function csp(header: unknown): Map<string, string[]> {
  expect(typeof header).toBe('string')
  return new Map(String(header).split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]))
}

describe('helmet', () => {
  it('sends a CSP on the web app: default-src self, our tiles allowed as images, no inline script, framing by self only', async () => {
    const res = await t.app.inject({ url: '/', headers: { authorization: '' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/text\/html/)
    const p = csp(res.headers['content-security-policy'])
    expect(p.get('default-src')).toEqual(["'self'"])
    // The base map is served by us at /tiles: same origin.
    expect(p.get('img-src')).toContain("'self'")
    expect(p.get('script-src')).toEqual(["'self'"])
    expect(p.get('object-src')).toEqual(["'none'"])
    expect(p.get('frame-ancestors')).toEqual(["'self'"])
    expect(p.get('connect-src')).toContain("'self'")
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    // A tile is same-origin (what img-src 'self' allows) and not refused to the page by CORP.
    const tile = await t.app.inject({ url: '/tiles/3/1/1.png', headers: { authorization: '' } })
    expect(tile.headers['content-security-policy']).toBeDefined()
    expect(['same-origin', 'same-site', 'cross-origin']).toContain(tile.headers['cross-origin-resource-policy'])
    // API answers carry the same headers.
    const api = await t.app.inject({ url: '/api/auth/me' })
    expect(csp(api.headers['content-security-policy']).get('default-src')).toEqual(["'self'"])
  })

  it('lets the configured embedders frame /embed only: the app itself stays same-origin', async () => {
    await withApp({ frameAncestors: ['https://crm.example.cn'] }, async (app) => {
      const res = await app.inject({ url: '/' })
      expect(csp(res.headers['content-security-policy']).get('frame-ancestors')).toEqual(["'self'"])
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN')
      const embed = await app.inject({ url: `/embed?origin=${encodeURIComponent('https://crm.example.cn')}` })
      expect(embed.statusCode).toBe(200)
      expect(csp(embed.headers['content-security-policy']).get('frame-ancestors')).toEqual(['https://crm.example.cn'])
      expect(embed.headers['x-frame-options']).toBeUndefined()
      const other = await app.inject({ url: `/embed?origin=${encodeURIComponent('https://evil.example')}` })
      expect(other.statusCode).toBe(403)
    })
  })
})

describe('CORS', () => {
  it('answers an allowed Origin with Access-Control-Allow-Origin, and any other without', async () => {
    await withApp({ corsOrigins: ['https://crm.example.cn'] }, async (app) => {
      const allowed = await app.inject({ url: '/health', headers: { origin: 'https://crm.example.cn' } })
      expect(allowed.headers['access-control-allow-origin']).toBe('https://crm.example.cn')
      expect(allowed.headers['access-control-allow-credentials']).toBe('true')
      for (const origin of ['https://evil.example', 'https://crm.example.cn.evil.example', 'http://crm.example.cn', 'null']) {
        const res = await app.inject({ url: '/health', headers: { origin } })
        expect(res.headers['access-control-allow-origin'], origin).toBeUndefined()
      }
      // The preflight of a cross-site POST: allowed for the listed origin only, and never blocked by login.
      const preflight = (origin: string) => app.inject({
        method: 'OPTIONS', url: '/api/diagnose',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
      })
      const ok = await preflight('https://crm.example.cn')
      expect(ok.statusCode).toBeLessThan(300)
      expect(ok.headers['access-control-allow-origin']).toBe('https://crm.example.cn')
      expect(String(ok.headers['access-control-allow-methods'])).toContain('POST')
      expect((await preflight('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined()
    })
  })

  it('allows no cross-site origin by default', async () => {
    const res = await t.app.inject({ url: '/health', headers: { origin: 'https://crm.example.cn' } })
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
  })
})

describe('under pressure', () => {
  it('answers 503 OVERLOADED with Retry-After while the event loop is blocked, and recovers', async () => {
    // under-pressure samples the event-loop delay once a second (the mean of a 10 ms histogram). Block
    // the loop for 300 ms between requests until a sample sees it: the mean is then far above 50 ms.
    await withApp({ maxEventLoopDelayMs: 50 }, async (app) => {
      await app.ready()
      const block = (ms: number) => new Promise<void>((resolve) => setTimeout(() => {
        const end = Date.now() + ms
        while (Date.now() < end) { /* busy */ }
        resolve()
      }, 0))
      let res = await app.inject({ url: '/health' })
      for (let i = 0; i < 20 && res.statusCode !== 503; i++) {
        await block(300)
        res = await app.inject({ url: '/api/sites', headers: { authorization: `Bearer ${t.adminToken}` } })
      }
      expect(res.statusCode).toBe(503)
      expect(res.json().code).toBe('OVERLOADED')
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
      // Nothing ran: not even authentication (an anonymous call is 503 too, not 401). Every route
      // answers the same body, whatever its own schema for 503 (GET /health has one).
      for (const url of ['/api/sites', '/health', '/tiles.json']) {
        const r = await app.inject({ url })
        expect(r.statusCode, url).toBe(503)
        expect(r.json(), url).toMatchObject({ code: 'OVERLOADED' })
        expect(r.headers['retry-after'], url).toBe('10')
      }
      // Once the loop is free again the next samples let requests through.
      const until = Date.now() + 10_000
      do {
        await new Promise((r) => setTimeout(r, 200))
        res = await app.inject({ url: '/health' })
      } while (res.statusCode === 503 && Date.now() < until)
      expect(res.statusCode, res.body).toBe(200)
    })
  })
})

describe('request timeout', () => {
  // Behaviour, not speed: the server itself ends the request (the guard never fires), which without
  // requestTimeoutMs Node would do only after 60 s (headersTimeout) or 300 s (requestTimeout); and not
  // before requestTimeoutMs (a lower bound cannot be missed on a slow machine: timers only fire late).
  it('answers a request that never finishes arriving with 408 (or closes it) once requestTimeoutMs has passed', async () => {
    await withApp({ requestTimeoutMs: 500 }, async (app) => {
      await app.listen({ host: '127.0.0.1', port: 0 })
      const { port } = app.server.address() as AddressInfo
      /** Sends `text` over a raw socket and waits for the server to answer and close. */
      const slow = (text: string) => new Promise<{ data: string; ms: number }>((resolve, reject) => {
        const start = Date.now()
        const socket = connect(port, '127.0.0.1')
        let data = ''
        const guard = setTimeout(() => { socket.destroy(); reject(new Error(`the server did not end the request after ${Date.now() - start} ms: ${data}`)) }, 25_000)
        socket.on('connect', () => socket.write(text))
        socket.on('data', (c) => (data += c))
        socket.on('error', () => {})
        socket.on('close', () => { clearTimeout(guard); resolve({ data, ms: Date.now() - start }) })
      })
      const head = `POST /api/diagnose HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer ${t.adminToken}\r\n`
      // Headers complete, the body promised but never all sent …
      const body = await slow(`${head}Content-Length: 1000\r\n\r\n{"lon": 113.3,`)
      // … and headers that never end (slow-loris).
      const headers = await slow(head)
      for (const answer of [body, headers]) {
        expect(answer.data === '' || /^HTTP\/1\.1 408/.test(answer.data), answer.data).toBe(true)
        expect(answer.ms).toBeGreaterThanOrEqual(450)
      }
    })
  })
})
