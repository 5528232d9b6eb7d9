/**
 * The complaint's workflow over the store: starts it when a complaint is recorded (受理 → 分析定位,
 * and 答复 at once when the agent settled a cause that needs no other team), takes each step in one
 * transaction with its history row, and reports every change after commit. The clock is injected:
 * tests move a fake one instead of sleeping.
 */
import { PHENOMENON_GROUP } from '../diagnosis/effects.js'
import { reusedComplaintId } from '../diagnosis/rules/known-issue.js'
import { statusEvent, type ComplaintStatusEvent } from '../service/events.js'
import type { WorkflowOptions } from '../config/index.js'
import { AppError } from '../errors.js'
import { CAUSE_CODES, PHENOMENA, SPECIALTIES, type AreaGeometry, type CauseCode, type Specialty } from '../domain/types.js'
import { bboxAround } from '../geo/distance.js'
import type { Store, StoredComplaint, WorkflowRow, HistoryEntry, IdempotencyClaim, IdempotencyRecord } from '../store/store.js'
import { breaches, isOverdue, type Breach } from './limits.js'
import { findRepeat } from './repeat.js'
import { allowedActions, isStatus, transition, STATUS_LABELS, ACTION_LABELS, type Action, type Status, type UserAction } from './states.js'
import { computeFigures, type Figures } from './figures.js'

const PHENOMENON_CODES = Object.keys(PHENOMENA) as (keyof typeof PHENOMENA)[]

/** A status change as the events carry it. */
export type StatusChange = ComplaintStatusEvent

/** What a person sends to take a step (POST /api/complaints/:id/actions). */
export interface StepInput {
  action: UserAction
  note?: string | null
  team?: string | null
  specialty?: string | null
  cause?: string | null
  satisfied?: boolean | null
}

/** A complaint's workflow as views show it; status null: not tracked (imported as history). */
export interface WorkflowInfo {
  status: Status | null
  statusLabel: string | null
  ticket: string | null
  repeatOf: string | null
  team: string | null
  teamSpecialty: string | null
  satisfied: boolean | null
  overdue: boolean
  breaches: Breach[]
  allowedActions: UserAction[]
}

const UNTRACKED: WorkflowInfo = {
  status: null, statusLabel: null, ticket: null, repeatOf: null, team: null, teamSpecialty: null, satisfied: null, overdue: false, breaches: [], allowedActions: [],
}

/** Complaints the overdue list looks at, at most (the oldest open ones first). */
const MAX_OPEN_SCAN = 20_000
/** Complaints the figures count, at most (a month of a city). */
const MAX_FIGURE_COMPLAINTS = 500_000

const statusOf = (w: WorkflowRow): Status => {
  if (!isStatus(w.status)) throw new AppError('INTERNAL', `complaint ${w.complaintId} has an unknown status "${w.status}"`)
  return w.status
}

export class WorkflowService {
  constructor(
    private readonly store: Store,
    /** The limits and repeat windows; tests may change them. */
    public options: WorkflowOptions,
    private readonly clock: () => number,
    private readonly emit: (e: StatusChange) => void,
  ) {}

  /**
   * Saves a newly recorded complaint with its workflow: received at its reported time, diagnosed now,
   * linked to the complaint it repeats, and answered at once when the agent settled a final cause whose
   * disposition is 自行处理 (003 第四步: "能够确定投诉原因,并能解决…可直接选择自行处理后回复"; 000: "能当场答复
   * 客户的必须当场答复"). A complaint recorded again (same id) keeps its workflow; a new ticket number is stored.
   * With `once`, the idempotency key is claimed in the same transaction first; when it was already taken
   * nothing is written and `replayOf` names the complaint it was taken for.
   */
  async record(
    c: StoredComplaint,
    o: { by: string | null; ticket: string | null; now: number; once?: IdempotencyClaim },
  ): Promise<{ workflow: WorkflowRow | null; replayOf: IdempotencyRecord | null }> {
    const receivedAt = Math.min(c.reportedAt ?? o.now, o.now)
    const repeat = await this.repeatOf(c, receivedAt)
    const { workflow, steps, replayOf } = await this.store.saveComplaintWithWorkflow(c, (existing) => {
      if (existing) return o.ticket && o.ticket !== existing.ticket ? { workflow: { ...existing, ticket: o.ticket }, steps: [] } : null
      const answered = c.cause != null && c.disposition === 'self' && !!c.answer
      const w: WorkflowRow = {
        complaintId: c.id, status: answered ? 'answered' : 'diagnosed', ticket: o.ticket, repeatOf: repeat?.repeatOf ?? null,
        receivedAt, respondedAt: o.now, answeredAt: answered ? o.now : null, closedAt: null,
        dispatched: false, fieldTested: false, reopened: false, team: null, teamSpecialty: null, satisfied: null,
      }
      const steps: Omit<HistoryEntry, 'seq'>[] = [
        { action: 'receive', from: null, to: transition(null, 'receive'), by: o.by, at: receivedAt, note: null, data: repeat ? { repeatOf: repeat.repeatOf, repeatReason: repeat.reason } : null },
        { action: 'diagnose', from: 'received', to: transition('received', 'diagnose'), by: o.by, at: o.now, note: null, data: { suggestedCause: c.suggestedCause, disposition: c.disposition, specialty: c.specialty } },
      ]
      if (answered) steps.push({ action: 'answer', from: 'diagnosed', to: transition('diagnosed', 'answer'), by: o.by, at: o.now, note: c.answer, data: { cause: c.cause } })
      return { workflow: w, steps }
    }, o.once)
    for (const s of steps) this.emit(statusEvent(c.id, workflow?.ticket ?? null, s))
    return { workflow, replayOf: replayOf ?? null }
  }

