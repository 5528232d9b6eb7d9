/** The workflow and figures API as the web app uses it; the reply types are the server's schemas. */
import { call as apiCall, bboxParam } from '../api.js'
import type { BBox, ComplaintView } from '../api.js'
import type { Static } from 'typebox'
import type { UserAction } from '../../../contract/src/workflow.js'
import type { BreachReply, WorkflowFields } from '../../../contract/src/schemas/complaints.js'
import type { ActionBody, FiguresReply, HistoryListReply, HistoryReply } from '../../../contract/src/schemas/workflow.js'

export type Breach = Static<typeof BreachReply>
export type Action = UserAction
/** The schema's workflow fields, which GET /api/complaints/:id always fills. */
type Workflow = Required<Pick<ComplaintView, keyof typeof WorkflowFields>>
/**
 * A complaint as GET /api/complaints/:id shows it: with its workflow fields (status, breaches, allowed
 * steps) all present, and the allowed steps as the user actions they are.
 */
export type WorkflowComplaint = ComplaintView & Omit<Workflow, 'allowedActions'> & { allowedActions: Action[] }
export type HistoryStep = Static<typeof HistoryReply>
export type StepBody = Static<typeof ActionBody>
export type Figures = Static<typeof FiguresReply>
export type FiguresArea = { district: string } | { bbox: string } | Record<string, never>

const call = <T>(path: string, body?: unknown) => apiCall<T>(path, body === undefined ? undefined : { body })
const q = bboxParam
const enc = encodeURIComponent

export const workflowApi = {
  complaint: (id: string) => call<WorkflowComplaint>(`/api/complaints/${enc(id)}`),
  history: (id: string) => call<Static<typeof HistoryListReply>>(`/api/complaints/${enc(id)}/history`),
  act: (id: string, body: StepBody) => call<{ complaint: WorkflowComplaint; step: HistoryStep }>(`/api/complaints/${enc(id)}/actions`, body),
  overdue: (b?: BBox) => call<WorkflowComplaint[]>(`/api/complaints/overdue${b ? `?bbox=${q(b)}` : ''}`),
  figures: (where: FiguresArea, from: string, to: string) => call<Figures>('/api/figures', { ...where, from, to }),
}

/** "2 小时 5 分" for an overdue amount. */
export function duration(ms: number): string {
  const m = Math.round(ms / 60_000)
  if (m < 60) return `${m} 分钟`
  const h = Math.floor(m / 60)
  if (h < 48) return `${h} 小时${m % 60 ? ` ${m % 60} 分` : ''}`
  return `${Math.floor(h / 24)} 天 ${h % 24} 小时`
}

/** "答复超时 3 小时" for the open breaches of a complaint, joined. */
export const overdueText = (b: readonly Breach[]) => b.filter((x) => x.open).map((x) => `${x.label} ${duration(x.overdueMs)}`).join(',')
