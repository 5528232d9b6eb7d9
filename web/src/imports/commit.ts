/**
 * The import itself: 导入 (#imp-commit) sends exactly the request the last dry run answered, all rows or
 * none, with the upload's progress (#imp-progress, #imp-progress-text) and the outcome (#imp-result:
 * #imp-done with data-imported/data-kind, the problems, or #imp-failed). The button is enabled only when
 * that dry run, of exactly the current choices, would store rows and had no problem.
 */
import { fill, h, type Child } from '../dom.js'
import { errorText } from '../errors.js'
import { commitImport, type ImportChoices, type ImportPreview, type ImportProblem } from './api.js'
import { kindLabel } from './labels.js'
import { problemBox, problemsOf } from './problems.js'

/** The last dry run shown, and the request it answered (导入 sends exactly that). */
export interface ShownPreview {
  preview: ImportPreview | null
  problems: ImportProblem[]
  kind: string
  choices: ImportChoices
}

/** What the import needs of the page: the dry run shown, the open file, and what to do around the import. */
export interface CommitHooks {
  shown(): ShownPreview | null
  file(): File | null
  /** Locks (true) or unlocks (false) the file and choices while the import runs. */
  lock(locked: boolean): void
  /** The import succeeded: the page gets ready for the next file. */
  done(): void
}

/** The 导入 button, its progress and the outcome. */
export class ImportCommit {
  private readonly button = h('button', { type: 'button', id: 'imp-commit', disabled: true }, '导入')
  private readonly progress = h('progress', { id: 'imp-progress', max: 1, hidden: true })
  private readonly progressText = h('span', { id: 'imp-progress-text', class: 'muted' })
  private readonly result = h('div', { id: 'imp-result', role: 'status' })
  private busy = false

  constructor(private readonly hooks: CommitHooks) {
    this.button.addEventListener('click', () => void this.run())
  }

  /** The button row and the outcome, in page order. */
  elements(): Child[] {
    return [
      h('div', { class: 'imp-commit-row' }, this.button, h('div', { class: 'imp-progress-box' }, this.progress, this.progressText)),
      this.result,
    ]
  }

  /** Disables 导入 until update() says otherwise (a new dry run is on its way). */
  disable(): void {
    this.button.disabled = true
  }

  /** Clears the last outcome (a new file). */
  clearResult(): void {
    fill(this.result)
  }

  /** 导入 is enabled only when the last dry run, of exactly the current choices, would store rows and has no problem. */
  update(): void {
    const s = this.hooks.shown()
    const ok = !this.busy && !!s?.preview && s.problems.length === 0 && s.preview.valid > 0
    this.button.disabled = !ok
    this.button.textContent = ok ? `导入 ${s!.preview!.valid} 条${kindLabel(s!.kind)}` : '导入'
    this.button.title = ok ? '' : s?.problems.length ? '有问题未解决,不能导入' : '请先选择文件并完成预览'
  }

  /** Sends the import of the dry run shown; the choices stay locked until it is answered. */
  private async run(): Promise<void> {
    const s = this.hooks.shown()
    const file = this.hooks.file()
    if (!s?.preview || !file || this.busy) return
    this.busy = true
    this.update()
    this.hooks.lock(true)
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
      this.hooks.done()
    } catch (e) {
      const problems = problemsOf(e)
      fill(this.result, problems.length
        ? problemBox(problems, s.kind, s.preview, true)
        : h('p', { class: 'error', id: 'imp-failed' }, `导入失败,全部未导入:${errorText(e)}`))
    } finally {
      this.busy = false
      this.progress.hidden = true
      this.progressText.textContent = ''
      this.hooks.lock(false)
      this.update()
    }
  }
}
