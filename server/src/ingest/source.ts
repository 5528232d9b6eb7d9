/**
 * A source row: one CSV record or one GeoJSON feature, with its fields under their CONTRACT names.
 */
import { ImportError, type RowProblem } from '../errors.js'
import type { ImportKind } from '../domain/types.js'
import { HEADERS, KIND_FIELDS, normaliseHeader, type ColumnMapping } from './headers.js'
import type { ImportOptions } from './options.js'

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
  /** A worksheet's row: the sheet's name and the row's number in Excel (1-based, header included). */
  sheet?: string
  excelRow?: number
}

/**
 * How each source column maps to a CONTRACT field: explicit `columns` renames first, then the kind's
 * header table (an alias only where the CONTRACT name itself is absent and no rename claims it), the
 * rest under their normalised name. `unused` marks a column no field of the kind reads.
 */
export function columnMapping(kind: ImportKind, options: ImportOptions, present: Iterable<string>): ColumnMapping[] {
  const renames = new Map<string, string>()
  for (const [from, to] of Object.entries(options.columns ?? {})) renames.set(normaliseHeader(from), normaliseHeader(to))
  const sources = [...present]
  const names = new Set(sources.map(normaliseHeader))
  // Names the file will have after the explicit renames, so an alias never shadows a real column.
  const after = new Set([...names].map((n) => renames.get(n) ?? n))
  const aliased = new Map<string, string>()
  for (const [field, aliases] of Object.entries(HEADERS[kind] ?? {})) {
    if (after.has(field)) continue
    const alias = aliases.find((a) => names.has(a) && !renames.has(a) && !aliased.has(a))
    if (alias) aliased.set(alias, field)
  }
  const reads = new Set(KIND_FIELDS[kind] ?? [])
  return sources.map((source) => {
    const n = normaliseHeader(source)
    const renamed = renames.get(n)
    const field = renamed ?? aliased.get(n) ?? n
    const how: ColumnMapping['how'] = !reads.has(field) ? 'unused' : renamed !== undefined ? 'renamed' : aliased.has(n) ? 'alias' : 'contract'
    return { source, field: how === 'unused' && renamed === undefined && !aliased.has(n) ? null : field, how }
  })
}

/** A function that gives every source name its CONTRACT name (columnMapping, as a lookup). */
export function fieldNamer(kind: ImportKind, options: ImportOptions, present: Iterable<string>): (name: string) => string {
  return namerOf(columnMapping(kind, options, present))
}

/** A mapping as a lookup: source name → CONTRACT name (an unused column keeps its normalised name). */
export function namerOf(mapping: readonly ColumnMapping[]): (name: string) => string {
  const byName = new Map<string, string>()
  for (const m of mapping) byName.set(m.source, m.field ?? normaliseHeader(m.source))
  return (name) => byName.get(name) ?? normaliseHeader(name)
}

/** Fills absent or empty fields from `options.defaults` (keys are CONTRACT names). */
export function applyDefaults(values: Record<string, unknown>, options: ImportOptions): void {
  for (const [field, value] of Object.entries(options.defaults ?? {})) {
    const key = normaliseHeader(field)
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
