/** Times: ISO 8601 and spreadsheet forms; no offset = China time (+08:00). */
import { describe, expect, it } from 'vitest'
import { formatChinaTime, parseTime } from '../../../server/src/ingest/time.js'

const utc = (h: number, m = 0, s = 0, ms = 0) => Date.UTC(2026, 10, 23, h, m, s, ms)

describe('parseTime', () => {
  it.each([
    ['2026-11-23T14:00:00+08:00', utc(6)],
    ['2026-11-23T14:00:00.250+08:00', utc(6, 0, 0, 250)],
    ['2026-11-23T06:00:00Z', utc(6)],
    ['2026-11-23T06:00:00z', utc(6)],
    ['2026-11-23T01:00:00-05:00', utc(6)],
    ['2026-11-23T14:00+0800', utc(6)],
    ['2026-11-23T14:00', utc(6)],
    ['2026-11-23 14:00', utc(6)],
    ['2026-11-23 14:00:00', utc(6)],
    ['2026/11/23 14:00', utc(6)],
    ['2026/11/23 14:00:00', utc(6)],
    ['2026/1/5 9:05', Date.UTC(2026, 0, 5, 1, 5)],
    ['2026-11-23', Date.UTC(2026, 10, 22, 16)],
    [' 2026-11-23 14:00 ', utc(6)],
    ['2026-11-23 24:00', Date.UTC(2026, 10, 23, 16)],
  ])('%s', (text, expected) => {
    expect(parseTime(text)).toBe(expected)
  })

  it.each(['yesterday', '2026-13-01 10:00', '2026-02-29 10:00', '2026-11-23 25:00', '2026-11-23 14:60', '23/11/2026 14:00', '2026-11-23T14:00:00+25:00', '2026/11-23 14:00', '1700000000000', '', '2026-11-23 24:30'])(
    'rejects %j',
    (text) => {
      expect(parseTime(text)).toBeNull()
    },
  )

  it('accepts 29 February in a leap year', () => {
    expect(parseTime('2028-02-29 00:00')).toBe(Date.UTC(2028, 1, 28, 16))
  })

  it('formats back in China time', () => {
    expect(formatChinaTime(utc(6, 30))).toBe('2026-11-23 14:30:00+08:00')
  })
})
