/** The workflow and figures API as the web app uses it (issue 8). */
import { call as apiCall, bboxParam } from '../api.js'
import type { BBox, ComplaintView } from '../api.js'

export interface Breach { limit: 'respond' | 'answer' | 'close'; label: string; dueAt: string; doneAt: string | null; overdueMs: number; open: boolean }
export type Action = 'answer' | 'dispatch' | 'field_test' | 'call_back' | 'close' | 'reopen'
export interface WorkflowComplaint extends ComplaintView {
  status: string | null; statusLabel: string | null; ticket: string | null; repeatOf: string | null; team: string | null; teamSpecialty: string | null
  satisfied: boolean | null; overdue: boolean; breaches: Breach[]; allowedActions: Action[]
}
export interface HistoryStep {
  seq: number; action: string; actionLabel: string; from: string | null; to: string; toLabel: string; by: string | null; at: string; note: string | null
  data: Record<string, unknown> | null
}
export interface StepBody { action: Action; note?: string; team?: string; specialty?: string; cause?: string; satisfied?: boolean }
export interface Figures {
  from: string; to: string; total: number; tracked: number; closed: number
  firstTimeResolution: number | null; dispatchRate: number | null; fieldTestRate: number | null; overdueRate: number | null; repeatRate: number | null
  counts: { firstTime: number; dispatched: number; fieldTested: number; overdue: number; repeats: number }
  per1000Users: number | null
  districts: { id: string; name: string; users: number; complaints: number; per1000Users: number }[]
  byCause: { code: string; label: string; count: number }[]
  bySpecialty: { specialty: string; count: number }[]
  byStatus: Record<string, number>
}
export type FiguresArea = { district: string } | { bbox: string } | Record<string, never>

const call = <T>(path: string, body?: unknown) => apiCall<T>(path, body === undefined ? undefined : { body })
const q = bboxParam
const enc = encodeURIComponent

export const workflowApi = {
  complaint: (id: string) => call<WorkflowComplaint>(`/api/complaints/${enc(id)}`),
  history: (id: string) => call<{ status: string | null; statusLabel: string | null; history: HistoryStep[] }>(`/api/complaints/${enc(id)}/history`),
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
