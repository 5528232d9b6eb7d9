/**
 * The store: the one place that talks to the database. Routes and services never write SQL; they
 * call these methods. The same code runs on the embedded PGlite and on PostgreSQL + PostGIS.
 */
import type { AreaGeometry, ImportKind, KindRows, NetworkSnapshot, GroundFeature } from '../domain/types.js'
import { openDb, type Db, type StoreKind, type StoreOptions } from './db.js'
import { migrate } from './migrate.js'
import { ChangeLog, type Change } from './change-log.js'
import { SQL } from './sql/index.js'
import { changeLogRepo } from './repos/change-log.js'
import { startupLock, type StartupLock } from './startup-lock.js'
import { areaQueries, type AreaQueries, type AreaResult, type DistrictCount } from './area/index.js'
import { reposByKind, complaintsRepo, complaintFromRow, featuresRepo, type StoredComplaint } from './repos/index.js'
import type { Row } from './repos/table-repo.js'
import type { TableRepo } from './repos/table-repo.js'
import type { Tx } from './repos/table-repo.js'
import { statusEvent, type ComplaintStatusEvent } from '../service/events.js'
import {
  workflowFromRow, workflowParams, historyFromRow, repeatCandidateFromRow,
  type WorkflowRow, type HistoryEntry, type RepeatCandidateRow, type DistrictUsersRow,
} from './repos/workflow.js'

export type { StoredComplaint } from './repos/index.js'
export type { AreaResult, DistrictCount } from './area/index.js'
export type { WorkflowRow, HistoryEntry, RepeatCandidateRow, DistrictUsersRow } from './repos/workflow.js'

/** A bbox + time window query over complaints, already clamped by the caller. */
export interface ComplaintQuery {
  bbox: [number, number, number, number]
  from: number
  to: number
  limit: number
}

/** An idempotency key a request claims: whose, which, and the hash of the body it came with. */
export interface IdempotencyClaim {
  username: string
  key: string
  bodyHash: string
}

/** What an idempotency key was first used for. */
export interface IdempotencyRecord {
  complaintId: string
  bodyHash: string
}

/** How a complaint matched a lookup. */
export type LookupMatch = 'id' | 'ticket' | 'number' | 'number_tail' | 'address'

/**
 * A call-back lookup, already normalised by the caller: `key` the query upper-cased without spaces and
 * hyphens ('' when it cannot be an id or ticket), `idPrefix`/`ticketPrefix` whether a prefix of that
 * length may match, `numbers` the digit strings a whole number may be stored as, `tail` four digits
 * ('' for none), `address` a text to find in addresses ('' for none).
 */
export interface ComplaintLookup {
  key: string
  idPrefix: boolean
  ticketPrefix: boolean
  numbers: string[]
  tail: string
  address: string
  limit: number
}

/** Rows of one kind to write and ids of that kind to remove (Store.changeRows). */
export interface KindChange<K extends ImportKind = ImportKind> {
  kind: K
  upsert?: KindRows[K][]
  remove?: string[]
}

export class Store {
  /** What this process changes, for the other instances (written only on PostgreSQL). */
  readonly changes: ChangeLog
  /** The area queries of this kind of store, chosen once here. */
  private readonly area: AreaQueries
  /** The start-up lock of this kind of store (none on the embedded one), chosen once here. */
  private readonly startupLock: StartupLock

  private constructor(
    readonly db: Db,
    readonly kind: StoreKind,
    private readonly closeDb: () => Promise<void>,
  ) {
    this.changes = new ChangeLog(kind === 'postgres')
    this.area = areaQueries(db, kind)
    this.startupLock = startupLock(db, kind)
  }

  /** Opens the database named by the options and brings its schema up to date. */
  static async open(opts: StoreOptions): Promise<Store> {
    const opened = await openDb(opts)
    await migrate(opened.db, opened.kind)
    return new Store(opened.db, opened.kind, opened.close)
  }

  /** Stores the rows of one import in one transaction: all of them or none. */
  async importRows<K extends ImportKind>(kind: K, rows: KindRows[K][]): Promise<void> {
    const repo = reposByKind[kind] as unknown as TableRepo<KindRows[K]>
    await this.db.tx(`import-${kind}`, async (t) => {
      await repo.upsert(t, rows)
      await this.changes.write(t, [{ topic: 'rows', kind, ids: rows.map((r) => (r as { id: string }).id) }])
    })
  }

