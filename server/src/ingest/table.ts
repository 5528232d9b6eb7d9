/**
 * A table (CSV records or a worksheet's rows) → source rows: the first row is the header (in a worksheet
 * the first row naming at least two of the kind's fields, so a title row above the header is passed
 * over; else the first non-empty row);
 * unnamed columns (an exported index) are ignored, values trimmed, header aliases and renames applied.
 * Rows are numbered from 1 after the header; a worksheet's rows also carry the sheet and Excel row, so
 * every problem names the place a user finds in Excel.
 */
import type { ImportKind } from '../domain/types.js'
import { ImportError, type RowProblem } from '../errors.js'
import { HEADERS, KIND_FIELDS } from './headers.js'
import type { ImportOptions } from './options.js'
import { applyDefaults, columnMapping, isAbsent, namerOf, type SourceRow } from './source.js'

/** Where a table came from: a worksheet's name (XLSX), for problems that name the sheet and Excel row. */
export interface TableOrigin {
  sheet?: string
}

/** Reads the records of a table, header row first (leading empty rows allowed for a worksheet). */
export function readTable(kind: ImportKind, records: readonly (readonly string[])[], options: ImportOptions, origin: TableOrigin = {}): SourceRow[] {
  const sheet = origin.sheet
  const headerAt = sheet === undefined ? 0 : sheetHeaderRow(kind, records, options)
  if (records.length === 0 || headerAt < 0) {
    throw new ImportError(kind, [{ row: 0, field: sheet === undefined ? 'csv' : 'xlsx', message: sheet === undefined ? 'expected a header row, got an empty file' : `expected a header row, got an empty sheet "${sheet}"` }])
  }
  const place = (r: number) => (sheet === undefined ? {} : { sheet, excelRow: r + 1 })
  const header = records[headerAt].map((h) => h.trim())
  const named = header.filter((h) => h !== '')
  const mapping = columnMapping(kind, options, named)
  if (!mapping.some((m) => m.how !== 'unused')) {
    // Not one column the kind reads: the wrong sheet, the wrong kind, or a header the table does not know.
    const examples = Object.entries(HEADERS[kind]).slice(0, 4).map(([field, aliases]) => aliases.find((a) => /[^\x00-\x7f]/.test(a)) ?? field)
    throw new ImportError(kind, [{
      row: 0,
      field: 'header',
      message: `expected a header naming fields of ${kind} (${KIND_FIELDS[kind].filter((f) => f !== 'wkt').slice(0, 6).join(', ')}… or ${examples.join(', ')}…), got ${named.slice(0, 8).map((h) => JSON.stringify(h)).join(', ') || 'an empty row'}` +
        (sheet !== undefined ? '; choose the sheet that holds the table (sheet=)' : '; rename columns with columns='),
      ...place(headerAt),
    }])
  }
  const name = namerOf(mapping)
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
        message: `expected each column once in the header, got "${field}" as columns ${first + 1} and ${index + 1} ("${header[first]}" and "${h}")`,
        ...place(headerAt),
      })
    }
    seen.set(field, index)
    columns.push({ index, field })
  })
  if (problems.length) throw new ImportError(kind, problems)

  const rows: SourceRow[] = []
  for (let r = headerAt + 1; r < records.length; r++) {
    const record = records[r]
    const row = r - headerAt
    // A worksheet row is as long as its last filled cell; only CSV insists on the header's width.
    if (sheet === undefined ? record.length !== header.length : record.length > header.length && record.slice(header.length).some((v) => v.trim() !== '')) {
      problems.push({
        row,
        field: sheet === undefined ? 'csv' : 'xlsx',
        message: `expected ${header.length} columns as in the header, got ${record.length}`,
        ...place(r),
      })
      continue
    }
    // Prototype-free: a "__proto__" or "constructor" column is a plain (ignored) field, never the object's prototype.
    const values: Record<string, unknown> = Object.create(null)
    for (const c of columns) values[c.field] = (record[c.index] ?? '').trim()
    // A record of nothing but separators (",,,,") is how spreadsheets end files: not data, but
    // reported as skipped so that row numbers stay those of the file.
    if (columns.every((c) => values[c.field] === '')) {
      rows.push({ row, values, geometry: undefined, blank: true, ...place(r) })
      continue
    }
    applyDefaults(values, options)
    const geometry = !isAbsent(values.geometry) ? values.geometry : !isAbsent(values.wkt) ? values.wkt : undefined
    rows.push({ row, values, geometry, ...place(r) })
  }
  if (problems.length) throw new ImportError(kind, problems)
  return rows
}

/** Rows of a worksheet searched for the header: titles and notes above it are a few rows at most. */
const HEADER_SEARCH_ROWS = 20

/** The worksheet row that is the header: the first naming ≥ 2 fields of the kind, else the first non-empty one (-1: none). */
export function sheetHeaderRow(kind: ImportKind, records: readonly (readonly string[])[], options: ImportOptions): number {
  const first = records.findIndex((r) => r.some((v) => v.trim() !== ''))
  if (first < 0) return -1
  for (let r = first; r < Math.min(records.length, first + HEADER_SEARCH_ROWS); r++) {
    const names = records[r].map((h) => h.trim()).filter((h) => h !== '')
    if (columnMapping(kind, options, names).filter((m) => m.how !== 'unused').length >= 2) return r
  }
  return first
}
