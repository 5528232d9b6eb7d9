/** GET /health — the store, its latency and what the index holds. */
import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { NetworkService } from '../../service/network-service.js'

export const healthRoutes: FastifyPluginAsyncTypebox<{ service: NetworkService }> = async (app, { service }) => {
  app.get('/health', {
    schema: {
      tags: ['health'],
      summary: 'Liveness and store latency',
      response: {
        200: Type.Object({ status: Type.Literal('ok'), store: Type.Object({ kind: Type.String(), latencyMs: Type.Number() }), index: Type.Record(Type.String(), Type.Number()) }),
        503: Type.Object({ status: Type.Literal('unavailable'), store: Type.Object({ kind: Type.String(), error: Type.String() }) }),
      },
    },
  }, async (_req, reply) => {
    try {
      const latencyMs = await service.store.ping()
      return { status: 'ok' as const, store: { kind: service.store.kind, latencyMs: Math.round(latencyMs * 100) / 100 }, index: { ...service.index.counts() } }
    } catch (err) {
      return reply.code(503).send({ status: 'unavailable' as const, store: { kind: service.store.kind, error: (err as Error).message } })
    }
  })
}
