/** What each answer template and each slot is for, as the 口径管理 page shows them: the rule modules' own labels. */
import { RULE_MODULES } from '../diagnosis/registry.js'
import { COMMON_SLOT_LABELS } from '../diagnosis/rule-module.js'
import { ANSWER_SLOTS, type AnswerKey } from './answer-book.js'

/** What each template is for, as the admin page shows it: the rule modules' template labels. */
export const TEMPLATE_LABELS: Readonly<Record<AnswerKey, string>> = Object.freeze(
  Object.fromEntries(RULE_MODULES.flatMap((m) => Object.entries(m.templates).map(([key, t]) => [key, t.label]))) as Record<AnswerKey, string>,
)

/**
 * What each slot is filled with (data/answers/README.md has examples): the common slots', then each
 * rule module's own. A slot several causes fill has one label (registry.test.ts checks they agree).
 */
export const SLOT_LABELS: Readonly<Record<string, string>> = Object.freeze(slotLabels())

function slotLabels(): Record<string, string> {
  const out: Record<string, string> = { ...COMMON_SLOT_LABELS }
  for (const m of RULE_MODULES) for (const [slot, label] of Object.entries(m.slotLabels)) out[slot] ??= label
  return out
}

/** The cause part of a template key: 'cutover.cleared' → 'cutover'. */
export const causeOfTemplate = (key: string) => key.split('.')[0]

/** A template's code, cause, label and slots with their labels (what every listing of it starts with). */
export function templateSummary(key: AnswerKey) {
  return {
    code: key,
    cause: causeOfTemplate(key),
    label: TEMPLATE_LABELS[key],
    slots: ANSWER_SLOTS[key].map((name) => ({ name, label: SLOT_LABELS[name] ?? name })),
  }
}
