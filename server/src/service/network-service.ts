/**
 * The service core: holds the store, the in-memory network index, the gazetteer and the answer book,
 * and keeps them in step. Routes call these methods; nothing here knows about HTTP.
 */
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { defaultWorkflowOptions, type DiagnosisOptions, type WorkflowOptions } from '../config/index.js'
import { AppError, ImportError, type RowProblem } from '../errors.js'
import type {
  Complaint, Diagnosis, DiagnoseInput, GroundFeature, ImportKind, KindRows, Site, SiteState, CauseCode, Alarm, Cutover,
} from '../domain/types.js'
import { parseImport, type ImportInput, type ImportOptions, type ImportResult, type RowPlace } from '../ingest/index.js'
import { mapForPreview, previewImport, type ImportPreview } from '../ingest/preview.js'
import { Store, type StoredComplaint, type ComplaintQuery, type KindChange, type IdempotencyClaim, type IdempotencyRecord } from '../store/store.js'
import type { Tx } from '../store/repos/table-repo.js'
import type { StoreOptions } from '../store/db.js'
import { NetworkIndex } from '../index/network-index.js'
import { NetworkEvents } from './events.js'
import { diagnose } from '../diagnosis/diagnose.js'
import { AnswerBook } from '../answers/answer-book.js'
import { Gazetteer, type GazetteerEntry, type SearchHit } from '../search/index.js'
import { WorkflowService } from '../workflow/workflow-service.js'
import { lookupParams } from './lookup.js'
import type { ChangeFeed } from './change-feed.js'
import { resolveArea } from './area.js'
import type { AreaGeometry } from '../domain/types.js'

/** Where the editable answer templates live. */
export const ANSWERS_DIR = join(import.meta.dirname, '..', '..', '..', 'data', 'answers')

/** Prefix of site ids in the gazetteer, so a site and a feature with the same id never collide. */
const SITE_PREFIX = 'site:'

/** The kinds whose rows can be removed again (published network information, issue 9). */
export type RemovableKind = 'blind-spots' | 'planned-sites' | 'cutovers'

export interface ImportSummary {
  kind: ImportKind
  imported: number
  skipped: { row: number; reason: string }[]
}

/** A complaint as the agent records it: the diagnose fields plus the final cause and the answer given. */
export interface RecordComplaintInput extends DiagnoseInput {
  id?: string
  reportedAt?: number
  number?: string | null
  vip?: string | null
  cause?: CauseCode | null
  answer?: string | null
  /** The operator's own ticket number (the embed passes it), stored with the workflow. */
  ticket?: string | null
  /** Who records it (a username), for the workflow's history. */
  by?: string | null
}

export class NetworkService {
  /** The complaint workflow (issue 8): status, history, repeats, time limits, figures. */
  readonly workflow: WorkflowService
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

