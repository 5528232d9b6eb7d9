/**
 * 数据导入 (issue 17 item 4): an engineer's or admin's own files into the service, from the browser.
 *
 * Drop (or choose) a CSV, XLSX or GeoJSON file → the server guesses the kind from its header
 * (POST /api/import-guess) → a dry run at once (POST /api/import/{kind}?dryRun=true): how each column
 * is mapped, the first rows as they would be stored, the counts and every problem. Each column's field
 * can be changed in place (the dry run runs again with `columns=`). 导入 commits the same request
 * without dryRun — all rows or none — and is only enabled when the last dry run of exactly these
 * choices had no problem. Below, the history of imports from the audit log.
 *
 * Nothing is parsed in the browser: the file's bytes go to the server as they are, every time, so what
 * the preview shows is what the import does. The tab exists only for users with the `import` permission.
 */
import type L from '../leaflet.js'
import { can } from '../auth.js'
import { fill, h, type Child } from '../dom.js'
import { ApiError, errorText } from '../errors.js'
import { mountTab } from '../tabs.js'
import { fullTime } from '../time.js'
import { IMPORT_CRS_LABELS, IMPORT_FIELDS, IMPORT_FIELD_LABELS, IMPORT_KINDS, IMPORT_KIND_LABELS, type ImportKindName } from '../../../contract/src/imports.js'
import { commitImport, guessImport, importHistory, previewImport, type ImportChoices, type ImportGuess, type ImportHistoryRow, type ImportPreview, type ImportProblem } from './api.js'
import { mountSavedMappings } from './saved-mappings.js'

/** How a column was mapped, as the mapping table says it. */
const HOW_LABELS: Record<ImportPreview['mapping'][number]['how'], string> = {
  contract: '同名字段',
  alias: '按表头识别',
  renamed: '手动指定',
  unused: '不导入',
}
const FORMAT_LABELS: Record<string, string> = { csv: 'CSV', xlsx: 'Excel', geojson: 'GeoJSON' }
/** Fields a default value makes no sense for (a position or shape is per row). */
const NO_DEFAULT = new Set(['id', 'lon', 'lat', 'geometry', 'wkt'])
/** A source column the user set to 不导入 is renamed to a name no kind reads (unique per column: the server refuses a name twice). */
const SKIP_PREFIX = '_skip_'
const HISTORY_ROWS = 20

const isKind = (k: string): k is ImportKindName => (IMPORT_KINDS as readonly string[]).includes(k)
export const kindLabel = (k: string) => (isKind(k) ? IMPORT_KIND_LABELS[k] : k)
const fieldLabel = (kind: string, field: string) => (isKind(kind) ? IMPORT_FIELD_LABELS[kind][field] : undefined) ?? field

/** Adds the 数据导入 tab and panel for users with the import permission (agents never see them). */
export function mountImports(map: L.Map): ImportPage | null {
  if (!can('import')) return null
  // The panel is wider on this tab (layout.css); the map's box changes with it, so Leaflet measures again.
  const fit = () => requestAnimationFrame(() => map.invalidateSize({ pan: false }))
  const { panel } = mountTab({ name: 'imports', label: '数据导入', screen: 'imports', onShow: () => { page.show(); fit() }, onHide: fit })
  const page = new ImportPage(panel)
  mountSavedMappings(page)
  return page
}

/** What the saved-mapping controls (saved-mappings.ts) read from and apply to the page. */
export interface MappingChoices {
  kind: string
  columns: Record<string, string>
  defaults: Record<string, string>
  crs: ImportChoices['crs']
  encoding: string
  sheet: string
}

