/** The answer_templates table (migration 005): every version of every answer template, none ever changed. SQL in store/sql/answer_templates. */
import { SQL } from '../sql/index.js'
import type { Tx } from './table-repo.js'

/** An answer_templates row as stored. */
export interface TemplateRow {
  code: string
  version: number
  text: string
  author: string
  note: string
  created_at: Date
}

/** Every method runs on the connection or transaction it is given. */
export const answerTemplatesRepo = {
  /** The codes the store holds at least one version of. */
  codes: (q: Tx) => q.map(SQL.answerTemplates.codes, [], (r: { code: string }) => r.code),
  /** Stores version 1 of `code` unless some version 1 is there already. */
  seed: (q: Tx, t: { code: string; text: string; author: string; note: string }) => q.none(SQL.answerTemplates.seed, t),
  /** The newest version of every code. */
  current: (q: Tx) => q.any<TemplateRow>(SQL.answerTemplates.current),
  /** The newest version of every code with its number of versions `n`. */
  currentWithCount: (q: Tx) => q.any<TemplateRow & { n: number }>(SQL.answerTemplates.currentWithCount),
  /** Every version of `code`, newest first. */
  history: (q: Tx, code: string) => q.any<TemplateRow>(SQL.answerTemplates.history, { code }),
  /** The newest version of `code`, or null. */
  newest: (q: Tx, code: string) => q.oneOrNone<TemplateRow>(SQL.answerTemplates.newest, { code }),
  /** Stores a new version; a (code, version) taken meanwhile fails with 23505. */
  insert: (q: Tx, t: { code: string; version: number; text: string; author: string; note: string }) => q.one<TemplateRow>(SQL.answerTemplates.insert, t),
}