  /** The current rows of a kind with these ids (the change feed re-reads what another instance changed). */
  async rowsByIds<K extends ImportKind>(kind: K, ids: readonly string[]): Promise<KindRows[K][]> {
    const repo = reposByKind[kind] as unknown as TableRepo<KindRows[K]>
    return repo.byIds(this.db, ids)
  }

  /** The newest seq of the change log (0 when empty or on the embedded store). */
  async headSeq(): Promise<number> {
    if (!this.changes.enabled) return 0
    return (await changeLogRepo.head(this.db)) ?? 0
  }

  /**
   * Rows of several kinds written and removed in one transaction together with the caller's own writes:
   * `work` runs first in the transaction and returns the kind changes to make (and its result); any
   * failure rolls back all of it. Published network information (issue 9) uses this.
   */
  async changeRows<T>(work: (t: Tx) => Promise<{ result: T; changes: KindChange[] }>, event: string | null = null): Promise<{ result: T; changes: KindChange[] }> {
    return this.db.tx('change-rows', async (t) => {
      const r = await work(t)
      const logged: Change[] = []
      for (const c of r.changes) {
        const repo = reposByKind[c.kind] as unknown as TableRepo<{ id: string }>
        if (c.remove?.length) await repo.remove(t, c.remove)
        if (c.upsert?.length) await repo.upsert(t, c.upsert as { id: string }[])
        const ids = [...(c.remove ?? []), ...(c.upsert ?? []).map((x) => (x as { id: string }).id)]
        if (ids.length) logged.push({ topic: 'rows', kind: c.kind, ids, event })
      }
      await this.changes.write(t, logged)
      return r
    })
  }

  /** Everything the network index needs, read in one snapshot transaction. */
  async loadSnapshot(): Promise<NetworkSnapshot> {
    return this.db.tx('snapshot', async (t) => ({
      sites: await reposByKind.sites.all(t),
      cells: await reposByKind.cells.all(t),
      alarms: await reposByKind.alarms.all(t),
      cutovers: await reposByKind.cutovers.all(t),
      coverage: await reposByKind['blind-spots'].all(t),
      plannedSites: await reposByKind['planned-sites'].all(t),
      complaints: await complaintsRepo.all(t),
    }))
  }

  /** Every ground feature (for the gazetteer). */
  async features(): Promise<GroundFeature[]> {
    return featuresRepo.all(this.db)
  }

  /** Row counts per kind. */
  async counts(): Promise<Record<ImportKind, number>> {
    return this.db.one(SQL.counts)
  }

  /** Inserts or replaces one complaint; resolves once it is committed. */
  async saveComplaint(c: StoredComplaint): Promise<void> {
    await this.db.tx('complaint', async (t) => {
      await complaintsRepo.upsert(t, [c])
      await this.changes.write(t, [{ topic: 'complaints', ids: [c.id] }])
    })
  }

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

  /** A ground feature by id (e.g. a district to analyse). */
  async feature(id: string): Promise<GroundFeature | null> {
    const row = await this.db.oneOrNone(SQL.features.get, { id })
    return row ? featuresRepo.mapping.fromRow(row) : null
  }

  /**
   * Complaints in a polygon and window: the total, by cause and by phenomenon, and the newest `limit`
   * (the store's AreaQueries: in SQL on PostGIS, a bbox in SQL and the polygon in the service embedded).
   */
  async complaintsInArea(area: AreaGeometry, from: number, to: number, limit: number): Promise<AreaResult> {
    return this.area.complaintsInArea(area, from, to, limit)
  }

  /** Every complaint in a polygon and window, newest first, at most `limit` (the batch analysis' input). */
  async complaintsForAnalysis(area: AreaGeometry, from: number, to: number, limit: number): Promise<StoredComplaint[]> {
    return this.area.complaintsForAnalysis(area, from, to, limit)
  }

  /** (suggested, final) cause pairs of the complaints settled in a window, counted (rule precision). */
  async settledCausePairs(from: number, to: number): Promise<{ suggested: string; final: string; n: number }[]> {
    return this.db.any(SQL.complaints.settledPairs, { from: new Date(from), to: new Date(to) })
  }

  /** Complaints per district (features of type district) in a window, most first. */
  async districtCounts(from: number, to: number): Promise<DistrictCount[]> {
    return this.area.districtCounts(from, to)
  }

  // ——— the complaint workflow (issue 8) ———

  /** Work done inside the transaction of every status change (the webhooks' outbox rows). */
  private readonly statusHooks = new Set<(t: Tx, events: readonly ComplaintStatusEvent[]) => Promise<void>>()

