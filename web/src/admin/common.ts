/** What the 系统管理 screens share: the API's shapes, role labels, the server's rules, small UI helpers. */
import type { Static } from 'typebox'
import type { AuditEntryReply, IssuedTokenReply, TokenInfoReply, UserReply } from '../../../contract/src/schemas/auth.js'
import { ROLES, ROLE_LABELS, type Role } from '../../../contract/src/roles.js'
import { fill, h } from '../dom.js'

export { ROLES, ROLE_LABELS, type Role }
export const roleLabel = (r: string | null | undefined) => (r ? ROLE_LABELS[r as Role] ?? r : '')

/** GET/POST /api/users, PATCH /api/users/{name}. */
export type User = Static<typeof UserReply>
/** GET /api/users/{name}/tokens: never the secret. */
export type TokenInfo = Static<typeof TokenInfoReply>
/** POST /api/users/{name}/tokens: the secret, this once. */
export type IssuedToken = Static<typeof IssuedTokenReply>
/** GET /api/audit, newest first. */
export type AuditEntry = Static<typeof AuditEntryReply>

/** The server's rules (server/src/auth/users.ts USERNAME, passwords.ts passwordProblem, plugin.ts schemas). */
export const USERNAME = /^[A-Za-z0-9_.-]{2,32}$/
export const PASSWORD_MIN = 10
export const PASSWORD_MAX = 256
export const NAME_MAX = 64

export const userPath = (name: string) => `/api/users/${encodeURIComponent(name)}`

/** What is wrong with a new password, in Chinese, or null. */
export function passwordProblem(p: string): string | null {
  if (p.length < PASSWORD_MIN) return `密码至少 ${PASSWORD_MIN} 位,请加长(当前 ${p.length} 位)`
  if (p.length > PASSWORD_MAX) return `密码最多 ${PASSWORD_MAX} 位,请缩短`
  return null
}

/** A random password easy to read out (no 0/O, 1/l/I): 4 groups of 4, like the demo logins. */
export function randomPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  let s = ''
  for (let i = 0; i < 16; i++) s += alphabet[bytes[i] % alphabet.length] + (i % 4 === 3 && i < 15 ? '-' : '')
  return s
}

/**
 * Asks before a step that cannot be undone quietly: `box` (an .adm-confirm element, hidden until asked)
 * shows the question with `yes` and 取消. `yes` runs `action`; either answer hides the box and calls `done`.
 */
export function askFirst(box: HTMLElement, question: string, yes: string, action: () => unknown, done?: () => void): void {
  const ok = h('button', { type: 'button', class: 'danger-btn adm-confirm-yes' }, yes)
  const no = h('button', { type: 'button', class: 'secondary adm-confirm-no' }, '取消')
  const close = () => {
    fill(box)
    box.hidden = true
    done?.()
  }
  fill(box, h('span', { class: 'adm-confirm-q' }, question), h('span', { class: 'adm-confirm-buttons' }, ok, no))
  box.hidden = false
  ok.addEventListener('click', () => {
    close()
    void action()
  })
  no.addEventListener('click', close)
  box.scrollIntoView({ block: 'nearest' })
  ok.focus()
}

/** A table in a box that scrolls sideways in the narrow panel instead of wrapping every cell. */
export function scrollTable(id: string, headers: string[], body: HTMLTableSectionElement, cls = ''): HTMLDivElement {
  return h('div', { class: 'adm-scroll' }, h('table', { class: `grid adm-table ${cls}`.trim(), id }, h('thead', {}, h('tr', {}, ...headers.map((t) => h('th', { scope: 'col' }, t)))), body))
}
