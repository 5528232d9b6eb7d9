/**
 * The answer-script knowledge base (解释口径库, issue 8 item 5): versioned templates kept in the store
 * (table answer_templates, migration 005). The files in data/answers/ are version 1 of every template
 * the store does not hold yet; from then on an admin edits them in the web app, each save a new
 * version with its author and note. The AnswerBook serves the newest version of each from memory: it
 * is loaded here at start and updated right after an edit commits, so a diagnosis never waits on the
 * database. Other instances on the same PostgreSQL reload it when the change feed tells them.
 *
 * The SQL is the store's (store/repos/answer-templates.ts, complaint-finders.ts).
 */
import type { Db } from '../store/db.js'
import { answerTemplatesRepo, type TemplateRow } from '../store/repos/answer-templates.js'
import { complaintFinders } from '../store/repos/complaint-finders.js'
import { AppError } from '../errors.js'
import type { Complaint } from '../domain/types.js'
import type { ChangeLog } from '../store/change-log.js'
import { ANSWER_SLOTS, AnswerBook, isAnswerKey, type AnswerKey, type TemplateRef } from './answer-book.js'
import { causeOfTemplate, templateSummary } from './template-labels.js'
import { previewTemplate, type TemplatePreview } from './template-preview.js'
import { checkedTemplateText } from './template-text.js'

export { SLOT_LABELS, TEMPLATE_LABELS } from './template-labels.js'
export type { TemplatePreview }

/** Who wrote version 1 (the files). */
export const SEED_AUTHOR = 'seed'

export interface TemplateVersion {
  code: string
  version: number
  text: string
  author: string
  note: string
  createdAt: string
}

export interface TemplateSummary {
  code: AnswerKey
  /** The cause code the template answers for (the part before the dot). */
  cause: string
  label: string
  /** The slots this template may use, with what each is filled with. */
  slots: { name: string; label: string }[]
  /** The current version (the one every diagnosis uses now). */
  current: TemplateVersion
  versions: number
}

/** A recent complaint to preview on. */
export interface PreviewComplaint {
  id: string
  occurredAt: string
  address: string
  phenomenon: string
  cause: string | null
  template: TemplateRef | null
}

const toVersion = (r: TemplateRow): TemplateVersion => ({
  code: r.code, version: r.version, text: r.text, author: r.author, note: r.note, createdAt: r.created_at.toISOString(),
})

const NOTE_MAX = 500

export class AnswerTemplates {
  /** `changes`: where a saved version is told to the other instances (in the saving transaction). */
  constructor(
    private readonly db: Db,
    readonly book: AnswerBook,
    private readonly changes: ChangeLog | null = null,
  ) {}

  /**
   * Seeds version 1 of every template the store lacks from the book as loaded from data/answers, then
   * makes the store's newest versions the book's. Safe when two processes start at once.
   */
  async init(): Promise<void> {
    const held = new Set(await answerTemplatesRepo.codes(this.db))
    const missing = (Object.keys(ANSWER_SLOTS) as AnswerKey[]).filter((k) => !held.has(k))
    if (missing.length) {
      await this.db.tx('templates-seed', async (t) => {
        for (const key of missing) {
          await answerTemplatesRepo.seed(t, { code: key, text: this.book.current(key).text, author: SEED_AUTHOR, note: `初始口径(data/answers/${key}.txt)` })
        }
      })
    }
    await this.refresh()
  }

  /** Loads the newest version of every template into the book. */
  async refresh(): Promise<void> {
    const rows = await answerTemplatesRepo.current(this.db)
    for (const r of rows) {
      if (!isAnswerKey(r.code)) continue // a template of a cause this build no longer has
      this.book.use(r.code, r.text, r.version)
    }
  }

  /** Every template with its current version. */
  async list(): Promise<TemplateSummary[]> {
    const rows = await answerTemplatesRepo.currentWithCount(this.db)
    const byCode = new Map(rows.map((r) => [r.code, r]))
    return (Object.keys(ANSWER_SLOTS) as AnswerKey[]).flatMap((key) => {
      const r = byCode.get(key)
      return r ? [{ ...templateSummary(key), current: toVersion(r), versions: Number(r.n) }] : []
    })
  }

