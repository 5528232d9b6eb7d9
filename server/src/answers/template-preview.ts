/** A template text filled with a stored complaint's values, nothing saved (the 口径管理 page's live preview). */
import type { Complaint } from '../domain/types.js'
import { commonSlots } from '../diagnosis/context.js'
import { ANSWER_SLOTS, renderPreview, type AnswerKey, type TemplateRef } from './answer-book.js'
import { causeOfTemplate } from './template-labels.js'
import { checkedTemplateText } from './template-text.js'

export interface TemplatePreview {
  code: AnswerKey
  complaintId: string
  /** The template text as it would be stored (lines joined, trimmed). */
  text: string
  /** That text filled with the complaint's values; a slot with no value shows as {name}. */
  answer: string
  /** Slots the text uses that the complaint has no value for (answered by another cause). */
  missing: string[]
  /** The values used. */
  slots: Record<string, string>
  /** The template (and version) the complaint was answered with, if it recorded one. */
  answeredWith: TemplateRef | null
  /** What the customer was told. */
  given: string | null
}

/**
 * `raw` filled with a stored complaint's values. The values are those its diagnosis recorded for its
 * answer (diagnosis.template.slots) when that answer came from a template of the same cause, plus the
 * complaint's own address, time, service and phenomenon; a slot with no value stays {name} and is
 * listed in `missing`. A text the API would refuse to save is refused here too.
 */
export function previewTemplate(key: AnswerKey, raw: string, complaint: Complaint & { diagnosis?: unknown }): TemplatePreview {
  checkedTemplateText(key, raw)
  const d = complaint.diagnosis as { template?: { code?: unknown; version?: unknown; reusedFrom?: unknown; slots?: unknown } } | null | undefined
  const t = d?.template
  const answeredWith: TemplateRef | null =
    t && typeof t.code === 'string'
      ? { code: t.code, version: typeof t.version === 'number' ? t.version : null, ...(typeof t.reusedFrom === 'string' ? { reusedFrom: t.reusedFrom } : {}) }
      : null
  const values: Record<string, string> = { ...commonSlots(complaint) }
  if (answeredWith && causeOfTemplate(answeredWith.code) === causeOfTemplate(key) && t?.slots && typeof t.slots === 'object') {
    for (const [name, v] of Object.entries(t.slots as Record<string, unknown>)) if (typeof v === 'string') values[name] = v
  }
  const allowed: readonly string[] = ANSWER_SLOTS[key]
  const slots = Object.fromEntries(Object.entries(values).filter(([name]) => allowed.includes(name)))
  const r = renderPreview(key, raw, slots)
  return { code: key, complaintId: complaint.id, text: r.text, answer: r.answer, missing: r.missing, slots, answeredWith, given: complaint.answer }
}
