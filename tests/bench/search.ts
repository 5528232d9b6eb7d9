/**
 * Gazetteer search over 100,000 names: ours (bigram + pinyin index) against the naive peer, a linear scan
 * with String.includes over every name — which finds only exact substrings, so ours does more and must
 * still be faster.
 */
import { Gazetteer, type GazetteerEntry } from '../../server/src/search/index.js'
import { percentile, prng } from './network.js'

const N = 100_000
const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`

export async function benchSearch(): Promise<void> {
  console.log(`\n## search — ${N.toLocaleString()} gazetteer entries`)
  const rnd = prng(5)
  const chars = '天河体育东西南北中山海珠龙口石牌林和黄埔长寿宝安福田罗湖华强新村翠湖骏景正佳信达荔湾越秀番禺增城岗顶员村猎德冼村车陂棠下科韵岑村金穗华夏兴盛临江白马直'
  const suffixes = ['路', '街', '大道', '小区', '花园', '大厦', '广场', '巷', '']
  const entries: GazetteerEntry[] = []
  for (let i = 0; i < N; i++) {
    let name = ''
    for (let k = 2 + Math.floor(rnd() * 3); k > 0; k--) name += chars[Math.floor(rnd() * chars.length)]
    name += suffixes[Math.floor(rnd() * suffixes.length)]
    const lon = 113.2 + rnd() * 0.3, lat = 23.0 + rnd() * 0.3
    entries.push({ id: `e${i}`, name, aliases: [], type: 'road', lon, lat, bbox: [lon, lat, lon, lat] })
  }
  entries.push({ id: 'target', name: '天河直街', aliases: ['天河直路'], type: 'road', lon: 113.3, lat: 23.1, bbox: [113.3, 23.1, 113.3, 23.1] })
  let t0 = performance.now()
  const g = new Gazetteer()
  g.upsert(entries)
  console.log(`build index                 ${((performance.now() - t0) / 1000).toFixed(2)} s`)
  const queries = ['天河直街', '天河直', '白马', 'tianhezhijie', 'thzj', '天河 zhijie', '体育东', '石牌', 'xyz']
  const time = (fn: (q: string) => unknown) => {
    for (const q of queries) fn(q)
    const out: number[] = []
    for (let r = 0; r < 50; r++) for (const q of queries) { const t = performance.now(); fn(q); out.push(performance.now() - t) }
    return out.sort((a, b) => a - b)
  }
  const ours = time((q) => g.search(q, 10))
  const names = entries.map((e) => e.name)
  const peer = time((q) => { const hits: number[] = []; for (let i = 0; i < names.length && hits.length < 10; i++) if (names[i].includes(q)) hits.push(i); return hits })
  console.log(`  ours    fuzzy (bigrams, pinyin, initials)  p50 ${us(percentile(ours, 50))}   p99 ${us(percentile(ours, 99))}`)
  console.log(`  peer    linear String.includes scan        p50 ${us(percentile(peer, 50))}   p99 ${us(percentile(peer, 99))}`)
  console.log(`  ratio   peer / ours                        p50 ${(percentile(peer, 50) / percentile(ours, 50)).toFixed(1)}×`)
  console.log(`  top hits for "thzj" (several random names share these initials): ${g.search('thzj', 3).map((h) => h.name).join(', ')}`)
}
