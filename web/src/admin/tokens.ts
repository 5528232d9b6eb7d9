/**
 * 令牌: a user's API tokens (for programs: Authorization: Bearer …). Issuing one shows its secret this
 * once, with a copy button; revoking asks first. The server keeps only a hash, so a lost token cannot
 * be shown again — only revoked and replaced.
 */
import { call } from '../api.js'
import { fill, h } from '../dom.js'
import { fullTime } from '../time.js'
import { copyText } from '../clipboard.js'
import { NAME_MAX, ROLE_LABELS, askFirst, scrollTable, userPath, type IssuedToken, type TokenInfo, type User } from './common.js'
import { MSG, zhError } from './errors.js'

export class TokensSection {
  readonly root: HTMLElement
  private users: User[] = []
  private readonly who = h('select', { id: 'adm-tok-user', 'aria-label': '用户' })
  private readonly whoNote = h('p', { id: 'adm-tok-user-note', class: 'muted' })
  private readonly body = h('tbody')
  private readonly listError = h('p', { id: 'adm-tok-list-error', role: 'alert', class: 'error' })
  private readonly confirm = h('div', { id: 'adm-tok-confirm', class: 'adm-confirm', role: 'alertdialog', 'aria-label': '确认吊销', hidden: true })
  private readonly listStatus = h('p', { id: 'adm-tok-list-status', role: 'status', class: 'adm-ok' })
  private readonly name = h('input', { id: 'adm-tok-name', maxlength: NAME_MAX, autocomplete: 'off', placeholder: '例如:工单系统对接' })
  private readonly issue = h('button', { type: 'submit', id: 'adm-tok-issue' }, '签发令牌')
  private readonly error = h('p', { id: 'adm-tok-error', role: 'alert', class: 'error' })
  private readonly status = h('p', { id: 'adm-tok-status', role: 'status', class: 'adm-ok' })
  // The new token, this once
  private readonly once = h('div', { id: 'adm-tok-once', class: 'adm-once', hidden: true, role: 'region', 'aria-label': '新令牌' })
  private readonly value = h('input', { id: 'adm-tok-value', readonly: true, spellcheck: 'false', autocomplete: 'off', 'aria-label': '新令牌' })
  private readonly copy = h('button', { type: 'button', id: 'adm-tok-copy' }, '复制')
  private readonly copyStatus = h('span', { id: 'adm-tok-copy-status', role: 'status' })
  private readonly onceWho = h('span')

  constructor() {
    const done = h('button', { type: 'button', id: 'adm-tok-done', class: 'secondary' }, '我已保存,关闭')
    done.addEventListener('click', () => this.hideOnce())
    fill(this.once,
      h('p', { class: 'adm-once-title' }, '新令牌 ', this.onceWho),
      h('p', { class: 'adm-once-warn' }, '此令牌只显示这一次:关闭或离开本页后无法再次查看。请立即复制,保存到对接程序的配置中;遗失只能吊销后重新签发。'),
      h('div', { class: 'adm-pass-row' }, this.value, this.copy),
      this.copyStatus,
      h('p', { class: 'muted' }, '程序调用时在请求头中携带:', h('code', {}, 'Authorization: Bearer <令牌>')),
      done)
    this.value.addEventListener('focus', () => this.value.select())
    this.copy.addEventListener('click', () => void this.copyToken())
    this.who.addEventListener('change', () => {
      this.hideOnce()
      for (const p of [this.error, this.status, this.listError, this.listStatus]) fill(p)
      void this.load()
    })
    this.name.addEventListener('input', () => fill(this.error))
    const form = h('form', { id: 'adm-tok-form', class: 'card', 'aria-labelledby': 'adm-tok-form-title', novalidate: true },
      h('h3', { id: 'adm-tok-form-title' }, '签发新令牌'),
      h('label', { for: 'adm-tok-name' }, '名称(用途) ', h('span', { class: 'muted' }, '说明给哪个程序用,便于日后识别和吊销'), this.name),
      h('div', { class: 'row' }, this.issue),
      this.error, this.status)
    form.addEventListener('submit', (e) => {
      e.preventDefault()
      void this.issueToken()
    })
    this.root = h('section', { id: 'adm-tokens', class: 'adm-section', 'aria-label': 'API 令牌', hidden: true },
      h('p', { class: 'muted' }, 'API 令牌供其他系统(程序)调用本系统接口,权限与所属用户的角色相同。'),
      h('label', { for: 'adm-tok-user' }, '用户', this.who),
      this.whoNote,
      this.once,
      scrollTable('adm-tok-table', ['名称', '编号', '签发时间', '最近使用', '状态', ''], this.body, 'adm-sticky'),
      this.confirm,
      this.listError, this.listStatus,
      form)
  }

  /** The users to choose from (after every load of the user list); keeps the choice. */
  setUsers(users: User[]): void {
    const keep = this.who.value
    this.users = users
    fill(this.who, ...users.map((u) => h('option', { value: u.username },
      `${u.username}${u.displayName ? ` ${u.displayName}` : ''} · ${ROLE_LABELS[u.role] ?? u.role}${u.disabled ? ' · 已停用' : ''}`)))
    if (keep && users.some((u) => u.username === keep)) this.who.value = keep
  }