export class ImportPage {
  private readonly fileInput = h('input', { type: 'file', id: 'imp-file', accept: '.csv,.txt,.xlsx,.geojson,.json', class: 'imp-file-input' })
  private readonly drop = h('label', { for: 'imp-file', id: 'imp-drop', class: 'imp-drop', tabindex: '-1' },
    h('strong', {}, '把文件拖到这里,或点击选择文件'),
    h('span', { class: 'muted' }, '支持 CSV、Excel(.xlsx)、GeoJSON;导入前先预览,不会写入任何数据'))
  private readonly fileInfo = h('p', { id: 'imp-fileinfo', class: 'muted' })
  private readonly kind = h('select', { id: 'imp-kind' }, h('option', { value: '' }, '— 请选择数据类型 —'),
    ...IMPORT_KINDS.map((k) => h('option', { value: k }, IMPORT_KIND_LABELS[k])))
  private readonly kindNote = h('p', { id: 'imp-kind-note', class: 'note' })
  private readonly sheet = h('select', { id: 'imp-sheet' })
  private readonly sheetRow = h('label', { id: 'imp-sheet-row', hidden: true }, '工作表 ', this.sheet)
  private readonly crs = h('select', { id: 'imp-crs' }, ...Object.entries(IMPORT_CRS_LABELS).map(([v, l]) => h('option', { value: v }, l)))
  private readonly encoding = h('select', { id: 'imp-encoding' }, h('option', { value: '' }, 'UTF-8'), h('option', { value: 'gbk' }, 'GBK(国标,Excel 另存的 CSV 常用)'))
  private readonly encodingRow = h('label', { id: 'imp-encoding-row', hidden: true }, '文件编码 ', this.encoding)
  /**
   * The place for named mappings per source (保存为映射 / 使用已存映射, saved-mappings.ts): hidden until
   * those controls are put in it; they read currentMapping() and call applyMapping().
   */
  readonly savedMappings = h('div', { id: 'imp-saved', class: 'imp-saved', hidden: true })
  private readonly status = h('p', { id: 'imp-status', role: 'status', class: 'muted' })
  private readonly preview = h('div', { id: 'imp-preview', hidden: true, 'aria-live': 'polite' })
  private readonly commitButton = h('button', { type: 'button', id: 'imp-commit', disabled: true }, '导入')
  private readonly progress = h('progress', { id: 'imp-progress', max: 1, hidden: true })
  private readonly progressText = h('span', { id: 'imp-progress-text', class: 'muted' })
  private readonly result = h('div', { id: 'imp-result', role: 'status' })
  private readonly history = h('tbody', {})
  private readonly historyStatus = h('p', { class: 'muted', id: 'imp-history-status' })

  private file: File | null = null
  private guess: ImportGuess | null = null
  /** The user picked the kind: a new guess (another sheet, another encoding) no longer overrides it. */
  private kindChosen = false
  /** Source column → field the user chose ('' = 不导入), in the order chosen. */
  private columns = new Map<string, string>()
  private defaults = new Map<string, string>()
  /** The last dry run shown, and the request it answered (导入 sends exactly that). */
  private shown: { preview: ImportPreview | null; problems: ImportProblem[]; kind: string; choices: ImportChoices } | null = null
  /** Each dry run or guess gets a number; an answer that is not the latest one is dropped. */
  private seq = 0
  private busy = false
  private started = false

  constructor(private readonly box: HTMLElement) {
    this.fileInput.addEventListener('change', () => {
      const f = this.fileInput.files?.[0]
      if (f) void this.open(f)
    })
    this.drop.addEventListener('dragover', (e) => {
      e.preventDefault()
      this.drop.classList.add('over')
    })
    this.drop.addEventListener('dragleave', () => this.drop.classList.remove('over'))
    this.drop.addEventListener('drop', (e) => {
      e.preventDefault()
      this.drop.classList.remove('over')
      const f = e.dataTransfer?.files?.[0]
      if (f) void this.open(f)
    })
    this.kind.addEventListener('change', () => {
      this.kindChosen = true
      // Another kind reads other fields: the user's column choices were for the last one.
      this.columns.clear()
      this.defaults.clear()
      void this.runPreview()
    })
    this.sheet.addEventListener('change', () => {
      this.columns.clear()
      void this.runGuess()
    })
    this.encoding.addEventListener('change', () => void this.runGuess())
    this.crs.addEventListener('change', () => void this.runPreview())
    this.commitButton.addEventListener('click', () => void this.commit())
  }

