/** Fuzzy search over ground features and sites (bigram + pinyin index). */
export { Gazetteer, DEFAULT_LIMIT } from './gazetteer.js'
export type { GazetteerEntry, SearchHit } from './gazetteer.js'
export { normalize } from './normalize.js'
