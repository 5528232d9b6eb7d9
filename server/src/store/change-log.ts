/**
 * The writing half of the change feed (migrations/011_change_log.sql): what an instance changed, in
 * the same transaction as the change, so another instance can never miss it. On the embedded store
 * there is only ever one process (the store says so if a second opens it), and nothing is written.
 */
import { randomUUID } from 'node:crypto'
import type { Db } from './db.js'
import type { Tx } from './repos/table-repo.js'

/** The NOTIFY channel: its payload is the newest seq, a hint only (readers always read the table). */
export const CHANGE_CHANNEL = 'tousu_changes'
/** Writers take this advisory lock before their seq number, so seq order is commit order. */
const WRITE_LOCK = 727002

/** What changed: rows of an import kind, complaints (with their workflow), templates, revoked access. */
export type ChangeTopic = 'rows' | 'complaints' | 'templates' | 'auth'

export interface Change {
  topic: ChangeTopic
  /** The import kind, for `rows`. */
  kind?: string
  /** The ids that changed (rows, complaints); the reader loads their current state. */
  ids?: readonly string[]
  /** The event open maps are told (`import` of this kind; default the kind). */
  event?: string | null
}

export class ChangeLog {
  /** This process's name in the log: a reader skips what it wrote itself (it applied it at once). */
  readonly origin = `${process.pid}-${randomUUID().slice(0, 8)}`

  constructor(readonly enabled: boolean) {}

  /** Writes `changes` inside the caller's transaction `t` and NOTIFYs at its commit. */
  async write(t: Tx, changes: readonly Change[]): Promise<void> {
    if (!this.enabled || !changes.length) return
    await t.any('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK])
    let seq = '0'
    for (const c of changes) {
      const r = await t.one<{ seq: string }>('INSERT INTO change_log (origin, topic, kind, ids, event) VALUES ($1, $2, $3, $4::text[], $5) RETURNING seq',
        [this.origin, c.topic, c.kind ?? null, [...(c.ids ?? [])], c.event ?? null])
      seq = r.seq
    }
    await t.any('SELECT pg_notify($1::text, $2::text)', [CHANGE_CHANNEL, String(seq)])
  }

  /** A change in a transaction of its own (for writes that are already committed: the cache fallback bounds the gap). */
  async writeNow(db: Db, changes: readonly Change[]): Promise<void> {
    if (!this.enabled || !changes.length) return
    await db.tx('change-log', (t) => this.write(t, changes))
  }
}
