/**
 * The import page's file and choices: the drop zone and file input, the kind (guessed from the header
 * unless the user picked one), the sheet of an XLSX, the CRS, the encoding of a CSV, and the user's own
 * column fields and default values. It holds what the next request sends; the page decides when to send it.
 */
import { fill, h, type Child } from '../dom.js'
import { IMPORT_CRS_LABELS, IMPORT_KINDS, IMPORT_KIND_LABELS } from '../../../contract/src/imports.js'
import type { ImportChoices, ImportGuess } from './api.js'
import { FORMAT_LABELS, isKind, kindLabel } from './labels.js'

/** What the saved-mapping controls (saved-mappings.ts) read from and apply to the page. */
export interface MappingChoices {
  kind: string
  columns: Record<string, string>
  defaults: Record<string, string>
  crs: ImportChoices['crs']
  encoding: string
  sheet: string
}

/** What the form tells the page: a file was chosen, or a choice changed that needs a new guess or dry run. */
export interface FormEvents {
  file(file: File): void
  /** The kind, the CRS: a new dry run. */
  kind(): void
  crs(): void
  /** The sheet, the encoding: the header may differ, so a new guess. */
  sheet(): void
  encoding(): void
}

/** A source column the user set to 不导入 is renamed to a name no kind reads (unique per column: the server refuses a name twice). */
const SKIP_PREFIX = '_skip_'

/** The file and every choice made for it (#imp-file, #imp-drop, #imp-kind, #imp-sheet, #imp-crs, #imp-encoding). */
export class ImportForm {
  private readonly fileInput = h('input', { type: 'file', id: 'imp-file', accept: '.csv,.txt,.xlsx,.geojson,.json', class: 'imp-file-input' })
  private readonly drop = h('label', { for: 'imp-file', id: 'imp-drop', class: 'imp-drop', tabindex: '-1' },
    h('strong', {}, '把文件拖到这里,或点击选择文件'),
    h('span', { class: 'muted' }, '支持 CSV、Excel(.xlsx)、GeoJSON;导入前先预览,不会写入任何数据'))
  private readonly fileInfo = h('p', { id: 'imp-fileinfo', class: 'muted' })
  readonly kind = h('select', { id: 'imp-kind' }, h('option', { value: '' }, '— 请选择数据类型 —'),
    ...IMPORT_KINDS.map((k) => h('option', { value: k }, IMPORT_KIND_LABELS[k])))
  private readonly kindNote = h('p', { id: 'imp-kind-note', class: 'note' })
  private readonly sheet = h('select', { id: 'imp-sheet' })
  private readonly sheetRow = h('label', { id: 'imp-sheet-row', hidden: true }, '工作表 ', this.sheet)
  private readonly crs = h('select', { id: 'imp-crs' }, ...Object.entries(IMPORT_CRS_LABELS).map(([v, l]) => h('option', { value: v }, l)))
  private readonly encoding = h('select', { id: 'imp-encoding' }, h('option', { value: '' }, 'UTF-8'), h('option', { value: 'gbk' }, 'GBK(国标,Excel 另存的 CSV 常用)'))
  private readonly encodingRow = h('label', { id: 'imp-encoding-row', hidden: true }, '文件编码 ', this.encoding)

  /** The open file, or null. */
  file: File | null = null
  /** The server's guess for the open file (format, kind, sheets), or null before it came or when it failed. */
  guess: ImportGuess | null = null
  /** The user picked the kind: a new guess (another sheet, another encoding) no longer overrides it. */
  private kindChosen = false
  /** Source column → field the user chose ('' = 不导入), in the order chosen (the same Map for the page's life). */
  readonly columns = new Map<string, string>()
  /** Field → value for rows that do not fill it (the same Map for the page's life). */
  readonly defaults = new Map<string, string>()

  constructor(on: FormEvents) {
    this.fileInput.addEventListener('change', () => {
      const f = this.fileInput.files?.[0]
      if (f) on.file(f)
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
      if (f) on.file(f)
    })
    this.kind.addEventListener('change', () => {
      this.kindChosen = true
      // Another kind reads other fields: the user's column choices were for the last one.
      this.columns.clear()
      this.defaults.clear()
      on.kind()
    })
    this.sheet.addEventListener('change', () => {
      this.columns.clear()
      on.sheet()
    })
    this.encoding.addEventListener('change', () => on.encoding())
    this.crs.addEventListener('change', () => on.crs())
  }

  /** The form's elements in page order: the drop zone, the file input and its line, the options, the kind note. */
  elements(): Child[] {
    return [
      this.drop, this.fileInput, this.fileInfo,
      h('div', { class: 'imp-options' },
        h('label', {}, '数据类型 ', this.kind),
        this.sheetRow,
        h('label', {}, '坐标系 ', this.crs),
        this.encodingRow),
      this.kindNote,
    ]
  }

  /** A new file: every choice made for the last one goes. */
  open(file: File): void {
    this.file = file
    this.guess = null
    this.kindChosen = false
    this.columns.clear()
    this.defaults.clear()
    this.sheet.replaceChildren()
    this.sheetRow.hidden = true
    this.encoding.value = ''
    this.fileInfo.textContent = `${file.name} · ${sizeText(file.size)}`
  }

  /** After an import: no file, no choices; ready for the next file. */
  reset(): void {
    this.file = null
    this.guess = null
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
  }

  /** Locks the choices while an import runs (and unlocks them after). */
  setDisabled(disabled: boolean): void {
    for (const el of [this.kind, this.sheet, this.crs, this.encoding, this.fileInput]) el.disabled = disabled
  }

  /** The request's parameters for the current choices (encoding only for CSV, sheet only for XLSX). */
  choices(): ImportChoices {
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

  /** The guess request's options for the open file, its format told by its name (before the server says it). */
  guessOptions(file: File): { encoding: string; sheet: string } {
    const format = /\.xlsx$/i.test(file.name) ? 'xlsx' : /\.(csv|txt)$/i.test(file.name) ? 'csv' : null
    return { encoding: format === 'csv' ? this.encoding.value : '', sheet: format === 'xlsx' ? this.sheet.value : '' }
  }

  /** Takes the server's guess: the encoding row for CSV, the sheets of an XLSX, the kind unless the user chose one. */
  takeGuess(g: ImportGuess): void {
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

  /** Applies a saved mapping's choices (a sheet only if the file has it); the page runs the dry run again. */
  applyMapping(m: Partial<MappingChoices>): void {
    if (m.kind && isKind(m.kind)) {
      this.kind.value = m.kind
      this.kindChosen = true
    }
    if (m.crs) this.crs.value = m.crs
    if (m.encoding !== undefined) this.encoding.value = m.encoding
    if (m.sheet && [...this.sheet.options].some((o) => o.value === m.sheet)) this.sheet.value = m.sheet
    if (m.columns) replace(this.columns, Object.entries(m.columns).map(([s, f]) => [s, f.startsWith(SKIP_PREFIX) ? '' : f]))
    if (m.defaults) replace(this.defaults, Object.entries(m.defaults))
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
}

/** Replaces a Map's entries in place, in the given order. */
function replace(map: Map<string, string>, entries: [string, string][]): void {
  map.clear()
  for (const [k, v] of entries) map.set(k, v)
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
