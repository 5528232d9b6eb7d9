/** Workbooks for tests, written with the library the service's exports use. */
import writeXlsxFile from 'write-excel-file/node'

type Cell = { value: string | number | Date; type?: typeof String | typeof Number | typeof Date; format?: string } | null

/** A workbook of sheets of cells (strings are text cells, numbers numeric, Dates date-formatted). */
export async function workbook(sheets: Record<string, (string | number | Date | null)[][]>): Promise<Buffer> {
  const cell = (v: string | number | Date | null): Cell =>
    v === null ? null : v instanceof Date ? { value: v, type: Date, format: 'yyyy-mm-dd hh:mm' } : typeof v === 'number' ? { value: v, type: Number } : { value: v, type: String }
  return (writeXlsxFile as unknown as (s: unknown) => { toBuffer(): Promise<Buffer> })(
    Object.entries(sheets).map(([sheet, rows]) => ({ sheet, data: rows.map((r) => r.map(cell)) })),
  ).toBuffer()
}
