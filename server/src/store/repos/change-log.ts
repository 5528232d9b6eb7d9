/** The change_log and change_log_meta tables (migration 011): the change feed between instances. SQL in store/sql/change_log. */
import { SQL } from '../sql/index.js'
import type { Tx } from './table-repo.js'

/** A change_log row as read. */
export interface ChangeLogRow {
  seq: string
  at: Date
  origin: string
  topic: string
  kind: string | null
  ids: string[]
  event: string | null
}

/** Every method runs on the connection or transaction it is given. */
export const changeLogRepo = {
  /** Writes one change; resolves with its seq (bigint, as text). */
  insert: async (q: Tx, c: { origin: string; topic: string; kind: string | null; ids: string[]; event: string | null }) =>
    (await q.one<{ seq: string }>(SQL.changeLog.insert, c)).seq,
  /** NOTIFYs `channel` with `seq` when the transaction commits. */
  notify: (q: Tx, channel: string, seq: string) => q.any(SQL.changeLog.notify, { channel, seq }),
  /** The newest seq, or null when the log is empty. */
  head: async (q: Tx) => {
    const s = (await q.one<{ seq: string | null }>(SQL.changeLog.head)).seq
    return s == null ? null : Number(s)
  },
  /** Up to where the log was pruned. */
  prunedThrough: async (q: Tx) => Number((await q.one<{ pruned_through: string }>(SQL.changeLog.prunedThrough)).pruned_through),
  /** The changes after `after`, in seq order, at most `limit`. */
  after: (q: Tx, after: number, limit: number) => q.any<ChangeLogRow>(SQL.changeLog.after, { after, limit }),
  /** Deletes the changes older than `keepMs` and records up to where; resolves with how many went. */
  prune: async (q: Tx, keepMs: number) => Number((await q.one<{ n: string }>(SQL.changeLog.prune, { keepMs })).n),
}
