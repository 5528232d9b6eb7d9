/**
 * The users a fresh installation starts with: the first admin and its token file, and the demo's
 * logins (one per role) with their password file. Both files are mode 0600 in DATA_DIR.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ApiTokens } from './api-tokens.js'
import type { AuditLog } from './audit-log.js'
import { newPassword } from './passwords.js'
import type { Role } from './roles.js'
import type { UserAccounts } from './user-accounts.js'

/**
 * First start with no users (CONTRACT.md): creates `admin` with a token written to DATA_DIR/admin.token
 * (mode 0600), so a script on this machine can call the API at once. Returns the token, or null when
 * users already existed. DATA_DIR is created if missing; when the token cannot be written the admin is
 * removed again, so the next start bootstraps afresh instead of leaving an admin no one can use.
 * Instances starting at once on one PostgreSQL run it one after the other (Store.withStartupLock).
 */
export async function bootstrapAdmin(accounts: UserAccounts, tokens: ApiTokens, auditLog: AuditLog, dataDir: string): Promise<string | null> {
  if ((await accounts.count()) > 0) return null
  mkdirSync(dataDir, { recursive: true })
  await accounts.create({ username: 'admin', role: 'admin', displayName: '系统管理员' })
  const file = join(dataDir, 'admin.token')
  let token: string
  try {
    token = (await tokens.issue('admin', 'admin.token (first start)')).token
    writeFileSync(file, token + '\n', { mode: 0o600 })
    chmodSync(file, 0o600)
  } catch (err) {
    await tokens.removeOfUser('admin')
    await accounts.remove('admin')
    throw new Error(`first start: could not write the admin token to ${file} (${(err as Error).message}); nothing was kept, the next start tries again`)
  }
  await auditLog.record({ action: 'bootstrap', target: 'admin', details: { tokenFile: file } })
  return token
}

/**
 * The demo's logins: one user per role. A login this instance creates gets a generated password,
 * kept in DATA_DIR/demo-logins.txt (mode 0600) so that later starts can print it again. A demo user
 * that exists already is never re-keyed (another instance, or an earlier start with another
 * DATA_DIR, printed its password; changing it would lock those people out): it is listed with a
 * null password. Returns [username, role, password | null][].
 */
export async function ensureDemoUsers(accounts: UserAccounts, dataDir: string): Promise<[string, Role, string | null][]> {
  const file = join(dataDir, 'demo-logins.txt')
  const known = new Map<string, string>()
  if (existsSync(file)) {
    for (const l of readFileSync(file, 'utf8').split('\n')) {
      if (!l || l.startsWith('#')) continue
      const [username, , password] = l.split('\t')
      known.set(username, password)
    }
  }
  const logins: [string, Role, string | null][] = []
  const created: [string, Role, string][] = []
  for (const [username, role, displayName] of [['agent', 'agent', '客服坐席(演示)'], ['engineer', 'engineer', '网维工程师(演示)'], ['demo-admin', 'admin', '管理员(演示)']] as const) {
    if (await accounts.get(username)) {
      logins.push([username, role, known.get(username) ?? null])
      continue
    }
    const password = newPassword()
    await accounts.create({ username, role, password, displayName })
    created.push([username, role, password])
    logins.push([username, role, password])
  }
  if (created.length || !existsSync(file)) {
    mkdirSync(dataDir, { recursive: true })
    const lines = logins.filter((l): l is [string, Role, string] => l[2] != null)
    writeFileSync(file, ['# demo logins: user, role, password', ...lines.map((l) => l.join('\t'))].join('\n') + '\n', { mode: 0o600 })
  }
  return logins
}
