/** Time limits judged at a given "now" (a fake clock: plain numbers, no sleeping). */
import { describe, expect, it } from 'vitest'
import { breaches, isOverdue } from '../../../server/src/workflow/limits.js'
import { defaultWorkflowOptions as o } from '../../../server/src/config/index.js'

const MIN = 60_000
const H = 60 * MIN
const T = Date.parse('2026-11-23T08:00:00Z')
const m = (x: Partial<Parameters<typeof breaches>[0]> = {}) => ({ receivedAt: T, respondedAt: T + MIN, answeredAt: null, closedAt: null, ...x })

describe('breaches()', () => {
  it('defaults are the seeds\' 15 min / 24 h / 72 h', () => {
    expect([o.respondMs, o.answerMs, o.closeMs]).toEqual([15 * MIN, 24 * H, 72 * H])
  })

  it('nothing is breached before a due time; exactly at it neither', () => {
    expect(breaches(m(), o, T + 24 * H)).toEqual([])
  })

  it('an answer not given 24 h after receipt is open and overdue by the time past due', () => {
    const b = breaches(m(), o, T + 30 * H)
    expect(b).toEqual([{ limit: 'answer', label: '答复超时', dueAt: T + 24 * H, doneAt: null, overdueMs: 6 * H, open: true }])
    expect(isOverdue(b)).toBe(true)
  })

  it('a late milestone stays a breach but not an open one', () => {
    const b = breaches(m({ respondedAt: T + 20 * MIN, answeredAt: T + 26 * H }), o, T + 30 * H)
    expect(b).toEqual([
      { limit: 'respond', label: '响应超时', dueAt: T + 15 * MIN, doneAt: T + 20 * MIN, overdueMs: 5 * MIN, open: false },
      { limit: 'answer', label: '答复超时', dueAt: T + 24 * H, doneAt: T + 26 * H, overdueMs: 2 * H, open: false },
    ])
    expect(isOverdue(b)).toBe(false)
  })

  it('a complaint not closed in 72 h is overdue; once closed, nothing is open', () => {
    expect(breaches(m({ answeredAt: T + H }), o, T + 73 * H)).toEqual([expect.objectContaining({ limit: 'close', overdueMs: H, open: true })])
    expect(breaches(m({ answeredAt: T + H, closedAt: T + 50 * H }), o, T + 500 * H)).toEqual([])
  })
})
