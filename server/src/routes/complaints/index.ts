/** POST /api/complaints, GET /api/complaints?bbox=&from=&to=, GET /api/complaints/lookup?q=, GET /api/complaints/:id. */
import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { parseBbox } from '../../service/params.js'
import { maskNumber } from '../../ingest/fields.js'
import type { NetworkService, StoredComplaintView } from '../../service/network-service.js'
import { ErrorReply, errorReplies } from '../../../../contract/src/schemas/common.js'
import { timeField, toDiagnoseInput } from '../diagnose/input.js'
import { createHash } from 'node:crypto'
import { ComplaintReply, ComplaintsQuery, LookupQuery, LookupReply, RecordComplaintBody, RecordComplaintHeaders } from '../../../../contract/src/schemas/complaints.js'
import { allowed } from '../../auth/plugin.js'
import { AppError } from '../../errors.js'
import { toCsv, type Cell } from '../../../../contract/src/csv.js'
import { toXlsx } from '../../export/xlsx.js'
import { CAUSE_LABELS, PHENOMENA } from '../../domain/types.js'
import { formatChinaTime } from '../../ingest/time.js'
import type { WorkflowInfo } from '../../workflow/workflow-service.js'

const MAX_LIMIT = 10_000
/** An export holds at most this many complaints (a month of a city's complaints for field tests). */
const MAX_EXPORT = 200_000

const EXPORT_HEADER = ['投诉编号', '发生时间', '受理时间', '地址', '经度', '纬度', '业务', '现象', '描述', '用户号码', 'VIP', '建议原因', '最终原因', '处理方式', '专业', '关联基站', '答复']
const EXPORT_WIDTHS = [16, 20, 20, 28, 11, 10, 6, 10, 30, 14, 6, 14, 14, 10, 16, 20, 40]
const SERVICE_LABELS = { voice: '语音', data: '数据' } as const
const DISPOSITION_LABELS = { self: '自行处理', dispatch: '派单', field_test: '实测' } as const
const china = (t: number | null) => (t == null ? null : formatChinaTime(t))

/** The rows of an export: the customer's number whole only when asked for and allowed. */
function exportTable(rows: readonly StoredComplaintView[], wholeNumbers: boolean): Cell[][] {
  return rows.map((c) => [
    c.id, china(c.occurredAt), china(c.reportedAt ?? null), c.address, c.lon, c.lat, SERVICE_LABELS[c.service as keyof typeof SERVICE_LABELS] ?? c.service,
    PHENOMENA[c.phenomenon as keyof typeof PHENOMENA] ?? c.phenomenon, c.description,
    c.number == null ? null : wholeNumbers ? c.number : maskNumber(c.number), c.vip,
    c.suggestedCause ? CAUSE_LABELS[c.suggestedCause] : null, c.cause ? CAUSE_LABELS[c.cause] : null,
    c.disposition ? DISPOSITION_LABELS[c.disposition as keyof typeof DISPOSITION_LABELS] ?? c.disposition : null, c.specialty, c.linkedSites.join(';'), c.answer,
  ])
}
const DAY = 24 * 3600_000
/** A call-back lookup answers at most this many complaints. */
const MAX_LOOKUP = 50

/** JSON with object keys sorted at every level: equal bodies give equal text whatever their key order. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`
  }
  return JSON.stringify(v)
}

/** What decides whether a repeated Idempotency-Key came with the same body: SHA-256 of its canonical JSON. */
const bodyHash = (body: unknown) => createHash('sha256').update(canonicalJson(body)).digest('hex')

/**
 * The JSON view of a stored complaint. The customer's number is stored whole (call-backs and field
 * tests need it) and shown whole only to a caller whose role may see it; everyone else gets 138****1234.
 */
export function complaintView(c: StoredComplaintView, showNumber = false, wf?: WorkflowInfo) {
  return {
    ...(wf ? workflowView(wf) : {}),
    id: c.id, occurredAt: new Date(c.occurredAt).toISOString(), reportedAt: c.reportedAt == null ? null : new Date(c.reportedAt).toISOString(),
    address: c.address, service: c.service, phenomenon: c.phenomenon, description: c.description, vip: c.vip, lon: c.lon, lat: c.lat,
    number: c.number == null ? null : showNumber ? c.number : maskNumber(c.number), suggestedCause: c.suggestedCause, cause: c.cause, overridden: c.cause != null && c.suggestedCause != null && c.cause !== c.suggestedCause,
    answer: c.answer, disposition: c.disposition, specialty: c.specialty, linkedSites: c.linkedSites, createdAt: new Date(c.createdAt).toISOString(),
  }
}

/** The workflow fields of a complaint view (issue 8). */
export function workflowView(w: WorkflowInfo) {
  return {
    status: w.status, statusLabel: w.statusLabel, ticket: w.ticket, repeatOf: w.repeatOf, team: w.team, teamSpecialty: w.teamSpecialty,
    satisfied: w.satisfied, overdue: w.overdue, allowedActions: w.allowedActions,
    breaches: w.breaches.map((b) => ({ ...b, dueAt: new Date(b.dueAt).toISOString(), doneAt: b.doneAt == null ? null : new Date(b.doneAt).toISOString() })),
  }
}

