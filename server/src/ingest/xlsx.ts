/**
 * XLSX (Office Open XML workbooks, what 工参 tables and NMS exports are saved as) → a table of text
 * cells, read with read-excel-file. Numbers are kept exactly as the workbook stores them (an id
 * 0012 written as text stays "0012", 113.3300 stays the stored digits); a cell Excel formats as a date
 * is a wall-clock time without a zone, written out as "YYYY-MM-DD HH:mm:ss" and so read as China
 * time like any zone-less time. Legacy binary .xls is refused with a message saying to save as .xlsx.
 */
import readXlsxFile from 'read-excel-file/node'
import { ImportError } from '../errors.js'

/** The XLSX media type (what browsers and curl send for a .xlsx file). */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** One worksheet as text cells, and the names of all sheets of the workbook. */
export interface XlsxTable {
  sheet: string
  sheets: string[]
  records: string[][]
}

/** Whether bytes are a ZIP archive (an .xlsx is one): the local-file-header signature "PK\x03\x04". */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
}

/** Whether bytes are a legacy binary Office file (.xls): the OLE2 compound-file signature. */
export function looksLikeOle2(bytes: Uint8Array): boolean {
  const sig = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
  return bytes.length >= 8 && sig.every((b, i) => bytes[i] === b)
}

/**
 * Reads one sheet — `sheet` by name or 1-based number, else the first — as text cells. Throws
 * ImportError (field "xlsx", or "sheet" for a sheet that is not there, naming the ones that are).
 */
export async function readXlsx(kind: string, bytes: Uint8Array, sheet?: string): Promise<XlsxTable> {
  if (looksLikeOle2(bytes)) {
    throw new ImportError(kind, [{ row: 0, field: 'xlsx', message: 'expected an .xlsx workbook, got a legacy binary .xls file: open it in Excel or WPS and save it as .xlsx (or export CSV)' }])
  }
  let sheets: { sheet: string; data: unknown[][] }[]
  try {
    sheets = await readXlsxFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { parseNumber: (s: string) => s, trim: false }) as { sheet: string; data: unknown[][] }[]
  } catch (err) {
    const e = err as Error & { code?: string }
    const why = e.code === 'INVALID_ZIP' || e.code === 'FILE_NOT_SUPPORTED' ? 'the file is not a valid .xlsx workbook' : e.message
    throw new ImportError(kind, [{ row: 0, field: 'xlsx', message: `expected an .xlsx workbook, got an unreadable file (${why})` }])
  }
  const names = sheets.map((s) => s.sheet)
  if (sheets.length === 0) throw new ImportError(kind, [{ row: 0, field: 'xlsx', message: 'expected a workbook with a sheet, got none' }])
  let chosen = sheets[0]
  if (sheet !== undefined && sheet.trim() !== '') {
    const want = sheet.trim()
    const n = /^\d+$/.test(want) ? Number(want) : NaN
    const found = sheets.find((s) => s.sheet === want) ?? (Number.isInteger(n) && n >= 1 ? sheets[n - 1] : undefined)
    if (!found) {
      throw new ImportError(kind, [{ row: 0, field: 'sheet', message: `expected a sheet of the workbook (${names.map((x) => JSON.stringify(x)).join(', ')}) by name or number, got ${JSON.stringify(want)}` }])
    }
    chosen = found
  }
  return { sheet: chosen.sheet, sheets: names, records: chosen.data.map((row) => row.map(cellText)) }
}

/** A cell as text: a date as its wall-clock time (zone-less, so read as China time). */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return ''
    const p = (n: number) => String(n).padStart(2, '0')
    return `${v.getUTCFullYear()}-${p(v.getUTCMonth() + 1)}-${p(v.getUTCDate())} ${p(v.getUTCHours())}:${p(v.getUTCMinutes())}:${p(v.getUTCSeconds())}`
  }
  return String(v)
}
