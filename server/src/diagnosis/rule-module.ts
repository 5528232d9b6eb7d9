/**
 * The shape of a rule module: everything the service knows about one cause, in the cause's own file
 * (server/src/diagnosis/rules/<cause>.ts). The registry (registry.ts) lists the modules; ranking, the
 * answer book, the template editor and the batch attribution are derived from that list, so adding a
 * cause is one rule file, one answer text per template, one fixture pair and one line in the registry.
 *
 * A module is written `{ … } as const satisfies RuleModule`: `satisfies` checks the shape, `as const`
 * keeps the literal template keys and slot names, so AnswerKey and each template's slots stay precise
 * types (answers.answer('site_fault.cleared', { … }) is checked against that template's slots).
 */
import type { CauseCode } from '../domain/types.js'
import type { Rule } from './context.js'
import type { AlarmEffectRow, Effects } from './effects.js'

/** Slots every answer template may use (filled by context.ts's commonSlots). */
export const COMMON_SLOTS = ['address', 'occurred', 'service', 'phenomenon'] as const

/** What each common slot is filled with, as the template editor shows it. */
export const COMMON_SLOT_LABELS: Readonly<Record<(typeof COMMON_SLOTS)[number], string>> = {
  address: '投诉地点',
  occurred: '发生时间',
  service: '业务类型',
  phenomenon: '投诉现象',
}

/** One answer template of a cause: key = file name in data/answers/ without .txt. */
export interface TemplateSpec {
  /** What the template is for, as the template editor shows it (Chinese). */
  label: string
  /** Every slot the rule fills for this template; a template text may use only these. */
  slots: readonly string[]
}

/**
 * The kinds of evidence the batch attribution (analysis/attribute.ts) looks up for every complaint
 * without a full diagnosis: cutovers (of the site, its elements, or over the point), alarms (of the
 * site or its elements), blind-spot and weak-coverage areas, planned sites.
 */
export const BATCH_EVIDENCE = ['cutover', 'alarm', 'blind_area', 'weak_area', 'planned_site'] as const
export type BatchEvidence = (typeof BATCH_EVIDENCE)[number]

export interface RuleModule {
  /** The contract's cause code (domain/types.ts CAUSE_CODES). */
  code: CauseCode
  /** Its Chinese label, as agents see it (the contract's CAUSE_LABELS entry). */
  label: string
  /**
   * Base score per variant of the evidence: the cause code itself when there is one variant, else one
   * key per variant (cutover: cutover_alarm, cutover_window). See rank.ts for how bases are ordered.
   */
  base: Readonly<Record<string, number>>
  /** The most the rule adds to a base (closeness, size of a burst); 0 when absent. */
  bonus?: number
  /**
   * The effect tables the rule scores its evidence by: `alarms`, the alarm-kind table diagnose()
   * matches alarms against (effects.ts); `object`, what the rule's own kind of object can cause.
   */
  effects?: { alarms?: readonly AlarmEffectRow[]; object?: Effects }
  /** Its answer templates: key (the cause code, or code.variant) → label and slots. */
  templates: Readonly<Record<string, TemplateSpec>>
  /** What each slot the module's templates use beyond COMMON_SLOTS is filled with (Chinese). */
  slotLabels: Readonly<Record<string, string>>
  /** The evidence by which the batch attribution puts a complaint down to this cause; none when absent. */
  batch?: readonly BatchEvidence[]
  /** The cause when nothing else is found: always proposed, listed last, the batch's default. */
  fallback?: boolean
  /** No network object explains a complaint of this cause (the area analysis' unexplained hot spots). */
  unexplained?: boolean
  /** Steps 3 and 4 for this cause: traces its objects and proposes answered candidates. */
  evaluate: Rule
}
