/**
 * The answer scripts (解释口径) agents read to customers: one plain-text file per cause and variant in
 * data/answers/, with {slot} placeholders. Everything that can go wrong with a template (a missing
 * file, a slot the cause does not provide) fails at load time, so a request never meets a broken one.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Slots every template may use. */
const COMMON = ['address', 'occurred', 'service', 'phenomenon'] as const

/**
 * Each template key (= file name without .txt) and the slots its cause fills. Documented for editors
 * in data/answers/README.md; keep the two in step.
 */
export const ANSWER_SLOTS = {
  'cutover.cleared': [...COMMON, 'site', 'window', 'end', 'cleared', 'description'],
  'cutover.active': [...COMMON, 'site', 'window', 'end', 'description'],
  'site_fault.cleared': [...COMMON, 'site', 'alarm', 'raised', 'cleared'],
  'site_fault.active': [...COMMON, 'site', 'alarm', 'raised'],
  blind_spot: [...COMMON, 'description', 'reason', 'remedy', 'status'],
  weak_coverage: [...COMMON, 'description', 'reason', 'remedy', 'status'],
  planned_site: [...COMMON, 'name', 'period', 'status'],
  mass_outage: [...COMMON, 'count', 'since'],
  unknown: [...COMMON],
  known_issue: [...COMMON, 'cause', 'earlier'],
} as const

/** A template name, e.g. 'cutover.cleared' (file data/answers/cutover.cleared.txt). */
export type AnswerKey = keyof typeof ANSWER_SLOTS
/** The slot values a template needs: every slot its cause provides, as display strings. */
export type AnswerSlots<K extends AnswerKey> = Record<(typeof ANSWER_SLOTS)[K][number], string>

/** The directory shipped with the project: data/answers at the repository root. */
export const defaultAnswersDir = fileURLToPath(new URL('../../../data/answers/', import.meta.url))

/** A template split into literal text (even indexes) and slot names (odd indexes). */
type Parsed = string[]

const SLOT = /\{([^{}]*)\}/g

/** Loaded, checked answer templates; render() fills the slots. */
export class AnswerBook {
  private constructor(private readonly parsed: Map<AnswerKey, Parsed>) {}

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
    const parsed = new Map<AnswerKey, Parsed>()
    for (const key of Object.keys(ANSWER_SLOTS) as AnswerKey[]) {
      const raw = texts[key]
      if (raw == null) throw new Error(`answer template ${key}: missing from ${where}`)
      parsed.set(key, parse(key, raw))
    }
    return new AnswerBook(parsed)
  }

  /** The answer for `key` with its slots filled. */
  render<K extends AnswerKey>(key: K, slots: AnswerSlots<K>): string {
    const parts = this.parsed.get(key) as Parsed
    const values = slots as Record<string, string>
    let out = parts[0]
    for (let i = 1; i < parts.length; i += 2) out += (values[parts[i]] ?? '') + parts[i + 1]
    return out
  }

  /** The slot names a template actually uses (for the README check and the admin page). */
  slotsUsed(key: AnswerKey): string[] {
    const parts = this.parsed.get(key) as Parsed
    return parts.filter((_, i) => i % 2 === 1)
  }
}

/**
 * Trims the file (editors leave trailing newlines; a template is one paragraph, inner line breaks
 * are joined) and splits it at {slot}s, checking every slot against the cause's list.
 */
function parse(key: AnswerKey, raw: string): Parsed {
  const text = raw
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .join('')
  if (text.length === 0) throw new Error(`answer template ${key}: expected a text, the file is empty`)
  const allowed: readonly string[] = ANSWER_SLOTS[key]
  const parts: Parsed = []
  let last = 0
  for (const m of text.matchAll(SLOT)) {
    const name = m[1].trim()
    if (!allowed.includes(name)) {
      throw new Error(
        `answer template ${key}: unknown slot {${m[1]}}; expected one of ${allowed.map((s) => `{${s}}`).join(' ')}`,
      )
    }
    parts.push(text.slice(last, m.index), name)
    last = (m.index as number) + m[0].length
  }
  parts.push(text.slice(last))
  const rest = parts.filter((_, i) => i % 2 === 0).join('')
  if (rest.includes('{') || rest.includes('}')) {
    throw new Error(`answer template ${key}: unbalanced brace; write slots as {name}`)
  }
  return parts
}
