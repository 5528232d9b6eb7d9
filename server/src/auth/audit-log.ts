/** The audit log: who did what to which target, from where; newest first when read. */
import type { Db } from '../store/db.js'
import { UNSTORABLE_CHARS } from '../ingest/fields.js'
import { auditLogRepo, type AuditRow } from '../store/repos/audit-log.js'

/** An audit entry as read: the stored row with its time as ISO 8601. */
export type AuditEntry = Omit<AuditRow, 'at'> & { at: string }

/** What a caller records; the time and id are the store's. */
export interface AuditRecord {
  username?: string | null
  role?: string | null
  action: string
  target?: string | null
  details?: Record<string, unknown>
  ip?: string | null
}

/** Audit text as PostgreSQL can store it: NUL and unpaired surrogates (hostile headers) replaced by U+FFFD. */
const clean = (s: string | null) => s?.replace(UNSTORABLE_CHARS, '\uFFFD') ?? null

export class AuditLog {
  constructor(private readonly db: Db) {}

  async record(entry: AuditRecord): Promise<void> {
    await auditLogRepo.insert(this.db, {
      username: clean(entry.username ?? null), role: entry.role ?? null, action: entry.action, target: clean(entry.target ?? null),
      details: JSON.stringify(entry.details ?? {}, (_k, v) => (typeof v === 'string' ? clean(v) : v)), ip: entry.ip ?? null,
    })
  }

  async find(q: { from?: number; to?: number; action?: string; username?: string; limit: number }): Promise<AuditEntry[]> {
    const rows = await auditLogRepo.find(this.db, {
      from: q.from != null ? new Date(q.from) : null, to: q.to != null ? new Date(q.to) : null, action: q.action ?? null, username: q.username ?? null, limit: q.limit,
    })
    return rows.map((r) => ({ ...r, id: Number(r.id), at: r.at.toISOString() }))
  }
}
