/**
 * Issue 7 item 1, logins: scrypt passwords, the session cookie and its CSRF token, logout, password
 * changes ending sessions. Every request here is a browser's: the cookie, never the admin token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROLE_PERMISSIONS } from '../../../server/src/auth/roles.js'
import { startService, type TestService } from '../../helpers/service.js'
import { COMPLAINT, login, snapshot } from './helpers.js'

let t: TestService
const PW = 'correct horse battery'
beforeAll(async () => {
  t = await startService()
  await t.userWith('engineer', PW, 'eng1')
})
afterAll(async () => { await t?.close() })

const anon = { authorization: '' }
const tryLogin = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', headers: anon, payload: { username, password } })
const me = (cookie: string) => t.app.inject({ url: '/api/auth/me', headers: { cookie } })

describe('POST /api/auth/login', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie on the right password and answers with the CSRF token and permissions', async () => {
    const s = await login(t, 'eng1', PW)
    const attrs = s.setCookie.split(';').map((a) => a.trim().toLowerCase())
    expect(attrs).toContain('httponly')
    expect(attrs).toContain('samesite=strict')
    expect(attrs).toContain('path=/')
    expect(s.sid.length).toBeGreaterThanOrEqual(32)
    expect(s.body.user).toMatchObject({ username: 'eng1', role: 'engineer' })
    expect(s.body.csrfToken).toMatch(/^\S{32,}$/)
    expect(s.body.csrfToken).not.toBe(s.sid)
    expect(s.body.permissions.sort()).toEqual([...ROLE_PERMISSIONS.engineer].sort())
  })

  it('answers a wrong password and an unknown user alike: 401, same message, no cookie', async () => {
    const wrong = await tryLogin('eng1', 'not the password')
    const unknown = await tryLogin('nobody', 'not the password')
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401)
      expect(res.headers['set-cookie']).toBeUndefined()
    }
    expect(wrong.json()).toEqual(unknown.json())
    expect(wrong.json().code).toBe('UNAUTHORIZED')
  })

  it('refuses a disabled user (401) and ends the sessions they had', async () => {
    await t.userWith('agent', PW, 'gone1')
    const s = await login(t, 'gone1', PW)
    const patch = await t.app.inject({ method: 'PATCH', url: '/api/users/gone1', payload: { disabled: true } })
    expect(patch.statusCode, patch.body).toBe(200)
    const res = await tryLogin('gone1', PW)
    expect(res.statusCode).toBe(401)
    expect(res.json().message).toBe((await tryLogin('eng1', 'wrong password!')).json().message)
    expect((await me(s.cookie)).statusCode).toBe(401)
  })

  it('refuses a token-only user (no password) whatever password is tried', async () => {
    await t.users.create({ username: 'robot1', role: 'engineer' })
    expect((await tryLogin('robot1', '')).statusCode).toBe(400)
    expect((await tryLogin('robot1', 'anything at all')).statusCode).toBe(401)
  })
})

describe('the session cookie', () => {
  it('identifies the user on GET /api/auth/me', async () => {
    const s = await login(t, 'eng1', PW)
    const res = await me(s.cookie)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ user: { username: 'eng1', role: 'engineer' }, csrfToken: s.csrf })
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: 'tousu_sid=forged-session-id-000000000000' } })).statusCode).toBe(401)
    expect((await t.app.inject({ url: '/api/auth/me', headers: anon })).statusCode).toBe(401)
  })

  it('GET /api/auth/session answers signed out with 200 and signedIn false, signed in with the user', async () => {
    const out = await t.app.inject({ url: '/api/auth/session', headers: anon })
    expect(out.statusCode).toBe(200)
    expect(out.json()).toEqual({ signedIn: false })
    const forged = await t.app.inject({ url: '/api/auth/session', headers: { cookie: 'tousu_sid=forged-session-id-000000000000' } })
    expect(forged.json()).toEqual({ signedIn: false })
    const s = await login(t, 'eng1', PW)
    const inside = await t.app.inject({ url: '/api/auth/session', headers: { cookie: s.cookie } })
    expect(inside.statusCode).toBe(200)
    expect(inside.json()).toMatchObject({ signedIn: true, user: { username: 'eng1', role: 'engineer' }, csrfToken: s.csrf })
  })

  it('needs the CSRF token on every state-changing request: without or wrong → 403 and nothing stored; right → 2xx', async () => {
    const s = await login(t, 'eng1', PW)
    const post = (csrf?: string) => t.app.inject({
      method: 'POST', url: '/api/complaints', payload: COMPLAINT,
      headers: { cookie: s.cookie, ...(csrf === undefined ? {} : { 'x-csrf-token': csrf }) },
    })
    const before = await snapshot(t)
    const other = await login(t, 'eng1', PW) // another session's token is just as wrong
    const before2 = await snapshot(t)
    expect(before2).not.toBe(before) // (the login itself stored a session)
    for (const csrf of [undefined, '', 'x'.repeat(43), other.csrf, s.sid]) {
      const res = await post(csrf)
      expect(res.statusCode, `csrf ${csrf}`).toBe(403)
      expect(res.json().code).toBe('FORBIDDEN')
    }
    expect(await snapshot(t)).toBe(before2)
    const ok = await post(s.csrf)
    expect(ok.statusCode, ok.body).toBe(201)
    expect((await t.service.store.counts()).complaints).toBe(1)
    // Reading needs none.
    expect((await t.app.inject({ url: `/api/complaints/${ok.json().id}`, headers: { cookie: s.cookie } })).statusCode).toBe(200)
  })

  it('ends at logout: the cookie no longer works, even within the lookup cache', async () => {
    const s = await login(t, 'eng1', PW)
    expect((await me(s.cookie)).statusCode).toBe(200)
    // Logging out is a POST like any other: without the CSRF token it is refused and the session lives on.
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } })).statusCode).toBe(403)
    expect((await me(s.cookie)).statusCode).toBe(200)
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } })
    expect(out.statusCode).toBe(204)
    expect(String(out.headers['set-cookie'])).toMatch(/tousu_sid=;/)
    expect((await me(s.cookie)).statusCode).toBe(401)
    const rows = await t.service.store.db.any('SELECT 1 FROM sessions s WHERE s.username = $1', ['eng1'])
    expect(rows.length).toBeGreaterThan(0) // the earlier tests' sessions; this one is gone:
    const post = await t.app.inject({ method: 'POST', url: '/api/diagnose', payload: COMPLAINT, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } })
    expect(post.statusCode).toBe(401)
  })

  it('ends every other session of the user when the password changes', async () => {
    await t.userWith('agent', PW, 'pw1')
    const a = await login(t, 'pw1', PW)
    const b = await login(t, 'pw1', PW)
    expect((await me(b.cookie)).statusCode).toBe(200) // now cached
    const change = (current: string, password: string) => t.app.inject({
      method: 'POST', url: '/api/auth/password', payload: { current, password }, headers: { cookie: a.cookie, 'x-csrf-token': a.csrf },
    })
    const wrong = await change('not the password', 'a new password 1')
    expect(wrong.statusCode).toBe(403)
    expect((await me(b.cookie)).statusCode).toBe(200)
    const tooShort = await change(PW, 'short')
    expect(tooShort.statusCode).toBe(400)
    const ok = await change(PW, 'a new password 1')
    expect(ok.statusCode, ok.body).toBe(204)
    expect((await me(b.cookie)).statusCode).toBe(401)
    // The session that made the change goes on.
    expect((await me(a.cookie)).statusCode).toBe(200)
    expect((await tryLogin('pw1', PW)).statusCode).toBe(401)
    expect((await tryLogin('pw1', 'a new password 1')).statusCode).toBe(200)
  })
})

describe('stored passwords', () => {
  it('are scrypt hashes with their own salt, never the password itself', async () => {
    await t.userWith('agent', PW, 'salt1')
    await t.userWith('agent', PW, 'salt2')
    const rows = await t.service.store.db.any<{ username: string; password_hash: string }>(
      "SELECT username, password_hash FROM users WHERE username IN ('salt1', 'salt2', 'eng1') ORDER BY username")
    expect(rows).toHaveLength(3)
    for (const r of rows) {
      expect(r.password_hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]{16,}\$[A-Za-z0-9_-]{40,}$/)
      expect(r.password_hash).not.toContain(PW)
      expect(r.password_hash).not.toContain(Buffer.from(PW).toString('base64'))
    }
    expect(rows[1].password_hash).not.toBe(rows[2].password_hash) // same password, different salt
    // Nowhere else in the users table either.
    const dump = JSON.stringify(await t.service.store.db.any('SELECT * FROM users'))
    expect(dump).not.toContain(PW)
    expect(dump).not.toContain('a new password 1')
    // The answers about users never carry the hash.
    const list = await t.app.inject({ url: '/api/users' })
    expect(list.body).not.toContain('scrypt$')
    expect(list.json().find((u: { username: string }) => u.username === 'salt1')).toMatchObject({ hasPassword: true })
  })
})
