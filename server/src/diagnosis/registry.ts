/**
 * The rule registry: every cause's module (rules/*.ts), in ranking order. This list is the one place
 * the server enumerates causes; from it come
 *   - the rules diagnose() runs, in this order (diagnose.ts RULES);
 *   - each base score and the tie order of the ranking (rank.ts BASE_SCORE, rank());
 *   - the answer templates and their slots (answers/answer-book.ts ANSWER_SLOTS, AnswerKey);
 *   - the template editor's template and slot labels (answers/templates.ts);
 *   - which cause the batch attribution gives each kind of evidence, and its fallback
 *     (analysis/attribute.ts);
 *   - the causes that leave a complaint unexplained (routes/analysis/area.ts hot spots).
 * The order must be the contract's CAUSE_CODES order (domain/types.ts: the order the diagnosis
 * prefers causes when evidence is equally strong), and each module's best score must stay below the
 * previous module's highest base (rank.ts); tests/server/diagnosis/registry.test.ts checks both.
 */
import type { CauseCode } from '../domain/types.js'
import type { BatchEvidence, RuleModule } from './rule-module.js'
import { blindSpotModule } from './rules/blind-spot.js'
import { cutoverModule } from './rules/cutover.js'
import { knownIssueModule } from './rules/known-issue.js'
import { massOutageModule } from './rules/mass-outage.js'
import { plannedSiteModule } from './rules/planned-site.js'
import { siteFaultModule } from './rules/site-fault.js'
import { unknownModule } from './rules/unknown.js'
import { weakCoverageModule } from './rules/weak-coverage.js'

/** Every rule module, in ranking order. A new cause is a new file in rules/ and a line here. */
export const RULE_MODULES = [
  knownIssueModule,
  cutoverModule,
  siteFaultModule,
  massOutageModule,
  blindSpotModule,
  weakCoverageModule,
  plannedSiteModule,
  unknownModule,
] as const satisfies readonly RuleModule[]

type Module = (typeof RULE_MODULES)[number]
/** Each member of a union's own keys (keyof a union gives only the keys all members share). */
type KeysOf<T> = T extends unknown ? keyof T : never

/** Every module's templates (a union: one object type per module). */
type Templates = Module['templates']
/** A template key, e.g. 'cutover.cleared': the literal keys of every module's templates. */
export type TemplateKey = KeysOf<Templates> & string
/** The slot names (a literal tuple) of template `K`, taken from the module that declares it. */
export type TemplateSlots<K extends TemplateKey> = Templates extends infer T
  ? T extends { readonly [P in K]: { readonly slots: infer S } }
    ? S
    : never
  : never
/** A base-score variant, e.g. 'cutover_alarm': the literal keys of every module's bases. */
export type BaseKey = KeysOf<Module['base']> & string

/** The module of each cause code. */
export const MODULE_OF: ReadonlyMap<CauseCode, RuleModule> = new Map(RULE_MODULES.map((m) => [m.code, m]))

/** The fallback cause (the module marked `fallback`): what a complaint is put down to when nothing is found. */
export const FALLBACK_CAUSE: CauseCode = onlyOne(
  RULE_MODULES.filter((m: RuleModule) => m.fallback).map((m) => m.code),
  'the fallback cause',
)

/** Causes that leave a complaint unexplained: no network object behind it (modules marked `unexplained`). */
export const UNEXPLAINED_CAUSES: ReadonlySet<CauseCode> = new Set(
  RULE_MODULES.filter((m: RuleModule) => m.unexplained).map((m) => m.code),
)

/** Which cause the batch attribution gives a complaint for each kind of evidence it finds. */
export function batchCause(evidence: BatchEvidence): CauseCode {
  return onlyOne(
    RULE_MODULES.filter((m: RuleModule) => m.batch?.includes(evidence)).map((m) => m.code),
    `the cause of batch evidence "${evidence}"`,
  )
}

function onlyOne(codes: CauseCode[], what: string): CauseCode {
  if (codes.length !== 1) throw new Error(`rule registry: expected one module for ${what}, found ${codes.length} (${codes.join(', ')})`)
  return codes[0]
}
