import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ANSWER_SLOTS, AnswerBook, defaultAnswersDir } from '../../../server/src/answers/answer-book.js'
import { chinaTime, chinaWindow } from '../../../server/src/answers/china-time.js'

const common = { address: '天河直街', occurred: '11月23日14:30', service: '语音', phenomenon: '无信号/忙音' }
let tmp: string | null = null
afterEach(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true })
  tmp = null
})
function copyOfTemplates(): string {
  tmp = mkdtempSync(join(tmpdir(), 'answers-'))
  cpSync(defaultAnswersDir, tmp, { recursive: true })
  return tmp
}

describe('AnswerBook', () => {
  const book = AnswerBook.load()

  it('loads every template shipped in data/answers', () => {
    for (const key of Object.keys(ANSWER_SLOTS)) expect(() => book.slotsUsed(key as keyof typeof ANSWER_SLOTS)).not.toThrow()
  })

  it('keeps the three scripts the sources quote verbatim', () => {
    expect(book.render('cutover.cleared', { ...common, site: 'x', window: 'x', end: 'x', cleared: 'x', description: 'x' })).toBe(
      '因为工程维护引起信号短暂中断,现在信号已恢复。',
    )
    expect(book.render('planned_site', { ...common, name: 'x', period: 'x', status: 'x' })).toBe(
      '经过核实,我们已经将该地点纳入了当期的网络建设规划中,建议用户关注。',
    )
    expect(
      book.render('blind_spot', { ...common, description: '描述,', reason: '原因,', remedy: '解决方式', status: '' }),
    ).toBe('经过核实,描述,原因,解决方式,该情况将成为我司后期网络规划和建设依据,建议用户关注。')
  })

  it('fills slots', () => {
    expect(book.render('unknown', common)).toContain('天河直街')
  })

  it('refuses an unknown slot at load time, naming the file and the allowed slots', () => {
    const dir = copyOfTemplates()
    writeFileSync(join(dir, 'blind_spot.txt'), '经过核实,{描述}。\n')
    expect(() => AnswerBook.load(dir)).toThrow(/blind_spot: unknown slot \{描述\}; expected one of .*\{description\}/)
  })

  it('refuses a slot another cause has but this one does not', () => {
    const dir = copyOfTemplates()
    writeFileSync(join(dir, 'planned_site.txt'), '{site}已规划。')
    expect(() => AnswerBook.load(dir)).toThrow(/planned_site: unknown slot \{site\}/)
  })

  it('refuses a missing template file at load time', () => {
    const dir = copyOfTemplates()
    rmSync(join(dir, 'mass_outage.txt'))
    expect(() => AnswerBook.load(dir)).toThrow(/mass_outage: expected the file .*mass_outage\.txt/)
  })

  it('refuses an empty template and an unbalanced brace', () => {
    const dir = copyOfTemplates()
    writeFileSync(join(dir, 'unknown.txt'), '\n  \n')
    expect(() => AnswerBook.load(dir)).toThrow(/unknown: expected a text/)
    writeFileSync(join(dir, 'unknown.txt'), '到{address进行测试')
    expect(() => AnswerBook.load(dir)).toThrow(/unknown: unbalanced brace/)
  })

  it('joins lines and trims, so editors can wrap long scripts', () => {
    const dir = copyOfTemplates()
    writeFileSync(join(dir, 'unknown.txt'), '\uFEFF第一行,\r\n  第二行{address}。\n\n')
    expect(AnswerBook.load(dir).render('unknown', common)).toBe('第一行,第二行天河直街。')
  })
})

describe('china time', () => {
  const t = Date.parse('2025-11-23T14:05:00+08:00')
  it('formats in +08:00 whatever the process time zone', () => {
    expect(chinaTime(t)).toBe('11月23日14:05')
    expect(chinaTime(Date.parse('2025-11-23T16:30:00Z'))).toBe('11月24日00:30')
  })
  it('formats windows, across midnight and open-ended', () => {
    expect(chinaWindow(t, t + 2 * 3600_000)).toBe('11月23日14:05–16:05')
    expect(chinaWindow(t, t + 12 * 3600_000)).toBe('11月23日14:05–11月24日02:05')
    expect(chinaWindow(t, null)).toBe('11月23日14:05起')
    expect(chinaWindow(t, Infinity)).toBe('11月23日14:05起')
  })
})
