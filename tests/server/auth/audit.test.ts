/**
 * Issue 7 item 1, the audit log: imports, overrides, logins (and failed ones), user creation and
 * token issue each leave exactly one row saying who, what and when; only admins read it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startService, type TestService } from '../../helpers/service.js'
import { COMPLAINT, SITES_CSV, login } from './helpers.js'

interface Row { id: number; at: string; username: string | null; role: string | null; action: string; target: string | null; details: Record<string, unknown>; ip: string | null }

let t: TestService
let engineer: string
let agent: string
const PW = 'audit password 1'
beforeAll(async () => {
  t = await startService()
  engineer = await t.tokenFor('engineer', 'aud-eng')
  agent = await t.tokenFor('agent', 'aud-agent')
  await t.userWith('agent', PW, 'aud-login')
})
afterAll(async () => { await t?.close() })

/** The audit rows written while `fn` ran, read through GET /api/audit as the admin. */
async function during(fn: () => Promise<void>): Promise<Row[]> {
  const last = ((await t.app.inject({ url: '/api/audit?limit=1' })).json() as Row[])[0]?.id ?? 0
  const start = Date.now()
  await fn()
  const res = await t.app.inject({ url: '/api/audit?limit=100' })
  expect(res.statusCode).toBe(200)
  const rows = (res.json() as Row[]).filter((r) => r.id > last)
  for (const r of rows) {
    // When: now, to the second.
    expect(Math.abs(Date.parse(r.at) - start)).toBeLessThan(60_000)
  }
  return rows
}

describe('audit log', () => {
  it('records an import: who, which kind, how many', async () => {
    const rows = await during(async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/import/sites', headers: { authorization: `Bearer ${engineer}`, 'content-type': 'text/csv' }, payload: SITES_CSV })
      expect(res.statusCode, res.body).toBe(200)
    })
    expect(rows).toEqual([expect.objectContaining({ username: 'aud-eng', role: 'engineer', action: 'import', target: 'sites', details: expect.objectContaining({ imported: 3 }) })])
  })

  it('does not record an import that failed (nothing was imported)', async () => {
    const rows = await during(async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/import/sites', headers: { authorization: `Bearer ${engineer}`, 'content-type': 'text/csv' }, payload: 'id,name,lon,lat\nX1,坏,east,23\n' })
      expect(res.statusCode).toBe(400)
    })
    expect(rows).toEqual([])
  })

  it('records an override (final cause ≠ suggested), and not a confirmation', async () => {
    const suggested = ((await t.app.inject({ method: 'POST', url: '/api/diagnose', payload: COMPLAINT })).json() as { cause: { code: string } }).cause.code
    const other = suggested === 'weak_coverage' ? 'blind_spot' : 'weak_coverage'
    const confirmed = await during(async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/complaints', headers: { authorization: `Bearer ${agent}` }, payload: { ...COMPLAINT, cause: suggested } })
      expect(res.statusCode, res.body).toBe(201)
      expect(res.json().overridden).toBe(false)
    })
    expect(confirmed).toEqual([])
    let id = ''
    const rows = await during(async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/complaints', headers: { authorization: `Bearer ${agent}` }, payload: { ...COMPLAINT, cause: other } })
      expect(res.statusCode, res.body).toBe(201)
      expect(res.json()).toMatchObject({ overridden: true, cause: other })
      id = res.json().id
    })
    expect(rows).toEqual([expect.objectContaining({ username: 'aud-agent', role: 'agent', action: 'override', target: id, details: expect.objectContaining({ final: other }) })])
    expect(rows[0].details.suggested).toBe(suggested)
  })

  it('records a login and a failed login (with the name tried), from which address', async () => {
    const ok = await during(async () => { await login(t, 'aud-login', PW) })
    expect(ok).toEqual([expect.objectContaining({ username: 'aud-login', role: 'agent', action: 'login' })])
    expect(ok[0].ip).toBeTruthy()
    const failed = await during(async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { authorization: '' }, payload: { username: 'aud-login', password: 'wrong password' } })
      expect(res.statusCode).toBe(401)
    })
    expect(failed).toEqual([expect.objectContaining({ username: null, action: 'login_failed', target: 'aud-login' })])
    expect(JSON.stringify(failed)).not.toContain('wrong password')
    expect(failed[0].ip).toBeTruthy()
  })

  it('records user creation and token issue by the admin, never the token itself', async () => {
    const created = await during(async () => {
      expect((await t.app.inject({ method: 'POST', url: '/api/users', payload: { username: 'aud-new', role: 'engineer', password: 'a fine password' } })).statusCode).toBe(201)
    })
    expect(created).toEqual([expect.objectContaining({ username: 'admin', role: 'admin', action: 'user_created', target: 'aud-new', details: { role: 'engineer' } })])
    expect(JSON.stringify(created)).not.toContain('a fine password')
    let token = ''
    const issued = await during(async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/users/aud-new/tokens', payload: { name: 'etl' } })
      expect(res.statusCode).toBe(201)
      token = res.json().token
    })
    expect(issued).toEqual([expect.objectContaining({ username: 'admin', role: 'admin', action: 'token_issued', target: 'aud-new' })])
    expect(JSON.stringify(issued)).not.toContain(token)
  })

  it('filters by action and user, and refuses anyone but an admin (403)', async () => {
    const logins = (await t.app.inject({ url: '/api/audit?action=login' })).json() as Row[]
    expect(logins.length).toBeGreaterThan(0)
    expect(logins.every((r) => r.action === 'login')).toBe(true)
    const byEng = (await t.app.inject({ url: '/api/audit?username=aud-eng' })).json() as Row[]
    expect(byEng.map((r) => r.action)).toEqual(['import'])
    for (const token of [engineer, agent]) {
      const res = await t.app.inject({ url: '/api/audit', headers: { authorization: `Bearer ${token}` } })
      expect(res.statusCode).toBe(403)
      expect(res.body).not.toContain('aud-login')
    }
    expect((await t.app.inject({ url: '/api/audit', headers: { authorization: '' } })).statusCode).toBe(401)
    expect((await t.app.inject({ url: '/api/audit?from=yesterday' })).statusCode).toBe(400)
  })
})
