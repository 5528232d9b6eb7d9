/**
 * analyseArea(): the complaints inside an area and window, with the breakdowns an engineer reads
 * first — by cause, by phenomenon, the sites most complained about, and the unexplained hot spots
 * (complaints whose cause is unknown or a suspected mass outage, clustered with DBSCAN). A plain
 * function over stored complaints; the batch analysis proper (issue #6) may supersede it.
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import { clustersDbscan } from '@turf/clusters-dbscan'
import { featureCollection, point } from '@turf/helpers'
import { CAUSE_LABELS, PHENOMENA, type AreaGeometry, type CauseCode, type Phenomenon } from '../../domain/types.js'
import type { StoredComplaintView } from '../../service/network-service.js'
import { UNEXPLAINED_CAUSES } from '../../diagnosis/registry.js'

/** Hot-spot clustering: complaints within this distance of each other chain into one cluster … */
export const HOTSPOT_RADIUS_M = 300
/** … and a cluster needs at least this many complaints. */
export const HOTSPOT_MIN = 3
/** Causes that leave a complaint unexplained (no network object behind it): the rule registry's. */
const UNEXPLAINED: ReadonlySet<CauseCode> = UNEXPLAINED_CAUSES

/** How the analysis attributes a complaint: its cause and the site serving it best. */
export interface Attribution {
  /** The cause counted: the final one when settled, else the suggested one, else one diagnosed now. */
  causeOf(c: StoredComplaintView): CauseCode
  /** The site counted for it: its first linked site, else the best serving site now; null if none. */
  siteOf(c: StoredComplaintView): string | null
}

export interface AreaAnalysis {
  total: number
  complaints: (StoredComplaintView & { attributedCause: CauseCode })[]
  byCause: { code: CauseCode; label: string; count: number }[]
  byPhenomenon: { code: Phenomenon; label: string; count: number }[]
  topSites: { id: string; count: number }[]
  hotspots: { lon: number; lat: number; count: number; radius_m: number; complaintIds: string[] }[]
}

/** Analyses the complaints (already limited to the window and the area's bbox) that fall inside `area`. */
export function analyseArea(candidates: readonly StoredComplaintView[], area: AreaGeometry, by: Attribution): AreaAnalysis {
  const inside = candidates.filter((c) => booleanPointInPolygon([c.lon, c.lat], area)).map((c) => ({ ...c, attributedCause: by.causeOf(c) }))
  const causes = new Map<CauseCode, number>()
  const phenomena = new Map<Phenomenon, number>()
  const sites = new Map<string, number>()
  for (const c of inside) {
    const cause = c.attributedCause
    causes.set(cause, (causes.get(cause) ?? 0) + 1)
    phenomena.set(c.phenomenon, (phenomena.get(c.phenomenon) ?? 0) + 1)
    const site = by.siteOf(c)
    if (site) sites.set(site, (sites.get(site) ?? 0) + 1)
  }
  const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count
  return {
    total: inside.length,
    complaints: inside,
    byCause: [...causes].map(([code, count]) => ({ code, label: CAUSE_LABELS[code], count })).sort(byCount),
    byPhenomenon: [...phenomena].map(([code, count]) => ({ code, label: PHENOMENA[code] ?? code, count })).sort(byCount),
    topSites: [...sites].map(([id, count]) => ({ id, count })).sort(byCount).slice(0, 10),
    hotspots: hotspots(inside.filter((c) => UNEXPLAINED.has(c.attributedCause))),
  }
}

function hotspots(list: readonly StoredComplaintView[]): AreaAnalysis['hotspots'] {
  if (list.length < HOTSPOT_MIN) return []
  const pts = featureCollection(list.map((c, i) => point([c.lon, c.lat], { i })))
  const clustered = clustersDbscan(pts, HOTSPOT_RADIUS_M / 1000, { units: 'kilometers', minPoints: HOTSPOT_MIN })
  const groups = new Map<number, StoredComplaintView[]>()
  for (const f of clustered.features) {
    if (f.properties.dbscan === 'noise' || f.properties.cluster === undefined) continue
    const g = groups.get(f.properties.cluster) ?? []
    g.push(list[f.properties.i as number])
    groups.set(f.properties.cluster, g)
  }
  return [...groups.values()].map((g) => {
    const lon = g.reduce((s, c) => s + c.lon, 0) / g.length
    const lat = g.reduce((s, c) => s + c.lat, 0) / g.length
    const r = Math.max(...g.map((c) => Math.hypot((c.lon - lon) * 111_320 * Math.cos((lat * Math.PI) / 180), (c.lat - lat) * 110_574)))
    return { lon, lat, count: g.length, radius_m: Math.round(r), complaintIds: g.map((c) => c.id) }
  }).sort((a, b) => b.count - a.count)
}
