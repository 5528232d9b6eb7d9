/**
 * The store: the one place that talks to the database. Routes and services never write SQL; they
 * call these methods. The same code runs on the embedded PGlite and on PostgreSQL + PostGIS: what
 * differs (the area queries, the start-up lock, whether the change log is written) is chosen once,
 * in `open`, and no caller asks which kind of store it has.
 *
 * This class is a facade over the store's concerns, each in its own file: network-rows.ts (the
 * imported tables and the index's snapshot), complaints.ts, complaint-workflow.ts, area/ (queries
 * over a polygon), change-log.ts and startup-lock.ts. The SQL is in sql/, one folder per table, and
 * the table mappings in repos/.
 */
import type { AreaGeometry, ImportKind, KindRows, NetworkSnapshot, GroundFeature } from '../domain/types.js'
import type { ComplaintStatusEvent } from '../service/events.js'
import { openDb, type Db, type StoreKind, type StoreOptions } from './db.js'
import { migrate } from './migrate.js'
import { ChangeLog } from './change-log.js'
import { SQL } from './sql/index.js'
import { changeLogRepo } from './repos/change-log.js'
import { startupLock, type StartupLock } from './startup-lock.js'
import { areaQueries, type AreaQueries, type AreaResult, type DistrictCount } from './area/index.js'
import { NetworkRows } from './network-rows.js'
import { Complaints } from './complaints.js'
import { ComplaintWorkflow } from './complaint-workflow.js'
import type { StoredComplaint } from './repos/index.js'
import type { Tx } from './repos/table-repo.js'
import type { WorkflowRow, HistoryEntry, RepeatCandidateRow, DistrictUsersRow } from './repos/workflow.js'
import type { ComplaintLookup, ComplaintQuery, IdempotencyClaim, IdempotencyRecord, KindChange, LookupMatch } from './types.js'

export type { StoredComplaint } from './repos/index.js'
export type { AreaResult, DistrictCount } from './area/index.js'
export type { WorkflowRow, HistoryEntry, RepeatCandidateRow, DistrictUsersRow } from './repos/workflow.js'
export type { ComplaintQuery, IdempotencyClaim, IdempotencyRecord, LookupMatch, ComplaintLookup, KindChange } from './types.js'

export class Store {
  /** What this process changes, for the other instances (written only on PostgreSQL). */
  readonly changes: ChangeLog
  /** The area queries of this kind of store, chosen once here. */
  private readonly area: AreaQueries
  /** The start-up lock of this kind of store (none on the embedded one), chosen once here. */
  private readonly startupLock: StartupLock
  private readonly rows: NetworkRows
  private readonly complaints: Complaints
  private readonly workflow: ComplaintWorkflow

  private constructor(
    readonly db: Db,
    readonly kind: StoreKind,
    private readonly closeDb: () => Promise<void>,
  ) {
    // Only instances sharing a PostgreSQL need the change feed; the embedded store serves one process.
    this.changes = new ChangeLog(kind === 'postgres')
    this.area = areaQueries(db, kind)
    this.startupLock = startupLock(db, kind)
    this.rows = new NetworkRows(db, this.changes)
    this.complaints = new Complaints(db, this.changes)
    this.workflow = new ComplaintWorkflow(db, this.changes)
  }

  /** Opens the database named by the options and brings its schema up to date. */
  static async open(opts: StoreOptions): Promise<Store> {
    const opened = await openDb(opts)
    await migrate(opened.db, opened.kind)
    return new Store(opened.db, opened.kind, opened.close)
  }

  // ——— the network's tables (network-rows.ts) ———

  /** Stores the rows of one import in one transaction: all of them or none. */
  importRows<K extends ImportKind>(kind: K, rows: KindRows[K][]): Promise<void> {
    return this.rows.importRows(kind, rows)
  }

  /** The current rows of a kind with these ids (the change feed re-reads what another instance changed). */
  rowsByIds<K extends ImportKind>(kind: K, ids: readonly string[]): Promise<KindRows[K][]> {
    return this.rows.rowsByIds(kind, ids)
  }

  /** Rows of several kinds written and removed in one transaction with the caller's own writes (`work`). */
  changeRows<T>(work: (t: Tx) => Promise<{ result: T; changes: KindChange[] }>, event: string | null = null): Promise<{ result: T; changes: KindChange[] }> {
    return this.rows.changeRows(work, event)
  }

  /** Everything the network index needs, read in one snapshot transaction. */
  loadSnapshot(): Promise<NetworkSnapshot> {
    return this.rows.loadSnapshot()
  }

  /** Every ground feature (for the gazetteer). */
  features(): Promise<GroundFeature[]> {
    return this.rows.features()
  }

  /** A ground feature by id (e.g. a district to analyse). */
  feature(id: string): Promise<GroundFeature | null> {
    return this.rows.feature(id)
  }

  /** Row counts per kind. */
  counts(): Promise<Record<ImportKind, number>> {
    return this.rows.counts()
  }

  // ——— complaints (complaints.ts) and the areas (area/) ———

