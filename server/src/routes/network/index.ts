/**
 * The network-element tree 网元树 and one element (issue 9):
 *   GET /api/network/tree                         MSC → BSC → site → cell, rings, counts, states, orphans
 *   GET /api/network/elements/:type/:id?from&to   a BSC/MSC/ring: sites, footprint, alarm state, complaints
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ELEMENT_TYPES, type ElementType } from '../../domain/types.js'
import { AppError } from '../../errors.js'
import { FOOTPRINT_METHOD } from '../../network-tree/index.js'
import type { NetworkService } from '../../service/network-service.js'
import { readWindow } from '../analysis/batch.js'
import { errorReplies } from '../../../../contract/src/schemas/common.js'
import { ElementParams, ElementQuery, ElementReply, TreeReply } from '../../../../contract/src/schemas/network.js'

const WEEK_MS = 7 * 24 * 3600_000
const iso = (t: number | null) => (t == null ? null : new Date(t).toISOString())

export const networkRoutes: FastifyPluginAsyncTypebox<{ service: NetworkService }> = async (app, { service }) => {
  app.get('/api/network/tree', {
    schema: {
      tags: ['network'],
      summary: 'The network-element tree 网元树: MSC → BSC → site → cell and the transmission rings, with counts, states (worst of the subtree) and orphans',
      response: { 200: TreeReply, ...errorReplies },
    },
  }, async () => service.reads.tree(Date.now()))

  app.get('/api/network/elements/:type/:id', {
    schema: {
      tags: ['network'],
      summary: 'One BSC, MSC or transmission ring: its sites, footprint (GeoJSON), alarm state, alarms, cutovers and the complaints inside it',
      params: ElementParams,
      querystring: ElementQuery,
      response: { 200: ElementReply, ...errorReplies },
    },
  }, async (req) => {
    const { type, id } = req.params
    if (!(ELEMENT_TYPES as readonly string[]).includes(type)) {
      throw new AppError('VALIDATION', `type: expected one of ${ELEMENT_TYPES.join(', ')}, got ${JSON.stringify(type.slice(0, 20))}`)
    }
    const now = Date.now()
    const [from, to] = readWindow(req.query.from ?? new Date(now - WEEK_MS).toISOString(), req.query.to ?? new Date(now).toISOString())
    const d = service.reads.element(type as ElementType, id, { from, to, now })
    if (!d || !d.footprint) throw new AppError('NOT_FOUND', `no site names ${type} ${JSON.stringify(id.slice(0, 128))}`)
    return {
      ...d,
      alarms: d.alarms.map((a) => ({ id: a.id, kind: a.kind, severity: a.severity, raisedAt: iso(a.raisedAt)!, clearedAt: iso(a.clearedAt), active: a.clearedAt == null })),
      cutovers: d.cutovers.map((c) => ({ id: c.id, description: c.description, plannedStart: iso(c.plannedStart), plannedEnd: iso(c.plannedEnd), actualStart: iso(c.actualStart), actualEnd: iso(c.actualEnd) })),
      footprint: { type: 'Feature' as const, properties: { type, id, sites: d.sites.length, method: FOOTPRINT_METHOD }, geometry: d.footprint },
      complaints: {
        from: iso(from)!, to: iso(to)!, count: d.complaints.count,
        list: d.complaints.list.map((c) => ({ id: c.id, occurredAt: iso(c.occurredAt)!, phenomenon: c.phenomenon, cause: c.cause, suggestedCause: c.suggestedCause, address: c.address, lon: c.lon, lat: c.lat })),
      },
    }
  })
}
