/**
 * The complaint workflow's storage: a complaint's status row and history, written in one transaction
 * with the complaint and its change-log row, with the status hooks (the webhooks' outbox) run inside
 * that transaction; and the reads the workflow service needs (history, repeats, overdue candidates).
 */
import type { AreaGeometry } from '../domain/types.js'
import { statusEvent, type ComplaintStatusEvent } from '../service/events.js'
import type { ChangeLog } from './change-log.js'
import type { Db } from './db.js'
import { complaintFromRow, complaintsRepo, type StoredComplaint } from './repos/index.js'
import type { Row, Tx } from './repos/table-repo.js'
import {
  workflowFromRow, workflowParams, historyFromRow, repeatCandidateFromRow,
  type WorkflowRow, type HistoryEntry, type RepeatCandidateRow, type DistrictUsersRow,
} from './repos/workflow.js'
import { SQL } from './sql/index.js'
import type { IdempotencyClaim, IdempotencyRecord } from './types.js'

/** The complaint workflow's transactions and reads; the Store delegates to it. */
export class ComplaintWorkflow {
  constructor(
    private readonly db: Db,
    private readonly changes: ChangeLog,
  ) {}

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
}
