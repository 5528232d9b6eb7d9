/**
 * What an agent or engineer reads when a request fails: Chinese, naming the field and what to do.
 * The service answers `{ code, message, details? }` with an English message for programs; validation
 * errors carry `details.field` and `details.rule` (the JSON-schema keyword), from which the text here is
 * built. Nothing the service says in English reaches the screen.
 */
import type { Static } from 'typebox'
import type { ErrorReply } from '../../contract/src/schemas/common.js'

/** The request fields people fill in, by the names the API gives them. */
export const FIELD_LABELS: Record<string, string> = {
  number: '客户号码', occurredAt: '发生时间', reportedAt: '受理时间', address: '地址', description: '描述',
  phenomenon: '投诉现象', service: '业务', lon: '投诉点经度', lat: '投诉点纬度', crs: '坐标系', cause: '最终原因', answer: '答复客户',
  text: '口径', vip: 'VIP', id: '投诉编号', ticket: '外部工单号', note: '处理说明', team: '派往单位', specialty: '专业', action: '处理步骤',
  username: '用户名', password: '密码', role: '角色', from: '开始时间', to: '结束时间', q: '查询内容', limit: '条数',
  bbox: '地图范围', district: '行政区', area: '分析区域', 'idempotency-key': '记录请求标识',
}

/** Each field's own wording where the generic one would not tell the agent what to type. */
const FIELD_RULES: Record<string, Partial<Record<string, string>>> = {
  number: { pattern: '客户号码只能包含数字、空格和 + - *,请核对后重新输入', maxLength: '客户号码太长(最多 20 位),请核对后重新输入' },
  occurredAt: { format: '发生时间格式不对,请用日期时间选择框重新选择', pattern: '发生时间格式不对,请用日期时间选择框重新选择' },
  lon: { minimum: '投诉点不在地图范围内,请重新选点', maximum: '投诉点不在地图范围内,请重新选点' },
  lat: { minimum: '投诉点不在地图范围内,请重新选点', maximum: '投诉点不在地图范围内,请重新选点' },
  text: { braces: '口径里的大括号不成对:占位符要写成 {名称},请检查后重试', maxLength: '口径太长,请精简后再保存' },
}

/** The generic wording per rule; {f} is the field's label. */
const RULES: Record<string, string> = {
  required: '请填写{f}',
  minLength: '请填写{f}',
  empty: '请填写{f}',
  maxLength: '{f}太长,请精简后重试',
  pattern: '{f}格式不对,请核对后重新输入',
  format: '{f}格式不对,请核对后重新输入',
  type: '{f}格式不对,请核对后重新输入',
  enum: '{f}不在可选范围内,请从列表中重新选择',
  const: '{f}不在可选范围内,请从列表中重新选择',
  minimum: '{f}太小,请核对',
  maximum: '{f}太大,请核对',
  anyOf: '{f}格式不对,请核对后重新输入',
}

/** The wording per error code when no field is named. */
const CODES: Record<string, string> = {
  VALIDATION: '填写的内容有误,请检查各项后重试',
  BAD_REQUEST: '请求有误,请检查填写的内容后重试',
  UNAUTHORIZED: '登录已失效,请刷新页面重新登录',
  FORBIDDEN: '当前账号无权进行此操作,如需要请联系管理员',
  NOT_FOUND: '没有找到要查看的内容,可能已被删除,请刷新后重试',
  CONFLICT: '该记录已被其他操作改动,请刷新后重试',
  RATE_LIMITED: '操作过于频繁,请稍等片刻再试',
  OVERLOADED: '服务繁忙,请稍等片刻再试',
  STORE_UNAVAILABLE: '数据库暂时不可用,请稍后重试;如持续出现请联系管理员',
  PAYLOAD_TOO_LARGE: '提交的内容太大,请精简后重试',
  UNSUPPORTED_MEDIA_TYPE: '文件格式不支持,请换成 CSV、GeoJSON 或 Excel 文件',
  IMPORT_INVALID: '导入的文件有误,请按提示修改后重新导入',
  INTERNAL: '服务出错,请稍后重试;如持续出现请联系管理员',
  NETWORK: '无法连接服务,请检查网络后重试',
}

/** An error answer as the web reads it: the server's ErrorReply, every field optional (a proxy's answer may have none), details an object. */
export type ErrorBody = Partial<Static<typeof ErrorReply>> & { details?: Record<string, unknown> }

/** Chinese text for a failed answer (HTTP status and body). */
export function describeError(status: number, body: ErrorBody): string {
  const code = body.code ?? (status === 401 ? 'UNAUTHORIZED' : status === 403 ? 'FORBIDDEN' : status === 404 ? 'NOT_FOUND' : status === 429 ? 'RATE_LIMITED' : status >= 500 ? 'INTERNAL' : 'BAD_REQUEST')
  const d = body.details ?? {}
  if (code === 'CONFLICT' && d.reason === 'idempotency_key_reused') return '这通来电已记录过另一条投诉,请点“新来电”后再记录'
  if (Array.isArray(d.unknownSlots) && d.unknownSlots.length) {
    return `口径里有系统不认识的占位符 ${d.unknownSlots.join('、')}:请改用下方按钮插入占位符,或删去它`
  }
  const field = typeof d.field === 'string' ? d.field.replace(/^(body|query|params|headers)[./]/, '') : null
  if ((code === 'VALIDATION' || code === 'BAD_REQUEST') && field) {
    const rule = typeof d.rule === 'string' ? d.rule : 'format'
    const own = FIELD_RULES[field]?.[rule]
    if (own) return own
    const label = FIELD_LABELS[field] ?? FIELD_LABELS[field.toLowerCase()]
    if (label) return (RULES[rule] ?? RULES.format).replace('{f}', label)
  }
  return CODES[code] ?? (status >= 500 ? CODES.INTERNAL : CODES.BAD_REQUEST)
}

/** A failed API call: `message` is the Chinese text for people; the service's own answer stays beside it. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: Record<string, unknown>
  /** The service's English message, for the console and bug reports. */
  readonly serverMessage: string
  constructor(status: number, body: ErrorBody) {
    super(describeError(status, body))
    this.name = 'ApiError'
    this.status = status
    this.code = body.code ?? String(status)
    this.details = body.details ?? {}
    this.serverMessage = body.message ?? ''
  }
}

/** The text for any error a screen catches: ours as is, a network failure in Chinese. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.message
  if (err instanceof TypeError) return '无法连接服务,请检查网络后重试'
  const m = err instanceof Error ? err.message : String(err)
  // Our own checks throw Chinese already; anything else is a program's text, not for people.
  return /[\u4e00-\u9fff]/.test(m) ? m : '操作未完成,请重试;如持续出现请联系管理员'
}
