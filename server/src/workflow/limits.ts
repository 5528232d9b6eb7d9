/**
 * Time limits (时限): 15 minutes to respond, 24 hours to a first answer, 72 hours to close (the seeds'
 * "15分钟响应、24小时初步反馈、72小时闭环解决"; the figures are options in config/workflow.ts). Every limit runs
 * from the complaint's receipt (its reported time). A limit is breached when its milestone came late,
 * or has not come and its due time has passed; the second kind is *open* — the complaint is overdue now.
 */
import type { WorkflowOptions } from '../config/index.js'

export const LIMITS = ['respond', 'answer', 'close'] as const
export type Limit = (typeof LIMITS)[number]

export const LIMIT_LABELS: Record<Limit, string> = { respond: '响应超时', answer: '答复超时', close: '结单超时' }

/** The times a complaint's limits are judged by (epoch ms; null: not yet). */
export interface Milestones {
  receivedAt: number
  respondedAt: number | null
  answeredAt: number | null
  /** The last close, null while the complaint is not closed (a reopened complaint is open again). */
  closedAt: number | null
}

/** One breached limit: which, when it was due, when it was met (null: not yet — open), by how much it is over. */
export interface Breach {
  limit: Limit
  label: string
  dueAt: number
  doneAt: number | null
  overdueMs: number
  open: boolean
}

/** The limit's length in the options. */
export const limitMs = (o: WorkflowOptions, l: Limit): number => (l === 'respond' ? o.respondMs : l === 'answer' ? o.answerMs : o.closeMs)

/**
 * The limits a complaint has breached at `now`. A closed complaint has no open breach, whatever
 * milestone it skipped (closed without an answer cannot be answered late any more).
 */
export function breaches(m: Milestones, o: WorkflowOptions, now: number): Breach[] {
  const out: Breach[] = []
  const done: Record<Limit, number | null> = { respond: m.respondedAt, answer: m.answeredAt, close: m.closedAt }
  for (const limit of LIMITS) {
    const dueAt = m.receivedAt + limitMs(o, limit)
    const doneAt = done[limit]
    if (doneAt != null) {
      if (doneAt > dueAt) out.push({ limit, label: LIMIT_LABELS[limit], dueAt, doneAt, overdueMs: doneAt - dueAt, open: false })
    } else if (m.closedAt == null && now > dueAt) {
      out.push({ limit, label: LIMIT_LABELS[limit], dueAt, doneAt: null, overdueMs: now - dueAt, open: true })
    }
  }
  return out
}

/** Overdue now: some limit's milestone has not come and its due time has passed. */
export const isOverdue = (b: readonly Breach[]) => b.some((x) => x.open)
