/**
 * The feed_files table (migration 007): one row per file taken from the inbox or body fetched from the
 * URL, keyed for de-duplication by the SHA-256 of its bytes. SQL in store/sql/feed_files with named parameters.
 */
import type { Db } from '../db.js'
import { SQL as ALL } from '../sql/index.js'

const SQL = ALL.feedFiles

export type FeedSource = 'inbox' | 'url'
export type FeedStatus = 'importing' | 'imported' | 'duplicate' | 'failed'

/** One file as GET /api/feeds lists it. */
export interface FeedFile {
  id: number
  source: FeedSource
  name: string
  kind: string | null
  sha256: string
  bytes: number
  status: FeedStatus
  rows: number | null
  skipped: number | null
  reason: string | null
  movedTo: string | null
  receivedAt: string
  finishedAt: string | null
}

/** Files per outcome, and rows imported. */
export interface FeedCounts {
  imported: number
  duplicate: number
  failed: number
  importing: number
  rows: number
}

/** What identifies a file's content and where it came from. */
export interface FeedInput {
  source: FeedSource
  name: string
  kind: string | null
  sha256: string
  bytes: number
}

type Row = {
  id: number; source: FeedSource; name: string; kind: string | null; sha256: string; bytes: number; status: FeedStatus
  rows: number | null; skipped: number | null; reason: string | null; moved_to: string | null; received_at: Date; finished_at: Date | null
}
const toFile = (r: Row): FeedFile => ({
  id: Number(r.id), source: r.source, name: r.name, kind: r.kind, sha256: r.sha256, bytes: Number(r.bytes), status: r.status,
  rows: r.rows, skipped: r.skipped, reason: r.reason, movedTo: r.moved_to, receivedAt: r.received_at.toISOString(), finishedAt: r.finished_at?.toISOString() ?? null,
})

export class FeedStore {
  constructor(private readonly db: Db) {}

  /**
   * Claims `f`'s content for import until `leaseUntil`: its new id, or null when the same content is
   * being imported (by a live claim) or was imported already — then `holder()` says which.
   */
  async claim(f: FeedInput, now: number, leaseUntil: number): Promise<number | null> {
    const p = { ...f, now: new Date(now), leaseUntil: new Date(leaseUntil) }
    const r = (await this.db.oneOrNone<{ id: number }>(SQL.claim, p)) ?? (await this.db.oneOrNone<{ id: number }>(SQL.takeOver, p))
    return r ? Number(r.id) : null
  }

  /** The import (running or done) holding this content, if any. */
  async holder(sha256: string): Promise<{ id: number; status: 'importing' | 'imported'; name: string; finishedAt: Date | null } | null> {
    const r = await this.db.oneOrNone<{ id: number; status: 'importing' | 'imported'; name: string; finished_at: Date | null }>(SQL.holder, { sha256 })
    return r && { id: Number(r.id), status: r.status, name: r.name, finishedAt: r.finished_at }
  }

  /** Settles a claim. */
  async finish(id: number, o: { status: 'imported' | 'failed'; rows?: number; skipped?: number; reason?: string; movedTo: string | null }, now: number): Promise<void> {
    await this.db.none(SQL.finish, { id, status: o.status, rows: o.rows ?? null, skipped: o.skipped ?? null, reason: o.reason ?? null, movedTo: o.movedTo, now: new Date(now) })
  }

  /** Drops a claim without an outcome, so the content can be taken again. */
  async release(id: number): Promise<void> {
    await this.db.none(SQL.release, { id })
  }

  /** Records a file that was not imported: a duplicate, or refused before its import began. */
  async record(f: FeedInput, o: { status: 'duplicate' | 'failed'; reason: string; movedTo: string | null }, now: number): Promise<number> {
    const r = await this.db.one<{ id: number }>(SQL.record, { ...f, ...o, now: new Date(now) })
    return Number(r.id)
  }

  /** The latest files, newest first (only failures with `status: 'failed'`). */
  async recent(q: { limit: number; status?: FeedStatus }): Promise<FeedFile[]> {
    return (await this.db.any<Row>(SQL.recent, { limit: q.limit, status: q.status ?? null })).map(toFile)
  }

  async counts(): Promise<FeedCounts> {
    const r = await this.db.one<Record<keyof FeedCounts, number>>(SQL.counts)
    return { imported: Number(r.imported), duplicate: Number(r.duplicate), failed: Number(r.failed), importing: Number(r.importing), rows: Number(r.rows) }
  }
}