  /** One template with all its versions, newest first. */
  async history(code: string): Promise<TemplateSummary & { history: TemplateVersion[] }> {
    const key = this.key(code)
    const rows = (await answerTemplatesRepo.history(this.db, key)).map(toVersion)
    if (!rows.length) throw new AppError('NOT_FOUND', `no versions of template "${key}" in the store`)
    return { ...templateSummary(key), current: rows[0], versions: rows.length, history: rows }
  }

  /**
   * Stores `text` as the next version of `code` and makes it current. Refused (nothing stored): an
   * unknown code (404), an empty text or an unknown slot (400, naming every unknown slot), a text equal
   * to the current one (400), and — when `baseVersion` is given — an edit of a version that is no
   * longer the current one (409).
   */
  async save(code: string, input: { text: string; note?: string; baseVersion?: number }, author: string): Promise<TemplateVersion> {
    const key = this.key(code)
    const text = checkedTemplateText(key, input.text)
    const note = (input.note ?? '').trim()
    if (note.length > NOTE_MAX) throw new AppError('VALIDATION', `note: expected at most ${NOTE_MAX} characters, got ${note.length}`)
    let saved: TemplateVersion
    try {
      saved = await this.db.tx('template-save', async (t) => {
        const cur = await answerTemplatesRepo.newest(t, key)
        const version = (cur?.version ?? 0) + 1
        if (input.baseVersion != null && cur && input.baseVersion !== cur.version) {
          throw new AppError('CONFLICT', `template ${key}: you edited version ${input.baseVersion}, but version ${cur.version} was saved meanwhile; reload and edit again`)
        }
        if (cur && cur.text === text) throw new AppError('VALIDATION', `template ${key}: the text is the same as version ${cur.version}; nothing to save`)
        const row = await answerTemplatesRepo.insert(t, { code: key, version, text, author, note })
        await this.changes?.write(t, [{ topic: 'templates', ids: [key] }])
        return toVersion(row)
      })
    } catch (err) {
      // Two saves of one template at the same moment: the second finds its version number taken.
      if ((err as { code?: string }).code === '23505') {
        throw new AppError('CONFLICT', `template ${key}: another version was saved at the same moment; reload and edit again`)
      }
      throw err
    }
    this.book.use(key, saved.text, saved.version)
    return saved
  }

  /**
   * `text` (default: the current version) filled with a stored complaint's values, nothing saved. The
   * values are those its diagnosis recorded for its answer (diagnosis.template.slots) when that answer
   * came from a template of the same cause, plus the complaint's own address, time, service and
   * phenomenon; a slot with no value stays {name} and is listed in `missing`.
   */
  preview(code: string, complaint: Complaint & { diagnosis?: unknown }, text?: string): TemplatePreview {
    const key = this.key(code)
    return previewTemplate(key, text ?? this.book.current(key).text, complaint)
  }

  /** Recent complaints to preview `code` on: those answered with a template of its cause first. */
  async complaintsFor(code: string, limit: number): Promise<PreviewComplaint[]> {
    const key = this.key(code)
    return (await complaintFinders.forTemplatePreview(this.db, causeOfTemplate(key), limit)).map((r) => ({
      id: r.id,
      occurredAt: r.occurred_at.toISOString(),
      address: r.address,
      phenomenon: r.phenomenon,
      cause: r.cause,
      template:
        r.template && typeof r.template.code === 'string'
          ? { code: r.template.code, version: typeof r.template.version === 'number' ? r.template.version : null }
          : null,
    }))
  }

  private key(code: string): AnswerKey {
    if (!isAnswerKey(code)) {
      throw new AppError('NOT_FOUND', `no template "${code}"; expected one of ${Object.keys(ANSWER_SLOTS).join(', ')}`)
    }
    return code
  }
}
