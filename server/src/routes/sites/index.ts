/** GET /api/sites?bbox= (sites with their map state) and GET /api/sites/:id (alarms, cutovers, cells, complaints). */
import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { NetworkService } from '../../service/network-service.js'
import { errorReplies } from '../../../../contract/src/schemas/common.js'
import { SiteBase, SiteDetailReply } from '../../../../contract/src/schemas/network.js'
import { parseBbox } from '../../service/params.js'

const iso = (t: number) => new Date(t).toISOString()
const isoOrNull = (t: number | null) => (t == null ? null : iso(t))
const MAX_SITES = 20_000

export const siteRoutes: FastifyPluginAsyncTypebox<{ service: NetworkService }> = async (app, { service }) => {
  app.get('/api/sites', {
    schema: {
      tags: ['network'],
      summary: 'Sites in a bbox with their display state now',
      querystring: Type.Object({ bbox: Type.Optional(Type.String({ description: 'minLon,minLat,maxLon,maxLat' })) }),
      response: { 200: Type.Array(Type.Object(SiteBase)), ...errorReplies },
    },
  }, async (req) => service.sitesInBbox(parseBbox(req.query.bbox)).slice(0, MAX_SITES))

  app.get('/api/sites/:id', {
    schema: {
      tags: ['network'],
      summary: 'One site: state, cells, alarms and cutovers of the last week, complaints around it',
      params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
      response: { 200: SiteDetailReply, ...errorReplies },
    },
  }, async (req) => {
    const d = service.siteDetail(req.params.id)
    return {
      ...d,
      cells: [...d.cells],
      alarms: d.alarms.map((a) => ({ ...a, raisedAt: iso(a.raisedAt), clearedAt: isoOrNull(a.clearedAt), active: a.clearedAt == null })),
      cutovers: d.cutovers.map((c) => ({ ...c, plannedStart: isoOrNull(c.plannedStart), plannedEnd: isoOrNull(c.plannedEnd), actualStart: isoOrNull(c.actualStart), actualEnd: isoOrNull(c.actualEnd) })),
      complaints: d.complaints.map((c) => ({ id: c.id, occurredAt: iso(c.occurredAt), phenomenon: c.phenomenon, cause: c.cause, address: c.address })),
    }
  })
}