  /** The first complaint `c` repeats (same number, or same place and phenomenon group), or null. */
  private async repeatOf(c: StoredComplaint, reportedAt: number) {
    const o = this.options
    const group = PHENOMENON_GROUP[c.phenomenon]
    const candidates = await this.store.repeatCandidates({
      id: c.id, number: c.number, bbox: bboxAround(c.lon, c.lat, o.repeatRadiusM),
      lon: c.lon, lat: c.lat, radiusM: o.repeatRadiusM, phenomena: PHENOMENON_CODES.filter((p) => PHENOMENON_GROUP[p] === group),
      numberFrom: reportedAt - o.repeatNumberWindowMs, placeFrom: reportedAt - o.repeatPlaceWindowMs, to: reportedAt,
    })
    return findRepeat({ id: c.id, number: c.number, lon: c.lon, lat: c.lat, phenomenon: c.phenomenon, reportedAt },
      candidates.map((x) => ({ ...x, phenomenon: x.phenomenon as StoredComplaint['phenomenon'] })), o)
  }

  /**
   * Takes one step on complaint `id` for `by` at the clock's now. 404: no such complaint; 409: not
   * tracked, or the step is not allowed from its status (the message names status, step and what is
   * allowed); 400: a field the step needs is missing or wrong. Nothing changes unless it is all right.
   */
  async act(id: string, input: StepInput, by: string | null): Promise<{ complaint: StoredComplaint; workflow: WorkflowRow; entry: HistoryEntry }> {
    const now = this.clock()
    // "Known issue" is how a cause was found, not a cause: an answer or field test given as known_issue
    // stores the cause the reused complaint holds (as recording does), so exports and cause statistics
    // count the real cause; the history says which complaint it came from.
    const known = input.cause === 'known_issue' && (input.action === 'answer' || input.action === 'field_test') ? await this.knownIssueCause(id) : null
    const finalCause = (v: string): CauseCode => {
      const cause = causeField(v)
      return cause === 'known_issue' && known ? known.cause : cause
    }
    const r = await this.store.applyWorkflowStep(id, (c, w) => {
      if (!w) throw new AppError('CONFLICT', `complaint "${id}" has no workflow (it was imported as history, not recorded through POST /api/complaints)`, { status: null, action: input.action, allowed: [] })
      const from = statusOf(w)
      const to = transition(from, input.action, w.satisfied)
      const note = input.note?.trim() || null
      const next: WorkflowRow = { ...w, status: to }
      const data: Record<string, unknown> = {}
      let settle: { cause?: string | null; answer?: string | null } | undefined
      // Whether the cause is settled after this step (undefined: unchanged). A field test finds the
      // cause and a close (结单) accepts it: both settle. A reopen unsettles: the customer disputes the
      // answer, so its cause is no longer reused until a field test or a new close settles it again.
      // An answer does not settle: it is what the agent told the customer, not a confirmed cause.
      let settled: boolean | undefined
      switch (input.action) {
        case 'answer': {
          const cause = input.cause == null ? null : finalCause(input.cause)
          if (cause) data.cause = cause
          if (known) data.knownIssueOf = known.id
          next.answeredAt ??= now
          settle = { cause, answer: note }
          break
        }
        case 'dispatch': {
          const team = input.team?.trim()
          if (!team) throw new AppError('VALIDATION', 'dispatch needs team: the 专业中心 or 分公司 it goes to', { field: 'team', rule: 'required' })
          if (team.length > 100) throw new AppError('VALIDATION', `team: at most 100 characters, got ${team.length}`, { field: 'team', rule: 'maxLength' })
          const specialty = input.specialty == null ? c.specialty : specialtyField(input.specialty)
          Object.assign(next, { dispatched: true, team, teamSpecialty: specialty })
          Object.assign(data, { team, specialty })
          break
        }
        case 'field_test': {
          if (!note) throw new AppError('VALIDATION', 'field_test needs note: the field team\'s result (实测结果)', { field: 'note', rule: 'required' })
          if (input.cause == null) throw new AppError('VALIDATION', `field_test needs cause: the cause the field test found (one of ${CAUSE_CODES.join(', ')})`, { field: 'cause', rule: 'required' })
          const cause = finalCause(input.cause)
          next.fieldTested = true
          data.cause = cause
          if (known) data.knownIssueOf = known.id
          settle = { cause }
          settled = true
          break
        }
        case 'call_back': {
          if (typeof input.satisfied !== 'boolean') throw new AppError('VALIDATION', 'call_back needs satisfied: true or false (客户是否满意)', { field: 'satisfied', rule: 'required' })
          next.satisfied = input.satisfied
          data.satisfied = input.satisfied
          break
        }
        case 'close':
          next.closedAt = now
          settled = true
          break
        case 'reopen':
          Object.assign(next, { reopened: true, closedAt: null, satisfied: null })
          settled = false
          break
      }
      return { workflow: next, entry: { action: input.action, from, to, by, at: now, note, data: Object.keys(data).length ? data : null }, settle, settled }
    })
    if (!r) throw new AppError('NOT_FOUND', `no complaint with id "${id}"`)
    this.emit(statusEvent(id, r.workflow.ticket, r.entry))
    return r
  }

