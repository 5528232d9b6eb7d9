/**
 * 数据导入: an engineer's or admin's own files into the service, from the browser.
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
 *
 * This file composes the parts and orders the requests (only the latest guess or dry run is shown):
 * the file and choices (choices.ts), the dry run shown (preview.ts, problems.ts), the import with its
 * progress (commit.ts) and the history (history.ts).
 */
import type L from '../leaflet.js'
import { can } from '../auth.js'
import { fill, h } from '../dom.js'
import { errorText } from '../errors.js'
import { mountTab } from '../tabs.js'
import { guessImport, previewImport } from './api.js'
import { ImportForm, type MappingChoices } from './choices.js'
import { ImportCommit, type ShownPreview } from './commit.js'
import { ImportHistory } from './history.js'
import { renderPreview, type MappingEdits } from './preview.js'
import { problemBox, problemsOf } from './problems.js'
import { mountSavedMappings } from './saved-mappings.js'

export type { MappingChoices } from './choices.js'
export { kindLabel } from './labels.js'

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

/** The import page: its parts, and the guess → dry run → import sequence between them. */
export class ImportPage {
  private readonly form = new ImportForm({
    file: (f) => void this.open(f),
    kind: () => void this.runPreview(),
    crs: () => void this.runPreview(),
    sheet: () => void this.runGuess(),
    encoding: () => void this.runGuess(),
  })
  /**
   * The place for named mappings per source (保存为映射 / 使用已存映射, saved-mappings.ts): hidden until
   * those controls are put in it; they read currentMapping() and call applyMapping().
   */
  readonly savedMappings = h('div', { id: 'imp-saved', class: 'imp-saved', hidden: true })
  private readonly status = h('p', { id: 'imp-status', role: 'status', class: 'muted' })
  private readonly preview = h('div', { id: 'imp-preview', hidden: true, 'aria-live': 'polite' })
  private readonly committer = new ImportCommit({
    shown: () => this.shown,
    file: () => this.form.file,
    lock: (locked) => this.form.setDisabled(locked),
    done: () => {
      this.reset()
      void this.history.load()
    },
  })
  private readonly history = new ImportHistory()
  /** The column and default edits the preview shows and changes; each change runs the dry run again. */
  private readonly edits: MappingEdits = {
    columns: this.form.columns,
    defaults: this.form.defaults,
    changed: () => void this.runPreview(),
  }

  /** The last dry run shown, and the request it answered (导入 sends exactly that). */
  private shown: ShownPreview | null = null
  /** Each dry run or guess gets a number; an answer that is not the latest one is dropped. */
  private seq = 0
  private started = false

  constructor(private readonly box: HTMLElement) {}

  /** First showing: builds the panel and loads the history; later showings refresh the history. */
  show(): void {
    if (this.started) {
      void this.history.load()
      return
    }
    this.started = true
    fill(this.box,
      h('h2', {}, '数据导入'),
      h('p', { class: 'muted' }, '基站工参、告警、割接、盲点、规划站、地物、投诉:先看预览与问题,确认无误后一次性导入(出错则全部不导入)。'),
      ...this.form.elements(),
      this.savedMappings,
      this.status,
      this.preview,
      ...this.committer.elements(),
      ...this.history.elements())
    void this.history.load()
  }

  /** Whether a file is open (a saved mapping applies to the open file). */
  hasFile(): boolean {
    return this.form.file !== null
  }

  /** The page's current choices, for saving them as a named mapping. */
  currentMapping(): MappingChoices {
    return this.form.currentMapping()
  }

  /** Applies a saved mapping to the open file and runs the dry run again. */
  async applyMapping(m: Partial<MappingChoices>): Promise<void> {
    this.form.applyMapping(m)
    await this.runPreview()
  }

  /** A new file: everything of the last one goes, then the guess and the dry run. */
  private async open(file: File): Promise<void> {
    this.form.open(file)
    this.committer.clearResult()
    await this.runGuess()
  }

  /** Asks the server which kind the file is (and its sheets), preselects it unless the user chose one, then previews. */
  private async runGuess(): Promise<void> {
    const file = this.form.file
    if (!file) return
    const n = ++this.seq
    this.setStatus('正在识别文件…')
    try {
      const g = await guessImport(file, this.form.guessOptions(file))
      if (n !== this.seq) return
      this.form.takeGuess(g)
    } catch (e) {
      if (n !== this.seq) return
      this.form.guess = null
      this.showFailure(e, '文件无法读取')
      return
    }
    await this.runPreview()
  }

  /** The dry run of the current file and choices; its answer is shown only if no newer one was asked for. */
  private async runPreview(): Promise<void> {
    const file = this.form.file
    const kind = this.form.kind.value
    this.committer.disable()
    if (!file || !this.form.guess) return
    if (!kind) {
      this.shown = null
      this.preview.hidden = true
      this.setStatus('请选择数据类型后预览')
      this.committer.update()
      return
    }
    const n = ++this.seq
    const choices = this.form.choices()
    this.setStatus('正在预览(试导入,不写入数据)…')
    try {
      const p = await previewImport(kind, file, choices)
      if (n !== this.seq) return
      this.shown = { preview: p, problems: p.problems, kind, choices }
      this.setStatus('')
      renderPreview(this.preview, p, kind, this.edits)
    } catch (e) {
      if (n !== this.seq) return
      const problems = problemsOf(e)
      this.shown = { preview: null, problems, kind, choices }
      if (problems.length) {
        this.setStatus('')
        fill(this.preview, problemBox(problems, kind, null))
        this.preview.hidden = false
      } else this.showFailure(e, '预览失败')
    }
    this.committer.update()
  }

  /** After an import: no file, no preview; ready for the next file (an answer still on its way is dropped). */
  private reset(): void {
    this.seq++
    this.shown = null
    this.form.reset()
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
}
