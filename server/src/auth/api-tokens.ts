/**
 * API tokens for programs: shown once when issued, stored as a hash; a lookup is cached briefly and a
 * revocation clears the cache here and tells the other instances.
 */
import type { Db } from '../store/db.js'
import type { ChangeLog } from '../store/change-log.js'
import { AppError } from '../errors.js'
import { apiTokensRepo } from '../store/repos/api-tokens.js'
import { newSecret, secretHash } from './passwords.js'
import type { Principal } from './principal.js'
import type { PrincipalCache } from './principal-cache.js'
import type { Role } from './roles.js'

export interface TokenInfo {
  id: string
  name: string
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

export class ApiTokens {
  constructor(private readonly db: Db, private readonly cache: PrincipalCache, private readonly changes: ChangeLog | null) {}

  /**
   * Issues a token for a user; the token is returned once and only its hash is stored. With `ttlMs`
   * it expires (short-lived tokens for embedded pages); without, it lasts until revoked.
   */
  async issue(username: string, name: string, ttlMs?: number): Promise<{ id: string; token: string; expiresAt: string | null }> {
    const token = newSecret('tsk_')
    const id = token.slice(4, 12)
    const expiresAt = ttlMs != null ? new Date(Date.now() + ttlMs) : null
    // Short-lived tokens (one per embedded page opened) would pile up: those a day past expiry go.
    if (ttlMs != null) await apiTokensRepo.removeExpired(this.db)
    const stored = await apiTokensRepo.insert(this.db, { id, username, tokenHash: secretHash(token), name, expiresAt })
    if (!stored) throw new AppError('NOT_FOUND', `no user ${username}`)
    return { id, token, expiresAt: expiresAt?.toISOString() ?? null }
  }

  /** A user's tokens, never their secrets. */
  async ofUser(username: string): Promise<TokenInfo[]> {
    const rows = await apiTokensRepo.ofUser(this.db, username)
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at.toISOString(), lastUsedAt: r.last_used_at?.toISOString() ?? null, revokedAt: r.revoked_at?.toISOString() ?? null }))
  }

  async revoke(username: string, id: string): Promise<void> {
    await this.db.tx(async (t) => {
      if (!(await apiTokensRepo.revoke(t, username, id))) throw new AppError('NOT_FOUND', `no active token ${id} of ${username}`)
      await this.changes?.write(t, [{ topic: 'auth' }])
    })
    this.cache.clear()
  }

  /** The principal behind a bearer token, or null; a found token is marked used. */
  async principal(token: string): Promise<Principal | null> {
    return this.cache.get(`t:${token}`, async () => {
      const r = await apiTokensRepo.principal(this.db, secretHash(token))
      if (!r) return null
      await apiTokensRepo.touch(this.db, r.id)
      return { username: r.username, role: r.role as Role, via: 'token' }
    })
  }

  /** Removes every token of a user (a first start undone). */
  async removeOfUser(username: string): Promise<void> {
    await apiTokensRepo.removeOfUser(this.db, username)
  }
}
