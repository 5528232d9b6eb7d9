/**
 * The errors of the user, token and audit routes as an administrator should read them: in Chinese,
 * saying what to do. api.ts's call() throws an ApiError whose message is the generic Chinese text of
 * web/src/errors.ts; the service's own message (kept beside it) tells apart cases that share a code —
 * a taken user name and the last admin are both CONFLICT — so it is matched here against what
 * server/src/auth (users.ts, passwords.ts, plugin.ts) says. The English text never reaches the screen.
 */
import { ApiError, errorText } from '../errors.js'
import { NAME_MAX, PASSWORD_MIN } from './common.js'

const RULES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^user \S+ already exists/, () => '用户名已存在,请换一个'],
  [/^username must be 2/, () => '用户名须为 2–32 位英文字母、数字或 _ . -(不能用中文或空格),请修改'],
  [/^password must have at least (\d+)/, (m) => `密码至少 ${m[1]} 位,请加长`],
  [/^password must have at most (\d+)/, (m) => `密码最多 ${m[1]} 位,请缩短`],
  [/is the last active admin/, () => '这是最后一个在用的系统管理员,不能停用或改为其他角色;请先把另一位用户设为系统管理员'],
  [/^no active token/, () => '该令牌已吊销或不存在,请刷新列表后再看'],
  [/^no user /, () => '该用户不存在,请刷新用户列表'],
  [/^role must be one of/, () => '角色无效,请从列表中选择'],
  [/x-csrf-token/i, () => '登录状态已失效,请刷新页面后重试'],
  [/^role \S+ may not/, () => '当前账号没有系统管理权限,请用系统管理员账号登录'],
  [/^(from|to) must be an ISO 8601 time/, () => '起止时间格式不对,请重新选择'],
  [/name must NOT have fewer than 1/, () => '请填写令牌名称(用途)'],
  [/must NOT have more than (\d+) characters/, (m) => `内容过长(最多 ${m[1]} 个字符),请缩短`],
]

/** Chinese for a failed call; `doing` (创建用户, 吊销令牌…) names it in the console. */
export function zhError(err: unknown, doing: string): string {
  if (err instanceof ApiError) {
    for (const [re, say] of RULES) {
      const m = re.exec(err.serverMessage)
      if (m) return say(m)
    }
    console.warn(`${doing}: ${err.status} ${err.code} ${err.serverMessage}`)
  }
  return errorText(err)
}

/** What the screens check before sending (so most mistakes never reach the server). */
export const MSG = {
  usernameEmpty: '请填写用户名',
  usernameRule: '用户名须为 2–32 位英文字母、数字或 _ . -(不能用中文或空格),请修改',
  passwordEmpty: `请填写初始密码(至少 ${PASSWORD_MIN} 位),或勾选“仅供程序调用”`,
  tokenNameEmpty: '请填写令牌名称(用途),例如“工单系统对接”',
  tokenNameLong: `令牌名称最多 ${NAME_MAX} 个字符,请缩短`,
  displayLong: `显示名最多 ${NAME_MAX} 个字符,请缩短`,
  timeOrder: '起始时间须早于截止时间,请重新选择',
}
