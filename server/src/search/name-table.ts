/**
 * The indexed names of the gazetteer (each entry's name and aliases), addressed by a small integer
 * id, with the posting sets that find them: characters, bigrams, suffix-less cores and pinyin keys.
 * Everything a query compares against is computed here once, when a name is added.
 */
import { grams, normalize, stripSuffixes } from './normalize.js'
import { pinyinKeys } from './pinyin-keys.js'

/** Pinyin keys are bucketed by their first letters; a query of at least this many letters reads one bucket. */
export const BUCKET_LETTERS = 3
/** Syllable positions are packed with the name id as id * POS_SPAN + position. */
export const POS_SPAN = 256

/** What the table keeps of one name. */
export interface NameRow<O> {
  owner: O
  /** The name as written (reported as `matched`). */
  text: string
  alias: boolean
  norm: string
  /** The name without generic suffixes, and its pinyin (kept to unindex them). */
  core: string
  pinyinCore: string
  /** Number of distinct keys `grams(norm)` gave. */
  gramCount: number
  pinyin: string
  starts: number[]
  initials: string
}

type Postings = Map<string, Set<number>>

function post(map: Postings, key: string, id: number): void {
  let set = map.get(key)
  if (!set) map.set(key, (set = new Set()))
  set.add(id)
}

function unpost(map: Postings, key: string, id: number): void {
  const set = map.get(key)
  if (!set) return
  set.delete(id)
  if (set.size === 0) map.delete(key)
}

/** Names by id plus postings; ids of removed names are reused. */
export class NameTable<O> {
  readonly rows: (NameRow<O> | undefined)[] = []
  /** Single characters → names containing them (for one-character queries). */
  readonly chars: Postings = new Map()
  /** Character bigrams → names containing them. */
  readonly bigrams: Postings = new Map()
  /** Name without generic suffixes → names. */
  readonly cores: Postings = new Map()
  /** Pinyin of the suffix-less name → names. */
  readonly pinyinCores: Postings = new Map()
  /** First BUCKET_LETTERS letters of the full pinyin → names. */
  readonly pinyinStarts: Postings = new Map()
  /** First BUCKET_LETTERS letters of the pinyin from each later syllable on → id * POS_SPAN + syllable. */
  readonly pinyinInner: Postings = new Map()
  /** First BUCKET_LETTERS letters of the initials → names. */
  readonly initialBuckets: Postings = new Map()
  private free: number[] = []

  /** Indexes one name and returns its id, or -1 when nothing of it survives normalisation. */
  add(owner: O, text: string, alias: boolean): number {
    const norm = normalize(text)
    if (norm === '') return -1
    const py = pinyinKeys(norm)
    const core = stripSuffixes(norm)
    // pinyin-pro gives one syllable per character, so the core's pinyin is a prefix of the name's.
    const pyCore =
      core === norm ? py.full : py.starts.length === norm.length ? py.full.slice(0, py.starts[core.length]) : pinyinKeys(core).full
    const keys = grams(norm)
    const id = this.free.length > 0 ? this.free.pop()! : this.rows.length
    this.rows[id] = { owner, text, alias, norm, core, pinyinCore: pyCore, gramCount: keys.length, pinyin: py.full, starts: py.starts, initials: py.initials }
    for (const ch of new Set(norm)) post(this.chars, ch, id)
    if (norm.length >= 2) for (const g of keys) post(this.bigrams, g, id)
    post(this.cores, core, id)
    if (pyCore !== '') post(this.pinyinCores, pyCore, id)
    if (py.full !== '') post(this.pinyinStarts, py.full.slice(0, BUCKET_LETTERS), id)
    for (let i = 1; i < py.starts.length && i < POS_SPAN; i++) {
      post(this.pinyinInner, py.full.slice(py.starts[i], py.starts[i] + BUCKET_LETTERS), id * POS_SPAN + i)
    }
    if (py.initials !== '') post(this.initialBuckets, py.initials.slice(0, BUCKET_LETTERS), id)
    return id
  }

  /** Forgets one name; its id may be handed out again. */
  remove(id: number): void {
    const row = this.rows[id]
    if (!row) return
    const { norm, core, pinyinCore, pinyin: full, starts, initials } = row
    for (const ch of new Set(norm)) unpost(this.chars, ch, id)
    if (norm.length >= 2) for (const g of grams(norm)) unpost(this.bigrams, g, id)
    unpost(this.cores, core, id)
    if (pinyinCore !== '') unpost(this.pinyinCores, pinyinCore, id)
    if (full !== '') unpost(this.pinyinStarts, full.slice(0, BUCKET_LETTERS), id)
    for (let i = 1; i < starts.length && i < POS_SPAN; i++) {
      unpost(this.pinyinInner, full.slice(starts[i], starts[i] + BUCKET_LETTERS), id * POS_SPAN + i)
    }
    if (initials !== '') unpost(this.initialBuckets, initials.slice(0, BUCKET_LETTERS), id)
    this.rows[id] = undefined
    this.free.push(id)
  }

  /** The posting sets of every bucket whose key starts with a short prefix (shorter than BUCKET_LETTERS). */
  *bucketsStartingWith(map: Postings, prefix: string): Iterable<Set<number>> {
    for (const [key, set] of map) if (key.startsWith(prefix)) yield set
  }
}
