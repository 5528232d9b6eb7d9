/**
 * Reads of the complaints table beyond the repository's rows (repos/index.ts complaintsRepo): the
 * finders whose answers are not whole complaints. SQL in store/sql/complaints.
 */
import { SQL } from '../sql/index.js'
import type { Tx } from './table-repo.js'

/** A complaint as a template preview lists it: the cause it has and the template its answer came from. */
export interface TemplatePreviewRow {
  id: string
  occurred_at: Date
  address: string
  phenomenon: string
  cause: string | null
  template: Record<string, unknown> | null
}

/** Every method runs on the connection or transaction it is given. */
export const complaintFinders = {
  /** Recent complaints, those answered with a template of `cause` first, then the newest; at most `limit`. */
  forTemplatePreview: (q: Tx, cause: string, limit: number) => q.any<TemplatePreviewRow>(SQL.complaints.templatePreview, { cause, limit }),
}
