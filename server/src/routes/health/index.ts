/**
 * GET /health — the process lives: the store, its latency, what the index holds and how far the change
 * feed has applied the other instances' changes. GET /ready — may a balancer send work here: 200 once
 * the index is loaded and (on PostgreSQL) the feed has caught up with the log; 503 before that, when
 * the LISTEN connection is down (changes would arrive only by polling), and once draining.
 */
import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { NetworkService } from '../../service/network-service.js'

const Feed = Type.Object({
  appliedSeq: Type.Integer({ description: 'the last change-log seq this instance applied' }),
  headSeq: Type.Integer({ description: 'the newest seq it has seen' }),
  lagMs: Type.Number({ description: 'commit-to-apply time of the last change applied from another instance' }),
  listening: Type.Boolean(),
}, { description: 'the change feed between instances (PostgreSQL only; null on the embedded store)' })

function feedOf(service: NetworkService) {
  const f = service.feed
  return f ? { appliedSeq: f.appliedSeq, headSeq: f.headSeq, lagMs: f.lagMs, listening: f.listening } : null
}

export const healthRoutes: FastifyPluginAsyncTypebox<{ service: NetworkService }> = async (app, { service }) => {
  app.get('/health', {
    schema: {
      tags: ['health'],
      summary: 'Liveness, store latency and the change feed',
      response: {
        200: Type.Object({ status: Type.Literal('ok'), store: Type.Object({ kind: Type.String(), latencyMs: Type.Number() }), index: Type.Record(Type.String(), Type.Number()), feed: Type.Union([Feed, Type.Null()]), draining: Type.Boolean() }),
        503: Type.Object({ status: Type.Literal('unavailable'), store: Type.Object({ kind: Type.String(), error: Type.String() }) }),
      },
    },
  }, async (_req, reply) => {
    try {
      const h = await service.health()
      return { status: 'ok' as const, store: { kind: h.kind, latencyMs: h.latencyMs }, index: h.counts, feed: feedOf(service), draining: service.draining }
    } catch (err) {
      return reply.code(503).send({ status: 'unavailable' as const, store: { kind: service.storeKind, error: (err as Error).message } })
    }
  })

  app.get('/ready', {
    schema: {
      tags: ['health'],
      summary: 'Readiness for a load balancer: 200 when loaded and caught up with the other instances, else 503',
      response: {
        200: Type.Object({ ready: Type.Literal(true), appliedSeq: Type.Integer(), headSeq: Type.Integer() }),
        503: Type.Object({ ready: Type.Literal(false), reason: Type.String() }),
      },
    },
  }, async (_req, reply) => {
    const f = service.feed
    const reason = service.draining ? 'draining: shutting down'
      : service.changeFeedEnabled && !f ? 'change feed not started'
      : f ? f.notReady()
      : null
    if (reason) return reply.code(503).header('retry-after', '1').send({ ready: false as const, reason })
    return { ready: true as const, appliedSeq: f?.appliedSeq ?? 0, headSeq: f?.headSeq ?? 0 }
  })
}
