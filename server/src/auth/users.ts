/**
 * Users, API tokens, sessions and the audit log, kept in the store's database: one object for the
 * routes and the auth plugin, over one file per concern (user-accounts, api-tokens, sessions,
 * audit-log, first-start). Token and session lookups are cached for a few seconds (every request
 * makes one); any change that revokes access (disable, role change, token revoked, logout) clears the
 * cache at once in this process and, through the change log, in the others.
 * The SQL is the store's (store/repos/users.ts, api-tokens.ts, sessions.ts, audit-log.ts).
 */
import type { Db } from '../store/db.js'
import type { ChangeLog } from '../store/change-log.js'
import { DEFAULT_SCRYPT_N } from './passwords.js'
import { ApiTokens, type TokenInfo } from './api-tokens.js'
import { AuditLog, type AuditEntry, type AuditRecord } from './audit-log.js'
import { bootstrapAdmin, ensureDemoUsers } from './first-start.js'
import type { Principal } from './principal.js'
import { PrincipalCache } from './principal-cache.js'
import type { Role } from './roles.js'
import { Sessions } from './sessions.js'
import { UserAccounts, type User } from './user-accounts.js'

export type { AuditEntry, Principal, TokenInfo, User }

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

export class Users {
  private readonly cache: PrincipalCache
  private readonly accounts: UserAccounts
  private readonly apiTokens: ApiTokens
  private readonly sessions: Sessions
  private readonly auditLogStore: AuditLog

  constructor(db: Db, opts: UsersOptions = {}) {
    const changes = opts.changes ?? null
    this.cache = new PrincipalCache(opts.cacheMs ?? 5_000)
    this.accounts = new UserAccounts(db, this.cache, changes, opts.scryptN ?? DEFAULT_SCRYPT_N)
    this.apiTokens = new ApiTokens(db, this.cache, changes)
    this.sessions = new Sessions(db, this.cache, changes, opts.sessionTtlMs ?? 12 * 3600_000)
    this.auditLogStore = new AuditLog(db)
  }

  count(): Promise<number> { return this.accounts.count() }
  list(): Promise<User[]> { return this.accounts.list() }
  get(username: string): Promise<User | null> { return this.accounts.get(username) }
  /** Creates a user; a password is optional (programs use tokens). */
  create(input: { username: string; role: Role; password?: string | null; displayName?: string }): Promise<User> { return this.accounts.create(input) }
  /** Changes a user (see UserAccounts.update); `keepSession` survives a password change. */
  update(username: string, patch: { role?: Role; password?: string; displayName?: string; disabled?: boolean }, keepSession?: string): Promise<User> {
    return this.accounts.update(username, patch, keepSession)
  }
  /** Checks a name and password; null when either is wrong or the user is disabled (never says which). */
  verify(username: string, password: string): Promise<User | null> { return this.accounts.verify(username, password) }

  /** Issues an API token, returned this once; with `ttlMs` it expires. */
  issueToken(username: string, name: string, ttlMs?: number): Promise<{ id: string; token: string; expiresAt: string | null }> { return this.apiTokens.issue(username, name, ttlMs) }
  tokens(username: string): Promise<TokenInfo[]> { return this.apiTokens.ofUser(username) }
  revokeToken(username: string, id: string): Promise<void> { return this.apiTokens.revoke(username, id) }
  /** The principal behind a bearer token, or null. */
  byToken(token: string): Promise<Principal | null> { return this.apiTokens.principal(token) }

  /** Opens a browser session: returns the cookie value and its CSRF token. */
  openSession(username: string): Promise<{ sid: string; csrf: string; expiresAt: Date }> { return this.sessions.open(username) }
  /** The principal behind a session cookie, or null when unknown or expired. */
  bySession(sid: string): Promise<Principal | null> { return this.sessions.principal(sid) }
  closeSession(sid: string): Promise<void> { return this.sessions.close(sid) }

  /** Forgets every cached token and session lookup (another instance revoked access). */
  clearCache(): void { this.cache.clear() }

  audit(entry: AuditRecord): Promise<void> { return this.auditLogStore.record(entry) }
  auditLog(q: { from?: number; to?: number; action?: string; username?: string; limit: number }): Promise<AuditEntry[]> { return this.auditLogStore.find(q) }

  /** First start with no users: the admin and DATA_DIR/admin.token (first-start.ts). */
  bootstrap(dataDir: string): Promise<string | null> { return bootstrapAdmin(this.accounts, this.apiTokens, this.auditLogStore, dataDir) }
  /** The demo's logins, one per role (first-start.ts). */
  ensureDemoUsers(dataDir: string): Promise<[string, Role, string | null][]> { return ensureDemoUsers(this.accounts, dataDir) }
}
