/**
 * Logging in. The app asks /api/auth/session first (signed out is a 200, not an error in the console);
 * without a session it shows the login form
 * and waits. The session is an HttpOnly cookie; the CSRF token the server returns is sent back on
 * every request that changes something (api.ts). The header shows who is logged in, with 退出.
 */
import type { Static } from 'typebox'
import type { SessionReply, SessionStateReply } from '../../contract/src/schemas/auth.js'
import { CSRF_HEADER } from '../../contract/src/csrf.js'
import { h, fill } from './dom.js'

/** Who is logged in (GET /api/auth/me, the login's answer). */
export type Session = Static<typeof SessionReply>

let current: Session | null = null

/** The header a state-changing request must carry (empty before login). */
export const csrfHeaders = (): Record<string, string> => (current?.csrfToken ? { [CSRF_HEADER]: current.csrfToken } : {})

export const can = (permission: string) => current?.permissions.includes(permission) ?? false

async function me(): Promise<Session | null> {
  const res = await fetch('/api/auth/session', { credentials: 'same-origin' })
  if (!res.ok) return null
  const s = (await res.json()) as Static<typeof SessionStateReply>
  return s.signedIn ? s : null
}

/** Resolves with the session, after the login form if there is none yet. */
export async function signIn(): Promise<Session> {
  current = (await me()) ?? (await loginForm())
  showUser(current)
  return current
}

function loginForm(): Promise<Session> {
  return new Promise((resolve) => {
    const error = h('p', { class: 'login-error', role: 'alert', id: 'login-error' })
    const user = h('input', { id: 'login-user', name: 'username', autocomplete: 'username', required: true, maxlength: 64, spellcheck: 'false' })
    const pass = h('input', { id: 'login-pass', name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: 256 })
    const button = h('button', { type: 'submit', id: 'login-submit' }, '登录')
    const form = h('form', { class: 'login', id: 'login', 'aria-labelledby': 'login-title' },
      h('h2', { id: 'login-title' }, '网络投诉 GIS 支撑系统'),
      h('label', { for: 'login-user' }, '用户名'), user,
      h('label', { for: 'login-pass' }, '密码'), pass,
      button, error)
    const overlay = h('div', { class: 'login-overlay' }, form)
    document.body.append(overlay)
    user.focus()
    form.addEventListener('submit', async (e) => {
      e.preventDefault()
      button.disabled = true
      fill(error)
      try {
        const res = await fetch('/api/auth/login', {
          method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: user.value.trim(), password: pass.value }),
        })
        if (res.ok) {
          overlay.remove()
          resolve((await res.json()) as Session)
          return
        }
        fill(error, res.status === 429 ? '尝试次数过多,请稍后再试' : res.status === 401 ? '用户名或密码错误' : `登录失败(${res.status})`)
        pass.select()
      } catch {
        fill(error, '无法连接服务,请检查网络')
      } finally {
        button.disabled = false
      }
    })
  })
}

function showUser(s: Session): void {
  document.body.dataset.role = s.user.role
  const nav = document.querySelector('header.top nav')
  if (!nav) return
  const logout = h('button', {
    type: 'button', id: 'logout', class: 'link',
    onclick: async () => {
      await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin', headers: csrfHeaders() })
      location.reload()
    },
  }, '退出')
  nav.prepend(h('span', { class: 'who', id: 'who' }, `${s.user.roleLabel} ${s.user.username}`), logout)
}
