/** POST /api/complaints, GET /api/complaints?bbox=&from=&to=, GET /api/complaints/:id. */
import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { parseBbox } from '../../service/params.js'
import { maskNumber } from '../../ingest/fields.js'
import type { NetworkService, StoredComplaintView } from '../../service/network-service.js'
import { errorReplies } from '../schemas.js'
import { timeField, toDiagnoseInput } from '../diagnose/input.js'
import { ComplaintReply, ComplaintsQuery, RecordComplaintBody } from './schemas.js'

const MAX_LIMIT = 10_000
const DAY = 24 * 3600_000

/** The JSON view of a stored complaint. */
export function complaintView(c: StoredComplaintView) {
  return {
    id: c.id, occurredAt: new Date(c.occurredAt).toISOString(), reportedAt: c.reportedAt == null ? null : new Date(c.reportedAt).toISOString(),
    address: c.address, service: c.service, phenomenon: c.phenomenon, description: c.description, vip: c.vip, lon: c.lon, lat: c.lat,
    number: c.number, suggestedCause: c.suggestedCause, cause: c.cause, overridden: c.cause != null && c.suggestedCause != null && c.cause !== c.suggestedCause,
    answer: c.answer, disposition: c.disposition, specialty: c.specialty, linkedSites: c.linkedSites, createdAt: new Date(c.createdAt).toISOString(),
  }
}

export const complaintRoutes: FastifyPluginAsyncTypebox<{ service: NetworkService }> = async (app, { service }) => {
  app.post('/api/complaints', {
    schema: {
      tags: ['complaints'],
      summary: 'Record a complaint with its diagnosis, linked sites and the final cause (confirm or override)',
      body: RecordComplaintBody,
      response: { 201: ComplaintReply, ...errorReplies },
    },
  }, async (req, reply) => {
    const b = req.body
    const stored = await service.recordComplaint({
      ...toDiagnoseInput(b),
      id: b.id,
      reportedAt: b.reportedAt === undefined ? undefined : timeField('reportedAt', b.reportedAt),
      number: b.number ? maskNumber(b.number) : null,
      vip: b.vip ?? null,
      cause: b.cause ?? null,
      answer: b.answer ?? null,
    })
    return reply.code(201).send(complaintView(stored))
  })

  app.get('/api/complaints', {
    schema: {
      tags: ['complaints'],
      summary: 'Complaints in a bbox and time window (default: the last 30 days), newest first',
      querystring: ComplaintsQuery,
      response: { 200: Type.Array(ComplaintReply), ...errorReplies },
    },
  }, async (req) => {
    const q = req.query
    const to = q.to ? timeField('to', q.to) : Date.now() + DAY
    const from = q.from ? timeField('from', q.from) : to - 31 * DAY
    const rows = await service.findComplaints({ bbox: parseBbox(q.bbox), from, to, limit: Math.min(q.limit ?? 1000, MAX_LIMIT) })
    return rows.map(complaintView)
  })

  app.get('/api/complaints/:id', {
    schema: {
      tags: ['complaints'],
      summary: 'One complaint, with the diagnosis that was shown to the agent',
      params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
      response: { 200: Type.Intersect([ComplaintReply, Type.Object({ diagnosis: Type.Unknown() })]), ...errorReplies },
    },
  }, async (req) => {
    const c = await service.getComplaint(req.params.id)
    return { ...complaintView(c), diagnosis: c.diagnosis }
  })
}
