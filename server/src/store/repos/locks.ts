/** PostgreSQL advisory locks by key. SQL in store/sql/locks. */
import { SQL } from '../sql/index.js'
import type { Tx } from './table-repo.js'

/** Every method runs on the connection or transaction it is given. */
export const locks = {
  /** Waits for the session-level lock `key`; it holds until `unlock` on the same connection. */
  lock: (q: Tx, key: number) => q.any(SQL.locks.lock, { key }),
  unlock: (q: Tx, key: number) => q.any(SQL.locks.unlock, { key }),
  /** Waits for the lock `key`; it holds until the transaction ends. */
  xactLock: (q: Tx, key: number) => q.any(SQL.locks.xactLock, { key }),
}
