/**
 * CSV → source rows: UTF-8 with a header row; BOM stripped, then read as a table (table.ts).
 */
import { parse } from 'csv-parse/sync'
import type { ImportKind } from '../domain/types.js'
import { ImportError } from '../errors.js'
import type { ImportOptions } from './options.js'
import { assertUtf8, type SourceRow } from './source.js'
import { readTable } from './table.js'

/** Parses CSV text into source rows; throws ImportError for a file that is not valid CSV. */
export function readCsv(kind: ImportKind, text: string, options: ImportOptions): SourceRow[] {
  return readTable(kind, csvRecords(kind, text), options)
}

/** The records of a CSV text, header first; throws ImportError for text that is not valid CSV. */
export function csvRecords(kind: string, text: string): string[][] {
  assertUtf8(kind, text)
  try {
    return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][]
  } catch (err) {
    // csv-parse counts the header as a record, so the records read before the bad one equal its data-row number.
    const e = err as Error & { records?: number; lines?: number }
    const row = e.records ?? 0
    throw new ImportError(kind, [{ row, field: 'csv', message: `expected valid CSV, got ${e.message}` }])
  }
}

/** The header of a CSV text (its first record), read without parsing the rest; [] for text that is not CSV. */
export function csvHeader(text: string): string[] {
  try {
    return (parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, to_line: 1 }) as string[][])[0] ?? []
  } catch {
    return []
  }
}
