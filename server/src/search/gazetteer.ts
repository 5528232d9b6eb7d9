/**
 * The gazetteer 地物模糊搜索: fuzzy Chinese search over ground features and site names.
 * A query reads only posting sets (bigrams, cores, pinyin buckets) built when entries are added,
 * so it costs the size of its candidate set, not of the gazetteer.
 */
import { grams, hasHan, normalize, PINYIN_SUFFIXES, stripSuffixes } from './normalize.js'
import { BestHits } from './best-hits.js'
import { BUCKET_LETTERS, NameTable, POS_SPAN } from './name-table.js'
import { queryPinyin } from './pinyin-keys.js'
import { ALIAS_PENALTY, MIN_DICE, TIER, typeRank, WORD_PENALTY } from './scores.js'

/** One searchable thing: a street, compound, landmark, district … or a site (type 'site'). */
export interface GazetteerEntry {
  id: string
  name: string
  aliases: string[]
  type: string
  lon: number
  lat: number
  bbox: [number, number, number, number]
}

/** A ranked answer; `matched` is the name or alias that matched. */
export interface SearchHit {
  id: string
  name: string
  type: string
  lon: number
  lat: number
  bbox: [number, number, number, number]
  score: number
  matched: string
}

/** Results returned when the caller gives no limit. */
export const DEFAULT_LIMIT = 10

interface Held {
  entry: GazetteerEntry
  seq: number
  nameIds: number[]
}

const ASCII = /^[a-z0-9]+$/

/** An in-memory gazetteer, updated in place by upsert/remove. */
export class Gazetteer {
  private readonly held = new Map<string, Held>()
  private readonly names = new NameTable<Held>()
  private nextSeq = 0
  /** Scratch counters of shared bigrams, indexed by name id; reset after every query. */
  private counts = new Int32Array(1024)
  private readonly best = new BestHits()

  /** Number of entries held. */
  get size(): number {
    return this.held.size
  }

  /** Adds entries, or replaces those whose id is already held (they keep their place in ties). */
  upsert(entries: GazetteerEntry[]): void {
    for (const entry of entries) {
      const old = this.held.get(entry.id)
      if (old) for (const n of old.nameIds) this.names.remove(n)
      const held: Held = { entry, seq: old ? old.seq : this.nextSeq++, nameIds: [] }
      const seen = new Set<string>()
      for (const [i, text] of [entry.name, ...entry.aliases].entries()) {
        const norm = normalize(text)
        if (norm === '' || seen.has(norm)) continue
        seen.add(norm)
        held.nameIds.push(this.names.add(held, text, i > 0))
      }
      this.held.set(entry.id, held)
    }
  }

  /** Forgets the entries with these ids; unknown ids are ignored. */
  remove(ids: string[]): void {
    for (const id of ids) {
      const held = this.held.get(id)
      if (!held) continue
      for (const n of held.nameIds) this.names.remove(n)
      this.held.delete(id)
    }
  }

  /** Ranked entries matching the query; [] when nothing matches. */
  search(q: string, limit = DEFAULT_LIMIT): SearchHit[] {
    limit = Math.floor(limit)
    if (!(limit > 0)) return []
    const best = this.best
    best.reserve(this.names.rows.length)
    this.match(normalize(q), 0, limit)
    // A query of several words ("白马 天河") also finds what each word finds, lower. Short pinyin
    // words ("tian he zhi jie") are syllables of one name, not names of their own.
    const words = q.split(/[\s,，、;；]+/).map(normalize).filter((w) => hasHan(w) ? w.length >= 2 : w.length >= 5)
    if (words.length > 1) for (const w of words) this.match(w, WORD_PENALTY, limit)
    const rows = this.names.rows
    const hits = best.top(limit, (nameId, score) => {
      const owner = rows[nameId]!.owner
      return { owner, nameId, score, nameLength: owner.entry.name.length, typeRank: typeRank(owner.entry.type), seq: owner.seq }
    })
    return hits.map(({ owner, score, nameId }) => {
      const { id, name, type, lon, lat, bbox } = owner.entry
      return { id, name, type, lon, lat, bbox, score: Math.round(score * 100) / 100, matched: rows[nameId]!.text }
    })
  }

  private offer(best: BestHits, nameId: number, score: number): void {
    best.offer(nameId, this.names.rows[nameId]!.alias ? score - ALIAS_PENALTY : score)
  }

