/**
 * Issue 7 item 4: customers' numbers and every secret (tokens, passwords, session ids, CSRF tokens)
 * stay out of the pino log, whatever route or header carries them, even at trace level.
 */
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../../server/src/app.js'
import { startService, type TestService } from '../../helpers/service.js'
import { COMPLAINT } from './helpers.js'

let lines = ''
const stream = new Writable({ write(chunk, _enc, done) { lines += chunk; done() } })
let t: TestService
let app: Awaited<ReturnType<typeof build>>

beforeAll(async () => {
  t = await startService()
  app = await build({ service: t.service, users: t.users, logger: { level: 'trace', stream }, security: { rateLimitPerMin: 1_000_000 } })
})
afterAll(async () => { await app?.close(); await t?.close() })

const NUMBERS = ['13912345678', '13800138000', '15011112222', '18698765432', '17722223333', '13344445555', '19955556666', '13612345678', '13798765432']
/** A number as it may appear in a log line: its digits with spaces, dashes or URL-encoded spaces between. */
const written = (n: string) => new RegExp(n.split('').join('(?:[ +-]|%20)?'))
const PASSWORD = 'sekret-password-42'

describe('the pino log', () => {
  it('never holds a full phone number nor a token, password, session id or CSRF token', async () => {
    const admin = { authorization: `Bearer ${t.adminToken}` }
    const [n1, n2, n3, n4, n5, n6, n7, n8, n9] = NUMBERS
    // Numbers in bodies, query strings and paths, plain and with a country code.
    const rec = await app.inject({ method: 'POST', url: `/api/complaints?caller=${n1}`, headers: admin, payload: { ...COMPLAINT, number: n2, description: `客户 ${n3} 反映掉话` } })
    expect(rec.statusCode, rec.body).toBe(201)
    await app.inject({ url: `/api/search?q=${n4}`, headers: admin })
    await app.inject({ url: `/api/search?q=${encodeURIComponent('+86' + n5)}`, headers: admin })
    // Written as people write them (the service accepts spaces and dashes in numbers).
    await app.inject({ url: `/api/search?q=${n8.slice(0, 3)}-${n8.slice(3, 7)}-${n8.slice(7)}`, headers: admin })
    await app.inject({ url: `/api/search?q=${encodeURIComponent(`${n9.slice(0, 3)} ${n9.slice(3, 7)} ${n9.slice(7)}`)}`, headers: admin })
    await app.inject({ url: `/api/search?q=${n9.slice(0, 3)}+${n9.slice(3, 7)}+${n9.slice(7)}`, headers: admin })
    await app.inject({ url: `/api/complaints/${n6}`, headers: admin }) // 404, with the number in the path
    await app.inject({ method: 'POST', url: '/api/diagnose', headers: admin, payload: { ...COMPLAINT, number: n7 } }) // 400: not a field of diagnose

    // Secrets: a login (password in the body, cookie and CSRF token in headers), a token issued and used.
    await t.userWith('agent', PASSWORD, 'logged')
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'logged', password: PASSWORD } })
    expect(login.statusCode).toBe(200)
    const sid = /tousu_sid=([^;]+)/.exec(String(login.headers['set-cookie']))![1]
    const csrf = login.json().csrfToken as string
    await app.inject({ method: 'POST', url: '/api/diagnose', headers: { cookie: `tousu_sid=${sid}`, 'x-csrf-token': csrf }, payload: COMPLAINT })
    await app.inject({ method: 'POST', url: '/api/diagnose', headers: { cookie: `tousu_sid=${sid}`, 'x-csrf-token': 'wrong' }, payload: COMPLAINT })
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'logged', password: `${PASSWORD}-wrong` } })
    const issued = await app.inject({ method: 'POST', url: '/api/users/logged/tokens', headers: admin, payload: { name: 'etl' } })
    const token = issued.json().token as string
    await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } })
    await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}-revoked-or-unknown` } })
    await app.inject({ url: '/api/auth/me', headers: { authorization: `Basic ${token}` } })

    // The log saw these requests (a silent logger would pass vacuously) …
    expect(lines).toContain('/api/auth/login')
    expect(lines).toContain('/api/complaints')
    expect(lines).toMatch(/139\*{4}5678/) // a number, masked
    // … and holds none of the numbers or secrets.
    for (const n of NUMBERS) expect(lines, n).not.toMatch(written(n))
    for (const secret of [t.adminToken, token, PASSWORD, sid, csrf]) {
      expect(secret.length).toBeGreaterThanOrEqual(10)
      expect(lines).not.toContain(secret)
    }
    // Nor the parts of a token that would let someone guess it (its random body, beyond the short id).
    expect(lines).not.toContain(token.slice(12))
  })
})
