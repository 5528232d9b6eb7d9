/**
 * Outgoing webhooks (issue 8): every complaint status change (networkEvents' `complaintStatus`)
 * becomes one outbox row per subscription that wants it, and the dispatcher delivers the rows signed.
 * One listener and one worker per service, however many apps are built on it (each app attaches and
 * detaches; the last to detach stops the worker).
 */
import type { WebhookOptions } from '../config/index.js'
import type { Db } from '../store/db.js'
import type { Tx } from '../store/repos/table-repo.js'
import type { ComplaintStatusEvent, NetworkEvents } from '../service/events.js'
import { WebhookDispatcher, type WorkerLog } from './dispatcher.js'
import { WebhookStore } from './store.js'

/** The event a status change is sent as (X-Tousu-Event). */
export const COMPLAINT_STATUS = 'complaint.status'

/** Version of the body's shape; a change that is not purely additive would raise it. */
export const PAYLOAD_VERSION = 1

/** The body of a `complaint.status` delivery. */
export function complaintStatusBody(deliveryId: string, e: ComplaintStatusEvent, now: number): string {
  return JSON.stringify({
    id: deliveryId,
    event: COMPLAINT_STATUS,
    version: PAYLOAD_VERSION,
    createdAt: new Date(now).toISOString(),
    data: {
      complaintId: e.complaintId, ticket: e.ticket, from: e.from, to: e.to, action: e.action, by: e.by,
      at: new Date(e.at).toISOString(), note: e.note ?? null,
    },
  })
}

/** The subscription names that select a status change into `to`: every change, or changes into that status. */
export const namesFor = (e: Pick<ComplaintStatusEvent, 'to'>) => [COMPLAINT_STATUS, `${COMPLAINT_STATUS}:${e.to}`]

/** What the webhooks need of the service: its database and the status changes' transactions. */
export interface StatusSource {
  events: NetworkEvents
  store: { db: Db; onStatusChange(hook: (t: Tx, events: readonly ComplaintStatusEvent[]) => Promise<void>): () => void }
}

/** A service's webhooks: the subscriptions and outbox, and the worker delivering it. */
export class Webhooks {
  readonly store: WebhookStore
  readonly dispatcher: WebhookDispatcher
  private unsubscribe: (() => void) | null = null
  /** After a status change commits, its deliveries are due now: wake the worker. */
  private readonly kick = () => this.dispatcher.kick()

  constructor(private readonly owner: StatusSource, options: WebhookOptions, log: WorkerLog) {
    this.store = new WebhookStore(owner.store.db)
    this.dispatcher = new WebhookDispatcher(this.store, options, log)
  }

  /**
   * Writes the outbox rows of one status change — inside the change's own transaction `t`, so a
   * delivery is never lost between the commit and the queue (without `t`: in a transaction of its own).
   */
  queue(events: ComplaintStatusEvent | readonly ComplaintStatusEvent[], t?: Tx): Promise<number> {
    const now = Date.now()
    const list = Array.isArray(events) ? events : [events as ComplaintStatusEvent]
    return this.store.enqueue(list.map((e) => ({ event: COMPLAINT_STATUS, names: namesFor(e), body: (id: string) => complaintStatusBody(id, e, now) })), now, t)
  }

  start(): void {
    this.unsubscribe = this.owner.store.onStatusChange(async (t, events) => { await this.queue(events, t) })
    this.owner.events.on('complaintStatus', this.kick)
    this.dispatcher.start()
  }

  async stop(): Promise<void> {
    this.unsubscribe?.()
    this.unsubscribe = null
    this.owner.events.off('complaintStatus', this.kick)
    await this.dispatcher.stop()
  }
}
