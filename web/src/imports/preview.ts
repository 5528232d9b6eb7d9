/**
 * A dry run shown: the summary line (#imp-summary with data-rows/-valid/-replaces), the problems, the
 * mapping table (#imp-mapping, one select per source column), the default values for fields no column
 * fills (#imp-defaults) and the first rows as they would be stored (#imp-sample). Changing a column's
 * field or a default updates the edits and asks for a new dry run; nothing here talks to the server.
 */
import { fill, h } from '../dom.js'
import { IMPORT_FIELDS } from '../../../contract/src/imports.js'
import type { ImportPreview } from './api.js'
import { fieldLabel, isKind, kindLabel } from './labels.js'
import { problemBox } from './problems.js'

/** The user's own edits of a mapping, which the preview shows and changes; `changed` runs the dry run again. */
export interface MappingEdits {
  /** Source column → field the user chose ('' = 不导入), in the order chosen. */
  readonly columns: Map<string, string>
  /** Field → value for rows that do not fill it. */
  readonly defaults: Map<string, string>
  changed(): void
}

/** How a column was mapped, as the mapping table says it. */
const HOW_LABELS: Record<ImportPreview['mapping'][number]['how'], string> = {
  contract: '同名字段',
  alias: '按表头识别',
  renamed: '手动指定',
  unused: '不导入',
}
/** Fields a default value makes no sense for (a position or shape is per row). */
const NO_DEFAULT = new Set(['id', 'lon', 'lat', 'geometry', 'wkt'])

/** Fills `box` with a dry run of `kind` and shows it. */
export function renderPreview(box: HTMLElement, p: ImportPreview, kind: string, edits: MappingEdits): void {
  const replaces = p.replaces == null ? '' : p.replaces > 0 ? `,其中 ${p.replaces} 条与已有数据编号相同,将被覆盖` : ',均为新数据'
  const summary = h('p', { id: 'imp-summary', class: 'cause-line', 'data-rows': p.rows, 'data-valid': p.valid, 'data-replaces': p.replaces ?? '' },
    p.problems.length
      ? `文件共 ${p.rows} 行数据;有 ${p.problems.length} 个问题,修正前不能导入`
      : `文件共 ${p.rows} 行数据,可导入 ${p.valid} 条${kindLabel(kind)}${replaces}` + (p.skipped.length ? `;${p.skipped.length} 行将跳过` : ''))
  fill(box,
    summary,
    p.problems.length ? problemBox(p.problems, kind, p) : null,
    h('h3', {}, '列对应 ', h('span', { class: 'muted' }, '文件中的列 → 系统字段;选错了可直接改选,预览随之更新')),
    mappingTable(p, kind, edits),
    defaultsBox(p, kind, edits),
    h('h3', {}, '预览 ', h('span', { class: 'muted' }, `前 ${p.sample.length} 行,按写入后的样子`)),
    sampleTable(p, kind),
    p.skipped.length ? h('p', { class: 'muted', id: 'imp-skipped' }, `将跳过:${p.skipped.slice(0, 10).map((s) => `第 ${s.row} 行(${s.reason})`).join(';')}${p.skipped.length > 10 ? ' …' : ''}`) : null)
  box.hidden = false
}

function mappingTable(p: ImportPreview, kind: string, edits: MappingEdits): HTMLElement {
  const fields = isKind(kind) ? IMPORT_FIELDS[kind] : []
  const rows = p.mapping.map((m) => {
    const chosen = edits.columns.get(m.source)
    // The field the column fills now: the user's choice, else the server's mapping (an unused column fills none).
    const current = chosen ?? (m.how === 'unused' ? '' : m.field ?? '')
    const select = h('select', { class: 'imp-field', 'data-source': m.source, 'aria-label': `“${m.source}”列导入为` },
      h('option', { value: '' }, '不导入'),
      ...fields.map((f) => h('option', { value: f }, `${fieldLabel(kind, f)} (${f})`)))
    select.value = current
    // A name with a comma or colon cannot be written in columns= (its separators): it keeps the server's mapping.
    if (/[,:]/.test(m.source)) {
      select.disabled = true
      select.title = '列名含逗号或冒号,无法在此改选;请在文件中改列名'
    }
    select.addEventListener('change', () => {
      edits.columns.set(m.source, select.value)
      edits.changed()
    })
    return h('tr', { 'data-source': m.source, 'data-field': m.how === 'unused' ? '' : m.field ?? '', 'data-how': m.how },
      h('td', {}, m.source), h('td', {}, select), h('td', { class: m.how === 'unused' ? 'muted' : '' }, HOW_LABELS[m.how]))
  })
  return h('div', { class: 'imp-scroll' }, h('table', { class: 'grid imp-table', id: 'imp-mapping' },
    h('thead', {}, h('tr', {}, h('th', {}, '文件中的列'), h('th', {}, '导入为'), h('th', {}, '方式'))),
    h('tbody', {}, ...rows)))
}

/** Values for the kind's fields no column fills (e.g. 网络制式 for a whole file of 4G sites); null when none is open. */
function defaultsBox(p: ImportPreview, kind: string, edits: MappingEdits): HTMLElement | null {
  if (!isKind(kind) || p.format === 'geojson') return null
  const filled = new Set(p.mapping.filter((m) => m.how !== 'unused' && m.field).map((m) => m.field!))
  const open = IMPORT_FIELDS[kind].filter((f) => !filled.has(f) && !NO_DEFAULT.has(f))
  if (!open.length) return null
  const inputs = open.map((f) => {
    const input = h('input', { id: `imp-default-${f}`, value: edits.defaults.get(f) ?? '', maxlength: 100, placeholder: '留空则不填' })
    input.addEventListener('change', () => {
      // Commas and colons separate defaults= pairs: they cannot be part of a value.
      edits.defaults.set(f, input.value.replace(/[,:]/g, ' '))
      edits.changed()
    })
    return h('label', {}, `${fieldLabel(kind, f)} `, input)
  })
  const box = h('details', { id: 'imp-defaults', class: 'imp-defaults' },
    h('summary', {}, `缺省值 `, h('span', { class: 'muted' }, '文件中没有的字段,可统一填一个值(可选)')),
    h('div', { class: 'row3' }, ...inputs))
  if ([...edits.defaults.values()].some((v) => v.trim() !== '')) box.open = true
  return box
}

function sampleTable(p: ImportPreview, kind: string): HTMLElement {
  if (!p.sample.length) return h('p', { class: 'muted', id: 'imp-sample' }, p.problems.length ? '有问题的行不显示;修正后再预览' : '文件中没有数据行')
  const keys: string[] = []
  for (const row of p.sample) for (const k of Object.keys(row)) if (!keys.includes(k)) keys.push(k)
  return h('div', { class: 'imp-scroll' }, h('table', { class: 'grid imp-table', id: 'imp-sample' },
    h('thead', {}, h('tr', {}, ...keys.map((k) => h('th', { title: k }, fieldLabel(kind, k))))),
    h('tbody', {}, ...p.sample.map((row) => h('tr', {}, ...keys.map((k) => h('td', {}, cellText((row as Record<string, unknown>)[k]))))))))
}

/** A stored value as a table cell: — for none, JSON (cut at 60 characters) for an object. */
function cellText(v: unknown): string {
  if (v == null || v === '') return '—'
  if (typeof v === 'object') {
    const t = JSON.stringify(v)
    return t.length > 60 ? `${t.slice(0, 57)}…` : t
  }
  return String(v)
}
