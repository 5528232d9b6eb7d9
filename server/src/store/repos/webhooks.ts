/** The webhooks table (migration 006): the ticketing system's subscriptions. SQL in store/sql/webhooks. */
import { SQL } from '../sql/index.js'
import type { Tx } from './table-repo.js'

/** A webhooks row as stored (with its secret: signing needs it). */
export interface WebhookRow {
  id: string
  url: string
  secret: string
  events: string[]
  description: string
  created_by: string | null
  created_at: Date
}

/** Every method runs on the connection or transaction it is given. */
export const webhooksRepo = {
  insert: (q: Tx, w: { id: string; url: string; secret: string; events: string[]; description: string; createdBy: string | null }) => q.one<WebhookRow>(SQL.webhooks.insert, w),
  all: (q: Tx) => q.any<WebhookRow>(SQL.webhooks.all),
  get: (q: Tx, id: string) => q.oneOrNone<WebhookRow>(SQL.webhooks.get, { id }),
  /** Removes a subscription and its deliveries; false when there is no such subscription. */
  remove: async (q: Tx, id: string) => (await q.result(SQL.webhooks.remove, { id })).rowCount > 0,
  /** Each subscription's id and the events it wants. */
  subscriptions: (q: Tx) => q.any<{ id: string; events: string[] }>(SQL.webhooks.subscriptions),
}
