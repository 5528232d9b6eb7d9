/**
 * The service core: holds the store, the in-memory network index, the gazetteer and the answer book,
 * and wires the parts that keep them in step. Routes call these methods; nothing here knows about HTTP.
 * Each concern lives in its own file and this class delegates to it: imports and their dry runs
 * (imports.ts, reference-problems.ts), writes and the index upkeep after commit (index-upkeep.ts),
 * recording complaints (record-complaint.ts), search (gazetteer-entries.ts) and sites (site-detail.ts).
 * diagnose stays a direct call: it is the hot path.
 */
import { join } from 'node:path'
import { defaultWorkflowOptions, type DiagnosisOptions, type WorkflowOptions } from '../config/index.js'
import { AppError } from '../errors.js'
import type { AreaGeometry, Complaint, Diagnosis, DiagnoseInput, GroundFeature, ImportKind, KindRows, Site, SiteState } from '../domain/types.js'
import type { ImportInput, ImportOptions } from '../ingest/index.js'
import type { ImportPreview } from '../ingest/preview.js'
import { IndexReads } from './index-reads.js'
import { Store, type StoredComplaint, type ComplaintQuery, type KindChange, type IdempotencyClaim } from '../store/store.js'
import type { Tx } from '../store/repos/table-repo.js'
import type { StoreOptions } from '../store/db.js'
import { NetworkIndex } from '../index/network-index.js'
import { NetworkEvents } from './events.js'
import { diagnose } from '../diagnosis/diagnose.js'
import { AnswerBook } from '../answers/answer-book.js'
import { Gazetteer, type SearchHit } from '../search/index.js'
import { WorkflowService } from '../workflow/workflow-service.js'
import { lookupParams } from './lookup.js'
import type { ChangeFeed } from './change-feed.js'
import { resolveArea } from './area.js'
import { fillGazetteer, searchGazetteer } from './gazetteer-entries.js'
import { IndexUpkeep, type RemovableKind } from './index-upkeep.js'
import { importText, previewImport, type ImportSummary } from './imports.js'
import { ComplaintRecorder, type RecordComplaintInput } from './record-complaint.js'
import { siteDetail, sitesInBbox } from './site-detail.js'

export type { RemovableKind } from './index-upkeep.js'
export type { ImportSummary } from './imports.js'
export type { RecordComplaintInput } from './record-complaint.js'

/** Where the editable answer templates live. */
export const ANSWERS_DIR = join(import.meta.dirname, '..', '..', '..', 'data', 'answers')

export class NetworkService {
  /** The complaint workflow: status, history, repeats, time limits, figures. */
  readonly workflow: WorkflowService
  /** What the read-only routes ask of the network index (map layers, warnings, analysis, element tree). */
  readonly reads: IndexReads
  /** The change log's seq the index was loaded at (the change feed follows from there). */
  loadedSeq = 0
  /** Other instances' changes being followed (PostgreSQL; set by the container), or null. */
  feed: ChangeFeed | null = null
  /** Set on SIGTERM: the instance finishes what it has and is no longer ready for more. */
  draining = false
  /** What happened, after it was committed: `import` (the maps refresh) and `complaintStatus` (webhooks). */
  readonly events = new NetworkEvents()
  /** The service's clock: what "now" is for recording, workflow steps and time limits (tests set a fake one). */
  now: () => number = Date.now
  /** Writes through the store, then the index, gazetteer and open maps in step. */
  private readonly upkeep: IndexUpkeep
  /** Records complaints with their diagnosis and workflow. */
  private readonly recorder: ComplaintRecorder

  private constructor(
    readonly store: Store,
    readonly index: NetworkIndex,
    readonly gazetteer: Gazetteer,
    readonly answers: AnswerBook,
    readonly options: DiagnosisOptions,
    workflowOptions: WorkflowOptions,
  ) {
    this.workflow = new WorkflowService(store, workflowOptions, () => this.now(), (e) => this.events.emit('complaintStatus', e))
    this.upkeep = new IndexUpkeep(store, index, gazetteer, this.events)
    this.reads = new IndexReads(index, options)
    this.recorder = new ComplaintRecorder({
      store, index, workflow: this.workflow,
      diagnose: (input, now) => this.diagnose(input, now),
      getComplaint: (id) => this.getComplaint(id),
    })
  }