  private constructor(
    readonly store: Store,
    readonly index: NetworkIndex,
    readonly gazetteer: Gazetteer,
    readonly answers: AnswerBook,
    readonly options: DiagnosisOptions,
    workflowOptions: WorkflowOptions,
  ) {
    this.workflow = new WorkflowService(store, workflowOptions, () => this.now(), (e) => this.events.emit('complaintStatus', e))
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
      gazetteer.upsert((await store.features()).map(featureEntry))
      gazetteer.upsert(index.sitesInBbox([-180, -90, 180, 90]).map(siteEntry))
      const service = new NetworkService(store, index, gazetteer, answers, opts.diagnosis, opts.workflow ?? { ...defaultWorkflowOptions })
      service.loadedSeq = loadedSeq
      return service
    } catch (err) {
      await store.close()
      throw err
    }
  }

  /**
   * Parses, validates and stores one import atomically, then brings the index and gazetteer in step.
   * Any problem (including a reference to a site that does not exist) → ImportError, nothing stored.
   */
  async importText<K extends ImportKind>(kind: K, input: ImportInput, options: ImportOptions): Promise<ImportSummary> {
    const parsed = parseImport(kind, input, options)
    this.checkReferences(parsed)
    await this.importRows(kind, parsed.rows)
    return { kind, imported: parsed.rows.length, skipped: parsed.skipped }
  }

  /**
   * A dry run of importText: the same parsing, mapping, validation and reference checks, answered as a
   * preview (how each column was mapped, the first rows as they would be stored, every problem with its
   * row and field, and how many rows would replace stored ones); stores nothing.
   */
  previewImport<K extends ImportKind>(kind: K, input: ImportInput, options: ImportOptions): ImportPreview<K> & { replaces: number | null } {
    const parsed = mapForPreview(kind, input, options)
    const preview = previewImport(kind, input, options, parsed)
    const problems = [...preview.problems, ...this.referenceProblems(parsed)].sort((a, b) => a.row - b.row)
    const stored = this.storedIds(kind)
    const replaces = stored && !problems.length ? parsed.rows.filter((r) => stored((r as { id: string }).id)).length : stored ? 0 : null
    return { ...preview, valid: problems.length ? 0 : preview.valid, problems, replaces }
  }

  /** Whether a row of a kind with this id is stored (the index mirrors the store); null for kinds it cannot tell. */
  private storedIds(kind: ImportKind): ((id: string) => boolean) | null {
    switch (kind) {
      case 'sites': return (id) => this.index.site(id) !== undefined
      case 'cells': return (id) => this.index.cell(id) !== undefined
      case 'alarms': return (id) => this.index.alarm(id) !== undefined
      case 'cutovers': return (id) => this.index.cutover(id) !== undefined
      case 'complaints': return (id) => this.index.complaint(id) !== undefined
      default: return null
    }
  }

  /** Stores already-validated rows in one transaction and updates the in-memory indexes after commit. */
  async importRows<K extends ImportKind>(kind: K, rows: KindRows[K][]): Promise<void> {
    await this.store.importRows(kind, rows)
    this.apply(kind, rows)
    this.events.emit('import', { kind, count: rows.length, at: Date.now() })
  }

  /**
   * The removal counterpart of importRows: deletes rows of a kind by id in one transaction, then takes
   * them out of the index and tells open maps. Only the kinds the index can take rows out of.
   */
  async removeRows(kind: RemovableKind, ids: string[], event: string | null = kind): Promise<number> {
    const { result } = await this.changeRows(async (t) => ({ result: ids.length, changes: [{ kind, remove: ids }] }), event)
    return result
  }

  /**
   * Writes and removes rows of several kinds in one transaction together with the caller's own writes
   * (`work`, e.g. the published-information table), then brings the index and gazetteer in step and
   * emits one `import` event of kind `event` when something changed (the map refreshes on it; null: the
   * caller tells it itself).
   */
  async changeRows<T>(work: (t: Tx) => Promise<{ result: T; changes: KindChange[] }>, event: string | null): Promise<{ result: T; changes: KindChange[] }> {
    const r = await this.store.changeRows(work, event)
    let count = 0
    for (const c of r.changes) {
      if (c.remove?.length) this.unindex(c.kind as RemovableKind, c.remove)
      if (c.upsert?.length) this.apply(c.kind, c.upsert as never)
      count += (c.remove?.length ?? 0) + (c.upsert?.length ?? 0)
    }
    if (event != null && r.changes.length) this.events.emit('import', { kind: event, count, at: Date.now() })
    return r
  }

  /**
   * Brings the index and gazetteer in step with rows another instance changed (the change feed):
   * their current state is read from the store, so applying a change twice, or late, is harmless;
   * ids no longer stored are taken out. Open maps are told, as after an import here.
   */
  async refreshRows(kind: ImportKind, ids: readonly string[], event: string | null): Promise<void> {
    if (kind === 'complaints') return this.refreshComplaints(ids)
    const rows = await this.store.rowsByIds(kind, ids)
    if (rows.length) this.apply(kind, rows as never)
    const found = new Set(rows.map((r) => (r as { id: string }).id))
    const gone = ids.filter((id) => !found.has(id))
    if (gone.length && (kind === 'blind-spots' || kind === 'planned-sites' || kind === 'cutovers')) this.unindex(kind, gone)
    this.events.emit('import', { kind: event ?? kind, count: ids.length, at: Date.now() })
  }

  /** Complaints another instance recorded or moved on: their current state into the index. */
  async refreshComplaints(ids: readonly string[]): Promise<void> {
    const rows = await this.store.complaintsByIds(ids)
    if (rows.length) this.index.upsert('complaints', rows)
  }

  /**
   * Rebuilds the index and gazetteer from the store in place (the change feed fell behind its
   * retention): the same objects, so nothing holding them keeps a stale copy.
   */
  async reload(): Promise<void> {
    const [snapshot, features] = await Promise.all([this.store.loadSnapshot(), this.store.features()])
    this.index.load(snapshot)
    // Ground features and sites are never deleted: upserting every one brings the gazetteer in step.
    this.gazetteer.upsert(features.map(featureEntry))
    this.gazetteer.upsert(this.index.sitesInBbox([-180, -90, 180, 90]).map(siteEntry))
    this.events.emit('import', { kind: 'reload', count: 0, at: Date.now() })
  }

  /** Takes rows out of the index (published objects withdrawn or expired). */
  private unindex(kind: RemovableKind, ids: readonly string[]): void {
    this.index.remove(kind, ids)
  }

  private apply<K extends ImportKind>(kind: K, rows: KindRows[K][]): void {
    if (kind === 'features') {
      this.gazetteer.upsert((rows as GroundFeature[]).map(featureEntry))
      return
    }
    this.index.upsert(kind as Exclude<ImportKind, 'features'>, rows as never)
    if (kind === 'sites') this.gazetteer.upsert((rows as Site[]).map(siteEntry))
  }

  /** Cells, alarms and cutovers must name sites the network knows (or that come in the same file, for sites). */
  private checkReferences<K extends ImportKind>(parsed: ImportResult<K>): void {
    const problems = this.referenceProblems(parsed)
    if (problems.length) throw new ImportError(parsed.kind, problems)
  }

  /** Rows that name a site or element the network does not have (import the sites first). */
  private referenceProblems<K extends ImportKind>(parsed: ImportResult<K>): RowProblem[] {
    const problems: RowProblem[] = []
    const known = (id: string) => this.index.site(id) !== undefined
    parsed.rows.forEach((row, i) => {
      const element = parsed.kind === 'alarms' ? (row as Alarm).element : null
      if (element) {
        // An alarm on a BSC/MSC/ring (issue 9): some site must hang on that element.
        if (!this.index.hasElement(element.type, element.id)) problems.push({ ...rowPlace(parsed, i), field: 'element_id', message: `no site names ${element.type} "${element.id}" in its ${element.type} field (import the sites first)` })
      } else if (parsed.kind === 'cells' || parsed.kind === 'alarms') {
        const siteId = (row as { siteId: string }).siteId
        if (!known(siteId)) problems.push({ ...rowPlace(parsed, i), field: 'site_id', message: `no site with id "${siteId}" (import the sites first)` })
      } else if (parsed.kind === 'cutovers') {
        const missing = (row as { siteIds: string[] }).siteIds.filter((id) => !known(id))
        if (missing.length) problems.push({ ...rowPlace(parsed, i), field: 'site_ids', message: `no site with id ${missing.map((m) => `"${m}"`).join(', ')} (import the sites first)` })
        const unknown = ((row as Cutover).elements ?? []).filter((e) => !this.index.hasElement(e.type, e.id))
        if (unknown.length) problems.push({ ...rowPlace(parsed, i), field: 'element_ids', message: `no site names ${unknown.map((e) => `${e.type} "${e.id}"`).join(', ')} (import the sites first)` })
      }
    })
    return problems
  }

  /** Finds the cause of a complaint from where and when it happened. */
  diagnose(input: DiagnoseInput, now = Date.now()): Diagnosis {
    return diagnose(input, this.index, this.answers, this.options, now)
  }

  /**
   * Records a complaint with its diagnosis, linked sites and the agent's final cause; resolves once it is
   * committed. A complaint with an existing id replaces it (the agent corrected it). A new complaint
   * starts its workflow in the same transaction (received → diagnosed, answered at once when settled
   * and 自行处理; see WorkflowService.record), linked to the complaint it repeats.
   */
  async recordComplaint(input: RecordComplaintInput, now = this.now()): Promise<StoredComplaint> {
    const complaint = this.complaintToRecord(input, now)
    await this.workflow.record(complaint, { by: input.by ?? null, ticket: input.ticket ?? null, now })
    this.index.upsert('complaints', [complaint])
    return complaint
  }

  /**
   * Records a complaint at most once per (user, idempotency key): the first call stores it as
   * recordComplaint does; a later one with the same key and the same body hash stores nothing and
   * answers the complaint stored the first time (`replayed`); the same key with another body hash is a
   * CONFLICT naming that complaint. Two calls at the same moment store one complaint: the key is a
   * primary key claimed in the complaint's own transaction, and the loser answers as a replay.
   */
  async recordComplaintOnce(input: RecordComplaintInput, once: IdempotencyClaim, now = this.now()): Promise<{ complaint: StoredComplaint; replayed: boolean }> {
    const known = await this.store.idempotencyRecord(once.username, once.key)
    if (known) return { complaint: await this.replay(once, known), replayed: true }
    const complaint = this.complaintToRecord(input, now)
    const { replayOf } = await this.workflow.record(complaint, { by: input.by ?? null, ticket: input.ticket ?? null, now, once })
    if (replayOf) return { complaint: await this.replay(once, replayOf), replayed: true }
    this.index.upsert('complaints', [complaint])
    return { complaint, replayed: false }
  }

  /** The complaint a reused idempotency key stands for; CONFLICT when the key came with another body. */
  private async replay(once: IdempotencyClaim, known: IdempotencyRecord): Promise<StoredComplaint> {
    if (known.bodyHash !== once.bodyHash) {
      throw new AppError('CONFLICT', `Idempotency-Key "${once.key}" was already used for complaint "${known.complaintId}" with a different body; use a new key for a new complaint`,
        { reason: 'idempotency_key_reused', id: known.complaintId })
    }
    return this.getComplaint(known.complaintId)
  }

  /** The complaint to store for an agent's input: diagnosed now, with the agent's final cause applied. */
  private complaintToRecord(input: RecordComplaintInput, now: number): StoredComplaint {
    const d = this.diagnose(input, now)
    const complaint: StoredComplaint = {
      id: input.id ?? `C${new Date(now).toISOString().slice(0, 10).replaceAll('-', '')}-${randomUUID().slice(0, 8)}`,
      occurredAt: input.occurredAt,
      reportedAt: input.reportedAt ?? now,
      address: input.address ?? '',
      service: input.service,
      phenomenon: input.phenomenon,
      description: input.description ?? '',
      vip: input.vip ?? null,
      lon: input.lon,
      lat: input.lat,
      number: input.number ?? null,
      suggestedCause: d.cause.code,
      cause: input.cause ?? null,
      answer: input.answer ?? (input.cause == null || input.cause === d.cause.code ? d.answer : null),
      disposition: d.disposition,
      specialty: d.specialty,
      linkedSites: d.servingSites.slice(0, 3).map((s) => s.id),
      createdAt: now,
      diagnosis: d,
    }
    if (complaint.cause === 'known_issue') {
      // "Known issue" is how the cause was found, not a cause: the final cause recorded (and exported,
      // counted in the cause statistics, reused later) is the one the reused complaint was settled with.
      const reused = this.reusedCause(d)
      if (reused) complaint.cause = reused
    }
    if (complaint.cause && complaint.cause !== d.cause.code && input.cause !== 'known_issue') {
      // The agent overrode the suggestion: the disposition follows the chosen cause's own candidate if one was considered.
      const chosen = d.candidates.find((c) => c.cause.code === complaint.cause)
      if (chosen) {
        complaint.disposition = chosen.disposition
        complaint.specialty = chosen.specialty
        complaint.answer = input.answer ?? chosen.answer
      }
    }
    return complaint
  }

  /** The settled cause of the complaint a known_issue diagnosis reused (null when it is not one). */
  private reusedCause(d: Diagnosis): CauseCode | null {
    const known = d.candidates.find((c) => c.cause.code === 'known_issue')
    const id = known?.evidence.find((e) => e.type === 'complaint')?.id
    const cause = id == null ? null : this.index.complaint(id)?.cause ?? null
    return cause != null && cause !== 'known_issue' ? cause : null
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

  search(q: string, limit: number): SearchHit[] {
    return this.gazetteer.search(q, limit).map((h) => (h.type === 'site' ? { ...h, id: h.id.slice(SITE_PREFIX.length) } : h))
  }

  /** Sites in a bbox with their display state now. */
  sitesInBbox(bbox: [number, number, number, number], now = Date.now()): (Site & { state: SiteState })[] {
    return this.index.sitesInBbox(bbox).map((s) => ({ ...s, state: this.index.siteState(s.id, now) }))
  }

  /**
   * One site with everything an agent opens it for: state, cells, alarms, cutovers, recent complaints.
   * The alarms and cutovers of the ring, BSC and MSC it hangs on are listed too (each names its element):
   * they are why a site without an alarm of its own is shown down.
   */
  siteDetail(id: string, now = Date.now()) {
    const site = this.index.site(id)
    if (!site) throw new AppError('NOT_FOUND', `no site with id "${id}"`)
    const weekAgo = now - 7 * 24 * 3600_000
    const weekAhead = now + 7 * 24 * 3600_000
    const keys = [id, ...this.index.elementsOf(id).map((e) => e.key)]
    return {
      ...site,
      state: this.index.siteState(id, now),
      cells: this.index.cellsOf(id),
      alarms: keys.flatMap((k) => this.index.alarmsOf(k, weekAgo, now)),
      cutovers: [...new Map(keys.flatMap((k) => this.index.cutoversOf(k, weekAgo, weekAhead)).map((c) => [c.id, c])).values()],
      complaints: this.index.complaintsNear(site.lon, site.lat, 1000, weekAgo, now).slice(0, 50),
    }
  }

  async close(): Promise<void> {
    await this.store.close()
  }
}

/** The place of the i-th parsed row in its file (data row; sheet and Excel row for XLSX). */
function rowPlace(parsed: ImportResult<ImportKind>, i: number): RowPlace {
  return parsed.at?.[i] ?? { row: rowNumber(parsed, i) }
}

function rowNumber(parsed: ImportResult<ImportKind>, i: number): number {
  // Skipped rows are not in parsed.rows: map the i-th kept row back to its source row number.
  let row = i + 1
  for (const s of [...parsed.skipped].sort((a, b) => a.row - b.row)) if (s.row <= row) row++
  return row
}

function featureEntry(f: GroundFeature): GazetteerEntry {
  return { id: f.id, name: f.name, aliases: f.aliases, type: f.type, lon: f.lon, lat: f.lat, bbox: f.bbox }
}

function siteEntry(s: Site): GazetteerEntry {
  return { id: SITE_PREFIX + s.id, name: s.name, aliases: [], type: 'site', lon: s.lon, lat: s.lat, bbox: [s.lon, s.lat, s.lon, s.lat] }
}

export type { Complaint }
export type StoredComplaintView = StoredComplaint