  /** Shows `username`'s tokens (or the chosen user's). */
  async show(username?: string): Promise<void> {
    if (username && username !== this.who.value) {
      this.hideOnce()
      this.who.value = username
    }
    await this.load()
  }

  private async load(): Promise<void> {
    const name = this.who.value
    const u = this.users.find((x) => x.username === name)
    fill(this.whoNote, u?.disabled ? h('span', { class: 'adm-off' }, '该用户已停用:其令牌目前都不能使用,启用后恢复。') : '')
    fill(this.confirm)
    this.confirm.hidden = true
    if (!name) {
      fill(this.body)
      return
    }
    try {
      const tokens = await call<TokenInfo[]>(`${userPath(name)}/tokens`)
      if (this.who.value !== name) return // chose another meanwhile
      // Active first, then newest first.
      tokens.sort((a, b) => Number(a.revokedAt != null) - Number(b.revokedAt != null) || b.createdAt.localeCompare(a.createdAt))
      fill(this.body, ...(tokens.length ? tokens.map((t) => this.row(name, t)) : [h('tr', {}, h('td', { colspan: 6, class: 'muted' }, '该用户没有 API 令牌'))]))
    } catch (err) {
      fill(this.listError, `无法加载令牌:${zhError(err, '加载令牌')}`)
    }
  }

  private row(username: string, t: TokenInfo): HTMLTableRowElement {
    const revoke = h('button', { type: 'button', class: 'link danger', 'aria-label': `吊销令牌 ${t.name}` }, '吊销')
    const tr = h('tr', { 'data-token': t.id, 'data-revoked': String(t.revokedAt != null) },
      h('td', {}, t.name),
      h('td', {}, h('code', {}, t.id)),
      h('td', {}, fullTime(t.createdAt)),
      h('td', {}, t.lastUsedAt ? fullTime(t.lastUsedAt) : '从未使用'),
      h('td', { class: 'adm-tok-state' }, t.revokedAt ? h('span', { class: 'adm-off' }, `已吊销 ${fullTime(t.revokedAt)}`) : '有效'),
      h('td', {}, t.revokedAt ? '' : revoke))
    revoke.addEventListener('click', () => {
      for (const other of this.body.querySelectorAll('tr.adm-pending')) other.classList.remove('adm-pending')
      tr.classList.add('adm-pending')
      askFirst(this.confirm, `确定吊销令牌“${t.name}”(编号 ${t.id})?使用它的程序将立即无法访问,且不能恢复。`, '确定吊销',
        () => this.revoke(username, t), () => tr.classList.remove('adm-pending'))
    })
    return tr
  }

  private async issueToken(): Promise<void> {
    fill(this.error)
    fill(this.status)
    const username = this.who.value
    const name = this.name.value.trim()
    const problem = !username ? '请先选择用户' : !name ? MSG.tokenNameEmpty : name.length > NAME_MAX ? MSG.tokenNameLong : null
    if (problem) {
      fill(this.error, problem)
      this.name.focus()
      return
    }
    this.issue.disabled = true
    try {
      const t = await call<IssuedToken>(`${userPath(username)}/tokens`, { body: { name } })
      this.name.value = ''
      this.value.value = t.token
      this.once.dataset.id = t.id
      fill(this.onceWho, h('span', { class: 'muted' }, `${username} · ${name} · 编号 `), h('code', {}, t.id), t.expiresAt ? h('span', { class: 'muted' }, ` · 有效期至 ${fullTime(t.expiresAt)}`) : null)
      fill(this.copyStatus)
      this.once.hidden = false
      this.once.scrollIntoView({ block: 'nearest' })
      this.copy.focus()
      await this.load()
    } catch (err) {
      fill(this.error, zhError(err, '签发令牌'))
    } finally {
      this.issue.disabled = false
    }
  }

  private async copyToken(): Promise<void> {
    const ok = await copyText(this.value.value)
    this.copyStatus.className = ok ? 'adm-ok' : 'error'
    this.copyStatus.dataset.copied = String(ok)
    fill(this.copyStatus, ok ? '已复制到剪贴板' : '复制失败(浏览器不允许):请点选上面的令牌,按 Ctrl+C 手动复制')
    if (!ok) {
      this.value.focus()
      this.value.select()
    }
  }

  /** Forgets the shown secret: it leaves the page. */
  private hideOnce(): void {
    this.value.value = ''
    delete this.once.dataset.id
    fill(this.copyStatus)
    this.once.hidden = true
  }

  private async revoke(username: string, t: TokenInfo): Promise<void> {
    fill(this.listError)
    fill(this.listStatus)
    try {
      await call<unknown>(`${userPath(username)}/tokens/${encodeURIComponent(t.id)}`, { method: 'DELETE' })
      fill(this.listStatus, `已吊销令牌“${t.name}”(${t.id}),使用它的程序将无法再访问`)
      if (this.once.dataset.id === t.id) this.hideOnce()
    } catch (err) {
      fill(this.listError, zhError(err, '吊销令牌'))
    }
    await this.load()
  }

  /** Leaving the screen forgets a shown token (it is shown once). */
  leave(): void {
    this.hideOnce()
  }
}
