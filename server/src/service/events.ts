/**
 * What changed in the network, for whoever shows it live (the map's /api/events stream). One emitter
 * per service instance, so two services in one process (tests) never hear each other.
 */
import { EventEmitter } from 'node:events'

/** One committed import: which kind, how many rows, when. */
export interface ImportEvent {
  kind: string
  count: number
  at: number
}

/**
 * A complaint changed status (issue 8) — after the change is committed. The ticketing system hears of
 * it through the webhooks; the map and lists through /api/events.
 */
export interface ComplaintStatusEvent {
  complaintId: string
  /** The operator's own ticket number, when the complaint came through the embed or the API with one. */
  ticket: string | null
  /** The status before (null when the complaint was just created) and after. */
  from: string | null
  to: string
  /** What was done (receive, diagnose, answer, dispatch, field_test, call_back, close, reopen …). */
  action: string
  /** Who did it (a username), or null for the system (e.g. an automatic step). */
  by: string | null
  at: number
  /** Free text of the step (the field team's result, the call-back's outcome …). */
  note?: string | null
}

/** The event of one step in a complaint's history. */
export const statusEvent = (complaintId: string, ticket: string | null, e: Pick<ComplaintStatusEvent, 'from' | 'to' | 'action' | 'by' | 'at' | 'note'>): ComplaintStatusEvent =>
  ({ complaintId, ticket, from: e.from, to: e.to, action: e.action, by: e.by, at: e.at, note: e.note })

/** Typed wrapper over an EventEmitter: `import` after every committed import, `complaintStatus` after every status change. */
export class NetworkEvents extends EventEmitter<{ import: [ImportEvent]; complaintStatus: [ComplaintStatusEvent] }> {
  constructor() {
    super()
    // Every open map is one listener; the default warning at 10 would fire on a normal call centre.
    this.setMaxListeners(0)
  }
}
