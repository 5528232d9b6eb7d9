/**
 * 用户: every user (name, role, enabled or not, created, last login as the audit log knows it), a form
 * to create one, and for the chosen user: change the role, disable or enable, reset the password.
 */
import { call } from '../api.js'
import { fill, h } from '../dom.js'
import { fullTime } from '../time.js'
import { ROLES, ROLE_LABELS, NAME_MAX, PASSWORD_MAX, PASSWORD_MIN, USERNAME, askFirst, passwordProblem, randomPassword, scrollTable, userPath, type AuditEntry, type Role, type User } from './common.js'
import { MSG, zhError } from './errors.js'

/** How many recent logins are read for the 最近登录 column (older ones show as —). */
const LOGINS_READ = 1000

const roleSelect = (id: string, label: string) =>
  h('select', { id, 'aria-label': label }, ...ROLES.map((r) => h('option', { value: r }, ROLE_LABELS[r])))

export class UsersSection {
  readonly root: HTMLElement
  /** Called with the list after every load (the token screen's user picker follows it). */
  onList: (users: User[]) => void = () => {}
  private users: User[] = []
  private selected: string | null = null
  private me: string | null = null

  private readonly body = h('tbody')
  private readonly listError = h('p', { id: 'adm-users-error', role: 'alert', class: 'error' })
  // Create
  private readonly newName = h('input', { id: 'adm-new-name', maxlength: 32, autocomplete: 'off', spellcheck: 'false', placeholder: '如 zhangsan' })
  private readonly newDisplay = h('input', { id: 'adm-new-display', maxlength: NAME_MAX, autocomplete: 'off', placeholder: '如 张三(可不填)' })
  private readonly newRole = roleSelect('adm-new-role', '角色')
  private readonly newPass = h('input', { id: 'adm-new-pass', type: 'password', maxlength: PASSWORD_MAX, autocomplete: 'new-password', spellcheck: 'false' })
  private readonly newTokenOnly = h('input', { id: 'adm-new-token-only', type: 'checkbox' })
  private readonly newSubmit = h('button', { type: 'submit', id: 'adm-new-submit' }, '创建用户')
  private readonly newError = h('p', { id: 'adm-new-error', role: 'alert', class: 'error' })
  private readonly newStatus = h('p', { id: 'adm-new-status', role: 'status', class: 'adm-ok' })
  // The chosen user
  private readonly detail = h('article', { id: 'adm-user-detail', class: 'card', hidden: true, 'aria-labelledby': 'adm-detail-title' })
  private readonly detailTitle = h('h3', { id: 'adm-detail-title' })
  private readonly editRole = roleSelect('adm-edit-role', '新角色')
  private readonly roleSave = h('button', { type: 'button', id: 'adm-edit-role-save' }, '修改角色')
  private readonly stateText = h('span', { id: 'adm-edit-state' })
  private readonly toggle = h('button', { type: 'button', id: 'adm-toggle' })
  private readonly confirm = h('div', { id: 'adm-edit-confirm', class: 'adm-confirm', role: 'alertdialog', 'aria-label': '确认', hidden: true })
  private readonly resetPass = h('input', { id: 'adm-reset-pass', type: 'password', maxlength: PASSWORD_MAX, autocomplete: 'new-password', spellcheck: 'false', 'aria-label': '新密码' })
  private readonly resetSubmit = h('button', { type: 'button', id: 'adm-reset-submit' }, '重置密码')
  private readonly editError = h('p', { id: 'adm-edit-error', role: 'alert', class: 'error' })
  private readonly editStatus = h('p', { id: 'adm-edit-status', role: 'status', class: 'adm-ok' })
  private readonly toTokens = h('button', { type: 'button', class: 'link', id: 'adm-edit-tokens' }, '管理此用户的 API 令牌 →')