export const complaintRoutes: FastifyPluginAsyncTypebox<{ service: NetworkService }> = async (app, { service }) => {
  app.post('/api/complaints', {
    schema: {
      tags: ['complaints'],
      summary: 'Record a complaint with its diagnosis, linked sites and the final cause (confirm or override)',
      description: 'With an Idempotency-Key header the complaint is stored at most once per user and key: a repeat answers 200 with the complaint stored first and the header Idempotent-Replayed: true; the same key with a different body answers 409 CONFLICT with details { reason: "idempotency_key_reused", id }.',
      headers: RecordComplaintHeaders,
      body: RecordComplaintBody,
      response: { 201: ComplaintReply, 200: ComplaintReply, 409: ErrorReply, ...errorReplies },
    },
  }, async (req, reply) => {
    const b = req.body
    const input = {
      ...toDiagnoseInput(b),
      id: b.id,
      reportedAt: b.reportedAt === undefined ? undefined : timeField('reportedAt', b.reportedAt),
      number: b.number ? b.number.replace(/[\s-]/g, '') : null,
      vip: b.vip ?? null,
      cause: b.cause ?? null,
      answer: b.answer ?? null,
      ticket: b.ticket ?? null,
      by: req.principal?.username ?? null,
    }
    const key = req.headers['idempotency-key']
    let stored: StoredComplaintView
    let replayed = false
    if (key === undefined) stored = await service.recordComplaint(input)
    else ({ complaint: stored, replayed } = await service.recordComplaintOnce(input, { username: req.principal?.username ?? '', key, bodyHash: bodyHash(b) }))
    const wf = (await service.workflow.infos([stored.id])).get(stored.id)
    if (replayed) reply.header('idempotent-replayed', 'true')
    return reply.code(replayed ? 200 : 201).send(complaintView(stored, allowed(req, 'complaint:number'), wf))
  })

  app.get('/api/complaints/lookup', {
    schema: {
      tags: ['complaints'],
      summary: 'Complaints for a call-back: by id or id prefix, ticket, the customer\'s number or its last four digits, or a part of the address; id and ticket matches first, then the newest',
      querystring: LookupQuery,
      response: { 200: LookupReply, ...errorReplies },
    },
  }, async (req): Promise<LookupReply> => {
    const rows = await service.lookupComplaints(req.query.q, Math.min(req.query.limit ?? 10, MAX_LOOKUP))
    const whole = allowed(req, 'complaint:number')
    const wf = await service.workflow.infos(rows.map((c) => c.id))
    return {
      items: rows.map((c) => {
        const w = wf.get(c.id)
        return {
          id: c.id, ticket: w?.ticket ?? null, occurredAt: new Date(c.occurredAt).toISOString(), reportedAt: c.reportedAt == null ? null : new Date(c.reportedAt).toISOString(),
          address: c.address, phenomenon: c.phenomenon, service: c.service, number: c.number == null ? null : whole ? c.number : maskNumber(c.number),
          status: w?.status ?? null, statusLabel: w?.statusLabel ?? null, suggestedCause: c.suggestedCause, cause: c.cause, lon: c.lon, lat: c.lat, match: c.match,
        }
      }),
    }
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
    const whole = allowed(req, 'complaint:number')
    const wf = await service.workflow.infos(rows.map((c) => c.id))
    return rows.map((c) => complaintView(c, whole, wf.get(c.id)))
  })

  app.get('/api/complaints/export', {
    schema: {
      tags: ['complaints'],
      summary: 'Complaints of a bbox and window as CSV or XLSX for field tests (audited; full numbers only for roles with export:number and numbers=1)',
      querystring: Type.Intersect([ComplaintsQuery, Type.Object({
        format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'csv' })),
        numbers: Type.Optional(Type.Boolean({ default: false, description: "include customers' full numbers (admin only); otherwise masked" })),
      })]),
    },
  }, async (req, reply) => {
    const q = req.query
    if (q.numbers && !allowed(req, 'export:number')) throw new AppError('FORBIDDEN', `role ${req.principal?.role} may not export customers' full numbers (needs export:number)`)
    const to = q.to ? timeField('to', q.to) : Date.now() + DAY
    const from = q.from ? timeField('from', q.from) : to - 31 * DAY
    if (from > to) throw new AppError('VALIDATION', 'from must not be after to', { field: 'from', rule: 'order' })
    const rows = await service.findComplaints({ bbox: parseBbox(q.bbox), from, to, limit: Math.min(q.limit ?? MAX_EXPORT, MAX_EXPORT) })
    const table = exportTable(rows, q.numbers === true)
    const stamp = new Date().toISOString().slice(0, 10)
    reply.header('x-row-count', String(rows.length))
    if (q.format === 'xlsx') {
      const body = await toXlsx([{ name: '投诉清单', header: EXPORT_HEADER, rows: table, widths: EXPORT_WIDTHS }])
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="complaints-${stamp}.xlsx"`)
        .send(body)
    }
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="complaints-${stamp}.csv"`).send(toCsv(EXPORT_HEADER, table))
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
    const wf = (await service.workflow.infos([c.id])).get(c.id)
    return { ...complaintView(c, allowed(req, 'complaint:number'), wf), diagnosis: c.diagnosis }
  })
}
