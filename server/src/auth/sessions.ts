/**
 * Browser sessions: a random cookie value whose hash is stored with the user and a CSRF token; a
 * lookup is cached briefly, a logout drops it from the cache and tells the other instances.
 */
import type { Db } from '../store/db.js'
import type { ChangeLog } from '../store/change-log.js'
import { sessionsRepo } from '../store/repos/sessions.js'
import { newSecret, secretHash } from './passwords.js'
import type { Principal } from './principal.js'
import type { PrincipalCache } from './principal-cache.js'
import type { Role } from './roles.js'

export class Sessions {
  constructor(private readonly db: Db, private readonly cache: PrincipalCache, private readonly changes: ChangeLog | null, private readonly ttlMs: number) {}

  /** Opens a session (dropping expired ones): returns the cookie value and its CSRF token. */
  async open(username: string): Promise<{ sid: string; csrf: string; expiresAt: Date }> {
    const sid = newSecret()
    const csrf = newSecret()
    const expiresAt = new Date(Date.now() + this.ttlMs)
    await this.db.tx(async (t) => {
      await sessionsRepo.removeExpired(t)
      await sessionsRepo.insert(t, { idHash: secretHash(sid), username, csrf, expiresAt })
    })
    return { sid, csrf, expiresAt }
  }

  /** The principal behind a session cookie, or null when unknown or expired. */
  async principal(sid: string): Promise<Principal | null> {
    return this.cache.get(`s:${sid}`, async () => {
      const r = await sessionsRepo.principal(this.db, secretHash(sid))
      return r ? { username: r.username, role: r.role as Role, via: 'session', csrf: r.csrf } : null
    })
  }

  async close(sid: string): Promise<void> {
    await this.db.tx(async (t) => {
      await sessionsRepo.remove(t, secretHash(sid))
      await this.changes?.write(t, [{ topic: 'auth' }])
    })
    this.cache.delete(`s:${sid}`)
  }
}
