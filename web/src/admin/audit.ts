/**
 * 审计日志: GET /api/audit as a table, newest first, filtered by time, action and who. The API returns
 * at most `limit` entries (newest first) and has no offset: 加载更多 asks again for those up to the
 * oldest one shown (deduplicated by id).
 */
import { AUDIT_ACTION_LABELS } from '../../../contract/src/audit.js'
import { call } from '../api.js'
import { fill, h } from '../dom.js'
import { fromLocalInput, fullTime } from '../time.js'
import { roleLabel, scrollTable, type AuditEntry } from './common.js'
import { MSG, zhError } from './errors.js'

const PAGE = 100

/** Every action the service audits, in Chinese (the contract's list). */
export const ACTION_LABELS = AUDIT_ACTION_LABELS

const CHANGED_LABELS: Record<string, string> = { role: '角色', password: '密码', displayName: '显示名', disabled: '停用' }

/** The details of an entry as one readable line (known shapes in Chinese, anything else as key: value). */
export function detailsText(e: AuditEntry): string {
  const d = (e.details && typeof e.details === 'object' ? e.details : {}) as Record<string, unknown>
  if (e.action === 'user_created' && typeof d.role === 'string') return `角色:${roleLabel(d.role)}`
  if (e.action === 'user_changed' && Array.isArray(d.changed)) {
    return '修改:' + d.changed.map((c) => {
      const [k, v] = String(c).split('=')
      const label = CHANGED_LABELS[k] ?? k
      if (v === undefined) return label
      if (k === 'role') return `${label}→${roleLabel(v)}`
      if (k === 'disabled') return v === 'true' ? '停用' : '启用'
      return `${label}→${v}`
    }).join('、')
  }
  if ((e.action === 'token_issued' || e.action === 'token_revoked') && typeof d.id === 'string') return `令牌 ${d.id}${typeof d.name === 'string' ? `(${d.name})` : ''}`
  const parts = Object.entries(d).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
  return parts.join(';')
}

export class AuditSection {
  readonly root: HTMLElement
  private readonly from = h('input', { id: 'adm-audit-from', type: 'datetime-local' })
  private readonly to = h('input', { id: 'adm-audit-to', type: 'datetime-local' })
  private readonly action = h('select', { id: 'adm-audit-action' },
    h('option', { value: '' }, '全部操作'),
    ...Object.entries(ACTION_LABELS).map(([code, label]) => h('option', { value: code }, `${label}(${code})`)))
  private readonly who = h('input', { id: 'adm-audit-user', list: 'adm-audit-users', maxlength: 64, autocomplete: 'off', spellcheck: 'false', placeholder: '用户名,留空为全部' })
  private readonly whoList = h('datalist', { id: 'adm-audit-users' })
  private readonly search = h('button', { type: 'submit', id: 'adm-audit-search' }, '查询')
  private readonly body = h('tbody')
  private readonly count = h('p', { id: 'adm-audit-count', class: 'muted', role: 'status' })
  private readonly error = h('p', { id: 'adm-audit-error', role: 'alert', class: 'error' })
  private readonly more = h('button', { type: 'button', id: 'adm-audit-more', class: 'secondary', hidden: true }, '加载更多')
  private shown: AuditEntry[] = []
  /** The query of the rows shown (the filters as they were when 查询 was pressed). */
  private query: { from?: string; to?: string; action?: string; username?: string } = {}
  private loaded = false

  constructor() {
    const clear = h('button', { type: 'button', class: 'secondary', id: 'adm-audit-clear' }, '清空条件')
    clear.addEventListener('click', () => {
      this.from.value = this.to.value = this.who.value = this.action.value = ''
      void this.load()
    })
    const form = h('form', { id: 'adm-audit-form', novalidate: true, 'aria-label': '筛选审计日志' },
      h('div', { class: 'row3 adm-two' },
        h('label', { for: 'adm-audit-from' }, '起(北京时间)', this.from),
        h('label', { for: 'adm-audit-to' }, '止', this.to)),
      h('div', { class: 'row3 adm-two' },
        h('label', { for: 'adm-audit-action' }, '操作', this.action),
        h('label', { for: 'adm-audit-user' }, '操作人', this.who, this.whoList)),
      h('div', { class: 'row' }, this.search, clear))
    form.addEventListener('submit', (e) => {
      e.preventDefault()
      void this.load()
    })
    this.action.addEventListener('change', () => void this.load())
    this.more.addEventListener('click', () => void this.loadMore())
    this.root = h('section', { id: 'adm-audit', class: 'adm-section', 'aria-label': '审计日志', hidden: true },
      form, this.error, this.count,
      scrollTable('adm-audit-table', ['时间', '操作', '操作人', '对象', '来源 IP', '详情'], this.body),
      h('div', { class: 'row' }, this.more))
  }

