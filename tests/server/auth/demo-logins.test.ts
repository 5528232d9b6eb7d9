/**
 * The demo start (issue 7): one login per role, printed and kept in DATA_DIR/demo-logins.txt (0600), the
 * same on every later start, and each one logs in with the role it names.
 */
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startService, type TestService } from '../../helpers/service.js'

let t: TestService
beforeAll(async () => { t = await startService() })
afterAll(async () => { await t?.close() })

describe('demo logins', () => {
  it('makes one user per role, keeps them in a 0600 file, gives the same ones again, and each logs in with its role', async () => {
    const first = await t.users.ensureDemoUsers(t.dataDir)
    expect(first.map(([name, role]) => [name, role])).toEqual([['agent', 'agent'], ['engineer', 'engineer'], ['demo-admin', 'admin']])
    const file = join(t.dataDir, 'demo-logins.txt')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    for (const [, , password] of first) expect(readFileSync(file, 'utf8')).toContain(password)
    expect(await t.users.ensureDemoUsers(t.dataDir)).toEqual(first)
    for (const [username, role, password] of first) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { authorization: '' }, payload: { username, password } })
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json().user.role).toBe(role)
    }
    // Passwords are generated, not fixed: a second demo store gets others.
    expect(new Set(first.map(([, , p]) => p)).size).toBe(3)
  })
})
