/** A script never says 附近 twice in a row, and error messages quote times in China time, not UTC. */
import { describe, expect, it } from 'vitest'
import { AnswerBook, renderPreview, tidy } from '../../../server/src/answers/answer-book.js'
import { checkValidity } from '../../../server/src/publish/validate.js'

const common = { occurred: '11月23日14:30', service: '语音', phenomenon: '无信号/忙音' }

describe('附近 said once', () => {
  const book = AnswerBook.load()

  it('the mass-outage script with an address that already ends in 附近', () => {
    for (const address of ['体育东路附近', '体育东路 附近', '体育东路附近附近']) {
      const answer = book.render('mass_outage', { ...common, address, count: '6', since: '11月23日14:00' })
      expect(answer, address).toMatch(/体育东路 ?附近近期有多位用户反映类似问题/)
      expect(answer).not.toMatch(/附近\s*附近/)
    }
    // An address without 附近 still gets the template's own.
    expect(book.render('mass_outage', { ...common, address: '体育东路', count: '6', since: 'x' })).toContain('体育东路附近近期')
  })

  it('whatever the template: tidy and the editor preview collapse a doubled 附近', () => {
    expect(tidy('经过核实,天河路附近附近信号弱。')).toBe('经过核实,天河路附近信号弱。')
    const preview = renderPreview('mass_outage', '经过核实,{address}附近近期有{count}位用户反映类似问题。', { address: '体育东路附近', count: '3' })
    expect(preview.answer).toBe('经过核实,体育东路附近近期有3位用户反映类似问题。')
  })
})

describe('times in messages are China time', () => {
  it('a published object whose end is before its start names both times in +08:00', () => {
    expect(() => checkValidity('2026-11-23T10:00:00+08:00', '2026-11-23T09:00:00+08:00', Date.parse('2026-11-20T00:00:00Z')))
      .toThrow('validTo: must be after validFrom (2026-11-23 10:00:00+08:00), got 2026-11-23 09:00:00+08:00')
  })
})
