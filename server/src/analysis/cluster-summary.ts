/** What an engineer reads of each spatio-temporal cluster: where, when, how many, which site, how explained. */
import { CAUSE_CODES, type CauseCode } from '../domain/types.js'
import type { Attribution } from './attribute.js'
import { isUnexplained } from './attribute.js'
import type { Clustering } from './clusters.js'
import type { ComplaintColumns } from './columns.js'
import type { SiteTable } from './site-table.js'

export interface ClusterSummary {
  id: number
  count: number
  /** Complaints in it with no alarm, cutover or coverage object behind them. */
  unexplained: number
  lon: number
  lat: number
  /** Distance from the centre to the farthest member. */
  radiusM: number
  from: number
  to: number
  /** The site most of its complaints are attributed to (null: none within reach). */
  site: { id: string; name: string; count: number } | null
  byCause: Partial<Record<CauseCode, number>>
  /** Member indices in the batch. */
  members: Int32Array
}

export function summariseClusters(cols: ComplaintColumns, a: Attribution, c: Clustering, sites: SiteTable): ClusterSummary[] {
  const k = c.count
  const size = new Int32Array(k + 1)
  for (let i = 0; i < cols.n; i++) if (c.label[i] >= 0) size[c.label[i] + 1]++
  for (let j = 0; j < k; j++) size[j + 1] += size[j]
  const fill = size.slice(0, k)
  const members = new Int32Array(size[k])
  for (let i = 0; i < cols.n; i++) if (c.label[i] >= 0) members[fill[c.label[i]]++] = i
  const out: ClusterSummary[] = []
  for (let j = 0; j < k; j++) {
    const m = members.subarray(size[j], size[j + 1])
    let lon = 0, lat = 0, from = Infinity, to = -Infinity, unexplained = 0
    const causes = new Map<number, number>()
    const bySite = new Map<number, number>()
    for (const i of m) {
      lon += cols.lonLat[2 * i]
      lat += cols.lonLat[2 * i + 1]
      if (cols.time[i] < from) from = cols.time[i]
      if (cols.time[i] > to) to = cols.time[i]
      if (isUnexplained(a.cause[i])) unexplained++
      causes.set(a.cause[i], (causes.get(a.cause[i]) ?? 0) + 1)
      if (a.site[i] >= 0) bySite.set(a.site[i], (bySite.get(a.site[i]) ?? 0) + 1)
    }
    lon /= m.length
    lat /= m.length
    const kx = Math.cos((lat * Math.PI) / 180) * 111_320
    let r2 = 0
    for (const i of m) {
      const dx = (cols.lonLat[2 * i] - lon) * kx, dy = (cols.lonLat[2 * i + 1] - lat) * 111_320
      if (dx * dx + dy * dy > r2) r2 = dx * dx + dy * dy
    }
    let site: ClusterSummary['site'] = null
    for (const [s, count] of bySite) if (!site || count > site.count) site = { id: sites.ids[s], name: sites.names[s], count }
    const byCause: ClusterSummary['byCause'] = {}
    for (const [ci, count] of causes) byCause[CAUSE_CODES[ci]] = count
    out.push({ id: j, count: m.length, unexplained, lon, lat, radiusM: Math.sqrt(r2), from, to, site, byCause, members: m })
  }
  return out.sort((x, y) => y.count - x.count || x.from - y.from)
}