  /** Replaces the clock (tests: a fake clock instead of sleeping). */
  setClock(now: () => number): void {
    this.now = now
  }

  /** Opens the store and builds the index and gazetteer from what it holds. */
  static async start(opts: StoreOptions & { diagnosis: DiagnosisOptions; answersDir?: string; workflow?: WorkflowOptions }): Promise<NetworkService> {
    const answers = AnswerBook.load(opts.answersDir ?? ANSWERS_DIR)
    const store = await Store.open(opts)
    try {
      // The log's head before the snapshot: whatever commits after it is applied again by the feed (harmless).
      const loadedSeq = await store.headSeq()
      const index = new NetworkIndex(opts.diagnosis)
      index.load(await store.loadSnapshot())
      const gazetteer = new Gazetteer()
      fillGazetteer(gazetteer, await store.features(), index)
      const service = new NetworkService(store, index, gazetteer, answers, opts.diagnosis, opts.workflow ?? { ...defaultWorkflowOptions })
      service.loadedSeq = loadedSeq
      return service
    } catch (err) {
      await store.close()
      throw err
    }
  }

  /** Parses, validates and stores one import atomically (service/imports.ts); ImportError, nothing stored, on any problem. */
  importText<K extends ImportKind>(kind: K, input: ImportInput, options: ImportOptions): Promise<ImportSummary> {
    return importText(this.index, (k, rows) => this.importRows(k, rows), kind, input, options)
  }

  /** A dry run of importText: the same checks, answered as a preview; stores nothing (service/imports.ts). */
  previewImport<K extends ImportKind>(kind: K, input: ImportInput, options: ImportOptions): ImportPreview<K> & { replaces: number | null } {
    return previewImport(this.index, kind, input, options)
  }

  /** Stores already-validated rows in one transaction and updates the in-memory indexes after commit. */
  importRows<K extends ImportKind>(kind: K, rows: KindRows[K][]): Promise<void> {
    return this.upkeep.importRows(kind, rows)
  }

  /** Deletes rows of a removable kind by id in one transaction, then takes them out of the index (IndexUpkeep.removeRows). */
  removeRows(kind: RemovableKind, ids: string[], event: string | null = kind): Promise<number> {
    return this.upkeep.removeRows(kind, ids, event)
  }

  /** Writes and removes rows of several kinds with the caller's own writes in one transaction (IndexUpkeep.changeRows). */
  changeRows<T>(work: (t: Tx) => Promise<{ result: T; changes: KindChange[] }>, event: string | null): Promise<{ result: T; changes: KindChange[] }> {
    return this.upkeep.changeRows(work, event)
  }

  /** Brings the index and gazetteer in step with rows another instance changed (IndexUpkeep.refreshRows). */
  refreshRows(kind: ImportKind, ids: readonly string[], event: string | null): Promise<void> {
    return this.upkeep.refreshRows(kind, ids, event)
  }

  /** Complaints another instance recorded or moved on: their current state into the index. */
  refreshComplaints(ids: readonly string[]): Promise<void> {
    return this.upkeep.refreshComplaints(ids)
  }

  /** Rebuilds the index and gazetteer from the store in place (IndexUpkeep.reload). */
  reload(): Promise<void> {
    return this.upkeep.reload()
  }

  /** Finds the cause of a complaint from where and when it happened (the hot path: a direct call). */
  diagnose(input: DiagnoseInput, now = Date.now()): Diagnosis {
    return diagnose(input, this.index, this.answers, this.options, now)
  }

  /** Records a complaint with its diagnosis and starts its workflow; resolves once committed (ComplaintRecorder.record). */
  recordComplaint(input: RecordComplaintInput, now = this.now()): Promise<StoredComplaint> {
    return this.recorder.record(input, now)
  }

