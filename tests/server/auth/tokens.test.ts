/**
 * Issue 7 item 1, programs: API tokens (issue, use, revoke), the Authorization header read strictly,
 * the last admin kept, and admin.token written once on first start with mode 0600.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Users } from '../../../server/src/auth/users.js'
import { TEST_SCRYPT_N, startService, type TestService } from '../../helpers/service.js'
import { login, snapshot } from './helpers.js'

let t: TestService
beforeAll(async () => { t = await startService() })
afterAll(async () => { await t?.close() })

const as = (token: string, url = '/api/auth/me') => t.app.inject({ url, headers: { authorization: `Bearer ${token}` } })

describe('API tokens', () => {
  it('with a lifetime: refused once expired, and swept a day after expiry when the next one is issued', async () => {
    await t.users.create({ username: 'short-lived', role: 'agent' })
    const live = await t.users.issueToken('short-lived', 'embed', 60_000)
    const dead = await t.users.issueToken('short-lived', 'embed', 60_000)
    const old = await t.users.issueToken('short-lived', 'embed', 60_000)
    const auth = (token: string) => ({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } })
    expect((await t.app.inject(auth(live.token))).statusCode).toBe(200)
    // Expired a minute ago (refused), and expired two days ago (refused, and swept by the next issue).
    await t.service.store.db.none("UPDATE api_tokens SET expires_at = now() - interval '1 minute' WHERE id = $1", [dead.id])
    await t.service.store.db.none("UPDATE api_tokens SET expires_at = now() - interval '2 days' WHERE id = $1", [old.id])
    expect((await t.app.inject(auth(dead.token))).statusCode).toBe(401)
    expect((await t.app.inject(auth(old.token))).statusCode).toBe(401)
    await t.users.issueToken('short-lived', 'embed', 60_000)
    expect((await t.users.tokens('short-lived')).map((x) => x.id)).not.toContain(old.id)
    expect((await t.users.tokens('short-lived')).map((x) => x.id)).toContain(dead.id)
    expect((await t.app.inject(auth(live.token))).statusCode).toBe(200)
  })

  it('work once issued, are shown once, and stop at once when revoked', async () => {
    await t.users.create({ username: 'prog1', role: 'engineer' })
    const issued = await t.app.inject({ method: 'POST', url: '/api/users/prog1/tokens', payload: { name: 'nightly import' } })
    expect(issued.statusCode, issued.body).toBe(201)
    const { id, token } = issued.json() as { id: string; token: string }
    expect(token.length).toBeGreaterThanOrEqual(40)
    const me = await as(token)
    expect(me.statusCode).toBe(200)
    expect(me.json()).toMatchObject({ user: { username: 'prog1', role: 'engineer' }, csrfToken: null })
    // The list names it, never the secret; the store keeps only a hash.
    const list = await t.app.inject({ url: '/api/users/prog1/tokens' })
    expect(list.json()).toEqual([expect.objectContaining({ id, name: 'nightly import', revokedAt: null, lastUsedAt: expect.any(String) })])
    expect(list.body).not.toContain(token)
    expect(JSON.stringify(await t.service.store.db.any('SELECT * FROM api_tokens'))).not.toContain(token)

    const revoke = await t.app.inject({ method: 'DELETE', url: `/api/users/prog1/tokens/${id}` })
    expect(revoke.statusCode).toBe(204)
    // At once: the lookup cache (a few seconds) does not keep a revoked token alive.
    const after = await as(token)
    expect(after.statusCode).toBe(401)
    expect(after.json().code).toBe('UNAUTHORIZED')
    expect((await t.app.inject({ method: 'DELETE', url: `/api/users/prog1/tokens/${id}` })).statusCode).toBe(404)
  })

  it('stop working when their user is disabled or loses a role, at once', async () => {
    const token = await t.tokenFor('engineer', 'prog2')
    expect((await as(token, '/api/analysis/precision')).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'PATCH', url: '/api/users/prog2', payload: { role: 'agent' } })).statusCode).toBe(200)
    expect((await as(token, '/api/analysis/precision')).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'PATCH', url: '/api/users/prog2', payload: { disabled: true } })).statusCode).toBe(200)
    expect((await as(token)).statusCode).toBe(401)
  })

  it('are read strictly: a malformed or unknown Authorization → 401, never a fall-back to the session cookie', async () => {
    const PW = 'a long password 1'
    await t.userWith('admin', PW, 'adm-cookie')
    const s = await login(t, 'adm-cookie', PW)
    const token = await t.tokenFor('agent', 'prog3')
    const bad = [
      'Bearer', 'Bearer ', 'bearer short', `Basic ${Buffer.from('adm-cookie:' + PW).toString('base64')}`, `Token ${token}`,
      `Bearer ${token} extra`, `Bearer ${token}x`, `${token}`, `Bearer ${'x'.repeat(201)}`,
    ]
    for (const authorization of bad) {
      const res = await t.app.inject({ url: '/api/auth/me', headers: { authorization, cookie: s.cookie } })
      expect(res.statusCode, authorization).toBe(401)
      expect(res.json().code).toBe('UNAUTHORIZED')
      // Not even on a public route, and a write with a valid CSRF token does not get through either.
      const before = await snapshot(t)
      const w = await t.app.inject({ method: 'POST', url: '/api/users', payload: { username: 'sneaky', role: 'admin' }, headers: { authorization, cookie: s.cookie, 'x-csrf-token': s.csrf } })
      expect(w.statusCode, authorization).toBe(401)
      expect(await snapshot(t)).toBe(before)
    }
    // The cookie alone still works, and so does the token alone (case-insensitive scheme).
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(200)
    expect((await t.app.inject({ url: '/api/auth/me', headers: { authorization: `bearer ${token}` } })).json().user.username).toBe('prog3')
  })
})

describe('the last admin', () => {
  it('cannot be demoted or disabled (409, nothing changed), but can once another admin exists', async () => {
    const u = new Users(t.service.store.db, { scryptN: TEST_SCRYPT_N })
    // Only `admin` (first start) and adm-cookie are admins here; make `admin` the last active one.
    const admins = (await u.list()).filter((x) => x.role === 'admin' && !x.disabled)
    for (const a of admins) if (a.username !== 'admin') await u.update(a.username, { role: 'engineer' })
    expect((await u.list()).filter((x) => x.role === 'admin' && !x.disabled).map((x) => x.username)).toEqual(['admin'])

    for (const patch of [{ role: 'engineer' }, { role: 'agent' }, { disabled: true }]) {
      const before = await snapshot(t)
      const res = await t.app.inject({ method: 'PATCH', url: '/api/users/admin', payload: patch })
      expect(res.statusCode, JSON.stringify(patch)).toBe(409)
      expect(res.json().code).toBe('CONFLICT')
      expect(await snapshot(t)).toBe(before)
    }
    expect((await t.app.inject({ url: '/api/auth/me' })).statusCode).toBe(200) // the admin token still works

    await t.users.create({ username: 'admin2', role: 'admin' })
    const res = await t.app.inject({ method: 'PATCH', url: '/api/users/admin', payload: { role: 'engineer' } })
    expect(res.statusCode, res.body).toBe(200)
    // admin2 is now the last one: it cannot disable itself either.
    const token2 = (await t.users.issueToken('admin2', 't')).token
    const self = await t.app.inject({ method: 'PATCH', url: '/api/users/admin2', payload: { disabled: true }, headers: { authorization: `Bearer ${token2}` } })
    expect(self.statusCode).toBe(409)
    // Put things back for whatever runs next.
    expect((await t.app.inject({ method: 'PATCH', url: '/api/users/admin', payload: { role: 'admin' }, headers: { authorization: `Bearer ${token2}` } })).statusCode).toBe(200)
  })
})

describe('first start', () => {
  it('wrote admin.token with mode 0600, holding a working admin token', async () => {
    const file = join(t.dataDir, 'admin.token')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const token = readFileSync(file, 'utf8').trim()
    expect(token).toBe(t.adminToken)
    const me = await as(token)
    expect(me.json().user).toMatchObject({ username: 'admin', role: 'admin' })
  })

  it('does nothing on a later start: no new admin, no new token, the file untouched', async () => {
    const file = join(t.dataDir, 'admin.token')
    const count = await t.users.count()
    const tokens = (await t.service.store.db.one<{ n: number }>('SELECT count(*) AS n FROM api_tokens')).n
    writeFileSync(file, 'left alone\n', { mode: 0o600 })
    const again = await new Users(t.service.store.db, { scryptN: TEST_SCRYPT_N }).bootstrap(t.dataDir)
    expect(again).toBeNull()
    expect(await t.users.count()).toBe(count)
    expect((await t.service.store.db.one<{ n: number }>('SELECT count(*) AS n FROM api_tokens')).n).toBe(tokens)
    expect(readFileSync(file, 'utf8')).toBe('left alone\n')
  })

  it('writes the file 0600 even under a permissive umask, and replaces a world-readable one', async () => {
    const { service, dataDir, close } = await startService()
    try {
      // A fresh store: clear the users the helper made, leave a readable file where the token goes.
      await service.store.db.none('DELETE FROM users')
      const file = join(dataDir, 'admin.token')
      writeFileSync(file, 'old\n', { mode: 0o644 })
      const old = process.umask(0)
      let token: string | null
      try {
        token = await new Users(service.store.db, { scryptN: TEST_SCRYPT_N }).bootstrap(dataDir)
      } finally {
        process.umask(old)
      }
      expect(token).toMatch(/\S{40,}/)
      expect(statSync(file).mode & 0o777).toBe(0o600)
      expect(readFileSync(file, 'utf8').trim()).toBe(token)
      const audit = await service.store.db.any<{ action: string; target: string }>("SELECT action, target FROM audit_log WHERE action = 'bootstrap'")
      expect(audit).toHaveLength(2) // the helper's first start, and this one
    } finally {
      await close()
    }
  })
})