  /**
   * Runs `hook` inside the transaction of every complaint status change (with all the steps that
   * transaction took, in order), after their history rows: what it
   * writes commits with the change or not at all (a crash between them loses nothing). Returns the
   * unsubscribe function.
   */
  onStatusChange(hook: (t: Tx, events: readonly ComplaintStatusEvent[]) => Promise<void>): () => void {
    this.statusHooks.add(hook)
    return () => { this.statusHooks.delete(hook) }
  }

  private async statusChanged(t: Tx, complaintId: string, ticket: string | null, entries: readonly HistoryEntry[]): Promise<void> {
    if (!this.statusHooks.size || !entries.length) return
    const events = entries.map((e) => statusEvent(complaintId, ticket, e))
    for (const hook of this.statusHooks) await hook(t, events)
  }

  /**
   * Saves a complaint and, when `start` returns them, its workflow row and first history steps, in one
   * transaction. `start` sees the workflow the complaint already has (a re-recorded complaint).
   */
  async saveComplaintWithWorkflow(
    c: StoredComplaint,
    start: (existing: WorkflowRow | null) => { workflow: WorkflowRow; steps: Omit<HistoryEntry, 'seq'>[] } | null,
    once?: IdempotencyClaim,
  ): Promise<{ workflow: WorkflowRow | null; steps: HistoryEntry[]; replayOf?: IdempotencyRecord }> {
    return this.db.tx('complaint-workflow', async (t) => {
      if (once) {
        // The key is claimed before anything else is written: when another request holds it (committed,
        // or in flight — the insert waits for it), nothing of this one is stored.
        const claimed = await t.oneOrNone(SQL.complaints.idempotencyClaim, { ...once, complaintId: c.id })
        if (!claimed) {
          const row = await t.one(SQL.complaints.idempotencyGet, once)
          return { workflow: null, steps: [], replayOf: { complaintId: row.complaint_id as string, bodyHash: row.body_hash as string } }
        }
      }
      await complaintsRepo.upsert(t, [c])
      await this.changes.write(t, [{ topic: 'complaints', ids: [c.id] }])
      const row = await t.oneOrNone(SQL.workflow.getForUpdate, { id: c.id })
      const existing = row ? workflowFromRow(row) : null
      const next = start(existing)
      // A complaint recording starts tracking is not settled (its cause is at most the suggestion);
      // one recorded again keeps what its workflow made it. `c` is told either way, so whoever indexes it
      // next sees the stored value.
      const settled = await t.one(SQL.workflow.settled, { id: c.id, settled: next && !existing ? false : null })
      c.settled = settled.settled === true
      if (!next) return { workflow: existing, steps: [] }
      await t.none(SQL.workflow.upsert, workflowParams(next.workflow))
      // All the first steps in one statement, and the status hooks once for them (a record is the service's
      // most frequent write: every round trip saved counts on the embedded store's one connection).
      const steps = await this.addHistory(t, c.id, next.steps)
      await this.statusChanged(t, c.id, next.workflow.ticket, steps)
      return { workflow: next.workflow, steps }
    })
  }

  /**
   * One workflow step on a complaint, in one transaction with its workflow row locked: `step` gets the
   * complaint and its workflow (null: not tracked) and returns the new workflow, the history entry and
   * the final cause or answer it settles, and `settled` when the step changes whether the cause is
   * settled; it throws to refuse. Null when there is no such complaint. The complaint returned is read
   * after the step, and a change-feed row names it, so every instance re-reads it.
   */
  async applyWorkflowStep(
    id: string,
    step: (c: StoredComplaint, w: WorkflowRow | null) => { workflow: WorkflowRow; entry: Omit<HistoryEntry, 'seq'>; settle?: { cause?: string | null; answer?: string | null }; settled?: boolean },
  ): Promise<{ complaint: StoredComplaint; workflow: WorkflowRow; entry: HistoryEntry } | null> {
    return this.db.tx('workflow-step', async (t) => {
      const crow = await t.oneOrNone(SQL.complaints.get, { id })
      if (!crow) return null
      const wrow = await t.oneOrNone(SQL.workflow.getForUpdate, { id })
      const r = step(complaintFromRow(crow), wrow ? workflowFromRow(wrow) : null)
      await t.none(SQL.workflow.upsert, workflowParams(r.workflow))
      const [entry] = await this.addHistory(t, id, [r.entry])
      await this.statusChanged(t, id, r.workflow.ticket, [entry])
      if (r.settle && (r.settle.cause != null || r.settle.answer != null)) {
        await t.none(SQL.workflow.settle, { id, cause: r.settle.cause ?? null, answer: r.settle.answer ?? null })
      }
      if (r.settled !== undefined) await t.one(SQL.workflow.settled, { id, settled: r.settled })
      const complaint = complaintFromRow(await t.one(SQL.complaints.get, { id }))
      await this.changes.write(t, [{ topic: 'complaints', ids: [id] }])
      return { complaint, workflow: r.workflow, entry }
    })
  }

