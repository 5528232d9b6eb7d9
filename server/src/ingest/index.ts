/**
 * Import files (CSV, XLSX or GeoJSON) of the kinds of CONTRACT.md into domain rows in WGS-84. Pure: no I/O
 * (an XLSX body is unpacked to a table by readImportBody first).
 * All or nothing: every row is checked and any problem fails the whole import with all problems listed.
 */
import type { ImportKind, KindRows } from '../domain/types.js'
import { IMPORT_KINDS } from '../domain/types.js'
import { AppError, ImportError, type RowProblem } from '../errors.js'
import { parseCrs } from '../geo/crs.js'
import { readCsv } from './csv.js'
import { readTable } from './table.js'
import { FieldReader } from './fields.js'
import { readGeoJson } from './geojson.js'
import { KINDS } from './kinds/index.js'
import type { BBox, ImportOptions } from './options.js'

export type { BBox, ImportOptions } from './options.js'
export { representativePoint } from './kinds/features.js'
export { charsetOf, decodeImportBody } from './encoding.js'

/** The rows of one import, and the rows left out because they lay outside the bbox (outside: 'skip'). */
export interface ImportResult<K extends ImportKind> {
  kind: K
  rows: KindRows[K][]
  skipped: { row: number; reason: string }[]
  /** Where each of `rows` came from (same order): its data row, and for XLSX its sheet and Excel row. */
  at: RowPlace[]
}

/** The place of a row in its file, for problems found after parsing (e.g. a site that does not exist). */
export interface RowPlace {
  row: number
  sheet?: string
  excelRow?: number
}

/** What an import's text is. */
export type ImportFormat = 'csv' | 'geojson'

/** An import's content: CSV or GeoJSON text, or one worksheet of an XLSX workbook as text cells. */
export type ImportInput =
  | { text: string; format: ImportFormat }
  | { format: 'xlsx'; records: string[][]; sheet: string; sheets?: string[] }

/**
 * Parses and validates a whole file of one kind. Throws ImportError (every problem, row and field)
 * if anything is wrong, AppError for a bad kind or bad options; never returns part of a file.
 */
export function parseImport<K extends ImportKind>(
  kind: K,
  input: ImportInput,
  options: ImportOptions,
): ImportResult<K> {
  const result = mapImport(kind, input, options)
  if (result.problems.length) throw new ImportError(kind, result.problems)
  return { kind, rows: result.rows, skipped: result.skipped, at: result.at }
}

/**
 * parseImport without the all-or-nothing: the rows that map, the rows skipped, and every row problem
 * (for a dry run). A file that cannot be read at all (not CSV, not JSON, a bad header) still throws
 * ImportError, and bad options AppError.
 */
export function mapImport<K extends ImportKind>(
  kind: K,
  input: ImportInput,
  options: ImportOptions,
): ImportResult<K> & { problems: RowProblem[]; total: number } {
  if (!(IMPORT_KINDS as string[]).includes(kind)) {
    throw new AppError('UNKNOWN_KIND', `expected an import kind (${IMPORT_KINDS.join(', ')}), got ${JSON.stringify(kind)}`)
  }
  const crs = parseCrs(options.crs)
  const bbox = options.bbox === undefined ? undefined : checkBBox(options.bbox)
  const outside = options.outside ?? 'reject'
  if (outside !== 'reject' && outside !== 'skip') {
    throw new AppError('VALIDATION', `outside: expected "reject" or "skip", got ${JSON.stringify(outside)}`)
  }
  const maxRows = options.maxRows
  let sources
  if (input.format === 'csv') {
    // Counted on the raw text first, so a file of a million rows is refused before it is parsed.
    if (maxRows !== undefined) checkRowCount(kind, countCsvRows(input.text, maxRows), maxRows)
    sources = readCsv(kind, input.text, options)
  } else if (input.format === 'xlsx') {
    if (maxRows !== undefined) checkRowCount(kind, Math.max(0, input.records.length - 1), maxRows)
    sources = readTable(kind, input.records, options, { sheet: input.sheet })
  } else if (input.format === 'geojson') sources = readGeoJson(kind, input.text, options)
  else throw new AppError('VALIDATION', `format: expected "csv", "xlsx" or "geojson", got ${JSON.stringify((input as { format: unknown }).format)}`)
  if (maxRows !== undefined) checkRowCount(kind, sources.length, maxRows)

  const spec = KINDS[kind]
  const ctx = { now: options.now ?? Date.now() }
  const problems: RowProblem[] = []
  const rows: KindRows[K][] = []
  const at: RowPlace[] = []
  const skipped: ImportResult<K>['skipped'] = []
  const idRows = new Map<string, number>()
  for (const source of sources) {
    if (source.blank) {
      skipped.push({ row: source.row, reason: 'empty row' })
      continue
    }
    const r = new FieldReader(source, crs)
    const value = spec.map(r, ctx)
    const id = r.problems.some((p) => p.field === 'id') ? undefined : value.id
    if (id) {
      const first = idRows.get(id)
      if (first === undefined) idRows.set(id, source.row)
      else r.problem('id', `expected a unique id, got ${JSON.stringify(id)} again (first in row ${first})`)
    }
    if (r.problems.length) {
      problems.push(...r.problems)
      continue
    }
    const extent = bbox && spec.extent(value)
    if (bbox && extent && !intersects(extent, bbox)) {
      const where = describeExtent(extent)
      if (outside === 'skip') skipped.push({ row: source.row, reason: `outside bbox [${bbox.join(', ')}]: ${where}` })
      else {
        r.problem(spec.positionField, `expected a position inside bbox [${bbox.join(', ')}] (WGS-84), got ${where}`)
        problems.push(...r.problems)
      }
      continue
    }
    rows.push(value)
    at.push(source.sheet === undefined ? { row: source.row } : { row: source.row, sheet: source.sheet, excelRow: source.excelRow })
  }
  return { kind, rows, skipped, problems, at, total: sources.length }
}

