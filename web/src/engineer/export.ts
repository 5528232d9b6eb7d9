/**
 * The complaint list as CSV (UTF-8 with a BOM so Excel reads the Chinese; text cells that begin with
 * = + - @ or a tab/CR get a leading apostrophe, so no spreadsheet runs them as formulas) and as XLSX
 * (typed string cells, which spreadsheets never evaluate; the writer is loaded only when asked for).
 */
import type { AnalysedComplaint } from '../api.js'
import { CAUSE_LABELS, DISPOSITIONS, PHENOMENA, SERVICES } from '../labels.js'
import { fullTime } from '../time.js'
import { toCsv as csvText } from '../../../contract/src/csv.js'

type Row = AnalysedComplaint

/**
 * A spatio-temporal cluster's number as the engineer reads it: 1-based (聚集 1 is the API's cluster 0),
 * the same on screen, in this export and in the server's report (server/src/export/analysis-report.ts).
 */
export const clusterNo = (id: number): number => id + 1

/** The columns, in order: header and how to read the cell. Numbers stay numbers. */
export const COLUMNS: { header: string; value: (c: Row) => string | number }[] = [
  { header: '工单号', value: (c) => c.id },
  { header: '发生时间', value: (c) => fullTime(c.occurredAt) },
  { header: '受理时间', value: (c) => fullTime(c.reportedAt) },
  { header: '地址', value: (c) => c.address },
  { header: '业务', value: (c) => SERVICES[c.service as keyof typeof SERVICES] ?? c.service },
  { header: '投诉现象', value: (c) => PHENOMENA[c.phenomenon as keyof typeof PHENOMENA] ?? c.phenomenon },
  { header: '最终原因', value: (c) => (c.cause ? CAUSE_LABELS[c.cause] : '') },
  { header: '归因', value: (c) => CAUSE_LABELS[c.attributedCause] },
  { header: '归属基站', value: (c) => c.siteId ?? '' },
  { header: '距站(米)', value: (c) => c.distance_m ?? '' },
  { header: '时空聚集', value: (c) => (c.cluster === null ? '' : clusterNo(c.cluster)) },
  { header: '处理方式', value: (c) => (c.disposition ? DISPOSITIONS[c.disposition] : '') },
  { header: '专业', value: (c) => c.specialty ?? '' },
  { header: '关联基站', value: (c) => c.linkedSites.join(';') },
  { header: '经度', value: (c) => c.lon },
  { header: '纬度', value: (c) => c.lat },
  { header: '号码', value: (c) => c.number ?? '' },
  { header: '描述', value: (c) => c.description },
]

/** The CSV text, BOM first, CRLF line ends (what Excel expects); the cell rules are the server's (contract/src/csv.ts). */
export function toCsv(rows: readonly Row[]): string {
  return csvText(COLUMNS.map((c) => c.header), rows.map((r) => COLUMNS.map((c) => c.value(r))))
}

/** The XLSX file as a Blob. */
export async function toXlsx(rows: readonly Row[]): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser')
  const header = COLUMNS.map((c) => ({ value: c.header, fontWeight: 'bold' as const }))
  const body = rows.map((r) => COLUMNS.map((c) => {
    const v = c.value(r)
    return typeof v === 'number' ? { type: Number, value: v } : { type: String, value: v }
  }))
  return writeXlsxFile([header, ...body], { sheet: '投诉清单', columns: COLUMNS.map((c) => ({ width: c.header === '地址' || c.header === '描述' ? 30 : 14 })) }).toBlob()
}

/** Offers a Blob as a download named `name`. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
