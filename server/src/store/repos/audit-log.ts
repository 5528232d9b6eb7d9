/** The audit_log table (migration 002): who did what, when. SQL in store/sql/audit_log. */
import { SQL } from '../sql/index.js'
import type { Tx } from './table-repo.js'

/** An audit_log row as stored. */
export interface AuditRow {
  id: number
  at: Date
  username: string | null
  role: string | null
  action: string
  target: string | null
  details: Record<string, unknown>
  ip: string | null
}

/** Every method runs on the connection or transaction it is given. */
export const auditLogRepo = {
  /** `details` is JSON text (the caller has cleaned it of what PostgreSQL cannot store). */
  insert: (q: Tx, e: { username: string | null; role: string | null; action: string; target: string | null; details: string; ip: string | null }) =>
    q.none(SQL.auditLog.insert, e),
  /** Entries newest first; a null filter is not applied. */
  find: (q: Tx, f: { from: Date | null; to: Date | null; action: string | null; username: string | null; limit: number }) => q.any<AuditRow>(SQL.auditLog.find, f),
}
