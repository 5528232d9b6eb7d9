/**
 * 口径管理 (issue 8 item 5): the admin's screen for the answer-script templates. Lists every template
 * with its current version; opens one in an editor with its slots (click to insert) and its version
 * history (who, when, why; any version can be loaded back into the editor); previews the edited text
 * on a real recorded complaint as it is typed; saves it as the next version, which every diagnosis
 * uses from then on. Mounted by main.ts for users with the 'templates' permission (admins) only: the
 * tab and its panel are created here, so the page holds nothing of it for anyone else.
 */
import type { Static } from 'typebox'
import type { TemplateComplaintsReply, TemplateDetailReply, TemplateListReply, TemplatePreviewReply, TemplateRefReply, TemplateVersionReply } from '../../../contract/src/schemas/templates.js'
import { call } from '../api.js'
import { can } from '../auth.js'
import { byId, debounce, fill, h } from '../dom.js'
import { mountTab } from '../tabs.js'
import { showTime } from '../time.js'
import { PHENOMENA } from '../labels.js'

type Version = Static<typeof TemplateVersionReply>
type Detail = Static<typeof TemplateDetailReply>
type TemplateRef = Static<typeof TemplateRefReply>

const path = (code: string) => `/api/templates/${encodeURIComponent(code)}`
const refText = (t: TemplateRef | null) => (t ? (t.version == null ? `沿用 ${t.reusedFrom ?? '既有'} 的口径` : `${t.code} 第${t.version}版`) : '未记录模板')
const phenomenonLabel = (p: string) => (PHENOMENA as Record<string, string>)[p] ?? p

/** Adds the 口径管理 tab and panel for admins; nothing for other roles. */
export function mountTemplates(): void {
  if (!can('templates')) return
  const { panel } = mountTab({ name: 'templates', label: '口径管理', screen: 'templates', onShow: () => void screen.load() })
  const screen = new TemplatesScreen(panel)
}

class TemplatesScreen {
  private readonly list = h('ul', { id: 'tpl-list', class: 'plain tpl-list' })
  private readonly title = h('h3', { id: 'tpl-title' })
  private readonly slots = h('p', { id: 'tpl-slots', class: 'tpl-slots' })
  private readonly text = h('textarea', { id: 'tpl-text', rows: 5, maxlength: 2000, spellcheck: 'false', 'aria-label': '口径内容' })
  private readonly note = h('input', { id: 'tpl-note', maxlength: 500, autocomplete: 'off', placeholder: '例如:按投诉处理规范调整措辞' })
  private readonly save = h('button', { type: 'button', id: 'tpl-save' }, '保存为新版本')
  private readonly status = h('span', { id: 'tpl-status', role: 'status' })
  private readonly error = h('p', { id: 'tpl-error', role: 'alert', class: 'error' })
  private readonly complaint = h('select', { id: 'tpl-complaint', 'aria-label': '预览用投诉' })
  private readonly preview = h('blockquote', { id: 'tpl-preview' })
  private readonly previewNote = h('p', { id: 'tpl-preview-note', class: 'muted' })
  private readonly history = h('ol', { id: 'tpl-history', class: 'plain tpl-history' })
  private readonly editor: HTMLElement
  private current: Detail | null = null

  constructor(root: HTMLElement) {
    this.editor = h('div', { id: 'tpl-editor', hidden: true },
      this.title,
      this.slots,
      h('label', { for: 'tpl-text' }, '口径内容 ', h('span', { class: 'muted' }, '{花括号} 为占位符,由系统按投诉填入;换行会连成一段')),
      this.text,
      h('label', {}, '修改说明 ', this.note),
      h('div', { class: 'row' }, this.save, this.status),
      this.error,
      h('h3', {}, '预览 ', h('span', { class: 'muted' }, '用一条已记录的投诉填入占位符,不保存')),
      h('label', { for: 'tpl-complaint' }, '投诉'),
      this.complaint,
      this.preview,
      this.previewNote,
      h('h3', {}, '版本历史'),
      this.history,
    )
    fill(root, h('h2', {}, '解释口径管理'), h('p', { class: 'muted' }, '每次保存生成新版本;新的诊断立即使用最新版本,已记录的投诉保留当时所用的版本。'), this.list, this.editor)
    const later = debounce(() => void this.showPreview(), 300)
    this.text.addEventListener('input', () => {
      this.status.textContent = ''
      later()
    })
    this.complaint.addEventListener('change', () => void this.showPreview())
    this.save.addEventListener('click', () => void this.saveVersion())
  }

