/**
 * Issue 7 item 2, limits that depend on who asks and what is stored: body size per route (imports
 * larger), the per-user rate limit (tiles and health never counted) and the login rate limit.
 */
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../../server/src/app.js'
import { startService, type TestService } from '../../helpers/service.js'
import { COMPLAINT, snapshot } from './helpers.js'

const MiB = 1024 * 1024

/** A sites CSV of at least `bytes` bytes: few rows, each with a long remark (an ignored column). */
function bigSitesCsv(bytes: number): { csv: string; rows: number } {
  const remark = '备注'.repeat(170) // 1020 bytes of UTF-8
  const lines = ['id,name,tech,type,lon,lat,remark']
  let size = lines[0].length + 1
  for (let i = 0; size < bytes; i++) {
    const line = `B${i},大站${i},4G,宏站,${(113.3 + (i % 100) / 1000).toFixed(4)},${(23.1 + Math.floor(i / 100) / 1000).toFixed(4)},${remark}`
    lines.push(line)
    size += Buffer.byteLength(line) + 1
  }
  return { csv: lines.join('\n') + '\n', rows: lines.length - 1 }
}

describe('body size', () => {
  let t: TestService
  beforeAll(async () => { t = await startService() })
  afterAll(async () => { await t?.close() })

  it('refuses a 2 MiB JSON body on /api/diagnose and other JSON routes (413, nothing stored)', async () => {
    const big = { ...COMPLAINT, description: 'x'.repeat(2 * MiB) }
    const before = await snapshot(t)
    for (const url of ['/api/diagnose', '/api/complaints', '/api/users', '/api/analysis']) {
      const res = await t.app.inject({ method: 'POST', url, payload: big })
      expect(res.statusCode, url).toBe(413)
      expect(res.json().code, url).toBe('PAYLOAD_TOO_LARGE')
    }
    // Without a Content-Length (chunked) the limit holds while reading.
    const chunked = await t.app.inject({ method: 'POST', url: '/api/complaints', headers: { 'content-type': 'application/json' }, payload: Readable.from([JSON.stringify(big)]) })
    expect(chunked.statusCode).toBe(413)
    expect(await snapshot(t)).toBe(before)
    // Just under 1 MiB is still a body (the limit is 1 MiB, not less).
    const fine = await t.app.inject({ method: 'POST', url: '/api/diagnose', payload: { ...COMPLAINT, description: 'x'.repeat(MiB - 1000) } })
    expect(fine.statusCode, fine.body.slice(0, 200)).not.toBe(413)
  })

  it('accepts a 2 MiB CSV import', async () => {
    const { csv, rows } = bigSitesCsv(2 * MiB)
    expect(Buffer.byteLength(csv)).toBeGreaterThan(2 * MiB)
    const res = await t.app.inject({ method: 'POST', url: '/api/import/sites', headers: { 'content-type': 'text/csv' }, payload: csv })
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200)
    expect(res.json()).toMatchObject({ kind: 'sites', imported: rows })
    expect((await t.service.store.counts()).sites).toBe(rows)
  })

  it('takes the import limit from the security options (importBodyLimit)', async () => {
    const app = await build({ service: t.service, users: t.users, security: { importBodyLimit: MiB } })
    try {
      const { csv } = bigSitesCsv(2 * MiB)
      const res = await app.inject({ method: 'POST', url: '/api/import/sites', headers: { 'content-type': 'text/csv', authorization: `Bearer ${t.adminToken}` }, payload: csv })
      expect(res.statusCode).toBe(413)
    } finally {
      await app.close()
    }
  })
})

describe('rate limit per user', () => {
  let t: TestService
  beforeAll(async () => { t = await startService({ security: { rateLimitPerMin: 5 } }) })
  afterAll(async () => { await t?.close() })

  it('answers the 6th request of a user in a minute with 429, Retry-After and RATE_LIMITED, while another user is served', async () => {
    const a = await t.tokenFor('agent', 'busy')
    const b = await t.tokenFor('agent', 'calm')
    const get = (token: string, url = '/api/sites') => t.app.inject({ url, headers: { authorization: `Bearer ${token}` } })
    for (let i = 1; i <= 5; i++) expect((await get(a)).statusCode, `request ${i}`).toBe(200)
    const limited = await get(a)
    expect(limited.statusCode).toBe(429)
    expect(limited.json().code).toBe('RATE_LIMITED')
    const retry = Number(limited.headers['retry-after'])
    expect(retry).toBeGreaterThan(0)
    expect(retry).toBeLessThanOrEqual(60)
    // Any route counts against the same user; writes are refused without being made.
    const before = await snapshot(t)
    const w = await t.app.inject({ method: 'POST', url: '/api/complaints', payload: COMPLAINT, headers: { authorization: `Bearer ${a}` } })
    expect(w.statusCode).toBe(429)
    expect(await snapshot(t)).toBe(before)
    // Another user is still served.
    expect((await get(b)).statusCode).toBe(200)
    // The base map and health are never counted, even for the limited user.
    for (let i = 0; i < 12; i++) {
      for (const url of ['/health', '/tiles.json', `/tiles/3/${i % 8}/1.png`]) {
        const res = await get(a, url)
        expect(res.statusCode, url).not.toBe(429)
      }
    }
    expect((await get(a, '/health')).statusCode).toBe(200)
  })

  it('counts per address before login, and the login has its own limit per address and name (10 a minute)', async () => {
    await t.userWith('agent', 'the password 1', 'guessed')
    const tryLogin = (username: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { authorization: '' }, payload: { username, password } })
    for (let i = 1; i <= 10; i++) expect((await tryLogin('guessed', `guess ${i}`)).statusCode, `attempt ${i}`).toBe(401)
    const blocked = await tryLogin('guessed', 'the password 1')
    expect(blocked.statusCode).toBe(429)
    expect(blocked.json().code).toBe('RATE_LIMITED')
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0)
    expect(blocked.headers['set-cookie']).toBeUndefined()
    // Another name from the same address is not blocked by this one's attempts.
    expect((await tryLogin('someone-else', 'whatever it is')).statusCode).toBe(401)
    // Anonymous calls to the other public routes that are not the base map count per address.
    const logout = () => t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: '' } })
    for (let i = 1; i <= 5; i++) expect((await logout()).statusCode, `logout ${i}`).toBe(204)
    expect((await logout()).statusCode).toBe(429)
    expect((await t.app.inject({ url: '/health', headers: { authorization: '' } })).statusCode).toBe(200)
  })
})