  constructor(private readonly showTokens: (username: string) => void) {
    const gen = (input: HTMLInputElement) => {
      const b = h('button', { type: 'button', class: 'secondary adm-gen', title: '生成一个 16 位随机密码并显示出来' }, '生成')
      b.addEventListener('click', () => {
        input.value = randomPassword()
        input.type = 'text'
        input.dispatchEvent(new Event('input'))
        input.select()
      })
      return b
    }
    const show = (input: HTMLInputElement, id: string) => {
      const c = h('input', { type: 'checkbox', id })
      c.addEventListener('change', () => (input.type = c.checked ? 'text' : 'password'))
      input.addEventListener('input', () => (c.checked = input.type === 'text'))
      return h('label', { class: 'adm-inline' }, c, '显示')
    }
    const form = h('form', { id: 'adm-new', class: 'card', 'aria-labelledby': 'adm-new-title', novalidate: true },
      h('h3', { id: 'adm-new-title' }, '新建用户'),
      h('div', { class: 'row3' },
        h('label', { for: 'adm-new-name' }, '用户名', this.newName),
        h('label', { for: 'adm-new-display' }, '显示名', this.newDisplay)),
      h('p', { class: 'muted adm-hint' }, '用户名用于登录:2–32 位英文字母、数字或 _ . -;显示名可写中文姓名。'),
      h('label', { for: 'adm-new-role' }, '角色', this.newRole),
      h('label', { for: 'adm-new-pass' }, `初始密码 `, h('span', { class: 'muted' }, `至少 ${PASSWORD_MIN} 位;请当面或电话告知本人`)),
      h('div', { class: 'adm-pass-row' }, this.newPass, gen(this.newPass), show(this.newPass, 'adm-new-show')),
      h('label', { class: 'adm-inline', for: 'adm-new-token-only' }, this.newTokenOnly, '仅供程序调用(不设密码,只能用 API 令牌访问)'),
      h('div', { class: 'row' }, this.newSubmit),
      this.newError, this.newStatus)
    form.addEventListener('submit', (e) => {
      e.preventDefault()
      void this.create()
    })
    this.newTokenOnly.addEventListener('change', () => {
      this.newPass.disabled = this.newTokenOnly.checked
      if (this.newTokenOnly.checked) this.newPass.value = ''
    })
    for (const i of [this.newName, this.newDisplay, this.newPass]) i.addEventListener('input', () => fill(this.newError))

    fill(this.detail,
      h('div', { class: 'card-head' }, this.detailTitle, h('button', { type: 'button', class: 'close', 'aria-label': '关闭', onclick: () => this.select(null) }, '×')),
      h('h4', {}, '角色'),
      h('div', { class: 'row adm-nowrap' }, this.editRole, this.roleSave),
      h('h4', {}, '状态'),
      h('div', { class: 'row' }, this.stateText, this.toggle),
      this.confirm,
      h('h4', {}, '重置密码 ', h('span', { class: 'muted' }, '该用户的所有登录会话随即失效,需用新密码重新登录')),
      h('div', { class: 'adm-pass-row' }, this.resetPass, gen(this.resetPass), show(this.resetPass, 'adm-reset-show')),
      h('div', { class: 'row' }, this.resetSubmit),
      this.editError, this.editStatus,
      this.toTokens)
    this.roleSave.addEventListener('click', () => void this.changeRole())
    this.toggle.addEventListener('click', () => this.toggleDisabled())
    this.resetSubmit.addEventListener('click', () => void this.resetPassword())
    this.resetPass.addEventListener('input', () => fill(this.editError))
    this.toTokens.addEventListener('click', () => this.selected && this.showTokens(this.selected))

    const toNew = h('button', { type: 'button', class: 'link', id: 'adm-to-new' }, '新建用户 ↓')
    toNew.addEventListener('click', () => {
      form.scrollIntoView({ block: 'start', behavior: 'smooth' })
      this.newName.focus({ preventScroll: true })
    })
    this.root = h('section', { id: 'adm-users', class: 'adm-section', 'aria-label': '用户' },
      h('p', { class: 'muted' }, '点用户名可修改角色、停用/启用、重置密码或管理其 API 令牌。', toNew),
      scrollTable('adm-user-table', ['用户名', '角色', '状态', '最近登录', '创建时间'], this.body, 'adm-sticky'),
      this.listError,
      this.detail,
      form)
  }

