/** The sessions table (migration 002): browser sessions, kept as the hash of the cookie's id. SQL in store/sql/sessions. */
import { SQL } from '../sql/index.js'
import type { Tx } from './table-repo.js'

/** Every method runs on the connection or transaction it is given. */
export const sessionsRepo = {
  removeExpired: (q: Tx) => q.none(SQL.sessions.removeExpired),
  insert: (q: Tx, s: { idHash: string; username: string; csrf: string; expiresAt: Date }) => q.none(SQL.sessions.insert, s),
  /** The enabled user behind an unexpired session, and its CSRF token; null otherwise. */
  principal: (q: Tx, idHash: string) => q.oneOrNone<{ username: string; role: string; csrf: string }>(SQL.sessions.principal, { idHash }),
  remove: (q: Tx, idHash: string) => q.none(SQL.sessions.remove, { idHash }),
  /** Ends every session of a user but the one with hash `keepHash` ('' ends them all). */
  removeOfUser: (q: Tx, username: string, keepHash = '') => q.none(SQL.sessions.removeOfUser, { username, keepHash }),
}
