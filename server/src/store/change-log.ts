/**
 * The writing half of the change feed (migrations/011_change_log.sql): what an instance changed, in
 * the same transaction as the change, so another instance can never miss it. On the embedded store
 * there is only ever one process (the store says so if a second opens it), and nothing is written.
 */
import { randomUUID } from 'node:crypto'
import type { Db } from './db.js'
import type { Tx } from './repos/table-repo.js'
import { changeLogRepo } from './repos/change-log.js'
import { locks } from './repos/locks.js'

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
    await locks.xactLock(t, WRITE_LOCK)
    let seq = '0'
    for (const c of changes) {
      seq = await changeLogRepo.insert(t, { origin: this.origin, topic: c.topic, kind: c.kind ?? null, ids: [...(c.ids ?? [])], event: c.event ?? null })
    }
    await changeLogRepo.notify(t, CHANGE_CHANNEL, String(seq))
  }

  /** A change in a transaction of its own (for writes that are already committed: the cache fallback bounds the gap). */
  async writeNow(db: Db, changes: readonly Change[]): Promise<void> {
    if (!this.enabled || !changes.length) return
    await db.tx('change-log', (t) => this.write(t, changes))
  }
}
