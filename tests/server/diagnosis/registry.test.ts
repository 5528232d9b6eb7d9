/**
 * The rule registry (server/src/diagnosis/registry.ts) against everything a cause needs: the
 * contract's cause codes and labels, an answer text per template in data/answers/, a fixture pair per
 * cause in tests/fixtures/diagnosis/ (in/<case>.json whose `expect.cause` is the cause, and the
 * out/<case>.json it was recorded as), base scores ordered as rank.ts documents, and the batch
 * attribution's evidence. Each check is a function of a module list, so the tests below also show it
 * catches a broken registry.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ANSWER_SLOTS, AnswerBook, defaultAnswersDir, type AnswerKey } from '../../../server/src/answers/answer-book.js'
import { SLOT_LABELS, TEMPLATE_LABELS } from '../../../server/src/answers/templates.js'
import { BASE_SCORE } from '../../../server/src/diagnosis/rank.js'
import { RULE_MODULES } from '../../../server/src/diagnosis/registry.js'
import { BATCH_EVIDENCE, COMMON_SLOTS, type RuleModule } from '../../../server/src/diagnosis/rule-module.js'
import { CAUSE_CODES, CAUSE_LABELS, type CauseCode } from '../../../server/src/domain/types.js'
import { loadFixture } from './fixture.js'

const fixtures = fileURLToPath(new URL('../../fixtures/diagnosis/', import.meta.url))
const modules: readonly RuleModule[] = RULE_MODULES

/** Contract: one module per cause code, no other, in CAUSE_CODES order, with the contract's label. */
function contractProblems(list: readonly RuleModule[]): string[] {
  const out: string[] = []
  const codes = list.map((m) => m.code as string)
  for (const code of CAUSE_CODES) if (!codes.includes(code)) out.push(`cause ${code}: no rule module`)
  for (const m of list) {
    if (!(CAUSE_CODES as readonly string[]).includes(m.code)) out.push(`module ${m.code}: not a cause code of the contract`)
    else if (m.label !== CAUSE_LABELS[m.code]) out.push(`module ${m.code}: label "${m.label}", the contract says "${CAUSE_LABELS[m.code]}"`)
  }
  for (const code of new Set(codes)) if (codes.filter((c) => c === code).length > 1) out.push(`cause ${code}: more than one module`)
  if (out.length === 0 && codes.join() !== CAUSE_CODES.join()) out.push(`registry order ${codes.join(' ')} is not CAUSE_CODES' ${CAUSE_CODES.join(' ')}`)
  return out
}

/**
 * Templates: keys unique and named after the cause (code or code.variant, which the template store
 * relies on); each with a text file where AnswerBook.load() looks for it; slots starting with the
 * common ones, each labelled, one label per slot across causes.
 */
function templateProblems(list: readonly RuleModule[], dir = defaultAnswersDir): string[] {
  const out: string[] = []
  const seen = new Map<string, string>()
  const labels = new Map<string, string>()
  for (const m of list) {
    const keys = Object.keys(m.templates)
    if (keys.length === 0) out.push(`module ${m.code}: no answer template`)
    for (const key of keys) {
      const t = m.templates[key]
      if (seen.has(key)) out.push(`template ${key}: declared by ${seen.get(key)} and ${m.code}`)
      seen.set(key, m.code)
      if (key !== m.code && !key.startsWith(`${m.code}.`)) out.push(`template ${key} (module ${m.code}): expected ${m.code} or ${m.code}.<variant>`)
      if (!existsSync(join(dir, `${key}.txt`))) out.push(`template ${key} (module ${m.code}): no text file ${key}.txt in ${dir}`)
      if (!t.label.trim()) out.push(`template ${key}: no label`)
      if (COMMON_SLOTS.some((s, i) => t.slots[i] !== s)) out.push(`template ${key}: slots do not start with ${COMMON_SLOTS.join(' ')}`)
      if (new Set(t.slots).size !== t.slots.length) out.push(`template ${key}: a slot is listed twice`)
      for (const slot of t.slots.slice(COMMON_SLOTS.length)) {
        const label = m.slotLabels[slot]
        if (!label) out.push(`template ${key}: slot ${slot} has no label in module ${m.code}'s slotLabels`)
        else if (labels.has(slot) && labels.get(slot) !== label) out.push(`slot ${slot}: labelled "${labels.get(slot)}" and "${label}"`)
        else labels.set(slot, label)
      }
    }
  }
  return out
}

