/**
 * 系统管理: the admin's screens for users (用户), their API tokens (令牌) and the audit log (审计日志),
 * over the existing API (server/src/auth/plugin.ts). Mounted by main.ts for users with the 'users'
 * permission (admins) only: the tab and its panel are created here, so the page holds nothing of it
 * for anyone else.
 */
import { can } from '../auth.js'
import { h } from '../dom.js'
import { mountTab } from '../tabs.js'
import { UsersSection } from './users.js'
import { TokensSection } from './tokens.js'
import { AuditSection } from './audit.js'

type Part = 'users' | 'tokens' | 'audit'
const PARTS: [Part, string][] = [['users', '用户'], ['tokens', '令牌'], ['audit', '审计日志']]

/** Adds the 系统管理 tab and panel for admins; nothing for other roles. */
export function mountAdmin(): void {
  if (!can('users')) return
  const { panel } = mountTab({ name: 'admin', label: '系统管理', screen: 'admin', onShow: () => void screen.show(), onHide: () => screen.hide() })
  const screen = new AdminScreen(panel)
}

class AdminScreen {
  private part: Part = 'users'
  private readonly buttons = new Map<Part, HTMLButtonElement>()
  private readonly tokens = new TokensSection()
  private readonly audit = new AuditSection()
  private readonly users = new UsersSection((name) => void this.open('tokens', name))
  private readonly sections: Record<Part, HTMLElement>

  constructor(root: HTMLElement) {
    this.sections = { users: this.users.root, tokens: this.tokens.root, audit: this.audit.root }
    this.users.onList = (list) => {
      this.tokens.setUsers(list)
      this.audit.setUsers(list.map((u) => u.username))
    }
    // Buttons, not role=tab: tabs.ts treats every [role=tab] of the page as one of the main tabs.
    const nav = h('nav', { class: 'adm-nav', 'aria-label': '系统管理' }, ...PARTS.map(([part, label]) => {
      const b = h('button', { type: 'button', id: `adm-nav-${part}`, 'aria-pressed': String(part === this.part), 'aria-controls': `adm-${part}` }, label)
      b.addEventListener('click', () => void this.open(part))
      this.buttons.set(part, b)
      return b
    }))
    root.append(h('h2', {}, '系统管理'), nav, this.users.root, this.tokens.root, this.audit.root)
  }

  /** The tab chosen: the user list is read afresh (it feeds the other two). */
  async show(): Promise<void> {
    await this.users.load()
    if (this.part === 'tokens') await this.tokens.show()
    if (this.part === 'audit') await this.audit.load()
  }

  hide(): void {
    this.tokens.leave()
  }

  private async open(part: Part, username?: string): Promise<void> {
    if (part !== 'tokens') this.tokens.leave()
    this.part = part
    for (const [p, b] of this.buttons) b.setAttribute('aria-pressed', String(p === part))
    for (const [p, s] of Object.entries(this.sections)) s.hidden = p !== part
    if (part === 'users') await this.users.load()
    else if (part === 'tokens') await this.tokens.show(username)
    else await this.audit.load()
  }
}