  /** First showing: builds the panel and loads the history; later showings refresh the history. */
  show(): void {
    if (this.started) {
      void this.loadHistory()
      return
    }
    this.started = true
    fill(this.box,
      h('h2', {}, '数据导入'),
      h('p', { class: 'muted' }, '基站工参、告警、割接、盲点、规划站、地物、投诉:先看预览与问题,确认无误后一次性导入(出错则全部不导入)。'),
      this.drop, this.fileInput, this.fileInfo,
      h('div', { class: 'imp-options' },
        h('label', {}, '数据类型 ', this.kind),
        this.sheetRow,
        h('label', {}, '坐标系 ', this.crs),
        this.encodingRow),
      this.kindNote,
      this.savedMappings,
      this.status,
      this.preview,
      h('div', { class: 'imp-commit-row' }, this.commitButton, h('div', { class: 'imp-progress-box' }, this.progress, this.progressText)),
      this.result,
      h('h3', {}, '导入记录 ', h('span', { class: 'muted' }, '最近 20 次(来自审计日志)')),
      h('div', { class: 'imp-scroll' }, h('table', { class: 'grid imp-table', id: 'imp-history' },
        h('thead', {}, h('tr', {}, h('th', {}, '时间'), h('th', {}, '操作人'), h('th', {}, '类型'), h('th', {}, '条数'), h('th', {}, '文件'))),
        this.history)),
      this.historyStatus)
    void this.loadHistory()
  }

  /** A new file: everything of the last one goes, then the guess and the dry run. */
  private async open(file: File): Promise<void> {
    this.file = file
    this.guess = null
    this.kindChosen = false
    this.columns.clear()
    this.defaults.clear()
    this.sheet.replaceChildren()
    this.sheetRow.hidden = true
    this.encoding.value = ''
    fill(this.result)
    this.fileInfo.textContent = `${file.name} · ${sizeText(file.size)}`
    await this.runGuess()
  }

  private choices(): ImportChoices {
    const columns = [...this.columns].map(([src, field], i) => `${src}:${field || `${SKIP_PREFIX}${i + 1}`}`).join(',')
    const defaults = [...this.defaults].filter(([, v]) => v.trim() !== '').map(([f, v]) => `${f}:${v.trim()}`).join(',')
    const format = this.guess?.format
    return {
      crs: this.crs.value as ImportChoices['crs'],
      encoding: format === 'csv' ? this.encoding.value : '',
      sheet: format === 'xlsx' ? this.sheet.value : '',
      columns, defaults,
    }
  }

  /** Whether a file is open (a saved mapping applies to the open file). */
  hasFile(): boolean {
    return this.file !== null
  }

  /** The page's current choices, for saving them as a named mapping. */
  currentMapping(): MappingChoices {
    const c = this.choices()
    return {
      kind: this.kind.value,
      columns: Object.fromEntries([...this.columns].map(([s, f], i) => [s, f || `${SKIP_PREFIX}${i + 1}`])),
      defaults: Object.fromEntries([...this.defaults].filter(([, v]) => v.trim() !== '')),
      crs: c.crs, encoding: c.encoding, sheet: c.sheet,
    }
  }

  /** Applies a saved mapping to the open file and runs the dry run again. */
  async applyMapping(m: Partial<MappingChoices>): Promise<void> {
    if (m.kind && isKind(m.kind)) {
      this.kind.value = m.kind
      this.kindChosen = true
    }
    if (m.crs) this.crs.value = m.crs
    if (m.encoding !== undefined) this.encoding.value = m.encoding
    if (m.sheet && [...this.sheet.options].some((o) => o.value === m.sheet)) this.sheet.value = m.sheet
    if (m.columns) this.columns = new Map(Object.entries(m.columns).map(([s, f]) => [s, f.startsWith(SKIP_PREFIX) ? '' : f]))
    if (m.defaults) this.defaults = new Map(Object.entries(m.defaults))
    await this.runPreview()
  }