/** Fixture pairs: every cause is the expected answer of an in/<case>.json recorded in out/<case>.json. */
function fixtureProblems(list: readonly RuleModule[]): string[] {
  const cases = readdirSync(join(fixtures, 'in')).filter((f) => f.endsWith('.json'))
  const paired = new Set<string>()
  for (const file of cases) {
    const cause = loadFixture(join(fixtures, 'in', file)).expect?.cause
    const outFile = join(fixtures, 'out', file)
    if (!cause || !existsSync(outFile)) continue
    if ((JSON.parse(readFileSync(outFile, 'utf8')) as { cause?: string }).cause === cause) paired.add(cause)
  }
  return list.filter((m) => !paired.has(m.code)).map((m) => `cause ${m.code}: no fixture pair (in/<case>.json expecting it, out/<case>.json recording it)`)
}

/**
 * rank.ts: every base in (0, 1], every bonus ≥ 0; each module's best score (highest base + bonus)
 * below the previous module's highest base; one fallback, listed last.
 */
function rankProblems(list: readonly RuleModule[]): string[] {
  const out: string[] = []
  const top = (m: RuleModule) => Math.max(...Object.values(m.base))
  for (const m of list) {
    if (Object.keys(m.base).length === 0) out.push(`module ${m.code}: no base score`)
    for (const [k, v] of Object.entries(m.base)) if (!(v > 0 && v <= 1)) out.push(`base ${k} = ${v}: expected in (0, 1]`)
    if ((m.bonus ?? 0) < 0) out.push(`module ${m.code}: negative bonus`)
  }
  for (let i = 1; i < list.length; i++) {
    const best = top(list[i]) + (list[i].bonus ?? 0)
    if (!(best < top(list[i - 1]))) {
      out.push(`module ${list[i].code}: best score ${best} is not below ${list[i - 1].code}'s highest base ${top(list[i - 1])}`)
    }
  }
  const fallbacks = list.filter((m) => m.fallback)
  if (fallbacks.length !== 1 || list[list.length - 1] !== fallbacks[0]) out.push(`expected one fallback module, listed last; found ${fallbacks.map((m) => m.code).join(', ') || 'none'}`)
  return out
}

/**
 * Batch attribution: each kind of evidence it looks up belongs to exactly one cause; its fallback is
 * unexplained (attribute.ts's isUnexplained), and a cause with batch evidence is not.
 */
function batchProblems(list: readonly RuleModule[]): string[] {
  const out = BATCH_EVIDENCE.flatMap((e) => {
    const by = list.filter((m) => m.batch?.includes(e)).map((m) => m.code)
    return by.length === 1 ? [] : [`batch evidence ${e}: claimed by ${by.join(', ') || 'no module'}`]
  })
  for (const m of list) {
    if (m.fallback && !m.unexplained) out.push(`module ${m.code}: the fallback must be unexplained`)
    if (m.batch?.length && m.unexplained) out.push(`module ${m.code}: has batch evidence, so it is not unexplained`)
  }
  return out
}

const without = (code: CauseCode) => modules.filter((m) => m.code !== code)
const replace = (code: CauseCode, change: Partial<RuleModule>) => modules.map((m) => (m.code === code ? { ...m, ...change } : m))

