/**
 * The answer scripts (解释口径) agents read to customers: one template per cause and variant, with {slot}
 * placeholders. The files in data/answers/ are the seed (version 1); once the service runs, the versions
 * kept in the store (answers/templates.ts) are served, and an admin edits them in the web app. The book
 * holds the current version of every template in memory (no database trip per diagnosis) and is
 * swapped template by template after an edit is committed. Everything that can go wrong with a template
 * (a missing file, a slot the cause does not provide) is refused before it reaches the book, so a
 * request never meets a broken one.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { RULE_MODULES, type TemplateKey, type TemplateSlots } from '../diagnosis/registry.js'

/**
 * Each template key (= file name without .txt) and the slots its cause fills, in the registry's order:
 * taken from the rule modules' `templates` (server/src/diagnosis/rules/). Documented for editors in
 * data/answers/README.md; keep the two in step.
 */
export const ANSWER_SLOTS = Object.freeze(
  Object.fromEntries(RULE_MODULES.flatMap((m) => Object.entries(m.templates).map(([key, t]) => [key, t.slots]))),
) as { readonly [K in TemplateKey]: TemplateSlots<K> }

/** A template name, e.g. 'cutover.cleared' (file data/answers/cutover.cleared.txt). */
export type AnswerKey = keyof typeof ANSWER_SLOTS
/** The slot values a template needs: every slot its cause provides, as display strings. */
export type AnswerSlots<K extends AnswerKey> = Record<(typeof ANSWER_SLOTS)[K][number], string>

/** The directory shipped with the project: data/answers at the repository root. */
export const defaultAnswersDir = fileURLToPath(new URL('../../../data/answers/', import.meta.url))

/** A template split into literal text (even indexes) and slot names (odd indexes). */
type Parsed = string[]

/** Which template, in which version, an answer came from (recorded with every diagnosis). */
export interface TemplateRef {
  /** The template key, e.g. 'cutover.cleared'. */
  code: string
  /** Its version (the seed files are version 1); null when the answer was not rendered from a template. */
  version: number | null
  /** known_issue: the earlier complaint whose answer was reused word for word. */
  reusedFrom?: string
}

/** An answer with the template it came from and the slot values it was filled with. */
export interface RenderedAnswer {
  answer: string
  template: TemplateRef & { slots: Record<string, string> }
}

/** Why a template text cannot be used: what was wrong, and the unknown slots (if that was it). */
export class TemplateProblem extends Error {
  constructor(
    message: string,
    readonly unknownSlots: string[] = [],
  ) {
    super(message)
  }
}

/** Is `key` a template name? */
export const isAnswerKey = (key: string): key is AnswerKey => Object.hasOwn(ANSWER_SLOTS, key)

const SLOT = /\{([^{}]*)\}/g

/** One template as the book holds it: its normalised text, parsed, and its version. */
interface Entry {
  text: string
  parsed: Parsed
  version: number
}

/** Loaded, checked answer templates; render() fills the slots. */
export class AnswerBook {
  private constructor(private readonly entries: Map<AnswerKey, Entry>) {}

  /** Reads every template from `dir` (synchronously: a dozen small files at start). Throws on any problem. */
  static load(dir: string = defaultAnswersDir): AnswerBook {
    const texts: Partial<Record<AnswerKey, string>> = {}
    for (const key of Object.keys(ANSWER_SLOTS) as AnswerKey[]) {
      const file = join(dir, `${key}.txt`)
      let text: string
      try {
        text = readFileSync(file, 'utf8')
      } catch {
        throw new Error(`answer template ${key}: expected the file ${file}, found none`)
      }
      texts[key] = text
    }
    return AnswerBook.fromTexts(texts as Record<AnswerKey, string>, dir)
  }

  /** Builds a book from template texts (tests, or templates kept elsewhere). Throws on any problem. */
  static fromTexts(texts: Record<AnswerKey, string>, where = 'templates'): AnswerBook {
    const entries = new Map<AnswerKey, Entry>()
    for (const key of Object.keys(ANSWER_SLOTS) as AnswerKey[]) {
      const raw = texts[key]
      if (raw == null) throw new Error(`answer template ${key}: missing from ${where}`)
      const { text, parsed } = checkTemplate(key, raw)
      entries.set(key, { text, parsed, version: 1 })
    }
    return new AnswerBook(entries)
  }

  /** The answer for `key` with its slots filled. */
  render<K extends AnswerKey>(key: K, slots: AnswerSlots<K>): string {
    return fill(this.entry(key).parsed, slots as Record<string, string>)
  }

  /** The answer for `key` with its slots filled, and which template version it came from. */
  answer<K extends AnswerKey>(key: K, slots: AnswerSlots<K>): RenderedAnswer {
    const e = this.entry(key)
    const values: Record<string, string> = {}
    for (const name of ANSWER_SLOTS[key]) values[name] = (slots as Record<string, string>)[name] ?? ''
    return { answer: fill(e.parsed, values), template: { code: key, version: e.version, slots: values } }
  }

