/**
 * A batch analysis (analysis/analyse.ts) as what an engineer takes away: one row per complaint, the
 * tables of the workbook (Chinese sheet names and headers) and a summary — as data (JSON) and as text.
 */
import { CAUSE_CODES, CAUSE_LABELS, PHENOMENA, type CauseCode, type Phenomenon } from '../domain/types.js'
import type { Analysis } from '../analysis/analyse.js'
import { isUnexplained } from '../analysis/attribute.js'
import { breakdown } from '../analysis/breakdown.js'
import { PHENOMENON_CODES, type ComplaintColumns } from '../analysis/columns.js'
import type { SiteTable } from '../analysis/site-table.js'
import { chinaWindow } from '../answers/china-time.js'
import { formatChinaTime } from '../ingest/time.js'
import type { Cell } from '../../../contract/src/csv.js'
import { XLSX_MAX_ROWS, type SheetTable } from './xlsx.js'

/** The 站点 sheet lists this many sites at most, most complained about first. */
export const SITE_SHEET_ROWS = 1000
/** The summary lists this many sites and unexplained clusters at most (the workbook has them all). */
const SUMMARY_TOP = 10

/** The per-complaint table (the CSV, and the 投诉明细 sheet). */
export const DETAIL_HEADER = [
  '工单号', '发生时间', '经度', '纬度', '投诉现象', '基站编号', '基站名称', '距离(米)', '原因代码', '原因', '聚集编号', '未解释', '未解释聚集排名',
] as const
const DETAIL_WIDTHS = [14, 26, 12, 11, 14, 12, 16, 9, 14, 16, 9, 7, 13]

/** An analysis and the batch it ran over. */
export interface AnalysedBatch {
  cols: ComplaintColumns
  sites: SiteTable
  analysis: Analysis
}

/**
 * A cluster's number as people read it (聚集编号): 1-based, as the engineer's screen shows it (聚集 1 is
 * the analysis' cluster 0). The CSV, the workbook, the summary (text and JSON) all use it, so a number
 * read in one is the same cluster in the others and on screen.
 */
export const clusterNo = (id: number): number => id + 1

const round = (x: number, digits: number) => Number(x.toFixed(digits))
const pct = (count: number, total: number) => (total > 0 ? round((100 * count) / total, 1) : 0)
/** A time as ISO 8601 in China time: 2026-11-23T14:00:00+08:00. */
export const isoChina = (t: number): string => formatChinaTime(t).replace(' ', 'T')

/** One row per complaint, in batch order. */
export function detailRows({ cols, sites, analysis: a }: AnalysedBatch): Cell[][] {
  const rankOf = new Map(a.unexplained.map((c) => [c.id, c.rank]))
  const rows: Cell[][] = new Array(cols.n)
  for (let i = 0; i < cols.n; i++) {
    const s = a.attribution.site[i], cause = CAUSE_CODES[a.attribution.cause[i]], label = a.clustering.label[i]
    rows[i] = [
      cols.ids[i], formatChinaTime(cols.time[i]), cols.lonLat[2 * i], cols.lonLat[2 * i + 1], PHENOMENA[PHENOMENON_CODES[cols.phenomenon[i]]],
      s >= 0 ? sites.ids[s] : null, s >= 0 ? sites.names[s] : null, s >= 0 ? Math.round(a.attribution.distanceM[i]) : null,
      cause, CAUSE_LABELS[cause], label >= 0 ? clusterNo(label) : null, isUnexplained(a.attribution.cause[i]) ? '是' : '否', rankOf.get(label) ?? null,
    ]
  }
  return rows
}

/** What the summary says of an unexplained cluster. */
export interface UnexplainedClusterSummary {
  rank: number
  /** The cluster's number (聚集编号, 1-based: clusterNo). */
  id: number
  count: number
  unexplained: number
  /** unexplained / count */
  share: number
  perHour: number
  lon: number
  lat: number
  radius_m: number
  from: string
  to: string
  site: { id: string; name: string; count: number } | null
  byCause: Partial<Record<CauseCode, number>>
}

/** The counts of an analysis, shares in % of the complaints analysed. */
export interface AnalysisSummary {
  analysed: number
  /** Complaints with a site within reach. */
  attributed: number
  /** Complaints with no alarm, cutover or coverage object behind them. */
  unexplained: number
  sites: number
  clusters: number
  byCause: { code: CauseCode; label: string; count: number; share: number }[]
  byPhenomenon: { code: Phenomenon; label: string; count: number; share: number }[]
  topSites: { id: string; name: string; count: number; unexplained: number }[]
  /** All unexplained clusters, the likeliest live outage first. */
  unexplainedClusters: UnexplainedClusterSummary[]
}

export function summarise({ cols, sites, analysis: a }: AnalysedBatch): AnalysisSummary {
  const b = a.breakdown
  let attributed = 0, unexplained = 0
  for (let i = 0; i < cols.n; i++) {
    if (a.attribution.site[i] >= 0) attributed++
    if (isUnexplained(a.attribution.cause[i])) unexplained++
  }
  return {
    analysed: cols.n,
    attributed,
    unexplained,
    sites: sites.ids.length,
    clusters: a.clusters.length,
    byCause: b.byCause.map((c) => ({ ...c, share: pct(c.count, cols.n) })),
    byPhenomenon: b.byPhenomenon.map((p) => ({ ...p, share: pct(p.count, cols.n) })),
    topSites: b.bySite.slice(0, SUMMARY_TOP),
    unexplainedClusters: a.unexplained.map((c) => ({
      rank: c.rank, id: clusterNo(c.id), count: c.count, unexplained: c.unexplained, share: round(c.share, 3), perHour: round(c.perHour, 1),
      lon: round(c.lon, 6), lat: round(c.lat, 6), radius_m: Math.round(c.radiusM), from: isoChina(c.from), to: isoChina(c.to),
      site: c.site, byCause: c.byCause,
    })),
  }
}

