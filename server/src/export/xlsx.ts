/**
 * XLSX workbooks of plain tables (a bold header row, then typed cells): text is written as string
 * cells, which spreadsheets never evaluate, so it needs no formula neutralisation.
 */
import writeXlsxFile, { type Cell as XlsxCell } from 'write-excel-file/node'
import type { Cell } from '../../../contract/src/csv.js'

/** Rows a worksheet holds at most (Excel's limit, header included). */
export const XLSX_MAX_ROWS = 1_048_576

/** One worksheet: its name (≤ 31 characters), header and rows; column widths in characters. */
export interface SheetTable {
  name: string
  header: readonly string[]
  rows: readonly (readonly Cell[])[]
  widths?: readonly number[]
}

const cell = (v: Cell): XlsxCell => (v === null ? null : typeof v === 'number' ? { type: Number, value: v } : { type: String, value: v })

/** The workbook as a Buffer. Throws if a sheet has more rows than a worksheet can hold. */
export async function toXlsx(sheets: readonly SheetTable[]): Promise<Buffer> {
  for (const s of sheets) {
    if (s.rows.length + 1 > XLSX_MAX_ROWS) throw new Error(`sheet ${s.name}: at most ${XLSX_MAX_ROWS - 1} rows, got ${s.rows.length}`)
  }
  return writeXlsxFile(sheets.map((s) => ({
    sheet: s.name,
    data: [s.header.map((h) => ({ value: h, fontWeight: 'bold' as const })), ...s.rows.map((r) => r.map(cell))],
    columns: s.widths?.map((width) => ({ width })),
    stickyRowsCount: 1,
  }))).toBuffer()
}
