/**
 * A dry run of an import: everything parseImport does — parse, map the columns, validate every row —
 * and what it would store, without storing anything. Row problems are answered, not thrown, so the
 * import page can show them beside the mapping and let the user fix the mapping in place.
 */
import type { ImportKind, KindRows } from '../domain/types.js'
import { ImportError, type RowProblem } from '../errors.js'
import { csvHeader, csvRecords } from './csv.js'
import type { ColumnMapping } from './headers.js'
import { mapImport, type ImportInput, type ImportOptions } from './index.js'
import { columnMapping } from './source.js'
import { sheetHeaderRow } from './table.js'

/** What an import would do. */
export interface ImportPreview<K extends ImportKind = ImportKind> {
  kind: K
  format: ImportInput['format']
  /** XLSX: the sheet read and all sheets of the workbook. */
  sheet?: string
  sheets?: string[]
  /** Data rows in the file (blank rows included, as in the file's numbering). */
  rows: number
  /** Rows that would be stored (0 when there is any problem: an import is all or nothing). */
  valid: number
  /** How each source column was mapped. */
  mapping: ColumnMapping[]
  /** The first rows as they would be stored (of the rows that have no problem). */
  sample: KindRows[K][]
  skipped: { row: number; reason: string }[]
  problems: RowProblem[]
}

/**
 * What mapImport makes of a file, or — when the file as a whole is refused (no header naming a field
 * of the kind, a duplicate column, a CSV that does not parse) — no rows and those problems, so that a
 * dry run still answers the mapping and the user can fix it in place. Bad options and too many rows
 * stay AppErrors.
 */
export function mapForPreview<K extends ImportKind>(kind: K, input: ImportInput, options: ImportOptions): ReturnType<typeof mapImport<K>> {
  try {
    return mapImport(kind, input, options)
  } catch (err) {
    if (!(err instanceof ImportError)) throw err
    return { kind, rows: [], skipped: [], problems: err.problems, at: [], total: dataRows(kind, input, options) }
  }
}

/**
 * Runs an import without storing it: every problem is in the answer, the file's own ones included.
 * Bad options or too many rows throw AppError, as the import itself would.
 */
export function previewImport<K extends ImportKind>(
  kind: K,
  input: ImportInput,
  options: ImportOptions,
  mapped: ReturnType<typeof mapImport<K>> = mapForPreview(kind, input, options),
  sampleSize = 5,
): ImportPreview<K> {
  const base = {
    kind,
    format: input.format,
    ...(input.format === 'xlsx' ? { sheet: input.sheet, sheets: input.sheets ?? [input.sheet] } : {}),
    mapping: columnMapping(kind, options, headerOf(kind, input, options)),
  }
  const result = mapped
  const ok = result.problems.length === 0
  return {
    ...base,
    rows: result.total,
    valid: ok ? result.rows.length : 0,
    // With problems nothing would be stored; the sample still shows how the good rows would look.
    sample: result.rows.slice(0, sampleSize),
    skipped: result.skipped,
    problems: result.problems,
  }
}

/** The source column names: the header of a table, or the properties of the first GeoJSON features. */
export function headerOf(kind: ImportKind, input: ImportInput, options: ImportOptions): string[] {
  try {
    if (input.format === 'xlsx') return (input.records[sheetHeaderRow(kind, input.records, options)] ?? []).map((h) => h.trim()).filter(Boolean)
    if (input.format === 'csv') return csvHeader(input.text).map((h) => h.trim()).filter(Boolean)
    const doc = JSON.parse(input.text.replace(/^\uFEFF/, '')) as { features?: { properties?: Record<string, unknown> }[]; properties?: Record<string, unknown> }
    const features = Array.isArray(doc.features) ? doc.features.slice(0, 100) : [doc]
    return [...new Set(features.flatMap((f) => Object.keys(f?.properties ?? {})))]
  } catch {
    return [] // the file itself is bad: its problem is answered by parseImport
  }
}

/** Data rows of a file refused as a whole (no rows were mapped), for the preview's count. */
function dataRows(kind: ImportKind, input: ImportInput, options: ImportOptions): number {
  try {
    if (input.format === 'xlsx') {
      const at = sheetHeaderRow(kind, input.records, options)
      return at < 0 ? 0 : input.records.length - at - 1
    }
    if (input.format === 'csv') return Math.max(0, csvRecords(kind, input.text).length - 1)
    const doc = JSON.parse(input.text.replace(/^\uFEFF/, '')) as { features?: unknown[] }
    return Array.isArray(doc.features) ? doc.features.length : 1
  } catch {
    return 0
  }
}
