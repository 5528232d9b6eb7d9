/** The problems of a dry run or a refused import: where each one is, what to do, the server's own message. */
import { h } from '../dom.js'
import { ApiError } from '../errors.js'
import type { ImportPreview, ImportProblem } from './api.js'
import { fieldLabel } from './labels.js'

/** The row problems of a refused import or dry run (400 IMPORT_INVALID carries them in details); [] for any other error. */
export function problemsOf(e: unknown): ImportProblem[] {
  if (!(e instanceof ApiError) || e.code !== 'IMPORT_INVALID') return []
  const list = e.details.problems
  return Array.isArray(list) ? (list as ImportProblem[]) : []
}

/**
 * Every problem with where it is (#imp-problems, one row per problem with data-row and data-field); the
 * page's words say what to do, the server's own message is shown as it is. `failed`: the import itself
 * was refused (nothing was written), not a dry run.
 */
export function problemBox(problems: ImportProblem[], kind: string, p: ImportPreview | null, failed = false): HTMLElement {
  const xlsx = problems.some((x) => x.sheet !== undefined || x.excelRow !== undefined)
  const header = problems.some((x) => x.row === 0)
  const advice = header
    ? '表头有问题:请确认数据类型和工作表选对了,或在“列对应”中改选字段;也可以修改文件的表头后重新选择文件。'
    : p?.mapping.length
      ? '请按下表修改文件后重新选择文件;如果是某列对应错了字段,可在下方“列对应”中直接改选。'
      : '请按下表修改文件后重新选择文件。'
  const rows = problems.map((x) => h('tr', { 'data-row': x.row, 'data-field': x.field },
    h('td', {}, x.row === 0 ? '表头' : `第 ${x.row} 行`),
    xlsx ? h('td', {}, x.excelRow != null ? `Excel 第 ${x.excelRow} 行` : '—') : null,
    xlsx ? h('td', {}, x.sheet ?? '—') : null,
    h('td', {}, x.field ? `${fieldLabel(kind, x.field)}${fieldLabel(kind, x.field) !== x.field ? ` (${x.field})` : ''}` : '—'),
    h('td', { class: 'imp-message', lang: 'en' }, x.message)))
  return h('section', { id: 'imp-problems', class: 'imp-problems', role: 'alert', 'data-count': problems.length },
    h('p', { class: 'imp-problems-title' }, failed
      ? `导入失败,全部未导入(一条也没有写入)。发现 ${problems.length} 个问题:`
      : `发现 ${problems.length} 个问题,修正前不能导入(导入是全部或全不,有一行出错就一行也不写入)。`),
    h('p', { class: 'muted' }, advice),
    h('div', { class: 'imp-scroll' }, h('table', { class: 'grid imp-table' },
      h('thead', {}, h('tr', {}, h('th', {}, '位置'), xlsx ? h('th', {}, 'Excel 行') : null, xlsx ? h('th', {}, '工作表') : null, h('th', {}, '字段'), h('th', {}, '问题(系统原文)'))),
      h('tbody', {}, ...rows))),
    problems.length >= 50 ? h('p', { class: 'muted' }, '只列出前 50 个问题;修正后再预览会显示其余的。') : null)
}
