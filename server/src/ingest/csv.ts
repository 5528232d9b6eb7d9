/**
 * CSV → source rows: UTF-8 with a header row; BOM stripped, unnamed columns (an exported index)
 * ignored, values trimmed, header aliases and renames applied.
 */
import { parse } from 'csv-parse/sync'
import { ImportError, type RowProblem } from '../errors.js'
import type { ImportOptions } from './options.js'
import { applyDefaults, assertUtf8, fieldNamer, isAbsent, type SourceRow } from './source.js'

/** Parses CSV text into source rows; throws ImportError for a file that is not valid CSV. */
export function readCsv(kind: string, text: string, options: ImportOptions): SourceRow[] {
  assertUtf8(kind, text)
  let records: string[][]
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][]
  } catch (err) {
    // csv-parse counts the header as a record, so the records read before the bad one equal its data-row number.
    const e = err as Error & { records?: number; lines?: number }
    const row = e.records ?? 0
    throw new ImportError(kind, [{ row, field: 'csv', message: `expected valid CSV, got ${e.message}` }])
  }
  if (records.length === 0) throw new ImportError(kind, [{ row: 0, field: 'csv', message: 'expected a header row, got an empty file' }])

  const header = records[0].map((h) => h.trim())
  const name = fieldNamer(options, header.filter((h) => h !== ''))
  const columns: { index: number; field: string }[] = []
  const problems: RowProblem[] = []
  const seen = new Map<string, number>()
  header.forEach((h, index) => {
    if (h === '') return // an unnamed column: the row index of a spreadsheet or pandas export
    const field = name(h)
    const first = seen.get(field)
    if (first !== undefined) {
      problems.push({
        row: 0,
        field,
        message: `expected each column once in the header, got "${field}" as columns ${first + 1} and ${index + 1}`,
      })
    }
    seen.set(field, index)
    columns.push({ index, field })
  })
  if (problems.length) throw new ImportError(kind, problems)

  const rows: SourceRow[] = []
  for (let r = 1; r < records.length; r++) {
    const record = records[r]
    if (record.length !== header.length) {
      problems.push({
        row: r,
        field: 'csv',
        message: `expected ${header.length} columns as in the header, got ${record.length}`,
      })
      continue
    }
    // Prototype-free: a "__proto__" or "constructor" column is a plain (ignored) field, never the object's prototype.
    const values: Record<string, unknown> = Object.create(null)
    for (const c of columns) values[c.field] = record[c.index].trim()
    // A record of nothing but separators (",,,,") is how spreadsheets end files: not data, but
    // reported as skipped so that row numbers stay those of the file.
    if (columns.every((c) => values[c.field] === '')) {
      rows.push({ row: r, values, geometry: undefined, blank: true })
      continue
    }
    applyDefaults(values, options)
    const geometry = !isAbsent(values.geometry) ? values.geometry : !isAbsent(values.wkt) ? values.wkt : undefined
    rows.push({ row: r, values, geometry })
  }
  if (problems.length) throw new ImportError(kind, problems)
  return rows
}