  /** Asks the server which kind the file is (and its sheets), preselects it unless the user chose one, then previews. */
  private async runGuess(): Promise<void> {
    const file = this.file
    if (!file) return
    const n = ++this.seq
    this.setStatus('正在识别文件…')
    const format = /\.xlsx$/i.test(file.name) ? 'xlsx' : /\.(csv|txt)$/i.test(file.name) ? 'csv' : null
    try {
      const g = await guessImport(file, { encoding: format === 'csv' ? this.encoding.value : '', sheet: format === 'xlsx' ? this.sheet.value : '' })
      if (n !== this.seq) return
      this.guess = g
      this.encodingRow.hidden = g.format !== 'csv'
      const sheets = g.sheets ?? []
      if (sheets.length > 1 && this.sheet.options.length === 0) {
        fill(this.sheet, ...sheets.map((s) => h('option', { value: s }, s)))
        this.sheet.value = g.sheet ?? sheets[0]
      }
      this.sheetRow.hidden = sheets.length <= 1
      if (!this.kindChosen) this.kind.value = g.kind ?? ''
      this.showGuess(g)
    } catch (e) {
      if (n !== this.seq) return
      this.guess = null
      this.showFailure(e, '文件无法读取')
      return
    }
    await this.runPreview()
  }

  private showGuess(g: ImportGuess): void {
    const fmt = FORMAT_LABELS[g.format] ?? g.format
    const sheet = g.format === 'xlsx' && g.sheet ? `,工作表“${g.sheet}”` : ''
    if (!g.kind) {
      this.kindNote.textContent = `${fmt} 文件${sheet}:未能从表头识别数据类型,请在上方选择数据类型;若选后仍报表头问题,请检查表头或换一个工作表。`
      this.kindNote.className = 'note warn'
      return
    }
    const best = g.candidates[0]
    const others = g.candidates.slice(1).map((c) => kindLabel(c.kind))
    this.kindNote.textContent = `${fmt} 文件${sheet}:按表头识别为“${kindLabel(g.kind)}”(认出 ${best?.fields.length ?? 0} 个字段)` +
      (others.length ? `;也可能是 ${others.join('、')},如不对请改选` : '')
    this.kindNote.className = 'note ok'
  }

  /** The dry run of the current file and choices; its answer is shown only if no newer one was asked for. */
  private async runPreview(): Promise<void> {
    const file = this.file
    const kind = this.kind.value
    this.commitButton.disabled = true
    if (!file || !this.guess) return
    if (!kind) {
      this.shown = null
      this.preview.hidden = true
      this.setStatus('请选择数据类型后预览')
      this.updateCommit()
      return
    }
    const n = ++this.seq
    const choices = this.choices()
    this.setStatus('正在预览(试导入,不写入数据)…')
    try {
      const p = await previewImport(kind, file, choices)
      if (n !== this.seq) return
      this.shown = { preview: p, problems: p.problems, kind, choices }
      this.setStatus('')
      this.renderPreview(p, kind)
    } catch (e) {
      if (n !== this.seq) return
      const problems = problemsOf(e)
      this.shown = { preview: null, problems, kind, choices }
      if (problems.length) {
        this.setStatus('')
        fill(this.preview, this.problemBox(problems, kind, null))
        this.preview.hidden = false
      } else this.showFailure(e, '预览失败')
    }
    this.updateCommit()
  }

  private renderPreview(p: ImportPreview, kind: string): void {
    const replaces = p.replaces == null ? '' : p.replaces > 0 ? `,其中 ${p.replaces} 条与已有数据编号相同,将被覆盖` : ',均为新数据'
    const summary = h('p', { id: 'imp-summary', class: 'cause-line', 'data-rows': p.rows, 'data-valid': p.valid, 'data-replaces': p.replaces ?? '' },
      p.problems.length
        ? `文件共 ${p.rows} 行数据;有 ${p.problems.length} 个问题,修正前不能导入`
        : `文件共 ${p.rows} 行数据,可导入 ${p.valid} 条${kindLabel(kind)}${replaces}` + (p.skipped.length ? `;${p.skipped.length} 行将跳过` : ''))
    fill(this.preview,
      summary,
      p.problems.length ? this.problemBox(p.problems, kind, p) : null,
      h('h3', {}, '列对应 ', h('span', { class: 'muted' }, '文件中的列 → 系统字段;选错了可直接改选,预览随之更新')),
      this.mappingTable(p, kind),
      this.defaultsBox(p, kind),
      h('h3', {}, '预览 ', h('span', { class: 'muted' }, `前 ${p.sample.length} 行,按写入后的样子`)),
      this.sampleTable(p, kind),
      p.skipped.length ? h('p', { class: 'muted', id: 'imp-skipped' }, `将跳过:${p.skipped.slice(0, 10).map((s) => `第 ${s.row} 行(${s.reason})`).join(';')}${p.skipped.length > 10 ? ' …' : ''}`) : null)
    this.preview.hidden = false
  }

