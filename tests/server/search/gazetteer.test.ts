import { describe, expect, it } from 'vitest'
import { Gazetteer, type GazetteerEntry } from '../../../server/src/search/index.js'
import { FIXTURE } from './fixture.js'

function gazetteer(entries: GazetteerEntry[] = FIXTURE): Gazetteer {
  const g = new Gazetteer()
  g.upsert(entries)
  return g
}

describe('Gazetteer.search: the first hit', () => {
  const g = gazetteer()
  // query → id of the expected first hit (and why it is a case worth keeping)
  const cases: [string, string, string][] = [
    ['天河直街', 'r1', 'exact name'],
    ['天河直', 'r1', 'suffix missing'],
    ['天河直路', 'r1', 'different suffix (also an alias)'],
    ['白马', 'c1', 'partial name; the compound before the site of the same name'],
    ['白马花园', 'c1', 'exact, compound before site'],
    ['白马花园小区', 'c1', 'extra generic suffix'],
    ['马花', 'c1', 'substring'],
    ['天河', 'r2', 'partial: 天河路 (suffix-less equal, shortest) first'],
    ['tianhezhijie', 'r1', 'full pinyin'],
    ['tian he zhi jie', 'r1', 'pinyin with spaces'],
    ['TianHe ZhiJie', 'r1', 'pinyin with case and spaces'],
    ['tianhezhilu', 'r1', 'pinyin with a different suffix'],
    ['thzj', 'r1', 'pinyin initials'],
    ['tydl', 'r4', 'pinyin initials'],
    ['zhijie', 'r1', 'pinyin from a later syllable'],
    ['翠湖苑', 'c3', 'alias'],
    ['体育中心', 'l1', 'alias (substring of the name too)'],
    ['中信大厦', 'b1', 'alias'],
    ['天河 直街', 'r1', 'Chinese with a space'],
    ['天河 zhijie', 'r1', 'mixed Chinese and pinyin'],
    ['天河直街12号', 'r1', 'the name inside a longer address'],
    ['天和直街', 'r1', 'homophone typo, found by pinyin'],
    ['ＴＨＺＪ', 'r1', 'full-width letters'],
    ['天河区', 'd1', 'district'],
    ['龙口东', 'c4', 'prefix of a compound'],
  ]
  it.each(cases)('%s → %s (%s)', (q, id) => {
    expect(g.search(q)[0]?.id).toBe(id)
  })

  it('天河 finds every 天河 street, prefix matches too', () => {
    const ids = g.search('天河', 20).map((h) => h.id)
    expect(ids).toEqual(expect.arrayContaining(['r1', 'r2', 'r3', 'r7', 'd1', 'l1']))
  })

  it('ranks exact > suffix-less > prefix > substring', () => {
    const hits = g.search('体育东')
    expect(hits.map((h) => h.id).slice(0, 2)).toEqual(['r4', 's2'])
    expect(gazetteer().search('天河路').map((h) => h.score).slice(0, 1)).toEqual([100])
    const scores = Object.fromEntries(g.search('天河', 20).map((h) => [h.id, h.score]))
    expect(scores.r2).toBeGreaterThan(scores.r1) // 天河 = 天河路 without 路; 天河直街 only starts with it
    expect(g.search('白马花')[0].score).toBeGreaterThan(g.search('马花')[0].score) // prefix over substring
    expect(g.search('马花')[0].score).toBeGreaterThan(g.search('bmhy')[0].score) // written over pinyin
  })

  it('reports which name or alias matched', () => {
    expect(g.search('天河直路')[0].matched).toBe('天河直路')
    expect(g.search('天河直街')[0].matched).toBe('天河直街')
  })

  it('carries the entry’s position and bbox', () => {
    const hit = g.search('白马花园')[0]
    const c1 = FIXTURE.find((e) => e.id === 'c1')!
    expect([hit.lon, hit.lat, hit.bbox]).toEqual([c1.lon, c1.lat, c1.bbox])
  })
})

