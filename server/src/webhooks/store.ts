/**
 * The webhooks' subscriptions and the outbox of deliveries, over the store's repositories
 * (store/repos/webhooks.ts, webhook-deliveries.ts). Times are the process's clock passed in, so a
 * test's retries and the worker's schedule agree.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import type { Db } from '../store/db.js'
import type { Tx } from '../store/repos/table-repo.js'
import { webhooksRepo, type WebhookRow } from '../store/repos/webhooks.js'
import { webhookDeliveriesRepo, type ClaimedRow, type DeliveryRow, type NewDelivery } from '../store/repos/webhook-deliveries.js'
import { AppError } from '../errors.js'

/** A subscription as listed (never its secret). */
export interface Webhook {
  id: string
  url: string
  events: string[]
  description: string
  createdBy: string | null
  createdAt: string
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed'

/** One delivery of one event to one subscription, with how its attempts went. */
export interface Delivery {
  id: string
  webhookId: string
  event: string
  status: DeliveryStatus
  attempts: number
  nextAt: string | null
  lastStatus: number | null
  lastError: string | null
  createdAt: string
  deliveredAt: string | null
  body: unknown
}

/** A delivery claimed for sending, with where it goes and how to sign it. */
export type Claimed = ClaimedRow

const toHook = (r: WebhookRow): Webhook => ({ id: r.id, url: r.url, events: r.events, description: r.description, createdBy: r.created_by, createdAt: r.created_at.toISOString() })
const toDelivery = (r: DeliveryRow): Delivery => ({
  id: r.id, webhookId: r.webhook_id, event: r.event, status: r.status, attempts: r.attempts, nextAt: r.status === 'pending' ? r.next_at.toISOString() : null,
  lastStatus: r.last_status, lastError: r.last_error, createdAt: r.created_at.toISOString(), deliveredAt: r.delivered_at?.toISOString() ?? null, body: JSON.parse(r.body),
})

/** A generated signing secret: 32 random bytes, base64url, with a prefix that says what it is. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`

export class WebhookStore {
  constructor(private readonly db: Db) {}

  async create(input: { url: string; secret: string; events: string[]; description: string; createdBy: string | null }): Promise<Webhook> {
    const id = `wh_${randomBytes(6).toString('hex')}`
    return toHook(await webhooksRepo.insert(this.db, { id, ...input }))
  }

  async list(): Promise<Webhook[]> {
    return (await webhooksRepo.all(this.db)).map(toHook)
  }

  async get(id: string): Promise<Webhook> {
    const r = await webhooksRepo.get(this.db, id)
    if (!r) throw new AppError('NOT_FOUND', `no webhook "${id}"`)
    return toHook(r)
  }

  /** Removes a subscription and its deliveries (pending ones are not sent). */
  async remove(id: string): Promise<void> {
    if (!(await webhooksRepo.remove(this.db, id))) throw new AppError('NOT_FOUND', `no webhook "${id}"`)
  }

  /**
   * Writes one pending delivery per subscription that wants each event (any of its `names`); `body(id)`
   * renders the JSON sent, given the delivery's id. Inside the caller's transaction `t` when given (a
   * status change: its outbox rows commit with it), else in one of its own. One query reads the
   * subscriptions, one writes the deliveries. Returns how many.
   */
  async enqueue(items: readonly { event: string; names: readonly string[]; body: (deliveryId: string) => string }[], now: number, t?: Tx): Promise<number> {
    const run = async (q: Tx | Db) => {
      const hooks = await webhooksRepo.subscriptions(q)
      const rows: NewDelivery[] = []
      for (const item of items) {
        for (const h of hooks) {
          if (!h.events.some((e) => item.names.includes(e))) continue
          const id = randomUUID()
          rows.push({ id, webhook_id: h.id, event: item.event, body: item.body(id), next_at: new Date(now), created_at: new Date(now) })
        }
      }
      await webhookDeliveriesRepo.insert(q, rows)
      return rows.length
    }
    return t ? run(t) : this.db.tx((tx) => run(tx))
  }

  /**
   * Claims up to `limit` due deliveries until `leaseUntil`: a row another worker holds is skipped,
   * a row whose claim lapsed (its worker died) is taken again.
   */
  async claim(now: number, leaseUntil: number, limit: number): Promise<Claimed[]> {
    return webhookDeliveriesRepo.claim(this.db, new Date(now), new Date(leaseUntil), limit)
  }

  /** The receiver answered 2xx. */
  async delivered(id: string, attempts: number, status: number, now: number): Promise<void> {
    await webhookDeliveriesRepo.delivered(this.db, { id, attempts, status, now: new Date(now) })
  }

  /** An attempt failed: try again at `nextAt`, or mark failed when `nextAt` is null (attempts used up). */
  async attemptFailed(id: string, attempts: number, status: number | null, error: string, nextAt: number | null): Promise<void> {
    await webhookDeliveriesRepo.attemptFailed(this.db, { id, attempts, status, error: error.slice(0, 500), nextAt: nextAt == null ? null : new Date(nextAt) })
  }

  /** Gives a claimed row back untouched (the service is stopping mid-attempt; it is not counted). */
  async release(id: string): Promise<void> {
    await webhookDeliveriesRepo.release(this.db, id)
  }

  /** When the next pending delivery falls due (ms), or null when none is pending. */
  async nextDue(): Promise<number | null> {
    return (await webhookDeliveriesRepo.nextDue(this.db))?.getTime() ?? null
  }

  /** A subscription's deliveries, newest first. */
  async deliveries(webhookId: string, q: { status?: DeliveryStatus; limit: number }): Promise<Delivery[]> {
    await this.get(webhookId)
    const rows = await webhookDeliveriesRepo.ofWebhook(this.db, webhookId, q.status ?? null, q.limit)
    return rows.map(toDelivery)
  }
}
