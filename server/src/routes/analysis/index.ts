/**
 * POST /api/analysis/area — the engineer's area analysis: a drawn polygon or a district and a time
 * window → the complaints inside, breakdowns by cause and phenomenon, the most complained-about
 * sites and the unexplained hot spots (see area.ts).
 */
import { Type } from 'typebox'
import { bbox as turfBbox } from '@turf/bbox'
import { MAX_AREA_VERTICES, readArea } from '../../service/area.js'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { NetworkService } from '../../service/network-service.js'
import { AppError } from '../../errors.js'
import { CauseCode, IsoTime, errorReplies } from '../../../../contract/src/schemas/common.js'
import { timeField } from '../diagnose/input.js'
import { ComplaintReply } from '../../../../contract/src/schemas/complaints.js'
import { complaintView } from '../complaints/index.js'
import { analyseArea, HOTSPOT_MIN, HOTSPOT_RADIUS_M } from './area.js'
import { batchAnalysisRoutes } from './batch.js'

/** Complaints read per analysis; an area with more is reported as truncated. */
const MAX_COMPLAINTS = 10_000
const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 })
const Ring = Type.Array(Position, { minItems: 4, maxItems: MAX_AREA_VERTICES })
const Area = Type.Union([
  Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Ring, { minItems: 1, maxItems: 100 }) }),
  Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Array(Ring, { minItems: 1, maxItems: 100 }), { minItems: 1, maxItems: 100 }) }),
], { description: 'GeoJSON Polygon or MultiPolygon, WGS-84' })

const Count = (code: ReturnType<typeof Type.String> | typeof CauseCode) => Type.Object({ code, label: Type.String(), count: Type.Integer() })

export const analysisRoutes: FastifyPluginAsyncTypebox<{ service: NetworkService }> = async (app, { service }) => {
  await app.register(batchAnalysisRoutes, { service })
  app.post('/api/analysis/area', {
    schema: {
      tags: ['complaints'],
      summary: 'Complaints in an area and window with breakdowns by cause and phenomenon, top sites and unexplained hot spots',
      body: Type.Object({ area: Area, from: IsoTime, to: IsoTime }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          total: Type.Integer(),
          truncated: Type.Boolean({ description: `more than ${MAX_COMPLAINTS} complaints in the area's bbox: only the newest were analysed` }),
          complaints: Type.Array(Type.Intersect([ComplaintReply, Type.Object({
            attributedCause: Type.Union([CauseCode], { description: 'the cause counted: final, else suggested, else diagnosed now' }),
          })])),
          byCause: Type.Array(Count(CauseCode), { description: 'by the final cause, or the suggested one while open' }),
          byPhenomenon: Type.Array(Count(Type.String())),
          topSites: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), state: Type.String(), count: Type.Integer() })),
          hotspots: Type.Array(Type.Object({
            lon: Type.Number(), lat: Type.Number(), count: Type.Integer(), radius_m: Type.Number(), complaintIds: Type.Array(Type.String()),
          }), { description: `complaints with cause unknown or mass_outage, ≥ ${HOTSPOT_MIN} within ${HOTSPOT_RADIUS_M} m of each other` }),
        }),
        ...errorReplies,
      },
    },
  }, async (req) => {
    const { from, to } = req.body
    // The same checks as every other area: finite WGS-84 positions, closed rings, the vertex cap, no self-intersection.
    const area = readArea(req.body.area)
    const f = timeField('from', from)
    const t = timeField('to', to)
    if (f > t) throw new AppError('VALIDATION', `from must not be after to, got from=${from} to=${to}`)
    const [minLon, minLat, maxLon, maxLat] = turfBbox(area)
    if (![minLon, minLat, maxLon, maxLat].every(Number.isFinite) || minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) {
      throw new AppError('VALIDATION', `area: expected WGS-84 coordinates, got a bbox of ${[minLon, minLat, maxLon, maxLat].join(',')}`)
    }
    const rows = await service.findComplaints({ bbox: [minLon, minLat, maxLon, maxLat], from: f, to: t, limit: MAX_COMPLAINTS })
    const now = Date.now()
    const a = analyseArea(rows, area, {
      causeOf: (c) => c.cause ?? c.suggestedCause ?? service.diagnose(c, c.reportedAt ?? c.occurredAt).cause.code,
      siteOf: (c) => c.linkedSites[0] ?? service.reads.servingSiteId(c.lon, c.lat),
    })
    return {
      ...a,
      truncated: rows.length >= MAX_COMPLAINTS,
      complaints: a.complaints.map((c) => ({ ...complaintView(c), attributedCause: c.attributedCause })),
      topSites: a.topSites.map((s) => ({ ...s, ...service.reads.siteSummary(s.id, now) })),
    }
  })
}
