/**
 * Users, API tokens, sessions and the audit log, kept in the store's database. Lookups of a token or a
 * session are cached in memory for a few seconds (every request makes one); any change that revokes
 * access (disable, role change, token revoked, logout) clears the cache at once in this process.
 * The SQL is the store's (store/repos/users.ts, api-tokens.ts, sessions.ts, audit-log.ts).
 */
import { writeFileSync, chmodSync, existsSync, readFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Db } from '../store/db.js'
import { AppError } from '../errors.js'
import { ROLES, type Role } from './roles.js'
import { UNSTORABLE_CHARS } from '../ingest/fields.js'
import { hashPassword, verifyPassword, newSecret, secretHash, passwordProblem, DEFAULT_SCRYPT_N, newPassword } from './passwords.js'
import type { ChangeLog } from '../store/change-log.js'
import { usersRepo, type UserRow } from '../store/repos/users.js'
import { apiTokensRepo } from '../store/repos/api-tokens.js'
import { sessionsRepo } from '../store/repos/sessions.js'
import { auditLogRepo } from '../store/repos/audit-log.js'

export interface User {
  username: string
  displayName: string
  role: Role
  disabled: boolean
  hasPassword: boolean
  createdAt: string
}

/** Who is making a request, and how they proved it. */
export interface Principal {
  username: string
  role: Role
  via: 'token' | 'session'
  /** The session's CSRF token (cookie sessions only). */
  csrf?: string
}

export interface TokenInfo {
  id: string
  name: string
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

export interface AuditEntry {
  id: number
  at: string
  username: string | null
  role: string | null
  action: string
  target: string | null
  details: Record<string, unknown>
  ip: string | null
}

export interface UsersOptions {
  /** scrypt cost N (default 2^17; tests lower it to keep user creation fast). */
  scryptN?: number
  /** How long a browser session lasts. */
  sessionTtlMs?: number
  /** How long a token or session lookup is cached. */
  cacheMs?: number
  /**
   * Where revocations are told to the other instances on the same PostgreSQL (the store's change
   * log, written in the revoking transaction): their caches drop at once, not after cacheMs.
   */
  changes?: ChangeLog
}

const USERNAME = /^[A-Za-z0-9_.-]{2,32}$/
const toUser = (r: UserRow): User => ({
  username: r.username, displayName: r.display_name, role: r.role as Role, disabled: r.disabled, hasPassword: r.password_hash != null, createdAt: r.created_at.toISOString(),
})

/** Audit text as PostgreSQL can store it: NUL and unpaired surrogates (hostile headers) replaced by U+FFFD. */
const clean = (s: string | null) => s?.replace(UNSTORABLE_CHARS, '\uFFFD') ?? null

export class Users {
  private readonly scryptN: number
  private readonly sessionTtlMs: number
  private readonly cacheMs: number
  private readonly cache = new Map<string, { p: Principal | null; until: number }>()
  /** A hash to verify against when the user does not exist, so a wrong name takes as long as a wrong password. */
  private dummyHash: Promise<string> | null = null

  private readonly changes: ChangeLog | null

  constructor(private readonly db: Db, opts: UsersOptions = {}) {
    this.changes = opts.changes ?? null
    this.scryptN = opts.scryptN ?? DEFAULT_SCRYPT_N
    this.sessionTtlMs = opts.sessionTtlMs ?? 12 * 3600_000
    this.cacheMs = opts.cacheMs ?? 5_000
  }

  async count(): Promise<number> {
    return usersRepo.count(this.db)
  }

  async list(): Promise<User[]> {
    return (await usersRepo.all(this.db)).map(toUser)
  }

  async get(username: string): Promise<User | null> {
    const r = await usersRepo.get(this.db, username)
    return r ? toUser(r) : null
  }

  /** Creates a user; a password is optional (programs use tokens). */
  async create(input: { username: string; role: Role; password?: string | null; displayName?: string }): Promise<User> {
    if (!USERNAME.test(input.username ?? '')) throw new AppError('VALIDATION', `username must be 2–32 letters, digits, '_', '.' or '-'; got ${JSON.stringify(input.username)}`)
    if (!ROLES.includes(input.role)) throw new AppError('VALIDATION', `role must be one of ${ROLES.join(', ')}; got ${JSON.stringify(input.role)}`)
    const hash = await this.newHash(input.password)
    const row = await usersRepo.insert(this.db, { username: input.username, role: input.role, passwordHash: hash, displayName: input.displayName ?? '' })
    if (!row) throw new AppError('CONFLICT', `user ${input.username} already exists`)
    return toUser(row)
  }

