/**
 * A short-lived in-memory cache of token and session lookups (every request makes one). Whatever
 * revokes access clears it, so a revocation holds at once in this process.
 */
import type { Principal } from './principal.js'

/** Past this many entries the cache starts over, so a flood of distinct tokens cannot grow it without bound. */
const MAX_ENTRIES = 10_000

export class PrincipalCache {
  private readonly entries = new Map<string, { p: Principal | null; until: number }>()

  constructor(private readonly ttlMs: number) {}

  /** The cached principal of `key` (null included) while fresh, else what `load` gives, cached for ttlMs. */
  async get(key: string, load: () => Promise<Principal | null>): Promise<Principal | null> {
    const now = Date.now()
    const hit = this.entries.get(key)
    if (hit && hit.until > now) return hit.p
    const p = await load()
    if (this.entries.size > MAX_ENTRIES) this.entries.clear()
    this.entries.set(key, { p, until: now + this.ttlMs })
    return p
  }

  delete(key: string): void {
    this.entries.delete(key)
  }

  clear(): void {
    this.entries.clear()
  }
}