  /** (Re)loads the list; keeps the open template open. */
  async load(): Promise<void> {
    try {
      const { templates } = await call<Static<typeof TemplateListReply>>('/api/templates')
      fill(this.list, ...templates.map((t) => {
        const b = h('button', { type: 'button', class: 'link' }, t.label)
        b.addEventListener('click', () => void this.open(t.code))
        return h('li', { 'data-code': t.code, 'aria-current': this.current?.code === t.code ? 'true' : null },
          b, ' ', h('code', {}, t.code), ' ', h('span', { class: 'tpl-version', 'data-version': t.current.version }, `第${t.current.version}版`),
          h('div', { class: 'muted tpl-current' }, t.current.text))
      }))
    } catch (err) {
      fill(this.list, h('li', { class: 'error' }, `无法加载口径:${(err as Error).message}`))
    }
  }

  private async open(code: string): Promise<void> {
    fill(this.error)
    this.status.textContent = ''
    const [detail, recent] = await Promise.all([
      call<Detail>(path(code)),
      call<Static<typeof TemplateComplaintsReply>>(`${path(code)}/complaints?limit=30`),
    ])
    this.current = detail
    for (const li of this.list.querySelectorAll('li')) li.toggleAttribute('aria-current', li.dataset.code === code)
    fill(this.title, `${detail.label} `, h('code', {}, detail.code), ` · 当前第${detail.current.version}版`)
    fill(this.slots, '可用占位符:', ...detail.slots.map((s) => {
      const b = h('button', { type: 'button', class: 'secondary slot', title: `插入 {${s.name}}`, 'data-slot': s.name }, `{${s.name}} ${s.label}`)
      b.addEventListener('click', () => this.insert(`{${s.name}}`))
      return b
    }))
    this.text.value = detail.current.text
    this.note.value = ''
    fill(this.complaint, ...(recent.complaints.length
      ? recent.complaints.map((c) => h('option', { value: c.id },
        `${c.id} · ${showTime(c.occurredAt)} · ${c.address || '(无地址)'} · ${phenomenonLabel(c.phenomenon)} · ${refText(c.template)}`))
      : [h('option', { value: '' }, '尚无已记录的投诉')]))
    this.showHistory(detail)
    this.editor.hidden = false
    this.editor.scrollIntoView({ block: 'start' })
    await this.showPreview()
  }

  private showHistory(d: Detail): void {
    fill(this.history, ...d.history.map((v) => {
      const load = h('button', { type: 'button', class: 'link' }, '载入编辑')
      load.addEventListener('click', () => {
        this.text.value = v.text
        this.note.value = `恢复第${v.version}版`
        void this.showPreview()
      })
      return h('li', { 'data-version': v.version },
        h('strong', {}, `第${v.version}版`), ` · ${v.author} · ${showTime(v.createdAt)}`, v.note ? ` · ${v.note}` : '', ' ', load,
        h('div', { class: 'tpl-old' }, v.text))
    }))
  }

  private insert(s: string): void {
    const t = this.text
    const at = t.selectionStart ?? t.value.length
    t.value = t.value.slice(0, at) + s + t.value.slice(t.selectionEnd ?? at)
    t.focus()
    t.setSelectionRange(at + s.length, at + s.length)
    void this.showPreview()
  }

  private async showPreview(): Promise<void> {
    const d = this.current
    const id = this.complaint.value
    if (!d || !id) {
      fill(this.preview)
      this.previewNote.textContent = d ? '记录投诉后可在此预览' : ''
      return
    }
    const text = this.text.value
    try {
      const p = await call<Static<typeof TemplatePreviewReply>>(`${path(d.code)}/preview`, { body: { complaintId: id, text } })
      if (this.text.value !== text || this.complaint.value !== id) return // typed on meanwhile
      fill(this.error)
      this.preview.textContent = p.answer
      const parts = [`该投诉当时使用:${refText(p.answeredWith)}`]
      if (p.missing.length) parts.push(`该投诉没有 ${p.missing.map((m) => `{${m}}`).join(' ')} 的值(原样显示)`)
      this.previewNote.textContent = parts.join(';')
    } catch (err) {
      if (this.text.value !== text) return
      fill(this.preview)
      fill(this.error, (err as Error).message)
    }
  }

  private async saveVersion(): Promise<void> {
    const d = this.current
    if (!d) return
    this.save.disabled = true
    fill(this.error)
    try {
      const v = await call<Version>(path(d.code), { method: 'PUT', body: { text: this.text.value, note: this.note.value, baseVersion: d.current.version } })
      this.status.textContent = `已保存为第${v.version}版,新的诊断将使用此版本`
      await Promise.all([this.load(), this.reopen(d.code)])
    } catch (err) {
      fill(this.error, `未保存:${(err as Error).message}`)
    } finally {
      this.save.disabled = false
    }
  }

  /** After a save: the title, history and base version follow; the text and preview stay as typed. */
  private async reopen(code: string): Promise<void> {
    const detail = await call<Detail>(path(code))
    this.current = detail
    fill(this.title, `${detail.label} `, h('code', {}, detail.code), ` · 当前第${detail.current.version}版`)
    this.note.value = ''
    this.showHistory(detail)
  }
}