  /** (Re)loads the list and the last logins; keeps the chosen user open. */
  async load(): Promise<void> {
    try {
      const [users, logins, me] = await Promise.all([
        call<User[]>('/api/users'),
        // The API has no last-login field: the newest `login` entries of the audit log stand in for it.
        call<AuditEntry[]>(`/api/audit?action=login&limit=${LOGINS_READ}`).catch(() => [] as AuditEntry[]),
        this.me ? Promise.resolve(null) : call<{ user: { username: string } }>('/api/auth/me').catch(() => null),
      ])
      if (me) this.me = me.user.username
      const last = new Map<string, string>()
      for (const l of logins) if (l.username && !last.has(l.username)) last.set(l.username, l.at)
      this.users = users
      fill(this.listError)
      fill(this.body, ...users.map((u) => this.row(u, last.get(u.username))))
      if (!users.length) fill(this.body, h('tr', {}, h('td', { colspan: 5, class: 'muted' }, '尚无用户')))
      this.onList(users)
      if (this.selected) this.select(users.some((u) => u.username === this.selected) ? this.selected : null)
    } catch (err) {
      fill(this.listError, `无法加载用户列表:${zhError(err, '加载用户列表')}`)
    }
  }

  private row(u: User, lastLogin: string | undefined): HTMLTableRowElement {
    // The name opens the user's card: the first column, which stays in view when the table scrolls sideways.
    const manage = h('button', { type: 'button', class: 'link adm-manage', 'aria-label': `管理 ${u.username}`, title: '修改角色、停用/启用、重置密码、管理令牌' }, u.username)
    manage.addEventListener('click', () => this.select(u.username))
    return h('tr', { 'data-user': u.username, 'data-role': u.role, 'data-disabled': String(u.disabled), 'aria-current': this.selected === u.username ? 'true' : null },
      h('td', {}, manage, u.displayName ? h('span', { class: 'muted' }, ` ${u.displayName}`) : null, this.me === u.username ? h('span', { class: 'muted' }, '(我)') : null),
      h('td', { class: 'adm-role' }, ROLE_LABELS[u.role] ?? u.role),
      h('td', { class: 'adm-state' }, u.disabled ? h('span', { class: 'adm-off' }, '已停用') : '启用', u.hasPassword ? null : h('span', { class: 'muted', title: '没有密码,只能用 API 令牌访问' }, ' 仅令牌')),
      h('td', { class: 'adm-last', title: lastLogin ? null : `最近 ${LOGINS_READ} 次登录中没有该用户` }, lastLogin ? fullTime(lastLogin) : '—'),
      h('td', {}, fullTime(u.createdAt)))
  }

  private user(name: string | null): User | undefined {
    return this.users.find((u) => u.username === name)
  }

  /** Opens (or with null closes) the chosen user's card. */
  select(name: string | null): void {
    const changed = name !== this.selected
    this.selected = name
    for (const tr of this.body.querySelectorAll<HTMLElement>('tr[data-user]')) tr.toggleAttribute('aria-current', tr.dataset.user === name)
    const u = this.user(name)
    this.detail.hidden = !u
    if (!u) return
    if (changed) {
      fill(this.confirm)
      this.confirm.hidden = true
      this.toggle.disabled = false
      fill(this.editError)
      fill(this.editStatus)
      this.resetPass.value = ''
      this.resetPass.type = 'password'
    }
    fill(this.detailTitle, `用户 ${u.username}`, u.displayName ? h('span', { class: 'muted' }, ` ${u.displayName}`) : null)
    this.detail.dataset.user = u.username
    this.editRole.value = u.role
    fill(this.stateText, u.disabled ? h('span', { class: 'adm-off' }, '已停用:不能登录,令牌也不能使用') : '启用中')
    this.toggle.textContent = u.disabled ? '启用' : '停用'
    this.toggle.className = u.disabled ? '' : 'secondary'
    if (changed) this.detail.scrollIntoView({ block: 'nearest' })
  }

