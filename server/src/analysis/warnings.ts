/**
 * Early warning of mass outages: per-site surges (surges.ts) with no alarm or cutover on the site
 * behind them — the operator hears of a hidden fault from the complaints, before the tenth call.
 */
import type { AnalysisOptions, DiagnosisOptions } from '../config/index.js'
import type { Complaint } from '../domain/types.js'
import { attributeNearest } from './nearest.js'
import type { NetworkLookup } from './attribute.js'
import type { SiteTable } from './site-table.js'
import { detectSurges } from './surges.js'

const HOUR_MS = 3600_000

export interface SurgeWarning {
  siteId: string
  siteName: string
  lon: number
  lat: number
  /** The hour [from, to) of the surge. */
  from: number
  to: number
  count: number
  baselineMean: number
  baselineSd: number
  threshold: number
  /** The ids of the hour's complaints in the site's footprint. */
  complaintIds: string[]
}

/**
 * Warnings for the hours overlapping [from, to): `complaints` must cover the baseline weeks before
 * `from` as well (the caller reads [from − baselineWeeks, to)). A surge with an alarm or cutover on the
 * site overlapping the hour (± the diagnosis' time slack) is explained and not a warning.
 */
export function surgeWarnings(complaints: readonly Complaint[], sites: SiteTable, net: NetworkLookup, from: number, to: number, d: DiagnosisOptions, o: AnalysisOptions): SurgeWarning[] {
  if (sites.ids.length === 0 || complaints.length === 0) return []
  const lonLat = new Float64Array(2 * complaints.length)
  const time = new Float64Array(complaints.length)
  complaints.forEach((c, i) => { lonLat[2 * i] = c.lon; lonLat[2 * i + 1] = c.lat; time[i] = c.occurredAt })
  const { site, distanceM } = attributeNearest(sites.lonLat, lonLat)
  for (let i = 0; i < site.length; i++) if (distanceM[i] > d.maxSiteDistanceM) site[i] = -1
  const surges = detectSurges(site, time, from, to, { baselineWeeks: o.surgeBaselineWeeks, k: o.surgeK, minSigma: o.surgeMinSigma, minCount: o.surgeMinCount })
  const out: SurgeWarning[] = []
  for (const s of surges) {
    const id = sites.ids[s.site], end = s.hour + HOUR_MS
    if (net.alarmsOf(id, s.hour - d.timeSlackMs, end).length > 0 || net.cutoversOf(id, s.hour - d.timeSlackMs, end).length > 0) continue
    const complaintIds: string[] = []
    for (let i = 0; i < complaints.length; i++) if (site[i] === s.site && time[i] >= s.hour && time[i] < end) complaintIds.push(complaints[i].id)
    out.push({
      siteId: id, siteName: sites.names[s.site], lon: sites.lonLat[2 * s.site], lat: sites.lonLat[2 * s.site + 1], from: s.hour, to: end,
      count: s.count, baselineMean: s.baselineMean, baselineSd: s.baselineSd, threshold: s.threshold, complaintIds,
    })
  }
  return out
}
