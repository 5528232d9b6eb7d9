/**
 * Match tiers of the gazetteer and the order of hits. Exact beats prefix beats substring beats
 * fuzzy (bigram overlap, pinyin); an alias match ranks just under the same match on the name.
 */
export const TIER = {
  /** The whole normalised name. */
  exact: 100,
  /** The name without its generic suffix equals the query without its own (天河直路 → 天河直街). */
  core: 90,
  /** The name starts with the query (天河 → 天河直街). */
  prefix: 80,
  /** The query is inside the name (马花 → 白马花园). */
  substring: 70,
  /** The whole name is inside a longer query (天河直街12号 → 天河直街). */
  contained: 62,
  /** Full pinyin, any case and spacing (tian he zhi jie). */
  pinyinExact: 60,
  /** Pinyin without a generic suffix (tianhezhilu → 天河直街). */
  pinyinCore: 58,
  /** The full pinyin starts with the query (tianhezh). */
  pinyinPrefix: 55,
  /** Pinyin initials (thzj). */
  initialsExact: 52,
  /** The initials start with the query (thz). */
  initialsPrefix: 48,
  /** The query is the pinyin of the name from a later syllable on (zhijie → 天河直街). */
  pinyinSubstring: 45,
  /** Bigram overlap: fuzzyBase + fuzzySpan × Dice coefficient, only when the Dice coefficient ≥ minDice. */
  fuzzyBase: 20,
  fuzzySpan: 30,
} as const

/** A match on an alias scores this much less than the same match on the name. */
export const ALIAS_PENALTY = 4
/**
 * A hit found by one word of a multi-word query scores this much less than a whole-query hit, so
 * that even an exact word (55) ranks under the whole query read as pinyin (天河 zhijie → 天河直街, 60).
 */
export const WORD_PENALTY = 45
/** Below this Dice coefficient of shared bigrams a name is not considered similar at all. */
export const MIN_DICE = 0.5

/** Roads and compounds are what callers name most often, so they go first at equal score. */
export function typeRank(type: string): number {
  return type === 'road' || type === 'compound' ? 0 : 1
}

/** What the ranking needs to know of a hit. */
export interface Ranked {
  score: number
  nameLength: number
  typeRank: number
  /** Insertion order of the entry; keeps equal hits in a stable order. */
  seq: number
}

/** Higher score first; at equal score shorter names, then roads/compounds, then insertion order. */
export function compareRanked(a: Ranked, b: Ranked): number {
  return b.score - a.score || a.nameLength - b.nameLength || a.typeRank - b.typeRank || a.seq - b.seq
}
