/** Schemas of the webhook routes (OpenAPI shows them with the signing scheme). */
import { Type, type Static } from 'typebox'

/** `complaint.status` (every status change) or `complaint.status:<status>` (changes into that status only). */
export const EventName = Type.String({ pattern: '^complaint\\.status(:[a-z_]{1,40})?$', maxLength: 60 })

export const CreateWebhookBody = Type.Object({
  url: Type.String({ minLength: 8, maxLength: 2000, description: 'http(s) URL the deliveries are POSTed to' }),
  secret: Type.Optional(Type.String({ minLength: 16, maxLength: 200, description: 'HMAC key; generated (whsec_…) when absent. Shown in this answer only.' })),
  events: Type.Optional(Type.Array(EventName, { minItems: 1, maxItems: 20, uniqueItems: true, default: ['complaint.status'] })),
  description: Type.Optional(Type.String({ maxLength: 200 })),
}, { additionalProperties: false })
export type CreateWebhookBody = Static<typeof CreateWebhookBody>

export const WebhookReply = Type.Object({
  id: Type.String(), url: Type.String(), events: Type.Array(Type.String()), description: Type.String(),
  createdBy: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String(),
})
export const CreatedWebhookReply = Type.Intersect([WebhookReply, Type.Object({ secret: Type.String({ description: 'the signing secret: shown here only, never again' }) })])

export const DeliveryStatus = Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')])

export const DeliveryReply = Type.Object({
  id: Type.String({ description: 'X-Tousu-Delivery' }),
  webhookId: Type.String(),
  event: Type.String(),
  status: DeliveryStatus,
  attempts: Type.Integer(),
  nextAt: Type.Union([Type.String(), Type.Null()], { description: 'when the next attempt is due (pending only)' }),
  lastStatus: Type.Union([Type.Integer(), Type.Null()], { description: "the receiver's HTTP status at the last attempt (null: no answer)" }),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  deliveredAt: Type.Union([Type.String(), Type.Null()]),
  body: Type.Unknown({ description: 'the JSON sent' }),
})

export const DeliveriesQuery = Type.Object({
  status: Type.Optional(DeliveryStatus),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
})
