/**
 * Saved column mappings of operators' files, by source (engineers and admins): list, save, remove.
 * An import names one with `mapping=`; what the request itself says (columns=, crs= …) wins over it.
 */
import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorReplies } from '../../../../contract/src/schemas/common.js'
import { ImportMappingReply } from '../../../../contract/src/schemas/imports.js'
import type { ImportMappings } from '../../service/import-mappings.js'

const Pairs = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 200 }))

export const importMappingRoutes: FastifyPluginAsyncTypebox<{ mappings: ImportMappings }> = async (app, { mappings }) => {
  app.get('/api/import-mappings', {
    schema: { tags: ['import'], summary: 'The saved column mappings, by name', response: { 200: Type.Array(ImportMappingReply) } },
  }, async () => mappings.list())

  app.put('/api/import-mappings/:name', {
    schema: {
      tags: ['import'],
      summary: 'Saves a column mapping under a name (replacing one of that name): the kind, renames, defaults, CRS, encoding, sheet of one source',
      params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 64 }) }),
      body: Type.Object({
        kind: Type.String({ maxLength: 40 }),
        columns: Type.Optional(Pairs),
        defaults: Type.Optional(Pairs),
        crs: Type.Optional(Type.Union([Type.String({ maxLength: 10 }), Type.Null()])),
        encoding: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
        sheet: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
      }, { additionalProperties: false }),
      response: { 200: ImportMappingReply, ...errorReplies },
    },
  }, async (req) => mappings.save(req.params.name, req.body, req.principal?.username ?? null))

  app.delete('/api/import-mappings/:name', {
    schema: { tags: ['import'], summary: 'Removes a saved column mapping', params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 64 }) }), response: { 204: Type.Null(), ...errorReplies } },
  }, async (req, reply) => {
    await mappings.remove(req.params.name)
    return reply.code(204).send(null)
  })
}
