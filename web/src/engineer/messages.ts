/**
 * What the engineer's screen says when a request fails: always Chinese, always what to do next — never
 * the server's English message ("expected …", "role … may not …").
 *
 * api.ts throws an ApiError (web/src/errors.ts) carrying the HTTP status and the API's code: the code
 * and status pick the wording here. A validation error naming its field keeps errors.ts's field-specific
 * text ("开始时间格式不对…") after "输入有误:". Errors without a status (a plain Error from elsewhere)
 * are recognised by the server's stable English messages, and never shown as they are.
 */
import { ApiError } from '../errors.js'

export const MESSAGES = {
  validation: '输入有误:请检查区域和起止时间后重新分析',
  unauthorized: '登录已过期,请重新登录',
  forbidden: '当前账号无权限',
  rateLimited: '操作过于频繁,请稍后再试',
  notFound: '没有找到所需的数据,请刷新页面后重试',
  unavailable: '服务暂时不可用,请稍后重试',
} as const

/** An error this screen raises itself: its message is Chinese, says what to do, and is shown as it is. */
export class ScreenError extends Error {}

/** Chinese text (errors.ts's field-specific wording is; a server message never is). */
const CJK = /[\u3400-\u9fff]/

type Coded = { status?: unknown; statusCode?: unknown; code?: unknown; message?: unknown }

function byStatus(status: number, code: string): string | null {
  if (code === 'VALIDATION' || code === 'BAD_REQUEST' || code === 'IMPORT_INVALID') return MESSAGES.validation
  if (code === 'UNAUTHORIZED' || status === 401) return MESSAGES.unauthorized
  if (code === 'FORBIDDEN' || status === 403) return MESSAGES.forbidden
  if (code === 'RATE_LIMITED' || status === 429) return MESSAGES.rateLimited
  if (code === 'NOT_FOUND' || status === 404) return MESSAGES.notFound
  if (status >= 500 || code === 'OVERLOADED' || code === 'STORE_UNAVAILABLE' || code === 'INTERNAL') return MESSAGES.unavailable
  if (status >= 400) return MESSAGES.validation
  return null
}

/** The server's own English messages, by what they mean (when the error carries no status). */
function byText(m: string): string {
  if (/^log in\b|unknown or revoked token|Authorization must be|^401\b/i.test(m)) return MESSAGES.unauthorized
  if (/\bmay not\b|CSRF|^403\b/i.test(m)) return MESSAGES.forbidden
  if (/^more than \d+ requests|^429\b/i.test(m)) return MESSAGES.rateLimited
  if (/^no route\b|\bnot found\b|^404\b/i.test(m)) return MESSAGES.notFound
  // fetch's own failures (Chromium "Failed to fetch", Firefox "NetworkError …"), a 5xx status line, overload.
  if (/failed to fetch|networkerror|network|load failed|internal error|under pressure|unavailable|timed? ?out|^5\d\d\b/i.test(m)) return MESSAGES.unavailable
  return MESSAGES.validation
}

/** A failed request as the engineer reads it. */
export function userMessage(err: unknown): string {
  // The screen's own messages (投诉数据正在更新…) are written for the engineer.
  if (err instanceof ScreenError) return err.message
  // fetch rejects with a TypeError when the request never got an answer (network down, server gone).
  if (err instanceof TypeError) return MESSAGES.unavailable
  const e = (err ?? {}) as Coded
  const message = typeof e.message === 'string' ? e.message : String(err ?? '')
  const status = Number(e.status ?? e.statusCode ?? 0)
  const code = typeof e.code === 'string' ? e.code : ''
  if (code === 'NETWORK') return MESSAGES.unavailable
  if (err instanceof ApiError && (code === 'VALIDATION' || code === 'BAD_REQUEST') && typeof err.details.field === 'string' && CJK.test(err.message)) {
    return `输入有误:${err.message}`
  }
  const coded = status || code ? byStatus(status, code) : null
  return coded ?? byText(message)
}
