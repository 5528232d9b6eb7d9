/**
 * GET/POST /api/figures — the figures of an area and period (issue 8): 一次性解决率, dispatch, field-test,
 * overdue and repeat rates, 千人投诉率 where districts' user counts are known, and breakdowns by cause and 专业.
 */
import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { NetworkService } from '../../service/network-service.js'
import type { AreaGeometry } from '../../domain/types.js'
import { AppError } from '../../errors.js'
import { parseBbox } from '../../service/params.js'
import { IsoTime, errorReplies } from '../../../../contract/src/schemas/common.js'
import { timeField } from '../diagnose/input.js'

const DAY = 24 * 3600_000
const Rate = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], { description: 'a share in [0, 1]; null when its denominator is 0' })

const FiguresReply = Type.Object({
  from: Type.String(), to: Type.String(),
  total: Type.Integer({ description: 'complaints that occurred in the area and period' }),
  tracked: Type.Integer({ description: 'of them, recorded through the workflow (imported history has none)' }),
  closed: Type.Integer(),
  firstTimeResolution: Rate, dispatchRate: Rate, fieldTestRate: Rate, overdueRate: Rate, repeatRate: Rate,
  counts: Type.Object({ firstTime: Type.Integer(), dispatched: Type.Integer(), fieldTested: Type.Integer(), overdue: Type.Integer(), repeats: Type.Integer() }),
  per1000Users: Type.Union([Type.Number(), Type.Null()], { description: '千人投诉率 over the districts with known users that the area covers whole; null: none' }),
  districts: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), users: Type.Number(), complaints: Type.Integer(), per1000Users: Type.Number() })),
  byCause: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), count: Type.Integer() })),
  bySpecialty: Type.Array(Type.Object({ specialty: Type.String(), count: Type.Integer() })),
  byStatus: Type.Record(Type.String(), Type.Integer()),
  truncated: Type.Boolean(),
})

const Where = {
  bbox: Type.Optional(Type.String({ description: 'minLon,minLat,maxLon,maxLat (WGS-84)' })),
  district: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'a district (feature of type district) id' })),
  from: Type.Optional(IsoTime),
  to: Type.Optional(IsoTime),
}

/** The area of a figures request: exactly one of area (GeoJSON), district, bbox; none: the whole world. */
async function areaOf(service: NetworkService, q: { area?: unknown; district?: string; bbox?: string }): Promise<AreaGeometry> {
  const given = (['area', 'district', 'bbox'] as const).filter((k) => q[k] !== undefined)
  if (given.length > 1) throw new AppError('VALIDATION', `give one of area, district or bbox, got ${given.join(' and ')}`)
  // parseBbox(undefined) is the whole world.
  if (q.area === undefined && q.district === undefined) return bboxPolygon(parseBbox(q.bbox))
  return service.resolveArea({ area: q.area, district: q.district })
}

const bboxPolygon = ([w, s, e, n]: [number, number, number, number]): AreaGeometry => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] })

export const figureRoutes: FastifyPluginAsyncTypebox<{ service: NetworkService }> = async (app, { service }) => {
  const run = async (q: { area?: unknown; district?: string; bbox?: string; from?: string; to?: string }) => {
    const now = service.now()
    const to = q.to ? timeField('to', q.to) : now
    const from = q.from ? timeField('from', q.from) : to - 30 * DAY
    if (from > to) throw new AppError('VALIDATION', `from (${q.from}) must not be after to (${q.to ?? 'now'})`)
    const f = await service.workflow.figures(await areaOf(service, q), from, to)
    return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), ...f }
  }

  app.get('/api/figures', {
    schema: {
      tags: ['complaints'],
      summary: 'Figures of a bbox or district and period (default: the last 30 days): 一次性解决率, dispatch/field-test/overdue/repeat rates, 千人投诉率, by cause and 专业',
      querystring: Type.Object(Where),
      response: { 200: FiguresReply, ...errorReplies },
    },
  }, async (req) => run(req.query))

  app.post('/api/figures', {
    schema: {
      tags: ['complaints'],
      summary: 'The figures of GET /api/figures for a drawn area (GeoJSON Polygon/MultiPolygon), a district or a bbox',
      body: Type.Object({ ...Where, area: Type.Optional(Type.Unknown({ description: 'GeoJSON Polygon or MultiPolygon (WGS-84)' })) }, { additionalProperties: false }),
      response: { 200: FiguresReply, ...errorReplies },
    },
  }, async (req) => run(req.body))
}
