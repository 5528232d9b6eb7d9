/**
 * The start-up lock: instances starting at once on one PostgreSQL bootstrap the admin, load the demo
 * and create the demo users one after the other, so each is done once. The embedded store serves one
 * process (its DATA_DIR lock refuses a second), so it needs no lock. The store picks one when it opens.
 */
import type { Db, StoreKind } from './db.js'
import { locks } from './repos/locks.js'

/** Runs `fn` while holding the start-up lock. */
export type StartupLock = <T>(fn: () => Promise<T>) => Promise<T>

/** The advisory lock instances starting on one PostgreSQL take in turn. */
const STARTUP_LOCK = 727003

/** The start-up lock of a store of this kind. */
export function startupLock(db: Db, kind: StoreKind): StartupLock {
  if (kind !== 'postgres') return (fn) => fn()
  return (fn) =>
    db.task('startup-lock', async (t) => {
      await locks.lock(t, STARTUP_LOCK)
      try {
        return await fn()
      } finally {
        await locks.unlock(t, STARTUP_LOCK)
      }
    })
}