  /** The names offered in the 操作人 box. */
  setUsers(names: string[]): void {
    fill(this.whoList, ...names.map((n) => h('option', { value: n })))
  }

  /** First show: the newest entries. */
  async show(): Promise<void> {
    if (!this.loaded) await this.load()
  }

  /** Runs the query of the filters from the newest entry. */
  async load(): Promise<void> {
    fill(this.error)
    const from = this.from.value ? fromLocalInput(this.from.value) : undefined
    const to = this.to.value ? fromLocalInput(this.to.value) : undefined
    if (from && to && Date.parse(from) >= Date.parse(to)) {
      fill(this.error, MSG.timeOrder)
      return
    }
    this.query = { from, to, action: this.action.value || undefined, username: this.who.value.trim() || undefined }
    this.search.disabled = true
    try {
      const rows = await this.fetch(this.query.to)
      this.loaded = true
      this.shown = rows
      fill(this.body, ...rows.map((e) => this.row(e)))
      if (!rows.length) fill(this.body, h('tr', {}, h('td', { colspan: 6, class: 'muted' }, '没有符合条件的记录')))
      this.showCount(rows.length === PAGE)
    } catch (err) {
      fill(this.error, zhError(err, '查询审计日志'))
    } finally {
      this.search.disabled = false
    }
  }

  /** The next page: entries up to (and at) the oldest shown time, without those already shown. */
  private async loadMore(): Promise<void> {
    const oldest = this.shown[this.shown.length - 1]
    if (!oldest) return
    this.more.disabled = true
    try {
      // `to` is exclusive: one millisecond past the oldest shown keeps entries of that same millisecond.
      const rows = await this.fetch(new Date(Date.parse(oldest.at) + 1).toISOString())
      const seen = new Set(this.shown.map((e) => e.id))
      const fresh = rows.filter((e) => !seen.has(e.id))
      this.shown.push(...fresh)
      for (const e of fresh) this.body.append(this.row(e))
      this.showCount(rows.length === PAGE && fresh.length > 0)
    } catch (err) {
      fill(this.error, zhError(err, '加载更多审计日志'))
    } finally {
      this.more.disabled = false
    }
  }

  private fetch(to: string | undefined): Promise<AuditEntry[]> {
    const q = new URLSearchParams()
    const { from, action, username } = this.query
    if (from) q.set('from', from)
    if (to) q.set('to', to)
    if (action) q.set('action', action)
    if (username) q.set('username', username)
    q.set('limit', String(PAGE))
    return call<AuditEntry[]>(`/api/audit?${q}`)
  }

  private showCount(mayHaveMore: boolean): void {
    this.more.hidden = !mayHaveMore
    fill(this.count, this.shown.length ? `已显示 ${this.shown.length} 条(最新在前)${mayHaveMore ? ',更早的记录点“加载更多”' : ',已全部显示'}` : '')
  }

  private row(e: AuditEntry): HTMLTableRowElement {
    const label = ACTION_LABELS[e.action]
    const details = detailsText(e)
    return h('tr', { 'data-id': e.id, 'data-action': e.action },
      h('td', { class: 'adm-time' }, fullTime(e.at)),
      h('td', {}, label ? `${label} ` : '', h('code', { class: 'adm-raw' }, e.action)),
      h('td', {}, e.username ?? h('span', { class: 'muted' }, '系统'), e.role ? h('span', { class: 'muted' }, ` ${roleLabel(e.role)}`) : null),
      h('td', {}, e.target ?? ''),
      h('td', {}, e.ip ?? ''),
      h('td', { class: 'adm-details', title: details }, details))
  }
}
