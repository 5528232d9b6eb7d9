/**
 * Saved mappings per source (GET/PUT/DELETE /api/import-mappings) on the import page: 使用已存映射 applies
 * one to the open file (kind, column choices, defaults, CRS, encoding, sheet) and runs the dry run
 * again; 保存为映射 saves the page's current choices under a name, replacing one of that name.
 */
import type { Static } from 'typebox'
import type { ImportMappingReply } from '../../../contract/src/schemas/imports.js'
import { IMPORT_KIND_LABELS, type ImportKindName } from '../../../contract/src/imports.js'
import { call } from '../api.js'
import { h } from '../dom.js'
import type { ImportPage, MappingChoices } from './page.js'

type Saved = Static<typeof ImportMappingReply>

/** A name the server takes: 1–64 characters, no commas, colons or control characters. */
const NAME = /^[^\p{Cc},:]{1,64}$/u

/** Puts the controls into the page's slot and keeps the list of saved mappings current. */
export function mountSavedMappings(page: ImportPage): void {
  const select = h('select', { id: 'imp-saved-select' })
  const apply = h('button', { type: 'button', id: 'imp-saved-apply' }, '使用')
  const remove = h('button', { type: 'button', id: 'imp-saved-remove', class: 'secondary' }, '删除')
  const name = h('input', { id: 'imp-saved-name', maxlength: 64, placeholder: '映射名称,如:规划院工参', spellcheck: 'false' })
  const save = h('button', { type: 'button', id: 'imp-saved-save' }, '保存为映射')
  const note = h('p', { id: 'imp-saved-note', class: 'muted', role: 'status' })
  let saved: Saved[] = []

  const render = () => {
    select.replaceChildren(h('option', { value: '' }, saved.length ? '— 使用已存映射 —' : '(还没有保存的映射)'),
      ...saved.map((m) => h('option', { value: m.name }, `${m.name}(${IMPORT_KIND_LABELS[m.kind as ImportKindName] ?? m.kind})`)))
    apply.disabled = remove.disabled = true
  }
  const load = async () => {
    try {
      saved = await call<Saved[]>('/api/import-mappings')
      render()
    } catch (err) {
      note.textContent = `读取已存映射失败:${(err as Error).message}`
    }
  }
  select.addEventListener('change', () => { apply.disabled = remove.disabled = select.value === '' })
  apply.addEventListener('click', async () => {
    const m = saved.find((x) => x.name === select.value)
    if (!m) return
    if (!page.hasFile()) {
      note.textContent = '请先选择要导入的文件,再使用映射'
      return
    }
    const choice: Partial<MappingChoices> = { kind: m.kind, columns: m.columns, defaults: m.defaults, crs: (m.crs ?? 'wgs84') as MappingChoices['crs'], encoding: m.encoding ?? '', sheet: m.sheet ?? '' }
    await page.applyMapping(choice)
    name.value = m.name
    note.textContent = `已使用映射「${m.name}」,请查看下方预览`
  })
  remove.addEventListener('click', async () => {
    const n = select.value
    if (!n || !confirm(`删除映射「${n}」?已导入的数据不受影响。`)) return
    try {
      await call(`/api/import-mappings/${encodeURIComponent(n)}`, { method: 'DELETE' })
      note.textContent = `已删除映射「${n}」`
      await load()
    } catch (err) {
      note.textContent = `删除失败:${(err as Error).message}`
    }
  })
  save.addEventListener('click', async () => {
    const n = name.value.trim()
    if (!NAME.test(n)) {
      note.textContent = '映射名称要 1–64 个字,不能含逗号或冒号'
      name.focus()
      return
    }
    const m = page.currentMapping()
    if (!m.kind) {
      note.textContent = '请先选择数据类型,再保存映射'
      return
    }
    save.disabled = true
    try {
      await call(`/api/import-mappings/${encodeURIComponent(n)}`, { method: 'PUT', body: { kind: m.kind, columns: m.columns, defaults: m.defaults, crs: m.crs, encoding: m.encoding || null, sheet: m.sheet || null } })
      note.textContent = `已保存映射「${n}」:下次导入同一来源的文件时,在“使用已存映射”中选择它`
      await load()
      select.value = n
      apply.disabled = remove.disabled = false
    } catch (err) {
      note.textContent = `保存失败:${(err as Error).message}`
    } finally {
      save.disabled = false
    }
  })

  page.savedMappings.replaceChildren(
    h('div', { class: 'imp-saved-use' }, h('label', { for: 'imp-saved-select' }, '已存映射 '), select, apply, remove),
    h('div', { class: 'imp-saved-new' }, name, save),
    note,
  )
  page.savedMappings.hidden = false
  void load()
}
