/**
 * The engineer's area queries: POST /api/complaints/area (complaints in a drawn polygon or a district and
 * a window, with counts by cause and phenomenon) and GET /api/districts/stats (complaints per district).
 * On PostGIS both run in the database.
 */
import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { NetworkService } from '../../service/network-service.js'
import { AppError } from '../../errors.js'
import { errorReplies, IsoTime } from '../../../../contract/src/schemas/common.js'
import { timeField } from '../diagnose/input.js'
import { AreaComplaintsReply } from '../../../../contract/src/schemas/complaints.js'
import { complaintView } from '../complaints/index.js'

const MAX_LIMIT = 10_000

export const areaRoutes: FastifyPluginAsyncTypebox<{ service: NetworkService }> = async (app, { service }) => {
  app.post('/api/complaints/area', {
    schema: {
      tags: ['complaints'],
      summary: 'Complaints in an area (GeoJSON Polygon/MultiPolygon, or a district id) and a time window, with breakdowns',
      body: Type.Object({
        area: Type.Optional(Type.Unknown({ description: 'GeoJSON Polygon or MultiPolygon, WGS-84' })),
        district: Type.Optional(Type.String({ maxLength: 64 })),
        from: IsoTime,
        to: IsoTime,
        limit: Type.Optional(Type.Integer({ minimum: 1, default: 1000, description: 'clamped to 10000' })),
      }, { additionalProperties: false }),
      response: { 200: AreaComplaintsReply, ...errorReplies },
    },
  }, async (req) => {
    const area = await service.resolveArea(req.body as { area?: unknown; district?: string })
    const limit = req.body.limit ?? 1000
    // The schema's minimum does not hold for a coerced "-Infinity" (ajv skips bounds on non-finite numbers).
    if (!Number.isSafeInteger(limit) || limit < 1) throw new AppError('VALIDATION', `limit: expected an integer 1–${MAX_LIMIT}, got ${limit}`)
    const r = await service.complaintsInArea(area, timeField('from', req.body.from), timeField('to', req.body.to), Math.min(limit, MAX_LIMIT))
    return { ...r, complaints: r.complaints.map((c) => complaintView(c)) }
  })

  app.get('/api/districts/stats', {
    schema: {
      tags: ['complaints'],
      summary: 'Complaints per district (features of type district) in a time window',
      querystring: Type.Object({ from: IsoTime, to: IsoTime }),
      response: { 200: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), complaints: Type.Integer() })), ...errorReplies },
    },
  }, async (req) => service.districtCounts(timeField('from', req.query.from), timeField('to', req.query.to)))
}