  private async create(): Promise<void> {
    fill(this.newError)
    fill(this.newStatus)
    const username = this.newName.value.trim()
    const displayName = this.newDisplay.value.trim()
    const tokenOnly = this.newTokenOnly.checked
    const password = this.newPass.value
    const [problem, field]: [string | null, HTMLInputElement] = !username ? [MSG.usernameEmpty, this.newName]
      : !USERNAME.test(username) ? [MSG.usernameRule, this.newName]
      : displayName.length > NAME_MAX ? [MSG.displayLong, this.newDisplay]
      : tokenOnly ? [null, this.newName]
      : !password ? [MSG.passwordEmpty, this.newPass]
      : [passwordProblem(password), this.newPass]
    if (problem) {
      fill(this.newError, problem)
      field.focus()
      return
    }
    this.newSubmit.disabled = true
    try {
      const role = this.newRole.value as Role
      const u = await call<User>('/api/users', { body: { username, role, ...(displayName ? { displayName } : {}), ...(tokenOnly ? {} : { password }) } })
      fill(this.newStatus, `已创建用户 ${u.username}(${ROLE_LABELS[u.role]})`, tokenOnly ? ',请为其签发 API 令牌' : ',请把初始密码告知本人')
      this.newName.value = ''
      this.newDisplay.value = ''
      this.newPass.value = ''
      this.newPass.type = 'password'
      await this.load()
    } catch (err) {
      fill(this.newError, zhError(err, '创建用户'))
      this.newName.focus()
    } finally {
      this.newSubmit.disabled = false
    }
  }

  private async patch(body: Record<string, unknown>, doing: string, done: (u: User) => string): Promise<void> {
    const name = this.selected
    if (!name) return
    fill(this.editError)
    fill(this.editStatus)
    for (const b of [this.roleSave, this.toggle, this.resetSubmit]) b.disabled = true
    try {
      const u = await call<User>(userPath(name), { method: 'PATCH', body })
      fill(this.editStatus, done(u))
      if (name === this.me && (u.disabled || u.role !== 'admin')) {
        // The admin just locked themselves out of this screen: say so rather than fail on the next click.
        fill(this.editStatus, done(u), ';你已不再是在用的系统管理员,请刷新页面')
      }
      await this.load()
    } catch (err) {
      fill(this.editError, zhError(err, doing))
    } finally {
      for (const b of [this.roleSave, this.toggle, this.resetSubmit]) b.disabled = false
    }
  }

  private async changeRole(): Promise<void> {
    const u = this.user(this.selected)
    const role = this.editRole.value as Role
    if (!u) return
    if (role === u.role) {
      fill(this.editError, `${u.username} 已经是${ROLE_LABELS[role]},请先选择新的角色`)
      return
    }
    const change = () => this.patch({ role }, '修改角色', (v) => `已把 ${v.username} 的角色改为${ROLE_LABELS[v.role]};其已登录的会话需重新登录`)
    if (u.username !== this.me || role === 'admin') return change()
    this.roleSave.disabled = true
    askFirst(this.confirm, `这是你自己的账号:改为${ROLE_LABELS[role]}后你将立即退出,并失去系统管理权限。确定修改?`, '确定修改', change,
      () => (this.roleSave.disabled = false))
  }

  private toggleDisabled(): void {
    const u = this.user(this.selected)
    if (!u) return
    if (u.disabled) {
      void this.patch({ disabled: false }, '启用用户', (v) => `已启用 ${v.username},可以重新登录`)
      return
    }
    const self = u.username === this.me ? '这是你自己的账号,停用后你将立即退出。' : ''
    this.toggle.disabled = true
    askFirst(this.confirm, `${self}确定停用 ${u.username}?其登录会话和 API 令牌将立即失效(启用后令牌恢复)。`, '确定停用',
      () => this.patch({ disabled: true }, '停用用户', (v) => `已停用 ${v.username}:不能再登录,令牌也不能使用`),
      () => (this.toggle.disabled = false))
  }

  private async resetPassword(): Promise<void> {
    const u = this.user(this.selected)
    if (!u) return
    const password = this.resetPass.value
    const problem = !password ? `请填写新密码(至少 ${PASSWORD_MIN} 位),或点“生成”` : passwordProblem(password)
    if (problem) {
      fill(this.editError, problem)
      this.resetPass.focus()
      return
    }
    await this.patch({ password }, '重置密码', (v) => `已重置 ${v.username} 的密码,请告知本人用新密码登录`)
    if (!this.editError.textContent) {
      this.resetPass.value = ''
      this.resetPass.type = 'password'
    }
  }
}