  /** Adds the matches of one normalised query to the scratch, each `penalty` lower. */
  private match(nq: string, penalty: number, limit: number): void {
    if (nq === '') return
    const best = this.best
    this.matchText(nq, penalty, best)
    const ascii = ASCII.test(nq)
    if (!ascii && !(hasHan(nq) && nq.length >= 2)) return
    // Chinese input read as pinyin only finds homophones, all scoring under any written-name match:
    // skip them when written names already fill the page (a broad query like 花园 stays fast).
    const rows = this.names.rows
    if (!ascii && best.countAbove(TIER.pinyinExact - penalty, (id) => !rows[id]!.alias) >= limit) return
    const qp = ascii ? nq : queryPinyin(nq)
    if (/[a-z]/.test(qp)) this.matchPinyin(qp, ascii, penalty, best)
  }

  /** Exact, core, prefix, substring, containment and bigram overlap on the written names. */
  private matchText(nq: string, penalty: number, best: BestHits): void {
    const { rows, chars, bigrams, cores } = this.names
    const textTier = (norm: string): number =>
      norm === nq ? TIER.exact : norm.startsWith(nq) ? TIER.prefix : TIER.substring
    if (nq.length === 1) {
      for (const id of chars.get(nq) ?? []) this.offer(best, id, textTier(rows[id]!.norm) - penalty)
      return
    }
    const core = stripSuffixes(nq)
    if (core.length >= 2) for (const id of cores.get(core) ?? []) this.offer(best, id, TIER.core - penalty)

    const qGrams = grams(nq)
    if (this.counts.length < rows.length) this.counts = new Int32Array(rows.length * 2)
    const counts = this.counts
    const touched: number[] = []
    for (const g of qGrams) {
      for (const id of bigrams.get(g) ?? []) if (counts[id]++ === 0) touched.push(id)
    }
    for (const id of touched) {
      const c = counts[id]
      counts[id] = 0
      const row = rows[id]!
      if (c === qGrams.length && row.norm.includes(nq)) this.offer(best, id, textTier(row.norm) - penalty)
      else if (c === row.gramCount && nq.includes(row.norm)) this.offer(best, id, TIER.contained - penalty)
      else {
        const dice = (2 * c) / (qGrams.length + row.gramCount)
        if (dice >= MIN_DICE) this.offer(best, id, TIER.fuzzyBase + TIER.fuzzySpan * dice - penalty)
      }
    }
  }

  /** Full pinyin (exact, suffix-less, prefix, from a later syllable) and, for typed letters, initials. */
  private matchPinyin(qp: string, typed: boolean, penalty: number, best: BestHits): void {
    const { rows, pinyinStarts, pinyinInner, pinyinCores, initialBuckets } = this.names
    const long = qp.length >= BUCKET_LETTERS
    const bucket = (map: Map<string, Set<number>>): Iterable<Set<number>> =>
      long ? [map.get(qp.slice(0, BUCKET_LETTERS)) ?? new Set()] : this.names.bucketsStartingWith(map, qp)
    for (const set of bucket(pinyinStarts)) {
      for (const id of set) {
        const py = rows[id]!.pinyin
        if (py.startsWith(qp)) this.offer(best, id, (py.length === qp.length ? TIER.pinyinExact : TIER.pinyinPrefix) - penalty)
      }
    }
    // From a later syllable on only for typed pinyin long enough to mean something (not "lu");
    // for Chinese input it would be homophones inside other words (中信 → 体育中心).
    if (typed && long) {
      for (const code of pinyinInner.get(qp.slice(0, BUCKET_LETTERS)) ?? []) {
        const pos = code % POS_SPAN
        const id = (code - pos) / POS_SPAN
        const row = rows[id]!
        if (row.pinyin.startsWith(qp, row.starts[pos])) this.offer(best, id, TIER.pinyinSubstring - penalty)
      }
    }
    const pc = stripSuffixes(qp, PINYIN_SUFFIXES)
    for (const id of pinyinCores.get(pc) ?? []) this.offer(best, id, TIER.pinyinCore - penalty)
    if (!typed || qp.length < 2) return
    for (const set of bucket(initialBuckets)) {
      for (const id of set) {
        const ini = rows[id]!.initials
        if (ini.startsWith(qp)) this.offer(best, id, (ini.length === qp.length ? TIER.initialsExact : TIER.initialsPrefix) - penalty)
      }
    }
  }
}
