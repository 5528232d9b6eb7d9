import { envNumber, type Env } from './env.js'

/**
 * The complaint's workflow: time limits and repeat-complaint (重复投诉) linking. Environment:
 * RESPOND_LIMIT_MIN, ANSWER_LIMIT_H, CLOSE_LIMIT_H, REPEAT_RADIUS_M, REPEAT_PLACE_WINDOW_H, REPEAT_NUMBER_WINDOW_D.
 */
export interface WorkflowOptions {
  /** From receipt to the first response (the analysis): seeds 001 "15分钟响应". */
  respondMs: number
  /** From receipt to the first answer to the customer: 001 "24小时初步反馈" (000 also: "24小时内处理好用户障碍"). */
  answerMs: number
  /** From receipt to the close: 001 "72小时闭环解决". */
  closeMs: number
  /** A complaint within this distance of an earlier one with the same phenomenon group … */
  repeatRadiusM: number
  /** … reported at most this long before it (open, or closed since — and so recently) is a repeat of it. */
  repeatPlaceWindowMs: number
  /** A complaint from the same number reported at most this long after an earlier one is a repeat of it. */
  repeatNumberWindowMs: number
}

export const defaultWorkflowOptions: WorkflowOptions = {
  respondMs: 15 * 60_000,
  answerMs: 24 * 3600_000,
  closeMs: 72 * 3600_000,
  repeatRadiusM: 500, // = knownIssueRadiusM: the footprint in which the diagnosis reuses an earlier cause
  repeatPlaceWindowMs: 72 * 3600_000, // the close limit: a place complained of again before the first is closed out
  // The seeds name no window for a repeat by the same customer; 30 days is the operators' usual
  // "30天内重复投诉" measure (one billing month).
  repeatNumberWindowMs: 30 * 24 * 3600_000,
}

/** Workflow options from the environment, else the defaults above. */
export function loadWorkflowOptions(env: Env): WorkflowOptions {
  const num = (name: string, unitMs: number, d: number) => envNumber(env, name, d, (n) => Number.isFinite(n) && n > 0, 'a positive number', unitMs)
  const d = defaultWorkflowOptions
  return {
    respondMs: num('RESPOND_LIMIT_MIN', 60_000, d.respondMs),
    answerMs: num('ANSWER_LIMIT_H', 3600_000, d.answerMs),
    closeMs: num('CLOSE_LIMIT_H', 3600_000, d.closeMs),
    repeatRadiusM: num('REPEAT_RADIUS_M', 1, d.repeatRadiusM),
    repeatPlaceWindowMs: num('REPEAT_PLACE_WINDOW_H', 3600_000, d.repeatPlaceWindowMs),
    repeatNumberWindowMs: num('REPEAT_NUMBER_WINDOW_D', 24 * 3600_000, d.repeatNumberWindowMs),
  }
}