  /** Appends steps in order, in one statement; their seqs follow the history's last. */
  private async addHistory(t: Tx, complaintId: string, es: readonly Omit<HistoryEntry, 'seq'>[]): Promise<HistoryEntry[]> {
    if (es.length === 0) return []
    const steps = es.map((e, k) => ({ i: k + 1, action: e.action, from: e.from, to: e.to, by: e.by, at: new Date(e.at).toISOString(), note: e.note, data: e.data }))
    const seqs = (await t.map(SQL.workflow.addHistory, { complaintId, steps: JSON.stringify(steps) }, (r: { seq: number }) => Number(r.seq))).sort((a, b) => a - b)
    if (seqs.length !== es.length) throw new Error(`history of ${complaintId}: wrote ${seqs.length} of ${es.length} steps`)
    return es.map((e, k) => ({ seq: seqs[k], ...e }))
  }

  /** A complaint's history, oldest step first. */
  async complaintHistory(id: string): Promise<HistoryEntry[]> {
    return this.db.map(SQL.workflow.history, { id }, historyFromRow)
  }

  /** The workflow rows of these complaints (complaints without one are not tracked). */
  async workflows(ids: readonly string[]): Promise<Map<string, WorkflowRow>> {
    if (!ids.length) return new Map()
    const rows = await this.db.map(SQL.workflow.of, { ids: [...ids] }, workflowFromRow)
    return new Map(rows.map((w) => [w.complaintId, w]))
  }

  /**
   * Earlier complaints a new one may repeat, oldest first (the earliest 50): by number since numberFrom,
   * or within radiusM of the point (bbox-indexed, then a planar distance a little generous; the caller
   * checks exactly) with one of `phenomena` since placeFrom; reported up to `to`.
   */
  async repeatCandidates(q: {
    id: string; number: string | null; lon: number; lat: number; radiusM: number; phenomena: readonly string[]
    bbox: [number, number, number, number]; numberFrom: number; placeFrom: number; to: number
  }): Promise<RepeatCandidateRow[]> {
    const [minLon, minLat, maxLon, maxLat] = q.bbox
    const kx = 111_320 * Math.cos((q.lat * Math.PI) / 180)
    const r = q.radiusM * 1.01 + 1
    return this.db.map(SQL.workflow.repeatCandidates, {
      id: q.id, number: q.number, minLon, minLat, maxLon, maxLat, numberFrom: new Date(q.numberFrom), placeFrom: new Date(q.placeFrom), to: new Date(q.to),
      lon: q.lon, lat: q.lat, kx, ky: 110_574, r2: r * r, phenomena: [...q.phenomena],
    }, repeatCandidateFromRow)
  }

  /** Ids of complaints not closed and received before `before`, oldest first, at most `limit`. */
  async openComplaintsReceivedBefore(before: number, limit: number): Promise<string[]> {
    return this.db.map(SQL.workflow.openDue, { before: new Date(before), limit }, (r: Row) => r.complaint_id as string)
  }

  /** Complaints by id (any order; missing ids are left out). */
  async complaintsByIds(ids: readonly string[]): Promise<StoredComplaint[]> {
    if (!ids.length) return []
    return this.db.map(SQL.workflow.complaintsByIds, { ids: [...ids] }, complaintFromRow)
  }

  /** Districts (features of type district) with a known user count. */
  async districtsWithUsers(): Promise<DistrictUsersRow[]> {
    return this.db.map(SQL.workflow.districtsUsers, [], (r: Row) => ({ id: r.id as string, name: r.name as string, users: r.users as number, geometry: r.geometry as AreaGeometry }))
  }

  /**
   * Runs `fn` while holding the start-up lock of the database: instances starting at once on one
   * PostgreSQL bootstrap the admin, load the demo and create the demo users one after the other, so
   * each is done once. (The embedded store serves one process: no lock.)
   */
  async withStartupLock<T>(fn: () => Promise<T>): Promise<T> {
    return this.startupLock(fn)
  }

  /** Round-trip time of a trivial query, for /health. */
  async ping(): Promise<number> {
    const t0 = performance.now()
    await this.db.one(SQL.health.ping)
    return performance.now() - t0
  }

  async close(): Promise<void> {
    await this.closeDb()
  }
}
