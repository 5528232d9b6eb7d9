/**
 * Complaints one at a time and by query: saving one (with its change-log row), reading one, the
 * call-back lookup, the map's bbox query, idempotency records and the settled cause pairs. The
 * complaint workflow is complaint-workflow.ts; the area queries area/.
 */
import type { ChangeLog } from './change-log.js'
import type { Db } from './db.js'
import { complaintFromRow, complaintsRepo, type StoredComplaint } from './repos/index.js'
import type { Row } from './repos/table-repo.js'
import { SQL } from './sql/index.js'
import type { ComplaintLookup, ComplaintQuery, IdempotencyRecord, LookupMatch } from './types.js'

/** The complaints' single reads and writes; the Store delegates to it. */
export class Complaints {
  constructor(
    private readonly db: Db,
    private readonly changes: ChangeLog,
  ) {}

  /** Inserts or replaces one complaint; resolves once it is committed. */
  async saveComplaint(c: StoredComplaint): Promise<void> {
    await this.db.tx('complaint', async (t) => {
      await complaintsRepo.upsert(t, [c])
      await this.changes.write(t, [{ topic: 'complaints', ids: [c.id] }])
    })
  }

  /** One complaint by id, or null. */
  async getComplaint(id: string): Promise<StoredComplaint | null> {
    const row = await this.db.oneOrNone(SQL.complaints.get, { id })
    return row ? complaintFromRow(row) : null
  }

  /** The complaint an idempotency key of a user was first used for, or null when the key is new. */
  async idempotencyRecord(username: string, key: string): Promise<IdempotencyRecord | null> {
    const row = await this.db.oneOrNone(SQL.complaints.idempotencyGet, { username, key })
    return row ? { complaintId: row.complaint_id as string, bodyHash: row.body_hash as string } : null
  }

  /**
   * Complaints matching a call-back lookup (complaints/lookup.sql), id and ticket matches first, then
   * the newest; each with how it matched. Empty parameters match nothing.
   */
  async lookupComplaints(q: ComplaintLookup): Promise<(StoredComplaint & { match: LookupMatch })[]> {
    return this.db.map(SQL.complaints.lookup, q, (r: Row) => ({ ...complaintFromRow(r), match: r.match as LookupMatch }))
  }

  /** Complaints in a bbox and window, newest first; the filter runs in the database. */
  async findComplaints(q: ComplaintQuery): Promise<StoredComplaint[]> {
    const [minLon, minLat, maxLon, maxLat] = q.bbox
    return this.db.map(
      SQL.complaints.find,
      { minLon, minLat, maxLon, maxLat, from: new Date(q.from), to: new Date(q.to), limit: q.limit },
      complaintFromRow,
    )
  }

  /** (suggested, final) cause pairs of the complaints settled in a window, counted (rule precision). */
  async settledCausePairs(from: number, to: number): Promise<{ suggested: string; final: string; n: number }[]> {
    return this.db.any(SQL.complaints.settledPairs, { from: new Date(from), to: new Date(to) })
  }
}