  private mappingTable(p: ImportPreview, kind: string): HTMLElement {
    const fields = isKind(kind) ? IMPORT_FIELDS[kind] : []
    const rows = p.mapping.map((m) => {
      const chosen = this.columns.get(m.source)
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
        this.columns.set(m.source, select.value)
        void this.runPreview()
      })
      return h('tr', { 'data-source': m.source, 'data-field': m.how === 'unused' ? '' : m.field ?? '', 'data-how': m.how },
        h('td', {}, m.source), h('td', {}, select), h('td', { class: m.how === 'unused' ? 'muted' : '' }, HOW_LABELS[m.how]))
    })
    return h('div', { class: 'imp-scroll' }, h('table', { class: 'grid imp-table', id: 'imp-mapping' },
      h('thead', {}, h('tr', {}, h('th', {}, '文件中的列'), h('th', {}, '导入为'), h('th', {}, '方式'))),
      h('tbody', {}, ...rows)))
  }

  /** Values for the kind's fields no column fills (e.g. 网络制式 for a whole file of 4G sites). */
  private defaultsBox(p: ImportPreview, kind: string): HTMLElement | null {
    if (!isKind(kind) || p.format === 'geojson') return null
    const filled = new Set(p.mapping.filter((m) => m.how !== 'unused' && m.field).map((m) => m.field!))
    const open = IMPORT_FIELDS[kind].filter((f) => !filled.has(f) && !NO_DEFAULT.has(f))
    if (!open.length) return null
    const inputs = open.map((f) => {
      const input = h('input', { id: `imp-default-${f}`, value: this.defaults.get(f) ?? '', maxlength: 100, placeholder: '留空则不填' })
      input.addEventListener('change', () => {
        this.defaults.set(f, input.value.replace(/[,:]/g, ' '))
        void this.runPreview()
      })
      return h('label', {}, `${fieldLabel(kind, f)} `, input)
    })
    const box = h('details', { id: 'imp-defaults', class: 'imp-defaults' },
      h('summary', {}, `缺省值 `, h('span', { class: 'muted' }, '文件中没有的字段,可统一填一个值(可选)')),
      h('div', { class: 'row3' }, ...inputs))
    if ([...this.defaults.values()].some((v) => v.trim() !== '')) box.open = true
    return box
  }

  private sampleTable(p: ImportPreview, kind: string): HTMLElement {
    if (!p.sample.length) return h('p', { class: 'muted', id: 'imp-sample' }, p.problems.length ? '有问题的行不显示;修正后再预览' : '文件中没有数据行')
    const keys: string[] = []
    for (const row of p.sample) for (const k of Object.keys(row)) if (!keys.includes(k)) keys.push(k)
    return h('div', { class: 'imp-scroll' }, h('table', { class: 'grid imp-table', id: 'imp-sample' },
      h('thead', {}, h('tr', {}, ...keys.map((k) => h('th', { title: k }, fieldLabel(kind, k))))),
      h('tbody', {}, ...p.sample.map((row) => h('tr', {}, ...keys.map((k) => h('td', {}, cellText((row as Record<string, unknown>)[k]))))))))
  }

  /** Every problem with where it is; the page's words say what to do, the server's own message is shown as it is. */
  private problemBox(problems: ImportProblem[], kind: string, p: ImportPreview | null, failed = false): HTMLElement {
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

  /** 导入 is enabled only when the last dry run, of exactly the current choices, would store rows and has no problem. */
  private updateCommit(): void {
    const s = this.shown
    const ok = !this.busy && !!s?.preview && s.problems.length === 0 && s.preview.valid > 0
    this.commitButton.disabled = !ok
    this.commitButton.textContent = ok ? `导入 ${s!.preview!.valid} 条${kindLabel(s!.kind)}` : '导入'
    this.commitButton.title = ok ? '' : s?.problems.length ? '有问题未解决,不能导入' : '请先选择文件并完成预览'
  }

  private async commit(): Promise<void> {
    const s = this.shown
    const file = this.file
    if (!s?.preview || !file || this.busy) return
    this.busy = true
    this.updateCommit()
    for (const el of [this.kind, this.sheet, this.crs, this.encoding, this.fileInput]) el.disabled = true
    fill(this.result)
    this.progress.hidden = false
    this.progress.value = 0
    this.progressText.textContent = '正在上传…'
    try {
      const summary = await commitImport(s.kind, file, s.choices, (sent) => {
        if (sent == null) {
          // The body is all sent: the server now parses, checks and writes in one transaction.
          this.progress.removeAttribute('value')
          this.progressText.textContent = '服务器校验并写入…'
        } else {
          this.progress.value = sent
          this.progressText.textContent = `正在上传 ${Math.round(sent * 100)}%`
        }
      })
      fill(this.result, h('p', { class: 'imp-ok', id: 'imp-done', 'data-imported': summary.imported, 'data-kind': s.kind },
        `导入 ${summary.imported} 条${kindLabel(s.kind)}(${file.name})` + (summary.skipped.length ? `,跳过 ${summary.skipped.length} 行` : '') + '。地图已随之更新。'))
      this.reset()
      void this.loadHistory()
    } catch (e) {
      const problems = problemsOf(e)
      fill(this.result, problems.length
        ? this.problemBox(problems, s.kind, s.preview, true)
        : h('p', { class: 'error', id: 'imp-failed' }, `导入失败,全部未导入:${errorText(e)}`))
    } finally {
      this.busy = false
      this.progress.hidden = true
      this.progressText.textContent = ''
      for (const el of [this.kind, this.sheet, this.crs, this.encoding, this.fileInput]) el.disabled = false
      this.updateCommit()
    }
  }

  /** After an import: no file, no preview; ready for the next file. */
  private reset(): void {
    this.seq++
    this.file = null
    this.guess = null
    this.shown = null
    this.kindChosen = false
    this.columns.clear()
    this.defaults.clear()
    this.fileInput.value = ''
    this.kind.value = ''
    this.sheet.replaceChildren()
    this.sheetRow.hidden = true
    this.encodingRow.hidden = true
    fill(this.fileInfo)
    fill(this.kindNote)
    fill(this.preview)
    this.preview.hidden = true
    this.setStatus('')
  }

  private setStatus(text: string): void {
    this.status.textContent = text
    this.status.className = 'muted'
  }

  private showFailure(e: unknown, what: string): void {
    this.preview.hidden = true
    this.status.textContent = `${what}:${errorText(e)}`
    this.status.className = 'error'
  }

  private async loadHistory(): Promise<void> {
    try {
      const rows = await importHistory(HISTORY_ROWS)
      fill(this.history, ...(rows.length ? rows.map(historyRow) : [h('tr', {}, h('td', { colspan: 5, class: 'muted' }, '还没有导入记录'))]))
      this.historyStatus.textContent = ''
    } catch (e) {
      this.historyStatus.textContent = `导入记录读取失败:${errorText(e)}`
    }
  }
}

function historyRow(r: ImportHistoryRow): HTMLTableRowElement {
  const file: Child[] = [r.filename ?? '—', r.format ? h('span', { class: 'muted' }, ` ${FORMAT_LABELS[r.format] ?? r.format}`) : null]
  return h('tr', { 'data-kind': r.kind, 'data-imported': r.imported, 'data-filename': r.filename ?? '' },
    h('td', {}, fullTime(r.at)), h('td', {}, r.username ?? '—'), h('td', {}, kindLabel(r.kind)),
    h('td', {}, `${r.imported}${r.skipped ? `(跳过 ${r.skipped})` : ''}`), h('td', {}, ...file))
}

/** The row problems of a refused import or dry run (400 IMPORT_INVALID carries them in details). */
function problemsOf(e: unknown): ImportProblem[] {
  if (!(e instanceof ApiError) || e.code !== 'IMPORT_INVALID') return []
  const list = e.details.problems
  return Array.isArray(list) ? (list as ImportProblem[]) : []
}

function cellText(v: unknown): string {
  if (v == null || v === '') return '—'
  if (typeof v === 'object') {
    const t = JSON.stringify(v)
    return t.length > 60 ? `${t.slice(0, 57)}…` : t
  }
  return String(v)
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
