/**
 * The reading half of the change feed (store/change-log.ts): keeps this instance's in-memory copies
 * (index, gazetteer, answer templates, cached logins) in step with what the other instances on the
 * same PostgreSQL commit. A dedicated connection LISTENs on the channel; a notification, a reconnect
 * and a timer all lead to the same step: read every change after the last applied seq, in seq order,
 * and apply what another instance wrote. A missed notification therefore never loses a change; an
 * instance that fell behind the log's retention (change_log_meta.pruned_through) reloads in full.
 * Applying re-reads the current state of the changed ids, so a change applied twice or late is harmless.
 */
import pg from 'pg'
import { CHANGE_CHANNEL, type ChangeTopic } from '../store/change-log.js'
import type { Db } from '../store/db.js'
import { changeLogRepo } from '../store/repos/change-log.js'

/** One change as read from the log. */
export interface ChangeRow {
  seq: number
  at: number
  origin: string
  topic: ChangeTopic
  kind: string | null
  ids: string[]
  event: string | null
}

export interface ChangeFeedOptions {
  /** The database the instances share (the LISTEN connection is opened on it). */
  url: string
  db: Db
  /** This instance's origin in the log (its own changes were applied when made). */
  origin: string
  /** The log was read up to here when the index was loaded. */
  fromSeq: number
  /** Applies one change of another instance. */
  apply: (c: ChangeRow) => Promise<void>
  /** Rebuilds every in-memory copy from the store (fell behind the retention). */
  reload: () => Promise<void>
  log: { warn(msg: string): void; error(msg: string): void }
  /** Read the log this often even without a notification (default 1 s). */
  pollMs?: number
  /** Delete changes older than this (default 24 h), checked every `pruneEveryMs` (default 10 min). */
  retentionMs?: number
  pruneEveryMs?: number
}

/** Changes read per query: a big backlog is applied in steps, the index answering in between. */
const BATCH = 500

export class ChangeFeed {
  /** The last seq applied (or skipped as this instance's own). */
  appliedSeq: number
  /** The newest seq seen in the log. */
  headSeq: number
  /** Commit-to-apply time of the last change applied from another instance, in ms. */
  lagMs = 0
  /** Has the feed read the log to its end at least once since it started (readiness)? */
  caughtUp = false
  /** Since when a seq newer than appliedSeq is known (notified) and not applied yet; null when up to date. */
  private behindSince: number | null = null
  /** Is the LISTEN connection up? */
  listening = false
  private client: pg.Client | null = null
  private running: Promise<void> | null = null
  private again = false
  private stopped = false
  private timer: NodeJS.Timeout | null = null
  private pruneTimer: NodeJS.Timeout | null = null
  private reconnectMs = 250

  constructor(private readonly o: ChangeFeedOptions) {
    this.appliedSeq = o.fromSeq
    this.headSeq = o.fromSeq
  }

  /** Connects, catches up, then follows the log until stop(). */
  async start(): Promise<void> {
    await this.connect()
    await this.pump()
    this.timer = setInterval(() => void this.pump(), this.o.pollMs ?? 1000)
    this.timer.unref()
    this.pruneTimer = setInterval(() => void this.prune().catch((e) => this.o.log.warn(`change feed: pruning failed: ${(e as Error).message}`)), this.o.pruneEveryMs ?? 600_000)
    this.pruneTimer.unref()
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearInterval(this.timer)
    if (this.pruneTimer) clearInterval(this.pruneTimer)
    await this.running
    const c = this.client
    this.client = null
    this.listening = false
    await c?.end().catch(() => undefined)
  }

  /** Reads and applies every change after appliedSeq; concurrent calls run once more after the current one. */
  pump(): Promise<void> {
    if (this.stopped) return Promise.resolve()
    if (this.running) {
      this.again = true
      return this.running
    }
    this.running = (async () => {
      try {
        do {
          this.again = false
          await this.catchUp()
        } while (this.again && !this.stopped)
      } catch (err) {
        this.o.log.error(`change feed: applying failed, retrying: ${(err as Error).message}`)
      } finally {
        this.running = null
      }
    })()
    return this.running
  }

