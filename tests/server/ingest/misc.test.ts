/** detectFormat, number masking and the single-value parsers other stages reuse. */
import { describe, expect, it } from 'vitest'
import { maskNumber, parsePhenomenon, parseService } from '../../../server/src/ingest/fields.js'
import { detectFormat } from '../../../server/src/ingest/index.js'
import { checkNumber } from '../../../server/src/ingest/phone.js'

describe('detectFormat', () => {
  it.each([
    ['text/csv', 'id\n', 'csv'],
    ['text/csv; charset=utf-8', '{', 'csv'],
    ['application/geo+json', 'id\n', 'geojson'],
    ['application/json; charset=utf-8', '', 'geojson'],
    [undefined, '  {"type":"FeatureCollection"}', 'geojson'],
    [undefined, '\uFEFF{"type":"Feature"}', 'geojson'],
    ['text/plain', 'id,name\n', 'csv'],
    [undefined, ',index,latitude\n', 'csv'],
  ] as const)('%s %j → %s', (ct, text, expected) => {
    expect(detectFormat(ct, text)).toBe(expected)
  })
})

describe('number masking', () => {
  it.each([
    ['13812341234', '138****1234'],
    ['138 1234 1234', '138****1234'],
    ['+86 138-1234-1234', '138****1234'],
    ['8613812341234', '138****1234'],
    ['021-63211234', '021****1234'],
    ['63211234', '****1234'],
    ['6321123', '****123'],
    ['138****1234', '138****1234'],
  ])('%s → %s', (input, masked) => {
    expect(checkNumber(input)).toEqual({ masked })
    expect(maskNumber(input)).toBe(masked)
  })

  it('never keeps more than 7 digits of any number', () => {
    for (let n = 7; n <= 16; n++) {
      const digits = '1234567890123456'.slice(0, n)
      const masked = checkNumber(digits).masked!
      expect(masked.replace(/\D/g, '').length).toBeLessThanOrEqual(Math.min(7, n - 4))
      expect(masked).toContain('****')
    }
  })

  it('rejects what is not a number in ingest, hides it entirely elsewhere', () => {
    expect(checkNumber('call me').error).toMatch(/^expected a phone number/)
    expect(checkNumber('12345').error).toBe('expected a phone number of at least 7 digits, got 5')
    expect(maskNumber('call me')).toBe('****')
  })
})

describe('single-value parsers', () => {
  it('phenomenon by code, label or part of a label', () => {
    expect(['no_signal', '无信号/忙音', '无信号', '忙音', '掉话', 'SLOW_DATA', '网速慢'].map(parsePhenomenon)).toEqual([
      'no_signal', 'no_signal', 'no_signal', 'no_signal', 'call_drop', 'slow_data', 'slow_data',
    ])
    expect(parsePhenomenon('constructor')).toBeNull()
    expect(parsePhenomenon('很卡')).toBeNull()
  })

  it('service', () => {
    expect(['voice', '语音', 'DATA', '数据'].map(parseService)).toEqual(['voice', 'voice', 'data', 'data'])
    expect(parseService('sms')).toBeNull()
  })
})
