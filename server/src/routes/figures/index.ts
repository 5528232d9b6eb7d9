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
import { FiguresReply } from '../../../../contract/src/schemas/workflow.js'
import { timeField } from '../diagnose/input.js'

const DAY = 24 * 3600_000
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
