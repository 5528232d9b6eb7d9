/** The import page's history: the last imports from the audit log, newest first. */
import { fill, h, type Child } from '../dom.js'
import { errorText } from '../errors.js'
import { fullTime } from '../time.js'
import { importHistory, type ImportHistoryRow } from './api.js'
import { FORMAT_LABELS, kindLabel } from './labels.js'

/** How many imports the history lists. */
const HISTORY_ROWS = 20

/** The 导入记录 table (#imp-history) and its status line (#imp-history-status). */
export class ImportHistory {
  private readonly rows = h('tbody', {})
  private readonly status = h('p', { class: 'muted', id: 'imp-history-status' })

  /** The heading, the table and the status line, in page order. */
  elements(): Child[] {
    return [
      h('h3', {}, '导入记录 ', h('span', { class: 'muted' }, '最近 20 次(来自审计日志)')),
      h('div', { class: 'imp-scroll' }, h('table', { class: 'grid imp-table', id: 'imp-history' },
        h('thead', {}, h('tr', {}, h('th', {}, '时间'), h('th', {}, '操作人'), h('th', {}, '类型'), h('th', {}, '条数'), h('th', {}, '文件'))),
        this.rows)),
      this.status,
    ]
  }

  /** Loads the history again; a failure is said in the status line, the rows shown last stay. */
  async load(): Promise<void> {
    try {
      const rows = await importHistory(HISTORY_ROWS)
      fill(this.rows, ...(rows.length ? rows.map(historyRow) : [h('tr', {}, h('td', { colspan: 5, class: 'muted' }, '还没有导入记录'))]))
      this.status.textContent = ''
    } catch (e) {
      this.status.textContent = `导入记录读取失败:${errorText(e)}`
    }
  }
}

function historyRow(r: ImportHistoryRow): HTMLTableRowElement {
  const file: Child[] = [r.filename ?? '—', r.format ? h('span', { class: 'muted' }, ` ${FORMAT_LABELS[r.format] ?? r.format}`) : null]
  return h('tr', { 'data-kind': r.kind, 'data-imported': r.imported, 'data-filename': r.filename ?? '' },
    h('td', {}, fullTime(r.at)), h('td', {}, r.username ?? '—'), h('td', {}, kindLabel(r.kind)),
    h('td', {}, `${r.imported}${r.skipped ? `(跳过 ${r.skipped})` : ''}`), h('td', {}, ...file))
}
