/**
 * The webhooks' tables: subscriptions and the outbox of deliveries (migration 006). Times are the
 * process's clock passed in, so a test's retries and the worker's schedule agree.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { pgp, type Db } from '../store/db.js'
import type { Tx } from '../store/repos/table-repo.js'

const DELIVERY_COLUMNS = new pgp.helpers.ColumnSet(['id', 'webhook_id', 'event', 'body', 'next_at', 'created_at'], { table: 'webhook_deliveries' })
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
export interface Claimed {
  id: string
  event: string
  body: string
  attempts: number
  url: string
  secret: string
}

type HookRow = { id: string; url: string; events: string[]; description: string; created_by: string | null; created_at: Date }
type DeliveryRow = {
  id: string; webhook_id: string; event: string; body: string; status: DeliveryStatus; attempts: number; next_at: Date; last_status: number | null
  last_error: string | null; created_at: Date; delivered_at: Date | null
}
const toHook = (r: HookRow): Webhook => ({ id: r.id, url: r.url, events: r.events, description: r.description, createdBy: r.created_by, createdAt: r.created_at.toISOString() })
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
    const r = await this.db.one<HookRow>(
      'INSERT INTO webhooks (id, url, secret, events, description, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *',
      [id, input.url, input.secret, input.events, input.description, input.createdBy],
    )
    return toHook(r)
  }

  async list(): Promise<Webhook[]> {
    return (await this.db.any<HookRow>('SELECT * FROM webhooks ORDER BY created_at, id')).map(toHook)
  }

  async get(id: string): Promise<Webhook> {
    const r = await this.db.oneOrNone<HookRow>('SELECT * FROM webhooks WHERE id = $1', [id])
    if (!r) throw new AppError('NOT_FOUND', `no webhook "${id}"`)
    return toHook(r)
  }

  /** Removes a subscription and its deliveries (pending ones are not sent). */
  async remove(id: string): Promise<void> {
    const r = await this.db.result('DELETE FROM webhooks WHERE id = $1', [id])
    if (r.rowCount === 0) throw new AppError('NOT_FOUND', `no webhook "${id}"`)
  }

  /**
   * Writes one pending delivery per subscription that wants each event (any of its `names`); `body(id)`
   * renders the JSON sent, given the delivery's id. Inside the caller's transaction `t` when given (a
   * status change: its outbox rows commit with it), else in one of its own. One query reads the
   * subscriptions, one writes the deliveries. Returns how many.
   */
  async enqueue(items: readonly { event: string; names: readonly string[]; body: (deliveryId: string) => string }[], now: number, t?: Tx): Promise<number> {
    const run = async (q: Tx | Db) => {
      const hooks = await q.any<{ id: string; events: string[] }>('SELECT id, events FROM webhooks ORDER BY id')
      const rows: { id: string; webhook_id: string; event: string; body: string; next_at: Date; created_at: Date }[] = []
      for (const item of items) {
        for (const h of hooks) {
          if (!h.events.some((e) => item.names.includes(e))) continue
          const id = randomUUID()
          rows.push({ id, webhook_id: h.id, event: item.event, body: item.body(id), next_at: new Date(now), created_at: new Date(now) })
        }
      }
      if (rows.length) await q.none(pgp.helpers.insert(rows, DELIVERY_COLUMNS))
      return rows.length
    }
    return t ? run(t) : this.db.tx((tx) => run(tx))
  }

  /**
   * Claims up to `limit` due deliveries until `leaseUntil`: a row another worker holds is skipped,
   * a row whose claim lapsed (its worker died) is taken again.
   */
  async claim(now: number, leaseUntil: number, limit: number): Promise<Claimed[]> {
    return this.db.any<Claimed>(
      `UPDATE webhook_deliveries d SET locked_until = $2
       FROM webhooks w
       WHERE w.id = d.webhook_id AND d.id IN (
         SELECT id FROM webhook_deliveries
         WHERE status = 'pending' AND next_at <= $1 AND (locked_until IS NULL OR locked_until <= $1)
         ORDER BY next_at, created_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING d.id, d.event, d.body, d.attempts, w.url, w.secret`,
      [new Date(now), new Date(leaseUntil), limit],
    )
  }

  /** The receiver answered 2xx. */
  async delivered(id: string, attempts: number, status: number, now: number): Promise<void> {
    await this.db.none(
      "UPDATE webhook_deliveries SET status = 'delivered', attempts = $2, last_status = $3, last_error = NULL, delivered_at = $4, locked_until = NULL WHERE id = $1",
      [id, attempts, status, new Date(now)],
    )
  }

  /** An attempt failed: try again at `nextAt`, or mark failed when `nextAt` is null (attempts used up). */
  async attemptFailed(id: string, attempts: number, status: number | null, error: string, nextAt: number | null): Promise<void> {
    await this.db.none(
      `UPDATE webhook_deliveries SET attempts = $2, last_status = $3, last_error = $4, locked_until = NULL,
         status = CASE WHEN $5::timestamptz IS NULL THEN 'failed' ELSE 'pending' END, next_at = coalesce($5, next_at)
       WHERE id = $1`,
      [id, attempts, status, error.slice(0, 500), nextAt == null ? null : new Date(nextAt)],
    )
  }

  /** Gives a claimed row back untouched (the service is stopping mid-attempt; it is not counted). */
  async release(id: string): Promise<void> {
    await this.db.none('UPDATE webhook_deliveries SET locked_until = NULL WHERE id = $1', [id])
  }

  /** When the next pending delivery falls due (ms), or null when none is pending. */
  async nextDue(): Promise<number | null> {
    const r = await this.db.one<{ at: Date | null }>("SELECT min(greatest(next_at, coalesce(locked_until, next_at))) AS at FROM webhook_deliveries WHERE status = 'pending'")
    return r.at?.getTime() ?? null
  }

  /** A subscription's deliveries, newest first. */
  async deliveries(webhookId: string, q: { status?: DeliveryStatus; limit: number }): Promise<Delivery[]> {
    await this.get(webhookId)
    const rows = await this.db.any<DeliveryRow>(
      `SELECT * FROM webhook_deliveries WHERE webhook_id = $1 AND ($2::text IS NULL OR status = $2)
       ORDER BY created_at DESC, id LIMIT $3`,
      [webhookId, q.status ?? null, q.limit],
    )
    return rows.map(toDelivery)
  }
}