  /**
   * Changes a user's role, name, password or disabled flag; revokes cached access at once. `keepSession`
   * (a session id) survives a password change: the user changing their own password stays logged in there.
   */
  async update(username: string, patch: { role?: Role; password?: string; displayName?: string; disabled?: boolean }, keepSession?: string): Promise<User> {
    if (patch.role != null && !ROLES.includes(patch.role)) throw new AppError('VALIDATION', `role must be one of ${ROLES.join(', ')}; got ${JSON.stringify(patch.role)}`)
    const hash = await this.newHash(patch.password)
    const row = await this.db.tx(async (t) => {
      const r = await usersRepo.update(t, username, { role: patch.role ?? null, passwordHash: hash, displayName: patch.displayName ?? null, disabled: patch.disabled ?? null })
      if (!r) throw new AppError('NOT_FOUND', `no user ${username}`)
      // The last admin cannot lock everyone out.
      if ((await usersRepo.activeAdmins(t)) === 0) throw new AppError('CONFLICT', `${username} is the last active admin: make another admin first`)
      // A new password or a lost role ends every browser session of the user.
      if (patch.disabled || patch.role != null) await sessionsRepo.removeOfUser(t, username)
      else if (patch.password != null) await sessionsRepo.removeOfUser(t, username, keepSession ? secretHash(keepSession) : '')
      await this.changes?.write(t, [{ topic: 'auth' }])
      return r
    })
    this.cache.clear()
    return toUser(row)
  }

  /** Checks a name and password; null when either is wrong or the user is disabled (never says which). */
  async verify(username: string, password: string): Promise<User | null> {
    const r = await usersRepo.get(this.db, username)
    if (!r || !r.password_hash) {
      this.dummyHash ??= hashPassword('not a password', this.scryptN)
      await verifyPassword(password, await this.dummyHash)
      return null
    }
    const ok = await verifyPassword(password, r.password_hash)
    return ok && !r.disabled ? toUser(r) : null
  }

  /**
   * Issues an API token for a user; the token is returned once and only its hash is stored. With
   * `ttlMs` it expires (short-lived tokens for embedded pages); without, it lasts until revoked.
   */
  async issueToken(username: string, name: string, ttlMs?: number): Promise<{ id: string; token: string; expiresAt: string | null }> {
    const token = newSecret('tsk_')
    const id = token.slice(4, 12)
    const expiresAt = ttlMs != null ? new Date(Date.now() + ttlMs) : null
    // Short-lived tokens (one per embedded page opened) would pile up: those a day past expiry go.
    if (ttlMs != null) await apiTokensRepo.removeExpired(this.db)
    const stored = await apiTokensRepo.insert(this.db, { id, username, tokenHash: secretHash(token), name, expiresAt })
    if (!stored) throw new AppError('NOT_FOUND', `no user ${username}`)
    return { id, token, expiresAt: expiresAt?.toISOString() ?? null }
  }

