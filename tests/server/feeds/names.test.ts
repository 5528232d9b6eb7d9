/** What the inbox reads from a file's place and name: kind, format, encoding, still-being-written, free names. */
import { describe, expect, it } from 'vitest'
import { encodingOf, formatOf, isPending, kindOf, numbered } from '../../../server/src/feeds/names.js'

describe('inbox file names', () => {
  it('tells the kind from the folder, else from the name\'s prefix', () => {
    expect(kindOf('alarms', 'anything.csv')).toBe('alarms')
    expect(kindOf('cutovers', 'alarms-1.csv')).toBe('cutovers')
    expect(kindOf('done', 'alarms-1.csv')).toBeNull()
    expect(kindOf(null, 'alarms-20261123.csv')).toBe('alarms')
    expect(kindOf(null, 'CUTOVERS_7.gbk.csv')).toBe('cutovers')
    expect(kindOf(null, 'alarms.csv')).toBe('alarms')
    expect(kindOf(null, 'planned-sites-1.geojson')).toBe('planned-sites')
    expect(kindOf(null, 'sites-1.csv')).toBe('sites')
    expect(kindOf(null, 'alarmsX.csv')).toBeNull()
    expect(kindOf(null, 'export.csv')).toBeNull()
  })

  it('leaves files being written alone', () => {
    for (const n of ['a.csv.tmp', 'a.csv.part', '.a.csv', 'a.csv~', 'a.TMP', 'x.csv.reason.txt']) expect(isPending(n), n).toBe(true)
    for (const n of ['alarms-1.csv', 'tmp.csv', 'a.geojson']) expect(isPending(n), n).toBe(false)
  })

  it('reads format and encoding from the extensions', () => {
    expect(formatOf('a.csv')).toBe('csv')
    expect(formatOf('a.GEOJSON')).toBe('geojson')
    expect(formatOf('a.json')).toBe('geojson')
    expect(formatOf('a.xlsx')).toBeNull()
    expect(encodingOf('alarms-1.gbk.csv')).toBe('gbk')
    expect(encodingOf('alarms-1.GB18030.csv')).toBe('gb18030')
    expect(encodingOf('alarms-1.csv')).toBeUndefined()
    expect(encodingOf('gbk.csv')).toBeUndefined()
  })

  it('numbers a name in use before its first dot, keeping kind prefix and extensions', () => {
    expect(numbered('alarms-1.gbk.csv', 2)).toBe('alarms-1-2.gbk.csv')
    expect(numbered('alarms.csv', 3)).toBe('alarms-3.csv')
    expect(kindOf(null, numbered('alarms.csv', 3))).toBe('alarms')
    expect(numbered('README', 2)).toBe('README-2')
  })
})
