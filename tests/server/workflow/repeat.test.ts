/** Repeat linking on hand-placed complaints (distances worked out: 0.001° of longitude at 23° N ≈ 102 m). */
import { describe, expect, it } from 'vitest'
import { findRepeat, type RepeatCandidate } from '../../../server/src/workflow/repeat.js'
import { defaultWorkflowOptions as o } from '../../../server/src/config/index.js'

const H = 3600_000
const D = 24 * H
const T = Date.parse('2026-11-23T08:00:00Z')
const c = (id: string, x: Partial<RepeatCandidate>): RepeatCandidate => ({ id, number: null, lon: 113.3, lat: 23.1, phenomenon: 'no_signal', reportedAt: T, repeatOf: null, ...x })

describe('findRepeat()', () => {
  const now = c('NEW', { reportedAt: T + 10 * D, number: '13800001111', lon: 113.4 })

  it('the same number within 30 days, anywhere, whatever the phenomenon', () => {
    expect(findRepeat(now, [c('A', { number: '13800001111', reportedAt: T - 19 * D, phenomenon: 'slow_data' })], o)).toEqual({ repeatOf: 'A', reason: 'number' })
    expect(findRepeat(now, [c('A', { number: '13800001111', reportedAt: T - 21 * D })], o)).toBeNull()
    expect(findRepeat(now, [c('A', { number: '13800002222', reportedAt: T + 9 * D })], o)).toBeNull()
  })

  it('the same place (≤ 500 m), phenomenon group and 72 h', () => {
    const here = c('NEW', { lon: 113.3, reportedAt: T + 48 * H })
    expect(findRepeat(here, [c('P', { lon: 113.304 })], o)).toEqual({ repeatOf: 'P', reason: 'place' }) // ~410 m
    expect(findRepeat(here, [c('P', { lon: 113.306 })], o)).toBeNull() // ~614 m
    expect(findRepeat(here, [c('P', { phenomenon: 'weak_signal' })], o)?.repeatOf).toBe('P') // 覆盖类 both
    expect(findRepeat(here, [c('P', { phenomenon: 'no_data' })], o)).toBeNull() // 数据类
    expect(findRepeat({ ...here, reportedAt: T + 73 * H }, [c('P', {})], o)).toBeNull()
    expect(findRepeat(here, [c('P', { reportedAt: T + 49 * H })], o)).toBeNull() // later than the new one
  })

  it('links to the first of the chain, and the earliest match wins', () => {
    const here = c('NEW', { reportedAt: T + 10 * H })
    expect(findRepeat(here, [c('B', { reportedAt: T + 5 * H, repeatOf: 'A' })], o)).toEqual({ repeatOf: 'A', reason: 'place' })
    expect(findRepeat(here, [c('B', { reportedAt: T + 5 * H }), c('C', { reportedAt: T + 2 * H })], o)?.repeatOf).toBe('C')
    expect(findRepeat(here, [c('NEW', {})], o)).toBeNull()
  })
})
