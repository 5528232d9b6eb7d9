/**
 * The complaint workflow's vocabulary: its statuses and steps with the Chinese labels agents read.
 * The legal transitions between them are the server's (server/src/workflow/states.ts).
 */

export const STATUSES = ['received', 'diagnosed', 'answered', 'dispatched', 'field_tested', 'called_back', 'closed', 'reopened'] as const
export type Status = (typeof STATUSES)[number]

/** 状态 as agents read it. */
export const STATUS_LABELS: Record<Status, string> = {
  received: '已受理',
  diagnosed: '已分析',
  answered: '已答复',
  dispatched: '已派单',
  field_tested: '已实测',
  called_back: '已回访',
  closed: '已结单',
  reopened: '已重开',
}

/** Steps a person takes through POST /api/complaints/:id/actions. */
export const USER_ACTIONS = ['answer', 'dispatch', 'field_test', 'call_back', 'close', 'reopen'] as const
export type UserAction = (typeof USER_ACTIONS)[number]
/** Steps the service takes itself when a complaint is recorded. */
export type SystemAction = 'receive' | 'diagnose'
export type Action = UserAction | SystemAction

export const ACTION_LABELS: Record<Action, string> = {
  receive: '受理',
  diagnose: '分析定位',
  answer: '答复',
  dispatch: '派单',
  field_test: '实测',
  call_back: '回访',
  close: '结单',
  reopen: '重开',
}