  /** Inserts or replaces one complaint; resolves once it is committed. */
  saveComplaint(c: StoredComplaint): Promise<void> {
    return this.complaints.saveComplaint(c)
  }

  /** One complaint by id, or null. */
  getComplaint(id: string): Promise<StoredComplaint | null> {
    return this.complaints.getComplaint(id)
  }

  /** The complaint an idempotency key of a user was first used for, or null when the key is new. */
  idempotencyRecord(username: string, key: string): Promise<IdempotencyRecord | null> {
    return this.complaints.idempotencyRecord(username, key)
  }

  /** Complaints matching a call-back lookup, id and ticket matches first, each with how it matched. */
  lookupComplaints(q: ComplaintLookup): Promise<(StoredComplaint & { match: LookupMatch })[]> {
    return this.complaints.lookupComplaints(q)
  }

  /** Complaints in a bbox and window, newest first; the filter runs in the database. */
  findComplaints(q: ComplaintQuery): Promise<StoredComplaint[]> {
    return this.complaints.findComplaints(q)
  }

  /** (suggested, final) cause pairs of the complaints settled in a window, counted (rule precision). */
  settledCausePairs(from: number, to: number): Promise<{ suggested: string; final: string; n: number }[]> {
    return this.complaints.settledCausePairs(from, to)
  }

  /** Complaints in a polygon and window: the total, by cause and by phenomenon, and the newest `limit`. */
  complaintsInArea(area: AreaGeometry, from: number, to: number, limit: number): Promise<AreaResult> {
    return this.area.complaintsInArea(area, from, to, limit)
  }

  /** Every complaint in a polygon and window, newest first, at most `limit` (the batch analysis' input). */
  complaintsForAnalysis(area: AreaGeometry, from: number, to: number, limit: number): Promise<StoredComplaint[]> {
    return this.area.complaintsForAnalysis(area, from, to, limit)
  }

  /** Complaints per district (features of type district) in a window, most first. */
  districtCounts(from: number, to: number): Promise<DistrictCount[]> {
    return this.area.districtCounts(from, to)
  }

  // ——— the complaint workflow (complaint-workflow.ts) ———

  /** Runs `hook` inside the transaction of every complaint status change; returns the unsubscribe function. */
  onStatusChange(hook: (t: Tx, events: readonly ComplaintStatusEvent[]) => Promise<void>): () => void {
    return this.workflow.onStatusChange(hook)
  }

  /** Saves a complaint and, when `start` returns them, its workflow row and first steps, in one transaction. */
  saveComplaintWithWorkflow(
    c: StoredComplaint,
    start: (existing: WorkflowRow | null) => { workflow: WorkflowRow; steps: Omit<HistoryEntry, 'seq'>[] } | null,
    once?: IdempotencyClaim,
  ): Promise<{ workflow: WorkflowRow | null; steps: HistoryEntry[]; replayOf?: IdempotencyRecord }> {
    return this.workflow.saveComplaintWithWorkflow(c, start, once)
  }

  /** One workflow step on a complaint, in one transaction with its workflow row locked; null: no such complaint. */
  applyWorkflowStep(
    id: string,
    step: (c: StoredComplaint, w: WorkflowRow | null) => { workflow: WorkflowRow; entry: Omit<HistoryEntry, 'seq'>; settle?: { cause?: string | null; answer?: string | null }; settled?: boolean },
  ): Promise<{ complaint: StoredComplaint; workflow: WorkflowRow; entry: HistoryEntry } | null> {
    return this.workflow.applyWorkflowStep(id, step)
  }

  /** A complaint's history, oldest step first. */
  complaintHistory(id: string): Promise<HistoryEntry[]> {
    return this.workflow.complaintHistory(id)
  }

  /** The workflow rows of these complaints (complaints without one are not tracked). */
  workflows(ids: readonly string[]): Promise<Map<string, WorkflowRow>> {
    return this.workflow.workflows(ids)
  }

  /** Earlier complaints a new one may repeat, oldest first (the earliest 50). */
  repeatCandidates(q: Parameters<ComplaintWorkflow['repeatCandidates']>[0]): Promise<RepeatCandidateRow[]> {
    return this.workflow.repeatCandidates(q)
  }

  /** Ids of complaints not closed and received before `before`, oldest first, at most `limit`. */
  openComplaintsReceivedBefore(before: number, limit: number): Promise<string[]> {
    return this.workflow.openComplaintsReceivedBefore(before, limit)
  }

  /** Complaints by id (any order; missing ids are left out). */
  complaintsByIds(ids: readonly string[]): Promise<StoredComplaint[]> {
    return this.workflow.complaintsByIds(ids)
  }

  /** Districts (features of type district) with a known user count. */
  districtsWithUsers(): Promise<DistrictUsersRow[]> {
    return this.workflow.districtsWithUsers()
  }

  // ——— the database itself ———

  /** The newest seq of the change log (0 when empty or on the embedded store). */
  async headSeq(): Promise<number> {
    if (!this.changes.enabled) return 0
    return (await changeLogRepo.head(this.db)) ?? 0
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
