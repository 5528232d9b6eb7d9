/**
 * CSV for spreadsheets: UTF-8 with a BOM (so Excel reads the Chinese), CRLF line ends, and text cells
 * that begin with = + - @ or a tab/CR neutralised with a leading apostrophe (OWASP CSV injection), so
 * no spreadsheet runs a complaint's free text as a formula. Numbers stay numbers. One copy for the
 * server's exports (CLIs, GET /api/complaints/export) and the web app's (web/src/engineer/export.ts).
 */

/** A cell: text, a number, or nothing (an empty cell). */
export type Cell = string | number | null

/** Neutralises a text cell a spreadsheet would take for a formula. */
export function neutralise(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s
}

/** One CSV cell: neutralised when text, quoted when it holds a quote, comma or line break. */
export function csvCell(v: Cell): string {
  if (v === null) return ''
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : neutralise(v)
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

/** The CSV text of a header and rows, BOM first. */
export function toCsv(header: readonly string[], rows: Iterable<readonly Cell[]>): string {
  const lines = [header.map(csvCell).join(',')]
  for (const r of rows) lines.push(r.map(csvCell).join(','))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