const causeMix = (byCause: Partial<Record<CauseCode, number>>) =>
  Object.entries(byCause).sort((x, y) => (y[1] ?? 0) - (x[1] ?? 0)).map(([code, n]) => `${CAUSE_LABELS[code as CauseCode]} ${n}`).join('; ')

/**
 * The workbook: 投诉明细, 原因分布, 现象分布, 站点, 小时, 未解释聚集. A batch larger than a worksheet
 * (Excel: 1,048,575 rows under the header) has only its first rows in 投诉明细; the CSV has them all.
 */
export function reportSheets(batch: AnalysedBatch, details: readonly (readonly Cell[])[] = detailRows(batch)): SheetTable[] {
  const { cols, sites, analysis: a } = batch
  const n = cols.n
  const b = a.breakdown
  // The breakdown keeps the top 20 sites; the sheet wants more, counted the same way.
  const bySite = breakdown(cols, a.attribution, sites, SITE_SHEET_ROWS).bySite
  const pad = (h: number) => String(h).padStart(2, '0')
  return [
    { name: '投诉明细', header: DETAIL_HEADER, rows: details.length < XLSX_MAX_ROWS ? details : details.slice(0, XLSX_MAX_ROWS - 1), widths: DETAIL_WIDTHS },
    {
      name: '原因分布', header: ['原因代码', '原因', '投诉数', '占比(%)'], widths: [16, 18, 9, 9],
      rows: b.byCause.map((c) => [c.code, c.label, c.count, pct(c.count, n)]),
    },
    {
      name: '现象分布', header: ['现象代码', '投诉现象', '投诉数', '占比(%)'], widths: [16, 18, 9, 9],
      rows: b.byPhenomenon.map((p) => [p.code, p.label, p.count, pct(p.count, n)]),
    },
    {
      name: '站点', header: ['基站编号', '基站名称', '投诉数', '未解释投诉数', '占比(%)'], widths: [14, 20, 9, 13, 9],
      rows: bySite.map((s) => [s.id, s.name, s.count, s.unexplained, pct(s.count, n)]),
    },
    {
      name: '小时', header: ['小时(北京时间)', '投诉数', '占比(%)'], widths: [16, 9, 9],
      rows: b.byHour.map((count, h) => [`${pad(h)}:00–${pad(h)}:59`, count, pct(count, n)]),
    },
    {
      name: '未解释聚集',
      header: ['排名', '聚集编号', '投诉数', '未解释投诉数', '未解释占比(%)', '每小时未解释投诉', '中心经度', '中心纬度', '半径(米)', '开始时间', '结束时间', '基站编号', '基站名称', '原因构成'],
      widths: [6, 9, 8, 12, 13, 15, 12, 11, 9, 26, 26, 12, 16, 30],
      rows: a.unexplained.map((c) => [
        c.rank, clusterNo(c.id), c.count, c.unexplained, round(100 * c.share, 1), round(c.perHour, 1), round(c.lon, 6), round(c.lat, 6), Math.round(c.radiusM),
        formatChinaTime(c.from), formatChinaTime(c.to), c.site?.id ?? null, c.site?.name ?? null, causeMix(c.byCause),
      ]),
    },
  ]
}

/** The summary as text for a terminal (Chinese, as the engineers read it). */
export function formatSummary(s: AnalysisSummary): string {
  const lines: string[] = []
  const num = (x: number, w: number) => String(x).padStart(w)
  const w = String(s.analysed).length
  lines.push(`网络:${s.sites} 个基站;${s.attributed} 条投诉归属到基站,${s.unexplained} 条无网络原因(未解释)`)
  lines.push('原因分布:')
  for (const c of s.byCause) lines.push(`  ${num(c.count, w)}  ${c.share.toFixed(1).padStart(5)}%  ${c.label}(${c.code})`)
  if (s.byCause.length === 0) lines.push('  (无投诉)')
  if (s.topSites.length) {
    lines.push(`投诉最多的基站(前 ${s.topSites.length}):`)
    for (const t of s.topSites) lines.push(`  ${num(t.count, w)}  ${t.id} ${t.name}(未解释 ${t.unexplained})`)
  }
  const shown = s.unexplainedClusters.slice(0, SUMMARY_TOP)
  lines.push(`时空聚集 ${s.clusters} 个,其中未解释聚集 ${s.unexplainedClusters.length} 个${shown.length ? '(疑似隐性故障,按未解释投诉数排序):' : ''}`)
  for (const c of shown) {
    const site = c.site ? `基站 ${c.site.id} ${c.site.name}` : '附近无基站'
    lines.push(`  #${c.rank}  聚集 ${c.id}  ${c.count} 条(未解释 ${c.unexplained},${(100 * c.share).toFixed(0)}%,${c.perHour} 条/小时)`
      + `  中心 ${c.lon.toFixed(6)},${c.lat.toFixed(6)}  半径 ${c.radius_m} 米  ${chinaWindow(Date.parse(c.from), Date.parse(c.to))}  ${site}`)
  }
  if (s.unexplainedClusters.length > shown.length) lines.push(`  … 另有 ${s.unexplainedClusters.length - shown.length} 个,见工作簿「未解释聚集」`)
  return lines.join('\n')
}
