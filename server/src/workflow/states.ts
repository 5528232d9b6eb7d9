/**
 * The complaint's state machine (issue 8; 003 一、第四–六步 and 篇3 §3.3): 受理 → 分析定位 → 自行处理 /
 * 派单 / 实测 → 回复 → 回访 → 结单, and 重开 when the customer is not satisfied or calls again.
 * One table of legal transitions; everything else is refused with the current status, the action and
 * what is allowed from there.
 */
import { AppError } from '../errors.js'
import { ACTION_LABELS, STATUSES, STATUS_LABELS, USER_ACTIONS, type Action, type Status, type SystemAction, type UserAction } from '../../../contract/src/workflow.js'

export { ACTION_LABELS, STATUSES, STATUS_LABELS, USER_ACTIONS, type Action, type Status, type SystemAction, type UserAction }

/**
 * The legal transitions: action → (from status → to status). Why each row:
 * - answer: 自行处理 right after the analysis, or the reply once a team or a field test settled it
 *   (003: "回复结果将直接反馈客服系统"); also after a reopen.
 * - dispatch: to a 专业中心 or 分公司 when the cause needs another team or is unknown; again from a
 *   dispatch (改派, 000: "由客户服务中心改派") or after a field test that found work for another team.
 * - field_test: only by a team the complaint was dispatched to (003 第六步: "派至分公司进行实测").
 * - call_back: after the customer was answered (回访).
 * - close: after the answer, or after a call-back — but not after a call-back the customer was not
 *   satisfied with (that one is reopened; see closeGuard).
 * - reopen: the customer is not satisfied or calls again, after an answer, a call-back or a close.
 */
export const TRANSITIONS: Record<Action, Partial<Record<Status | 'none', Status>>> = {
  receive: { none: 'received' },
  diagnose: { received: 'diagnosed' },
  answer: { diagnosed: 'answered', dispatched: 'answered', field_tested: 'answered', reopened: 'answered' },
  dispatch: { diagnosed: 'dispatched', dispatched: 'dispatched', field_tested: 'dispatched', reopened: 'dispatched' },
  field_test: { dispatched: 'field_tested' },
  call_back: { answered: 'called_back' },
  close: { answered: 'closed', called_back: 'closed' },
  reopen: { answered: 'reopened', called_back: 'reopened', closed: 'reopened' },
}

/** The actions a person may take from a status (for the error message and the UI's buttons). */
export function allowedActions(status: Status, satisfied: boolean | null = null): UserAction[] {
  return USER_ACTIONS.filter((a) => TRANSITIONS[a][status] !== undefined && !(a === 'close' && status === 'called_back' && satisfied === false))
}

/** Whether a string names a status (rows read from the store). */
export const isStatus = (s: unknown): s is Status => typeof s === 'string' && (STATUSES as readonly string[]).includes(s)

/**
 * The status `action` leads to from `from`, or CONFLICT (409) naming the current status, the action
 * and what is allowed from there. `satisfied` is the last call-back's answer (close is refused after
 * an unsatisfied call-back: reopen instead).
 */
export function transition(from: Status | null, action: Action, satisfied: boolean | null = null): Status {
  const to = TRANSITIONS[action][from ?? 'none']
  const label = (s: Status | null) => (s == null ? '无(新建)' : `${STATUS_LABELS[s]}(${s})`)
  if (to === undefined) {
    const allowed = from == null ? [] : allowedActions(from)
    throw new AppError('CONFLICT', `complaint is ${label(from)}: cannot ${ACTION_LABELS[action]}(${action}); allowed: ${allowed.length ? allowed.map((a) => `${ACTION_LABELS[a]}(${a})`).join(', ') : 'none'}`, {
      status: from, action, allowed,
    })
  }
  if (action === 'close' && from === 'called_back' && satisfied === false) {
    throw new AppError('CONFLICT', `complaint is ${label(from)} and the customer was not satisfied: cannot ${ACTION_LABELS.close}(close); allowed: ${ACTION_LABELS.reopen}(reopen)`, {
      status: from, action, allowed: ['reopen'],
    })
  }
  return to
}