  private async catchUp(): Promise<void> {
    const pruned = await changeLogRepo.prunedThrough(this.o.db)
    if (pruned > this.appliedSeq) {
      // Changes this instance never applied are gone from the log: the store is the truth, read it all.
      const head = (await changeLogRepo.head(this.o.db)) ?? pruned
      this.o.log.warn(`change feed: behind the retention (applied ${this.appliedSeq}, pruned through ${pruned}): reloading from the store`)
      await this.o.reload()
      this.appliedSeq = Math.max(head, pruned)
    }
    for (;;) {
      const rows = (await changeLogRepo.after(this.o.db, this.appliedSeq, BATCH)).map((r): ChangeRow =>
        ({ seq: Number(r.seq), at: r.at.getTime(), origin: r.origin, topic: r.topic as ChangeTopic, kind: r.kind, ids: r.ids, event: r.event }))
      for (const c of rows) {
        if (c.origin !== this.o.origin) {
          await this.o.apply(c)
          // The start-up catch-up applies old changes: their age is not a lag of this instance.
          if (this.caughtUp) this.lagMs = Math.max(0, Date.now() - c.at)
        }
        this.appliedSeq = c.seq
      }
      this.headSeq = Math.max(this.headSeq, this.appliedSeq)
      if (rows.length < BATCH || this.stopped) break
    }
    // Caught up only when nothing newer was notified meanwhile (else the pump runs again at once).
    if (this.appliedSeq >= this.headSeq) {
      this.caughtUp = true
      this.behindSince = null
    } else this.behindSince ??= Date.now()
  }

  /**
   * Why this instance should not take requests now, or null: the start-up catch-up has not finished,
   * or changes known to be committed have waited longer than `graceMs` to be applied.
   */
  notReady(graceMs = 1000, now = Date.now()): string | null {
    if (!this.caughtUp) return `catching up with the change log (applied ${this.appliedSeq} of ${this.headSeq})`
    if (!this.listening) return 'change feed connection lost; reconnecting'
    if (this.behindSince != null && now - this.behindSince > graceMs) return `behind the change log by ${this.headSeq - this.appliedSeq} change(s) for ${now - this.behindSince} ms`
    return null
  }

  /** Opens the LISTEN connection; on loss it reconnects (with backoff) and catches up. */
  private async connect(): Promise<void> {
    const c = new pg.Client({ connectionString: this.o.url })
    c.on('notification', (n) => {
      if (n.channel !== CHANGE_CHANNEL) return
      const seq = Number(n.payload)
      if (seq > this.headSeq) this.headSeq = seq
      if (this.headSeq > this.appliedSeq) this.behindSince ??= Date.now()
      void this.pump()
    })
    c.on('error', (err) => this.lost(c, err))
    c.on('end', () => this.lost(c, new Error('connection ended')))
    await c.connect()
    // LISTEN takes no parameters; the channel is this code's own constant identifier, never input.
    await c.query(`LISTEN ${CHANGE_CHANNEL}`)
    this.client = c
    this.listening = true
    this.reconnectMs = 250
  }

  private lost(c: pg.Client, err: Error): void {
    if (this.client !== c || this.stopped) return
    this.client = null
    this.listening = false
    this.o.log.warn(`change feed: LISTEN connection lost (${err.message}); reconnecting`)
    c.end().catch(() => undefined)
    const retry = () => {
      if (this.stopped) return
      this.connect().then(() => this.pump(), (e) => {
        this.o.log.warn(`change feed: reconnect failed (${(e as Error).message}); again in ${this.reconnectMs} ms`)
        this.reconnectMs = Math.min(this.reconnectMs * 2, 5_000)
        setTimeout(retry, this.reconnectMs).unref()
      })
    }
    setTimeout(retry, this.reconnectMs).unref()
  }

  /** Deletes changes older than the retention and records up to where (an instance behind it reloads); resolves with how many went. */
  async prune(keepMs = this.o.retentionMs ?? 24 * 3600_000): Promise<number> {
    return changeLogRepo.prune(this.o.db, keepMs)
  }
}