describe('Gazetteer.search: nothing, limits, order', () => {
  const g = gazetteer()
  it.each(['xyz', '火星基地', '', '   ', '!!!', 'qqqq'])('%j returns []', (q) => {
    expect(g.search(q)).toEqual([])
  })

  it('honours the limit', () => {
    expect(g.search('天河', 2)).toHaveLength(2)
    expect(g.search('天河', 0)).toEqual([])
    expect(g.search('天河').length).toBeLessThanOrEqual(10)
  })

  it('is stable: equal hits keep insertion order, whatever the call', () => {
    const a = g.search('路', 50).map((h) => h.id)
    const b = gazetteer().search('路', 50).map((h) => h.id)
    expect(a).toEqual(b)
    const roads = a.filter((id) => id.startsWith('r'))
    expect(roads.length).toBeGreaterThan(5)
  })
})

describe('Gazetteer updates', () => {
  it('upsert replaces an entry: a renamed street is no longer found by its old name', () => {
    const g = gazetteer()
    const r9 = FIXTURE.find((e) => e.id === 'r9')!
    g.upsert([{ ...r9, name: '石牌西街' }])
    expect(g.size).toBe(FIXTURE.length)
    expect(g.search('石牌东街').map((h) => h.id)).not.toContain('r9')
    expect(g.search('shipaidongjie')).toEqual([])
    expect(g.search('石牌西街')[0].id).toBe('r9')
  })

  it('remove forgets entries and ignores unknown ids', () => {
    const g = gazetteer()
    g.remove(['c1', 'nope'])
    expect(g.size).toBe(FIXTURE.length - 1)
    expect(g.search('白马花园').map((h) => h.id)).toEqual(['s1'])
    g.remove(['s1'])
    expect(g.search('白马')).toEqual([])
    expect(g.search('bmhy')).toEqual([])
  })

  it('reuses freed slots without mixing entries up', () => {
    const g = gazetteer()
    g.remove(FIXTURE.map((e) => e.id))
    expect(g.size).toBe(0)
    expect(g.search('天河')).toEqual([])
    g.upsert([{ ...FIXTURE[0], id: 'new', name: '猎德大道', aliases: [] }])
    expect(g.search('猎德')[0]).toMatchObject({ id: 'new', name: '猎德大道' })
    expect(g.search('天河直街')).toEqual([])
  })
})

describe('Gazetteer at 100,000 entries', () => {
  // Speed is measured in tests/bench/search.ts (npm run bench search), never here.
  it('still ranks the right street first among 100,000 similar names', () => {
    let seed = 7
    const rnd = (n: number): number => ((seed = (seed * 1664525 + 1013904223) >>> 0) % n)
    const chars = '天河体育东西南北中山海珠龙口石牌林和黄埔长寿宝安福田罗湖华强新村翠湖骏景正佳信达荔湾越秀番禺增城岗顶员村猎德冼村车陂棠下科韵岑村金穗华夏兴盛临江'
    const suffixes = ['路', '街', '大道', '小区', '花园', '大厦', '广场', '巷', '']
    const entries: GazetteerEntry[] = []
    for (let i = 0; i < 100_000; i++) {
      let name = ''
      for (let k = 2 + rnd(3); k > 0; k--) name += chars[rnd(chars.length)]
      entries.push({ ...FIXTURE[0], id: `e${i}`, name: name + suffixes[rnd(suffixes.length)], aliases: [] })
    }
    const g = gazetteer([...entries, ...FIXTURE])
    const queries = ['天河直街', '天河直路', '白马', 'tianhezhijie', 'tian he zhi jie', 'thzj', '天河 zhijie', '体育东', 'xyz']
    for (const q of queries) expect(g.search(q).length, q).toBeLessThanOrEqual(10)
    expect(g.search('天河直街')[0].id).toBe('r1')
    expect(g.search('tianhezhijie')[0].id).toBe('r1')
    expect(g.search('thzj', 100).map((h) => h.id)).toContain('r1')
  })
})