  /**
   * The cause of the earlier complaint complaint `id`'s recorded diagnosis reused (known_issue), with
   * that complaint's id; null when there is none, or it holds no cause of its own.
   */
  private async knownIssueCause(id: string): Promise<{ id: string; cause: CauseCode } | null> {
    const c = await this.store.getComplaint(id)
    const reusedId = c ? reusedComplaintId(c.diagnosis) : null
    const reused = reusedId ? await this.store.getComplaint(reusedId) : null
    return reused?.cause != null && reused.cause !== 'known_issue' ? { id: reused.id, cause: reused.cause } : null
  }

  /** A complaint's history, oldest first (404 when there is no such complaint). */
  async history(id: string): Promise<HistoryEntry[]> {
    const h = await this.store.complaintHistory(id)
    if (!h.length && !(await this.store.getComplaint(id))) throw new AppError('NOT_FOUND', `no complaint with id "${id}"`)
    return h
  }

  /** The workflow of each complaint as views show it, at the clock's now. */
  async infos(ids: readonly string[]): Promise<Map<string, WorkflowInfo>> {
    const rows = await this.store.workflows(ids)
    const now = this.clock()
    return new Map(ids.map((id) => {
      const w = rows.get(id)
      return [id, w ? this.info(w, now) : UNTRACKED]
    }))
  }

  info(w: WorkflowRow, now = this.clock()): WorkflowInfo {
    const status = statusOf(w)
    const b = breaches(w, this.options, now)
    return {
      status, statusLabel: STATUS_LABELS[status], ticket: w.ticket, repeatOf: w.repeatOf, team: w.team, teamSpecialty: w.teamSpecialty,
      satisfied: w.satisfied, overdue: isOverdue(b), breaches: b, allowedActions: allowedActions(status, w.satisfied),
    }
  }

  /** Complaints overdue now (a limit's milestone not reached past its due time), most overdue first. */
  async overdue(limit: number): Promise<{ complaint: StoredComplaint; info: WorkflowInfo }[]> {
    const now = this.clock()
    const o = this.options
    const ids = await this.store.openComplaintsReceivedBefore(now - Math.min(o.respondMs, o.answerMs, o.closeMs), MAX_OPEN_SCAN)
    const [rows, complaints] = await Promise.all([this.store.workflows(ids), this.store.complaintsByIds(ids)])
    const out: { complaint: StoredComplaint; info: WorkflowInfo; worst: number }[] = []
    for (const c of complaints) {
      const w = rows.get(c.id)
      if (!w) continue
      const info = this.info(w, now)
      if (info.overdue) out.push({ complaint: c, info, worst: Math.max(...info.breaches.filter((b) => b.open).map((b) => b.overdueMs)) })
    }
    return out.sort((a, b) => b.worst - a.worst || a.complaint.id.localeCompare(b.complaint.id)).slice(0, limit).map(({ complaint, info }) => ({ complaint, info }))
  }

  /** The figures of the complaints that occurred in `area` between `from` and `to`, at the clock's now. */
  async figures(area: AreaGeometry, from: number, to: number): Promise<Figures & { truncated: boolean }> {
    const complaints = await this.store.complaintsForAnalysis(area, from, to, MAX_FIGURE_COMPLAINTS)
    const [rows, districts] = await Promise.all([this.store.workflows(complaints.map((c) => c.id)), this.store.districtsWithUsers()])
    const f = computeFigures(complaints.map((c) => {
      const w = rows.get(c.id)
      return { complaint: c, workflow: w ? { ...w, status: statusOf(w) } : null }
    }), area, districts, this.options, this.clock())
    return { ...f, truncated: complaints.length >= MAX_FIGURE_COMPLAINTS }
  }
}

function causeField(v: string): CauseCode {
  if (!(CAUSE_CODES as readonly string[]).includes(v)) throw new AppError('VALIDATION', `cause: expected one of ${CAUSE_CODES.join(', ')}, got ${JSON.stringify(v)}`, { field: 'cause', rule: 'enum' })
  return v as CauseCode
}

function specialtyField(v: string): Specialty {
  if (!(SPECIALTIES as readonly string[]).includes(v)) throw new AppError('VALIDATION', `specialty: expected one of ${SPECIALTIES.join('、')}, got ${JSON.stringify(v)}`, { field: 'specialty', rule: 'enum' })
  return v as Specialty
}

export { ACTION_LABELS, STATUS_LABELS }
export type { Action }
