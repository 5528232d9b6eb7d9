/**
 * The book's versioned side (issue 8 item 5): answers name their template and version, an edit is
 * checked before it replaces anything, every unknown slot is named at once, previews leave unfilled
 * slots visible.
 */
import { describe, expect, it } from 'vitest'
import { AnswerBook, renderPreview, TemplateProblem } from '../../../server/src/answers/answer-book.js'

const common = { address: '天河直街', occurred: '11月23日14:30', service: '语音', phenomenon: '无信号/忙音' }

describe('AnswerBook versions', () => {
  it('answers with the template code, its version and the slot values used', () => {
    const book = AnswerBook.load()
    const a = book.answer('unknown', common)
    expect(a.answer).toBe(book.render('unknown', common))
    expect(a.template).toEqual({ code: 'unknown', version: 1, slots: common })
  })

  it('use() makes a checked text current with its version; an older version never replaces a newer one', () => {
    const book = AnswerBook.load()
    book.use('unknown', '第二版{address}', 2)
    expect(book.answer('unknown', common)).toMatchObject({ answer: '第二版天河直街', template: { version: 2 } })
    book.use('unknown', '旧版{address}', 1)
    expect(book.current('unknown')).toEqual({ text: '第二版{address}', version: 2 })
  })

  it('use() refuses a bad text, naming every unknown slot, and leaves the book unchanged', () => {
    const book = AnswerBook.load()
    const before = book.current('planned_site')
    let err: unknown
    try {
      book.use('planned_site', '{site}在{建设期}{site}完成{period}', 2)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(TemplateProblem)
    expect((err as TemplateProblem).unknownSlots).toEqual(['{site}', '{建设期}'])
    expect((err as Error).message).toMatch(/unknown slots \{site\} \{建设期\}; expected one of .*\{period\}/)
    expect(() => book.use('planned_site', ' \n ', 2)).toThrow(/expected a text/)
    expect(book.current('planned_site')).toEqual(before)
  })

  it('previews keep a slot without a value visible and list it', () => {
    expect(renderPreview('site_fault.cleared', '{site}于{cleared}修复,{site}', { site: 'A站' })).toEqual({
      text: '{site}于{cleared}修复,{site}',
      answer: 'A站于{cleared}修复,A站',
      missing: ['cleared'],
    })
  })
})
