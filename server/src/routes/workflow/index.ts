/**
 * The complaint's workflow (issue 8): POST /api/complaints/:id/actions takes a step, GET
 * /api/complaints/:id/history lists the steps, GET /api/complaints/overdue lists the complaints past a
 * time limit. Illegal steps → 409 naming the status, the step and what is allowed.
 */
import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { NetworkService } from '../../service/network-service.js'
import { allowed } from '../../auth/plugin.js'
import type { Permission } from '../../auth/roles.js'
import { AppError } from '../../errors.js'
import { parseBbox } from '../../service/params.js'
import { ErrorReply, errorReplies } from '../../../../contract/src/schemas/common.js'
import { ActionBody, HistoryListReply, HistoryReply } from '../../../../contract/src/schemas/workflow.js'
import { ComplaintReply } from '../../../../contract/src/schemas/complaints.js'
import { complaintView, workflowView } from '../complaints/index.js'
import { ACTION_LABELS, STATUS_LABELS, type UserAction } from '../../workflow/states.js'

/** Which permission each step needs: the customer-facing steps are the agent's, the network side the engineer's. */
export const ACTION_PERMISSION: Record<UserAction, Permission> = {
  answer: 'complaint:workflow', call_back: 'complaint:workflow', close: 'complaint:workflow', reopen: 'complaint:workflow',
  dispatch: 'complaint:dispatch', field_test: 'complaint:dispatch',
}

const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })
type HistoryEntry = Awaited<ReturnType<NetworkService['workflow']['history']>>[number]
const historyView = (e: HistoryEntry) => ({
  ...e, at: new Date(e.at).toISOString(), actionLabel: ACTION_LABELS[e.action as UserAction] ?? e.action, toLabel: STATUS_LABELS[e.to as keyof typeof STATUS_LABELS] ?? e.to,
})

export const workflowRoutes: FastifyPluginAsyncTypebox<{ service: NetworkService }> = async (app, { service }) => {
  app.post('/api/complaints/:id/actions', {
    schema: {
      tags: ['complaints'],
      summary: 'Take a workflow step: answer 答复, dispatch 派单 (team, specialty), field_test 实测 (note, cause), call_back 回访 (satisfied), close 结单, reopen 重开',
      params: Id,
      body: ActionBody,
      response: { 200: Type.Object({ complaint: ComplaintReply, step: HistoryReply }), 403: ErrorReply, 409: ErrorReply, ...errorReplies },
    },
  }, async (req) => {
    const { action } = req.body
    const need = ACTION_PERMISSION[action]
    if (!allowed(req, need)) throw new AppError('FORBIDDEN', `role ${req.principal?.role} may not ${ACTION_LABELS[action]} (${action} needs ${need})`)
    const r = await service.complaintAction(req.params.id, req.body, req.principal?.username ?? null)
    return { complaint: complaintView(r.complaint, allowed(req, 'complaint:number'), service.workflow.info(r.workflow)), step: historyView(r.entry) }
  })

  app.get('/api/complaints/:id/history', {
    schema: {
      tags: ['complaints'],
      summary: "A complaint's status now and every step that led there (who, what, when, note), oldest first",
      params: Id,
      response: { 200: HistoryListReply, ...errorReplies },
    },
  }, async (req) => {
    const history = await service.workflow.history(req.params.id)
    const wf = (await service.workflow.infos([req.params.id])).get(req.params.id)!
    return { id: req.params.id, status: wf.status, statusLabel: wf.statusLabel, history: history.map(historyView) }
  })

  app.get('/api/complaints/overdue', {
    schema: {
      tags: ['complaints'],
      summary: 'Complaints past a time limit now (响应 15 min, 答复 24 h, 结单 72 h by default): which limit, by how much; most overdue first',
      querystring: Type.Object({
        bbox: Type.Optional(Type.String({ description: 'minLon,minLat,maxLon,maxLat (WGS-84); clamped to the world' })),
        limit: Type.Optional(Type.Integer({ minimum: 1, default: 500, description: 'clamped to 5000' })),
      }),
      response: { 200: Type.Array(ComplaintReply), ...errorReplies },
    },
  }, async (req) => {
    const [minLon, minLat, maxLon, maxLat] = parseBbox(req.query.bbox)
    const whole = allowed(req, 'complaint:number')
    const list = await service.workflow.overdue(20_000)
    return list
      .filter(({ complaint: c }) => c.lon >= minLon && c.lon <= maxLon && c.lat >= minLat && c.lat <= maxLat)
      .slice(0, Math.min(req.query.limit ?? 500, 5000))
      .map(({ complaint, info }) => ({ ...complaintView(complaint, whole), ...workflowView(info) }))
  })
}
