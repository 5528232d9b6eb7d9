/**
 * The content of an import body, whatever a client sends: an XLSX workbook (by media type, by the
 * file's extension, or by its ZIP signature — Excel files arrive as application/octet-stream too), or
 * text (UTF-8, or GBK/GB18030 when named) that is CSV or GeoJSON.
 */
import { AppError } from '../errors.js'
import { decodeImportBody } from './encoding.js'
import { detectFormat, type ImportInput } from './index.js'
import { looksLikeOle2, looksLikeZip, readXlsx, XLSX_MEDIA_TYPE } from './xlsx.js'

/** How to read a body: its Content-Type, an encoding named by the client, the file name, the sheet. */
export interface BodyOptions {
  contentType?: string
  encoding?: string
  /** The file's name (CLI, or the browser's upload): its extension says .xlsx/.csv/.geojson. */
  filename?: string
  /** XLSX: the sheet by name or 1-based number; the first sheet when absent. */
  sheet?: string
}

/** Reads a body into an import's content. Throws ImportError/AppError naming what was wrong. */
export async function readImportBody(kind: string, body: Uint8Array, opts: BodyOptions = {}): Promise<ImportInput> {
  const ct = (opts.contentType ?? '').split(';')[0].trim().toLowerCase()
  const ext = /\.([a-z0-9]+)$/i.exec(opts.filename ?? '')?.[1]?.toLowerCase()
  if (ext === 'xls') {
    throw new AppError('VALIDATION', `${opts.filename}: legacy binary .xls is not read; open it in Excel or WPS and save it as .xlsx (or export CSV)`, { field: 'file', rule: 'format' })
  }
  if (ct === XLSX_MEDIA_TYPE || ext === 'xlsx' || looksLikeZip(body) || looksLikeOle2(body)) {
    const t = await readXlsx(kind, body, opts.sheet)
    return { format: 'xlsx', records: t.records, sheet: t.sheet, sheets: t.sheets }
  }
  const text = decodeImportBody(kind, body, { contentType: opts.contentType, encoding: opts.encoding })
  const hinted = ext === 'csv' || ext === 'txt' ? 'text/csv' : ext === 'geojson' || ext === 'json' ? 'application/geo+json' : opts.contentType
  return { text, format: detectFormat(hinted, text) }
}

/** Whether an import's content has nothing in it (an empty body, or a sheet with no cell filled). */
export function isEmptyInput(input: ImportInput): boolean {
  return input.format === 'xlsx' ? !input.records.some((r) => r.some((v) => v.trim() !== '')) : !input.text.trim()
}