/** Refuses an import of more than `maxRows` data rows: 413, naming the cap and the count. */
function checkRowCount(kind: string, rows: number, maxRows: number): void {
  if (rows <= maxRows) return
  throw new AppError(
    'PAYLOAD_TOO_LARGE',
    `${kind}: the file has ${rows} rows, more than the ${maxRows} rows one HTTP import may have (IMPORT_MAX_ROWS); ` +
      'split it, or import it with the CLI (npm run import), which has no cap. Nothing was stored.',
    { rows, maxRows },
  )
}

/**
 * Data rows of a CSV text (records after the header, empty lines not counted), without parsing it.
 * When the newline count is already within `cap` that count is returned (an upper bound, cheap);
 * otherwise one pass that respects quoted fields (a quoted newline does not end a record) gives the
 * exact number. So the result is exact whenever it exceeds `cap`.
 */
export function countCsvRows(text: string, cap = 0): number {
  let lines = 0
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++
  if (lines <= cap) return Math.max(0, lines) // lines + 1 physical lines, one of them the header
  let records = 0
  let content = false
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 34) { // "
      quoted = !quoted // an escaped quote ("") toggles twice
      content = true
    } else if (!quoted && (c === 10 || c === 13)) {
      if (content) records++
      content = false
    } else if (c !== 0xfeff) content = true
  }
  if (content) records++
  return Math.max(0, records - 1)
}

/** The format of a request body: by content type, else by sniffing (JSON starts with "{"). */
export function detectFormat(contentType: string | undefined, text: string): ImportFormat {
  const ct = (contentType ?? '').split(';')[0].trim().toLowerCase()
  if (ct === 'text/csv' || ct.endsWith('/csv') || ct === 'application/vnd.ms-excel') return 'csv'
  if (ct.endsWith('/json') || ct.endsWith('+json')) return 'geojson'
  return /^\uFEFF?\s*\{/.test(text) ? 'geojson' : 'csv'
}

function checkBBox(b: unknown): BBox {
  const ok =
    Array.isArray(b) &&
    b.length === 4 &&
    b.every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    b[0] <= b[2] &&
    b[1] <= b[3] &&
    b[0] >= -180 && b[2] <= 180 && b[1] >= -90 && b[3] <= 90
  if (!ok) throw new AppError('VALIDATION', `bbox: expected [minLon, minLat, maxLon, maxLat] in WGS-84 degrees, got ${JSON.stringify(b)}`)
  return b as BBox
}

// Inclusive: a point on the edge is inside; a line or polygon counts if any of its extent overlaps.
function intersects(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1]
}

function describeExtent(e: BBox): string {
  const f = (n: number) => Number(n.toFixed(6))
  return e[0] === e[2] && e[1] === e[3] ? `lon ${f(e[0])}, lat ${f(e[1])}` : `extent [${e.map(f).join(', ')}]`
}
