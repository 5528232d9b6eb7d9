/**
 * A source row: one CSV record or one GeoJSON feature, with its fields under their CONTRACT names.
 */
import { ImportError, type RowProblem } from '../errors.js'
import { HEADER_ALIASES, type ImportOptions } from './options.js'

/** One record of the input, ready for a kind's mapper. */
export interface SourceRow {
  /** 1-based data row (the first record after the CSV header, or the first feature, is row 1). */
  row: number
  /** Fields by CONTRACT name (lower case). CSV values are trimmed strings; '' and null mean absent. */
  values: Record<string, unknown>
  /**
   * The raw geometry: a GeoJSON feature's `geometry` member (null when it has none), or for CSV the
   * text of a `geometry` (GeoJSON JSON or WKT) or `wkt` column; undefined when there is none at all.
   */
  geometry: unknown
  /** A CSV record with every value empty: skipped, not mapped. */
  blank?: boolean
}

/**
 * Builds a function that gives every source name its CONTRACT name: explicit `columns` first, then
 * the default aliases (only where the CONTRACT name itself is absent), the rest lower-cased.
 */
export function fieldNamer(options: ImportOptions, present: Iterable<string>): (name: string) => string {
  const renames = new Map<string, string>()
  for (const [from, to] of Object.entries(options.columns ?? {})) renames.set(norm(from), norm(to))
  const names = new Set([...present].map(norm))
  // Names the file will have after the explicit renames, so an alias never shadows a real column.
  const after = new Set([...names].map((n) => renames.get(n) ?? n))
  for (const [field, aliases] of Object.entries(HEADER_ALIASES)) {
    if (after.has(field)) continue
    const alias = aliases.find((a) => names.has(a) && !renames.has(a))
    if (alias) renames.set(alias, field)
  }
  return (name) => {
    const n = norm(name)
    return renames.get(n) ?? n
  }
}

/** Fills absent or empty fields from `options.defaults` (keys are CONTRACT names). */
export function applyDefaults(values: Record<string, unknown>, options: ImportOptions): void {
  for (const [field, value] of Object.entries(options.defaults ?? {})) {
    const key = norm(field)
    if (isAbsent(values[key])) values[key] = value
  }
}

/** '' (after trimming), null and undefined are all "absent". */
export function isAbsent(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '')
}

/**
 * Refuses text that was not UTF-8: a GBK/GB18030 file read as UTF-8 turns every Chinese character
 * into U+FFFD, and importing that would store garbage names for good.
 */
export function assertUtf8(kind: string, text: string): void {
  const at = text.indexOf('\uFFFD')
  if (at < 0) return
  const line = text.slice(0, at).split('\n').length
  const problem: RowProblem = {
    row: 0,
    field: 'encoding',
    message:
      `expected a UTF-8 file, got U+FFFD replacement characters (first on line ${line}): ` +
      'the file is not UTF-8 — this is how a GBK/GB2312 file looks when read as UTF-8; ' +
      'send it with Content-Type: text/csv; charset=gbk (or ?encoding=gbk), or save it as UTF-8 and import again',
  }
  throw new ImportError(kind, [problem])
}

function norm(name: string): string {
  return name.trim().toLowerCase()
}
