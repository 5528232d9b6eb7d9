/**
 * Pinyin keys of a name, computed once when the name is indexed (pinyin-pro is far too slow to call
 * per entry at query time). Polyphonic characters get whichever reading pinyin-pro picks.
 */
import { pinyin } from 'pinyin-pro'

/** Full pinyin without tones or spaces, where each syllable starts, and the initials. */
export interface PinyinKeys {
  /** 天河直街 → tianhezhijie (ü written v, as on a keyboard). */
  full: string
  /** Offset in `full` where each character's syllable starts: [0, 4, 6, 9]. */
  starts: number[]
  /** First letter of every syllable: thzj. */
  initials: string
}

/** One syllable per character of a normalised name (Latin letters and digits stay one per character). */
export function syllables(norm: string): string[] {
  if (norm === '') return []
  return pinyin(norm, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase())
}

/** The pinyin keys of a normalised name. */
export function pinyinKeys(norm: string): PinyinKeys {
  const syl = syllables(norm).filter((s) => s.trim() !== '')
  const starts: number[] = []
  let full = ''
  let initials = ''
  for (const s of syl) {
    starts.push(full.length)
    full += s
    initials += s[0]
  }
  return { full, starts, initials }
}

/** The query as one pinyin string: Han characters become pinyin, letters and digits stay. */
export function queryPinyin(norm: string): string {
  return syllables(norm).join('').replace(/[^a-z0-9]/g, '')
}
