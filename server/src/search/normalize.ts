/**
 * Text normalisation shared by the gazetteer index and its queries: one canonical form per name so
 * that full-width letters, case, spaces and punctuation never decide whether a name is found.
 */

/** Anything that is not a Han character, an ASCII letter or a digit is dropped before matching. */
const DROP = /[^\p{Script=Han}a-z0-9]+/gu
const HAN = /\p{Script=Han}/u

/** Generic suffixes of Chinese place names, longest first so 大道 is removed before 道. */
export const GENERIC_SUFFIXES = ['大道', '大街', '小区', '花园', '路', '街', '道', '巷', '弄', '号'] as const

/** The same suffixes in pinyin, for queries typed in pinyin (tianhezhilu → tianhezhi). */
export const PINYIN_SUFFIXES = ['dadao', 'dajie', 'xiaoqu', 'huayuan', 'xiang', 'nong', 'jie', 'dao', 'hao', 'lu'] as const

/** NFKC (full-width → half-width), lower case, only Han characters, a–z and 0–9. */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(DROP, '')
}

/** True when the text holds at least one Han character. */
export function hasHan(text: string): boolean {
  return HAN.test(text)
}

/**
 * The name without its generic suffixes (白马花园小区 → 白马, 天河直街 → 天河直), so that a missing or
 * different suffix still matches. Never strips below two characters: 路 alone stays 路.
 */
export function stripSuffixes(norm: string, suffixes: readonly string[] = GENERIC_SUFFIXES): string {
  let core = norm
  for (let changed = true; changed; ) {
    changed = false
    for (const s of suffixes) {
      if (core.length - s.length >= 2 && core.endsWith(s)) {
        core = core.slice(0, -s.length)
        changed = true
        break
      }
    }
  }
  return core
}

/**
 * The index keys of a normalised name: its character bigrams, or the single character of a
 * one-character name. Duplicates are removed so that counting shared keys counts each once.
 */
export function grams(norm: string): string[] {
  if (norm.length < 2) return norm.length === 1 ? [norm] : []
  const out = new Set<string>()
  for (let i = 0; i + 1 < norm.length; i++) out.add(norm.slice(i, i + 2))
  return [...out]
}