  async tokens(username: string): Promise<TokenInfo[]> {
    const rows = await apiTokensRepo.ofUser(this.db, username)
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at.toISOString(), lastUsedAt: r.last_used_at?.toISOString() ?? null, revokedAt: r.revoked_at?.toISOString() ?? null }))
  }

  async revokeToken(username: string, id: string): Promise<void> {
    await this.db.tx(async (t) => {
      if (!(await apiTokensRepo.revoke(t, username, id))) throw new AppError('NOT_FOUND', `no active token ${id} of ${username}`)
      await this.changes?.write(t, [{ topic: 'auth' }])
    })
    this.cache.clear()
  }

  /** Forgets every cached token and session lookup (another instance revoked access). */
  clearCache(): void {
    this.cache.clear()
  }

  /** The principal behind a bearer token, or null. */
  async byToken(token: string): Promise<Principal | null> {
    return this.cached(`t:${token}`, async () => {
      const r = await apiTokensRepo.principal(this.db, secretHash(token))
      if (!r) return null
      await apiTokensRepo.touch(this.db, r.id)
      return { username: r.username, role: r.role as Role, via: 'token' }
    })
  }

  /** Opens a browser session: returns the cookie value and its CSRF token. */
  async openSession(username: string): Promise<{ sid: string; csrf: string; expiresAt: Date }> {
    const sid = newSecret()
    const csrf = newSecret()
    const expiresAt = new Date(Date.now() + this.sessionTtlMs)
    await this.db.tx(async (t) => {
      await sessionsRepo.removeExpired(t)
      await sessionsRepo.insert(t, { idHash: secretHash(sid), username, csrf, expiresAt })
    })
    return { sid, csrf, expiresAt }
  }

  /** The principal behind a session cookie, or null when unknown or expired. */
  async bySession(sid: string): Promise<Principal | null> {
    return this.cached(`s:${sid}`, async () => {
      const r = await sessionsRepo.principal(this.db, secretHash(sid))
      return r ? { username: r.username, role: r.role as Role, via: 'session', csrf: r.csrf } : null
    })
  }

  async closeSession(sid: string): Promise<void> {
    await this.db.tx(async (t) => {
      await sessionsRepo.remove(t, secretHash(sid))
      await this.changes?.write(t, [{ topic: 'auth' }])
    })
    this.cache.delete(`s:${sid}`)
  }

  async audit(entry: { username?: string | null; role?: string | null; action: string; target?: string | null; details?: Record<string, unknown>; ip?: string | null }): Promise<void> {
    await auditLogRepo.insert(this.db, {
      username: clean(entry.username ?? null), role: entry.role ?? null, action: entry.action, target: clean(entry.target ?? null),
      details: JSON.stringify(entry.details ?? {}, (_k, v) => (typeof v === 'string' ? clean(v) : v)), ip: entry.ip ?? null,
    })
  }

  async auditLog(q: { from?: number; to?: number; action?: string; username?: string; limit: number }): Promise<AuditEntry[]> {
    const rows = await auditLogRepo.find(this.db, {
      from: q.from != null ? new Date(q.from) : null, to: q.to != null ? new Date(q.to) : null, action: q.action ?? null, username: q.username ?? null, limit: q.limit,
    })
    return rows.map((r) => ({ ...r, id: Number(r.id), at: r.at.toISOString() }))
  }

  /**
   * First start with no users (CONTRACT.md): creates `admin` with a token written to DATA_DIR/admin.token
   * (mode 0600), so a script on this machine can call the API at once. Returns the token, or null when
   * users already existed. DATA_DIR is created if missing; when the token cannot be written the admin is
   * removed again, so the next start bootstraps afresh instead of leaving an admin no one can use.
   * Instances starting at once on one PostgreSQL run it one after the other (Store.withStartupLock).
   */
  async bootstrap(dataDir: string): Promise<string | null> {
    if ((await this.count()) > 0) return null
    mkdirSync(dataDir, { recursive: true })
    await this.create({ username: 'admin', role: 'admin', displayName: '系统管理员' })
    const file = join(dataDir, 'admin.token')
    let token: string
    try {
      token = (await this.issueToken('admin', 'admin.token (first start)')).token
      writeFileSync(file, token + '\n', { mode: 0o600 })
      chmodSync(file, 0o600)
    } catch (err) {
      await apiTokensRepo.removeOfUser(this.db, 'admin')
      await usersRepo.remove(this.db, 'admin')
      throw new Error(`first start: could not write the admin token to ${file} (${(err as Error).message}); nothing was kept, the next start tries again`)
    }
    await this.audit({ action: 'bootstrap', target: 'admin', details: { tokenFile: file } })
    return token
  }

  /**
   * The demo's logins: one user per role. A login this instance creates gets a generated password,
   * kept in DATA_DIR/demo-logins.txt (mode 0600) so that later starts can print it again. A demo user
   * that exists already is never re-keyed (another instance, or an earlier start with another
   * DATA_DIR, printed its password; changing it would lock those people out): it is listed with a
   * null password. Returns [username, role, password | null][].
   */
  async ensureDemoUsers(dataDir: string): Promise<[string, Role, string | null][]> {
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
      if (await this.get(username)) {
        logins.push([username, role, known.get(username) ?? null])
        continue
      }
      const password = newPassword()
      await this.create({ username, role, password, displayName })
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


  /** The hash of a new password once passwordProblem() finds nothing wrong with it; null when none is given. */
  private async newHash(password: string | null | undefined): Promise<string | null> {
    if (password == null) return null
    const problem = passwordProblem(password)
    if (problem) throw new AppError('VALIDATION', problem)
    return hashPassword(password, this.scryptN)
  }

  private async cached(key: string, load: () => Promise<Principal | null>): Promise<Principal | null> {
    const now = Date.now()
    const hit = this.cache.get(key)
    if (hit && hit.until > now) return hit.p
    const p = await load()
    if (this.cache.size > 10_000) this.cache.clear()
    this.cache.set(key, { p, until: now + this.cacheMs })
    return p
  }
}