describe('rule registry', () => {
  it('has one module per contract cause code, in CAUSE_CODES order, with the contract label', () => {
    expect(contractProblems(modules)).toEqual([])
    expect(contractProblems(without('mass_outage'))).toContain('cause mass_outage: no rule module')
    expect(contractProblems(replace('mass_outage', { code: 'outage' as CauseCode }))).toContain('module outage: not a cause code of the contract')
    const [a, b, ...rest] = modules
    expect(contractProblems([b, a, ...rest])[0]).toMatch(/is not CAUSE_CODES'/)
  })

  it('has a text file in data/answers for every answer template, each slot labelled', () => {
    expect(templateProblems(modules)).toEqual([])
    const extra = { ...modules[1].templates, 'cutover.planned': { label: '割接计划', slots: [...COMMON_SLOTS] } }
    expect(templateProblems(replace(modules[1].code, { templates: extra }))).toEqual([
      expect.stringMatching(/^template cutover\.planned \(module cutover\): no text file cutover\.planned\.txt/),
    ])
    // The book finds every template the registry declares.
    expect(() => AnswerBook.load()).not.toThrow()
  })

  it('has a fixture pair for every cause', () => {
    expect(fixtureProblems(modules)).toEqual([])
    expect(fixtureProblems([...modules, { ...modules[0], code: 'no_such_cause' as CauseCode }])).toEqual([
      expect.stringMatching(/^cause no_such_cause: no fixture pair/),
    ])
  })

  it('orders base scores as rank.ts documents', () => {
    expect(rankProblems(modules)).toEqual([])
    // A bare alarm above an alarm inside a cutover window.
    expect(rankProblems(replace('site_fault', { base: { site_fault: 0.92 } }))).toEqual([
      "module site_fault: best score 0.92 is not below cutover's highest base 0.9",
    ])
    // A burst of complaints whose bonus could lift it over a bare alarm.
    expect(rankProblems(replace('mass_outage', { bonus: 0.2 }))).toEqual([
      expect.stringMatching(/^module mass_outage: best score 0\.89+\d* is not below site_fault's highest base 0\.85$/),
    ])
    expect(rankProblems(replace('unknown', { fallback: false }))).toContain('expected one fallback module, listed last; found none')
  })

  it('gives each kind of batch evidence one cause', () => {
    expect(batchProblems(modules)).toEqual([])
    expect(batchProblems(replace('weak_coverage', { batch: ['blind_area'] }))).toEqual([
      'batch evidence blind_area: claimed by blind_spot, weak_coverage',
      'batch evidence weak_area: claimed by no module',
    ])
    expect(batchProblems(replace('unknown', { unexplained: false }))).toEqual(['module unknown: the fallback must be unexplained'])
  })

  it('is what the ranking, the answer book and the template editor read', () => {
    for (const m of modules) {
      for (const [variant, base] of Object.entries(m.base)) expect(BASE_SCORE[variant as keyof typeof BASE_SCORE], variant).toBe(base)
      for (const [key, t] of Object.entries(m.templates)) {
        expect(ANSWER_SLOTS[key as AnswerKey], key).toEqual(t.slots)
        expect(TEMPLATE_LABELS[key as AnswerKey], key).toBe(t.label)
        for (const slot of t.slots) expect(SLOT_LABELS[slot], slot).toBeTruthy()
      }
    }
    expect(Object.keys(ANSWER_SLOTS)).toHaveLength(modules.reduce((n, m) => n + Object.keys(m.templates).length, 0))
  })
})

/**
 * Type-level: AnswerKey is a literal union and each template's slots are checked (typecheck fails on
 * an unused @ts-expect-error). Never called.
 */
function typeChecks(book: AnswerBook) {
  const common = { address: '', occurred: '', service: '', phenomenon: '' }
  book.answer('site_fault.cleared', { ...common, site: '', alarm: '', raised: '', cleared: '' })
  // @ts-expect-error site_fault.cleared needs its `cleared` slot
  book.answer('site_fault.cleared', { ...common, site: '', alarm: '', raised: '' })
  // @ts-expect-error not a template key
  book.answer('site_fault.unknown', common)
}
