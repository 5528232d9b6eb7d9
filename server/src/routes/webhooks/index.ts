/**
 * Outgoing webhooks (issue 8), admin-managed: POST/GET/DELETE /api/webhooks and the deliveries of
 * one. Registering these routes also starts the service's outbox worker (one per service).
 */
import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { WebhookOptions } from '../../config/index.js'
import { AppError } from '../../errors.js'
import type { NetworkService } from '../../service/network-service.js'
import { actor } from '../../auth/plugin.js'
import type { Users } from '../../auth/users.js'
import type { Webhooks } from '../../webhooks/index.js'
import { newWebhookSecret } from '../../webhooks/store.js'
import { ErrorReply } from '../../../../contract/src/schemas/common.js'
import { CreateWebhookBody, CreatedWebhookReply, DeliveriesQuery, DeliveryReply, WebhookReply } from '../../../../contract/src/schemas/webhooks.js'

const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply }

/** How a delivery is signed, for OpenAPI (README "Integration" has the same with code). */
const SIGNING = 'Each delivery is a POST of JSON {id, event, version, createdAt, data:{complaintId, ticket, from, to, action, by, at, note}} with headers '
  + 'X-Tousu-Event, X-Tousu-Delivery (the same on every attempt), X-Tousu-Timestamp (unix seconds), X-Tousu-Attempt and '
  + "X-Tousu-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + '.' + body)). Any non-2xx answer or network error is retried "
  + 'with exponential backoff (WEBHOOK_BASE_DELAY_MS, doubling, at most WEBHOOK_MAX_DELAY_MS); after WEBHOOK_MAX_ATTEMPTS the delivery is marked failed.'

/** The URL a delivery may go to: http or https, no user:password part (the secret signs instead). */
function checkUrl(s: string): string {
  let u: URL
  try {
    u = new URL(s)
  } catch {
    throw new AppError('VALIDATION', `url must be an absolute http(s) URL; got ${JSON.stringify(s.slice(0, 100))}`)
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new AppError('VALIDATION', `url must be http or https; got ${u.protocol}`)
  if (u.username || u.password) throw new AppError('VALIDATION', 'url must not hold a user name or password (deliveries are signed with the secret instead)')
  return u.toString()
}

export const webhookRoutes: FastifyPluginAsyncTypebox<{ users: Users; hooks: Webhooks }> = async (app, { users, hooks }) => {
  const store = hooks.store

  app.post('/api/webhooks', {
    schema: {
      tags: ['integration'],
      summary: 'Subscribes a URL to complaint status changes (admin); the signing secret is in this answer only',
      description: SIGNING,
      body: CreateWebhookBody,
      response: { 201: CreatedWebhookReply, ...errors },
    },
  }, async (req, reply) => {
    const b = req.body
    const url = checkUrl(b.url)
    const secret = b.secret ?? newWebhookSecret()
    const hook = await store.create({ url, secret, events: b.events ?? ['complaint.status'], description: b.description ?? '', createdBy: req.principal?.username ?? null })
    await users.audit({ ...actor(req), action: 'webhook_created', target: hook.id, details: { url, events: hook.events } })
    return reply.code(201).send({ ...hook, secret })
  })

  app.get('/api/webhooks', {
    schema: { tags: ['integration'], summary: 'The webhook subscriptions (admin; secrets are never listed)', description: SIGNING, response: { 200: Type.Array(WebhookReply), ...errors } },
  }, async () => store.list())

  app.delete('/api/webhooks/:id', {
    schema: {
      tags: ['integration'], summary: 'Removes a subscription with its deliveries (pending ones are not sent)',
      params: Type.Object({ id: Type.String({ maxLength: 64 }) }), response: { 204: Type.Null(), ...errors },
    },
  }, async (req, reply) => {
    await store.remove(req.params.id)
    await users.audit({ ...actor(req), action: 'webhook_deleted', target: req.params.id })
    return reply.code(204).send(null)
  })

  app.get('/api/webhooks/:id/deliveries', {
    schema: {
      tags: ['integration'], summary: "A subscription's deliveries, newest first: pending (with the next attempt's time), delivered or failed, with the last answer",
      params: Type.Object({ id: Type.String({ maxLength: 64 }) }), querystring: DeliveriesQuery, response: { 200: Type.Array(DeliveryReply), ...errors },
    },
  }, async (req) => store.deliveries(req.params.id, { status: req.query.status, limit: req.query.limit ?? 100 }))
}