  /** Records a complaint at most once per (user, idempotency key) (ComplaintRecorder.recordOnce). */
  recordComplaintOnce(input: RecordComplaintInput, once: IdempotencyClaim, now = this.now()): Promise<{ complaint: StoredComplaint; replayed: boolean }> {
    return this.recorder.recordOnce(input, once, now)
  }

  /**
   * Takes a workflow step on a complaint (WorkflowService.act); a step that settles the final cause
   * (a field test, an answer with a cause) updates the index too, so the next diagnosis reuses it.
   */
  async complaintAction(id: string, input: Parameters<WorkflowService['act']>[1], by: string | null) {
    const r = await this.workflow.act(id, input, by)
    this.index.upsert('complaints', [r.complaint])
    return r
  }

  async getComplaint(id: string): Promise<StoredComplaint> {
    const c = await this.store.getComplaint(id)
    if (!c) throw new AppError('NOT_FOUND', `no complaint with id "${id}"`)
    return c
  }

  /** Complaints a call-back agent looks up by id, ticket, number or address (lookupParams), best first. */
  lookupComplaints(q: string, limit: number) {
    return this.store.lookupComplaints(lookupParams(q, limit))
  }

  findComplaints(q: ComplaintQuery): Promise<StoredComplaint[]> {
    return this.store.findComplaints(q)
  }

  /** The polygon of an area request: a GeoJSON polygon as given, or a district's outline (service/area.ts). */
  resolveArea(req: { area?: unknown; district?: string }): Promise<AreaGeometry> {
    return resolveArea(this.store, req)
  }

  /** Complaints in an area and window with their counts (pushed down into PostGIS where there is one). */
  complaintsInArea(area: AreaGeometry, from: number, to: number, limit: number) {
    return this.store.complaintsInArea(area, from, to, limit)
  }

  /** Complaints per district in a window. */
  districtCounts(from: number, to: number) {
    return this.store.districtCounts(from, to)
  }

  /** The complaints of an area and window for a batch analysis (at most `limit`). */
  complaintsForAnalysis(area: AreaGeometry, from: number, to: number, limit: number): Promise<StoredComplaint[]> {
    return this.store.complaintsForAnalysis(area, from, to, limit)
  }

  /** (suggested, final) cause pairs of the complaints settled in a window, with counts. */
  settledCausePairs(from: number, to: number) {
    return this.store.settledCausePairs(from, to)
  }

  /** Every ground feature (the map's highlighted places). */
  features(): Promise<GroundFeature[]> {
    return this.store.features()
  }

  /** What /health reports of the store and the index. */
  async health(): Promise<{ kind: string; latencyMs: number; counts: Record<string, number> }> {
    const latencyMs = await this.store.ping()
    return { kind: this.store.kind, latencyMs: Math.round(latencyMs * 100) / 100, counts: { ...this.index.counts() } }
  }

  /** Places and sites matching a text, best first (site hits carry the site's own id). */
  search(q: string, limit: number): SearchHit[] {
    return searchGazetteer(this.gazetteer, q, limit)
  }

  /** Sites in a bbox with their display state now. */
  sitesInBbox(bbox: [number, number, number, number], now = Date.now()): (Site & { state: SiteState })[] {
    return sitesInBbox(this.index, bbox, now)
  }

  /** One site with everything an agent opens it for (service/site-detail.ts). */
  siteDetail(id: string, now = Date.now()) {
    return siteDetail(this.index, id, now)
  }

  /** The kind of store behind this instance ('embedded' or 'postgres'). */
  get storeKind(): string {
    return this.store.kind
  }

  /** Whether the store has a change feed to follow (PostgreSQL: other instances may write). */
  get changeFeedEnabled(): boolean {
    return this.store.changes.enabled
  }

  async close(): Promise<void> {
    await this.store.close()
  }
}

export type { Complaint }
export type StoredComplaintView = StoredComplaint
