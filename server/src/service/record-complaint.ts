/**
 * Recording a complaint: diagnosed at the moment it is recorded, the agent's final cause applied, its
 * workflow started in the same transaction, and the index updated only after commit. An idempotency
 * key makes a retried request answer the complaint stored the first time instead of storing another.
 */
import { randomUUID } from 'node:crypto'
import type { CauseCode, DiagnoseInput, Diagnosis } from '../domain/types.js'
import { AppError } from '../errors.js'
import type { NetworkIndex } from '../index/network-index.js'
import { reusedComplaintId } from '../diagnosis/rules/known-issue.js'
import type { IdempotencyClaim, IdempotencyRecord, Store, StoredComplaint } from '../store/store.js'
import type { WorkflowService } from '../workflow/workflow-service.js'

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

/** What recording needs of the service: its store, index, workflow, diagnosis and complaint lookup. */
export interface RecorderDeps {
  store: Store
  index: NetworkIndex
  workflow: WorkflowService
  diagnose(input: DiagnoseInput, now: number): Diagnosis
  getComplaint(id: string): Promise<StoredComplaint>
}

/** Records complaints (NetworkService.recordComplaint and recordComplaintOnce delegate here). */
export class ComplaintRecorder {
  constructor(private readonly deps: RecorderDeps) {}

  /**
   * Records a complaint with its diagnosis, linked sites and the agent's final cause; resolves once it is
   * committed. A complaint with an existing id replaces it (the agent corrected it). A new complaint
   * starts its workflow in the same transaction (WorkflowService.record), linked to the complaint it repeats.
   */
  async record(input: RecordComplaintInput, now: number): Promise<StoredComplaint> {
    const complaint = this.complaintToRecord(input, now)
    await this.deps.workflow.record(complaint, { by: input.by ?? null, ticket: input.ticket ?? null, now })
    this.deps.index.upsert('complaints', [complaint])
    return complaint
  }

  /**
   * Records a complaint at most once per (user, idempotency key): the first call stores it as record
   * does; a later one with the same key and the same body hash stores nothing and answers the complaint
   * stored the first time (`replayed`); the same key with another body hash is a CONFLICT naming that
   * complaint. Two calls at the same moment store one complaint: the key is a primary key claimed in the
   * complaint's own transaction, and the loser answers as a replay.
   */
  async recordOnce(input: RecordComplaintInput, once: IdempotencyClaim, now: number): Promise<{ complaint: StoredComplaint; replayed: boolean }> {
    const known = await this.deps.store.idempotencyRecord(once.username, once.key)
    if (known) return { complaint: await this.replay(once, known), replayed: true }
    const complaint = this.complaintToRecord(input, now)
    const { replayOf } = await this.deps.workflow.record(complaint, { by: input.by ?? null, ticket: input.ticket ?? null, now, once })
    if (replayOf) return { complaint: await this.replay(once, replayOf), replayed: true }
    this.deps.index.upsert('complaints', [complaint])
    return { complaint, replayed: false }
  }

  /** The complaint a reused idempotency key stands for; CONFLICT when the key came with another body. */
  private async replay(once: IdempotencyClaim, known: IdempotencyRecord): Promise<StoredComplaint> {
    if (known.bodyHash !== once.bodyHash) {
      throw new AppError('CONFLICT', `Idempotency-Key "${once.key}" was already used for complaint "${known.complaintId}" with a different body; use a new key for a new complaint`,
        { reason: 'idempotency_key_reused', id: known.complaintId })
    }
    return this.deps.getComplaint(known.complaintId)
  }

  /** The complaint to store for an agent's input: diagnosed now, with the agent's final cause applied. */
  private complaintToRecord(input: RecordComplaintInput, now: number): StoredComplaint {
    const d = this.deps.diagnose(input, now)
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
    if (input.cause != null && input.cause !== d.cause.code) {
      // The agent overrode the suggestion: the disposition follows the chosen cause's own candidate if one was considered.
      const chosen = d.candidates.find((c) => c.cause.code === input.cause)
      if (chosen) {
        complaint.disposition = chosen.disposition
        complaint.specialty = chosen.specialty
        complaint.answer = input.answer ?? chosen.answer
      }
    }
    if (complaint.cause === 'known_issue') {
      // "Known issue" is how the cause was found, not a cause: the final cause recorded (and exported,
      // counted in the cause statistics, reused later) is the one the reused complaint was settled with.
      const reused = this.reusedCause(d)
      if (reused) complaint.cause = reused
    }
    return complaint
  }

  /** The settled cause of the complaint a known_issue diagnosis reused (null when it is not one). */
  private reusedCause(d: Diagnosis): CauseCode | null {
    const id = reusedComplaintId(d)
    const cause = id == null ? null : this.deps.index.complaint(id)?.cause ?? null
    return cause != null && cause !== 'known_issue' ? cause : null
  }
}