  /** The slot names a template actually uses (for the README check and the admin page). */
  slotsUsed(key: AnswerKey): string[] {
    return this.entry(key).parsed.filter((_, i) => i % 2 === 1)
  }

  /** The current (normalised) text of a template and its version. */
  current(key: AnswerKey): { text: string; version: number } {
    const e = this.entry(key)
    return { text: e.text, version: e.version }
  }

  /**
   * Makes `text` the current version of `key` (after the store committed it). Checked first: a text
   * the book cannot use throws TemplateProblem and the book is unchanged. An older version than the
   * one held is ignored (two refreshes crossing).
   */
  use(key: AnswerKey, text: string, version: number): void {
    const checked = checkTemplate(key, text)
    const held = this.entries.get(key)
    if (held && held.version > version) return
    this.entries.set(key, { ...checked, version })
  }

  private entry(key: AnswerKey): Entry {
    const e = this.entries.get(key)
    if (!e) throw new Error(`answer template ${key}: not in the book`)
    return e
  }
}

/** Fills a parsed template; a slot without a value is left empty. */
function fill(parts: Parsed, values: Record<string, string>): string {
  let out = parts[0]
  for (let i = 1; i < parts.length; i += 2) out += (values[parts[i]] ?? '') + parts[i + 1]
  return tidy(out)
}

/**
 * 附近 said twice ("体育东路附近附近"): an address the agent typed as "体育东路附近" filling a template's
 * "{address}附近". Whatever the slot value or the template text, a script never says it twice in a row.
 */
export const collapseNearby = (s: string) => s.replace(/附近(?:\s*附近)+/g, '附近')

/**
 * Punctuation left behind by empty slots ("原因,,该情况" when an area has no remedy, ",。" at the
 * end): runs of commas become one, a comma before a full stop goes; a doubled 附近 becomes one
 * (collapseNearby). The script is read aloud as is.
 */
export const tidy = (s: string) => collapseNearby(s.replace(/[,,、](?:\s*[,,、])+/g, ',').replace(/[,,、]\s*([。.!?!?])/g, '$1'))

/**
 * Fills a template text for a preview: slots without a value stay visible as {name} and are listed.
 * Throws TemplateProblem for a text the book would refuse.
 */
export function renderPreview(key: AnswerKey, raw: string, values: Record<string, string>): { text: string; answer: string; missing: string[] } {
  const { text, parsed } = checkTemplate(key, raw)
  const missing: string[] = []
  let out = parsed[0]
  for (let i = 1; i < parsed.length; i += 2) {
    const v = values[parsed[i]]
    if (v == null) {
      if (!missing.includes(parsed[i])) missing.push(parsed[i])
      out += `{${parsed[i]}}`
    } else out += v
    out += parsed[i + 1]
  }
  // The preview reads as the real answer will: no doubled 附近 (tidy does the same when rendering).
  return { text, answer: collapseNearby(out), missing }
}

/** Joins a template's lines and trims them: the text as stored and shown (a template is one paragraph). */
export function normaliseTemplate(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .join('')
}

/** Longest template text accepted (a script is read aloud: a paragraph, not a page). */
export const MAX_TEMPLATE_CHARS = 2000

/**
 * Normalises a template (editors leave trailing newlines; a template is one paragraph, inner line
 * breaks are joined) and splits it at {slot}s, checking every slot against the cause's list. Every
 * unknown slot is named at once. Throws TemplateProblem.
 */
export function checkTemplate(key: AnswerKey, raw: string): { text: string; parsed: Parsed } {
  const text = normaliseTemplate(raw)
  if (text.length === 0) throw new TemplateProblem(`answer template ${key}: expected a text, the file is empty`)
  if (text.length > MAX_TEMPLATE_CHARS) {
    throw new TemplateProblem(`answer template ${key}: expected at most ${MAX_TEMPLATE_CHARS} characters, got ${text.length}`)
  }
  const allowed: readonly string[] = ANSWER_SLOTS[key]
  const parts: Parsed = []
  const unknown: string[] = []
  let last = 0
  for (const m of text.matchAll(SLOT)) {
    const name = m[1].trim()
    if (!allowed.includes(name) && !unknown.includes(`{${m[1]}}`)) unknown.push(`{${m[1]}}`)
    parts.push(text.slice(last, m.index), name)
    last = (m.index as number) + m[0].length
  }
  if (unknown.length) {
    throw new TemplateProblem(
      `answer template ${key}: unknown slot${unknown.length > 1 ? 's' : ''} ${unknown.join(' ')}; expected one of ${allowed.map((s) => `{${s}}`).join(' ')}`,
      unknown,
    )
  }
  parts.push(text.slice(last))
  const rest = parts.filter((_, i) => i % 2 === 0).join('')
  if (rest.includes('{') || rest.includes('}')) {
    throw new TemplateProblem(`answer template ${key}: unbalanced brace; write slots as {name}`)
  }
  return { text, parsed: parts }
}
