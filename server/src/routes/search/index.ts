/** GET /api/search — fuzzy Chinese search over ground features and site names. */
import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { NetworkService } from '../../service/network-service.js'
import { errorReplies } from '../../../../contract/src/schemas/common.js'
import { SearchHit as Hit } from '../../../../contract/src/schemas/search.js'

export const searchRoutes: FastifyPluginAsyncTypebox<{ service: NetworkService }> = async (app, { service }) => {
  app.get('/api/search', {
    schema: {
      tags: ['search'],
      summary: 'Fuzzy search: partial names, a missing 路/街, pinyin and pinyin initials',
      querystring: Type.Object({
        q: Type.String({ minLength: 1, maxLength: 100 }),
        // Clamped rather than rejected: a client asking for 1000 gets the most we give.
        limit: Type.Optional(Type.Integer({ minimum: 1, default: 10 })),
      }),
      response: { 200: Type.Array(Hit), ...errorReplies },
    },
  }, async (req) => service.search(req.query.q, Math.min(req.query.limit ?? 10, 50)))
}
