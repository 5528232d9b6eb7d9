/**
 * The words files use for enumerated fields, mapped to the domain's values. Keys are lower case;
 * the readers match case-insensitively. `expected` is what an error message asks for.
 */
import { CAUSE_CODES, CAUSE_LABELS, PHENOMENA, type CauseCode, type Phenomenon, type Service, type Severity } from '../domain/types.js'

/** A vocabulary: accepted words → value, and how to say what is expected. */
export interface Vocabulary<T> {
  words: Record<string, T>
  expected: string
}

/** Looks a word up (trimmed, case-insensitive); undefined when the vocabulary does not have it. */
export function lookup<T>(vocabulary: Vocabulary<T>, text: string): T | undefined {
  const key = text.trim().toLowerCase()
  return Object.hasOwn(vocabulary.words, key) ? vocabulary.words[key] : undefined
}

/** Radio technology of a site or cell; the system names operators' exports use map to the generation. */
export const TECH: Vocabulary<string> = {
  words: {
    '2g': '2G', gsm: '2G', cdma: '2G', '3g': '3G', wcdma: '3G', 'td-scdma': '3G', cdma2000: '3G', evdo: '3G',
    '4g': '4G', lte: '4G', 'fdd-lte': '4G', 'td-lte': '4G', '5g': '5G', nr: '5G',
  },
  expected: 'one of 2G, 3G, 4G, 5G (or GSM/CDMA/WCDMA/TD-SCDMA/LTE/NR)',
}

/** Alarm severity; the Chinese grades of operators' NMS exports map one to one. */
export const SEVERITY: Vocabulary<Severity> = {
  words: {
    critical: 'critical', major: 'major', minor: 'minor', warning: 'warning',
    紧急: 'critical', 重要: 'major', 次要: 'minor', 提示: 'warning',
  },
  expected: 'one of critical, major, minor, warning (or 紧急/重要/次要/提示)',
}

/** Kind of a coverage problem area: 盲点 blind spot or 弱覆盖 weak coverage. */
export const COVERAGE_KIND: Vocabulary<'blind' | 'weak'> = {
  words: { blind: 'blind', weak: 'weak', 盲点: 'blind', 盲区: 'blind', 弱覆盖: 'weak' },
  expected: 'one of blind, weak (or 盲点/弱覆盖)',
}

/** Ground-feature types: any text is kept, but the Chinese names of the five known types become the English codes. */
export const FEATURE_TYPE: Vocabulary<string> = {
  words: {
    road: 'road', building: 'building', compound: 'compound', landmark: 'landmark', district: 'district',
    道路: 'road', 路: 'road', 街道: 'road', 建筑: 'building', 建筑物: 'building', 楼宇: 'building',
    小区: 'compound', 地标: 'landmark', 行政区: 'district', 区: 'district',
  },
  expected: 'any text; road, building, compound, landmark, district (or 道路/建筑/小区/地标/行政区) are understood',
}

/** The service a complaint is about: 语音 voice or 数据 data. */
export const SERVICE: Vocabulary<Service> = {
  words: { voice: 'voice', data: 'data', 语音: 'voice', 语音类: 'voice', 数据: 'data', 数据类: 'data', 上网: 'data' },
  expected: 'one of voice, data (or 语音/数据)',
}

/** A phenomenon by code, by its Chinese label, or by one part of a label ("无信号" of "无信号/忙音"). */
export const PHENOMENON: Vocabulary<Phenomenon> = {
  words: Object.fromEntries(
    (Object.entries(PHENOMENA) as [Phenomenon, string][]).flatMap(([code, label]) => [
      [code, code],
      [label.toLowerCase(), code],
      ...label.split('/').map((part) => [part.toLowerCase(), code] as const),
    ]),
  ),
  expected: `a phenomenon code (${Object.keys(PHENOMENA).join(', ')}) or its Chinese label (${Object.values(PHENOMENA).join(', ')})`,
}

/** A final cause by code or by its Chinese label. */
export const CAUSE: Vocabulary<CauseCode> = {
  words: Object.fromEntries(CAUSE_CODES.flatMap((code) => [[code, code], [CAUSE_LABELS[code].toLowerCase(), code]])),
  expected: `a cause code (${CAUSE_CODES.join(', ')})`,
}
