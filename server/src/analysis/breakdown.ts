/** Counts of an attributed batch by cause, phenomenon, site and hour of the day (China time). */
import { CAUSE_CODES, CAUSE_LABELS, PHENOMENA, type CauseCode, type Phenomenon } from '../domain/types.js'
import type { Attribution } from './attribute.js'
import { ELEMENT_FAULT, isUnexplained } from './attribute.js'
import { PHENOMENON_CODES, type ComplaintColumns } from './columns.js'
import type { SiteTable } from './site-table.js'

const HOUR_MS = 3600_000
const CHINA_OFFSET_MS = 8 * HOUR_MS

export interface Breakdown {
  total: number
  byCause: { code: CauseCode; label: string; count: number }[]
  /** By the final cause the agents settled on (complaints still open are left out). */
  byFinalCause: { code: CauseCode; label: string; count: number }[]
  byPhenomenon: { code: Phenomenon; label: string; count: number }[]
  /** The `topSites` sites with most complaints, and how many of those are unexplained. */
  bySite: { id: string; name: string; count: number; unexplained: number }[]
  /** Complaints per hour of the day, China time: index 0 = 00:00–00:59. */
  byHour: number[]
  /**
   * Complaints grouped by the element their site hangs on (issue 9), most first: how many, how many
   * unexplained, and how many an alarm or cutover on that element itself explained. Empty when the
   * site table carries no elements.
   */
  byBsc: ElementCount[]
  byMsc: ElementCount[]
  byRing: ElementCount[]
}

/** Complaints of one element's sites in a batch. */
export interface ElementCount {
  id: string
  /** Sites of the element with complaints in the batch. */
  sites: number
  count: number
  unexplained: number
  /** Complaints put down to an alarm or cutover on the element itself. */
  elementFault: number
}

/** Elements listed per type at most. */
const TOP_ELEMENTS = 100

export function breakdown(cols: ComplaintColumns, a: Attribution, sites: SiteTable, topSites = 20): Breakdown {
  const { n } = cols
  const cause = new Float64Array(CAUSE_CODES.length)
  const final = new Float64Array(CAUSE_CODES.length)
  const phen = new Float64Array(PHENOMENON_CODES.length)
  const perSite = new Int32Array(sites.ids.length)
  const unexplained = new Int32Array(sites.ids.length)
  const hours = new Array<number>(24).fill(0)
  for (let i = 0; i < n; i++) {
    cause[a.cause[i]]++
    if (cols.finalCause[i] >= 0) final[cols.finalCause[i]]++
    phen[cols.phenomenon[i]]++
    const s = a.site[i]
    if (s >= 0) {
      perSite[s]++
      if (isUnexplained(a.cause[i])) unexplained[s]++
    }
    hours[Math.floor((cols.time[i] + CHINA_OFFSET_MS) / HOUR_MS) % 24]++
  }
  const byCount = <T extends { count: number }>(x: T, y: T) => y.count - x.count
  const causes = (counts: Float64Array) => CAUSE_CODES.map((code, k) => ({ code, label: CAUSE_LABELS[code], count: counts[k] }))
    .filter((c) => c.count > 0).sort(byCount)
  return {
    total: n,
    byCause: causes(cause),
    byFinalCause: causes(final),
    byPhenomenon: PHENOMENON_CODES.map((code, k) => ({ code, label: PHENOMENA[code], count: phen[k] })).filter((p) => p.count > 0).sort(byCount),
    bySite: topIndices(perSite, topSites).map((s) => ({ id: sites.ids[s], name: sites.names[s], count: perSite[s], unexplained: unexplained[s] })),
    byHour: hours,
    byBsc: byElement(a, sites.bsc, perSite, unexplained, ELEMENT_FAULT.bsc),
    byMsc: byElement(a, sites.msc, perSite, unexplained, ELEMENT_FAULT.msc),
    byRing: byElement(a, sites.ring, perSite, unexplained, ELEMENT_FAULT.ring),
  }
}

/** Per element of one type: the sums over its sites, and the complaints its own faults explained. */
function byElement(a: Attribution, of: readonly (string | null)[] | undefined, perSite: Int32Array, unexplained: Int32Array, code: number): ElementCount[] {
  if (!of) return []
  const out = new Map<string, ElementCount>()
  for (let s = 0; s < perSite.length; s++) {
    const id = of[s]
    if (!id || perSite[s] === 0) continue
    let e = out.get(id)
    if (!e) out.set(id, (e = { id, sites: 0, count: 0, unexplained: 0, elementFault: 0 }))
    e.sites++
    e.count += perSite[s]
    e.unexplained += unexplained[s]
  }
  for (let i = 0; i < a.elementFault.length; i++) {
    if (a.elementFault[i] !== code) continue
    const id = of[a.site[i]]
    if (id) out.get(id)!.elementFault++
  }
  return [...out.values()].sort((x, y) => y.count - x.count || (x.id < y.id ? -1 : 1)).slice(0, TOP_ELEMENTS)
}

/** Indices of the k largest positive values, largest first (ties: lower index), without sorting everything. */
export function topIndices(values: Int32Array, k: number): number[] {
  const top: number[] = []
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (v <= 0 || (top.length === k && v <= values[top[k - 1]])) continue
    if (top.length < k) top.push(i)
    let j = top.length - 1
    while (j > 0 && values[top[j - 1]] < v) { top[j] = top[j - 1]; j-- }
    top[j] = i
  }
  return top
}
