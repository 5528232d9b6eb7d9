/**
 * Attribution of a batch of complaints, each at its own time: its site (the nearest one, by the
 * typed-array grid of nearest.ts) and its cause re-derived from what the network index held then.
 *
 * Why not call diagnose() per complaint: at ~130 µs a call, 10^6 complaints take two minutes. The
 * batch instead groups complaints by site (a counting sort) and asks the index once per site for the
 * alarms and cutovers overlapping the site's whole span of complaints — most sites have none, and then
 * every complaint of the site is settled without a further look-up. Only complaints with no site event
 * behind them are looked up in the coverage, planned-site and area-cutover trees (point queries).
 * The causes follow diagnose()'s order for equally strong evidence: cutover (a site cutover, or an
 * alarm inside one) → site_fault → blind_spot → weak_coverage → planned_site → unknown. Which cause
 * each kind of evidence means, and the fallback, come from the rule registry (each module's `batch`
 * and `fallback`); the order of the look-ups is this file's (per site first, then per point). Simplified
 * against diagnose(): the nearest site stands for the serving one (no sector facing), and any alarm
 * counts whatever the phenomenon; known_issue and mass_outage are the batch's own findings (clusters).
 * The alarms and cutovers of the elements a site hangs on (ring, BSC, MSC; issue 9) count as the
 * site's own, after them; `elementFault` records which element type settled the complaint.
 */
import type { DiagnosisOptions } from '../config/index.js'
import type { Alarm, CoverageArea, Cutover } from '../domain/types.js'
import type { NetworkIndex } from '../index/network-index.js'
import { batchCause, FALLBACK_CAUSE } from '../diagnosis/registry.js'
import { cutoverOverlaps } from '../index/cutover-window.js'
import type { ComplaintColumns } from './columns.js'
import { causeIndex } from './columns.js'
import { attributeNearest } from './nearest.js'
import type { SiteTable } from './site-table.js'
import { WORLD } from '../index/bbox.js'

/** What the attribution needs of the network index. */
export type NetworkLookup = Pick<NetworkIndex, 'alarmsOf' | 'cutoversOf' | 'cutoversAt' | 'coverageAt' | 'plannedAt' | 'areaCutoversInBbox'>
  & Partial<Pick<NetworkIndex, 'elementsOf'>>

/** Codes of Attribution.elementFault: which element's alarm or cutover settled a complaint. */
export const ELEMENT_FAULT = { none: 0, ring: 1, bsc: 2, msc: 3 } as const

export interface Attribution {
  /** Index in the site table of the complaint's site; -1 when no site is within maxSiteDistanceM. */
  site: Int32Array
  distanceM: Float32Array
  /** The re-derived cause, an index in CAUSE_CODES. */
  cause: Uint8Array
  /** ELEMENT_FAULT code: 0 when the cause is not an element's alarm or cutover (issue 9). */
  elementFault: Uint8Array
}

const CUTOVER = causeIndex(batchCause('cutover'))
const SITE_FAULT = causeIndex(batchCause('alarm'))
const BLIND = causeIndex(batchCause('blind_area'))
const WEAK = causeIndex(batchCause('weak_area'))
const PLANNED = causeIndex(batchCause('planned_site'))
const UNKNOWN = causeIndex(FALLBACK_CAUSE)
/** The cause of each kind of coverage area. */
const COVERAGE_CAUSE: Record<CoverageArea['kind'], number> = { blind: BLIND, weak: WEAK }
/** True for a cause code index with no network object behind it. */
export const isUnexplained = (cause: number): boolean => cause === UNKNOWN

export function attribute(cols: ComplaintColumns, sites: SiteTable, net: NetworkLookup, o: DiagnosisOptions): Attribution {
  const { n, lonLat, time } = cols
  const ns = sites.ids.length
  const cause = new Uint8Array(n).fill(UNKNOWN)
  const elementFault = new Uint8Array(n)
  if (ns === 0) return { site: new Int32Array(n).fill(-1), distanceM: new Float32Array(n).fill(Infinity), cause, elementFault }
  const { site, distanceM } = attributeNearest(sites.lonLat, lonLat)
  for (let i = 0; i < n; i++) if (distanceM[i] > o.maxSiteDistanceM) site[i] = -1

  // Complaints grouped by site (CSR): start[s]..start[s+1] index `bySite`.
  const start = new Int32Array(ns + 1)
  for (let i = 0; i < n; i++) if (site[i] >= 0) start[site[i] + 1]++
  for (let s = 0; s < ns; s++) start[s + 1] += start[s]
  const fill = start.slice(0, ns)
  const bySite = new Int32Array(start[ns])
  for (let i = 0; i < n; i++) if (site[i] >= 0) bySite[fill[site[i]]++] = i

  const slack = o.timeSlackMs
  for (let s = 0; s < ns; s++) {
    const a = start[s], b = start[s + 1]
    if (a === b) continue
    let t0 = Infinity, t1 = -Infinity
    for (let k = a; k < b; k++) {
      const t = time[bySite[k]]
      if (t < t0) t0 = t
      if (t > t1) t1 = t
    }
    const id = sites.ids[s]
    const cutovers = net.cutoversOf(id, t0 - slack, t1)
    const alarms = net.alarmsOf(id, t0 - slack, t1)
    // The site's elements' events (issue 9), each list tagged with the element type that raised it.
    let elCutovers: Cutover[][] | null = null
    let elAlarms: Alarm[][] | null = null
    let elCodes: number[] | null = null
    const elements = net.elementsOf ? net.elementsOf(id) : []
    for (let e = 0; e < elements.length; e++) {
      if (!elements[e].eventful) continue
      const ec = net.cutoversOf(elements[e].key, t0 - slack, t1)
      const ea = net.alarmsOf(elements[e].key, t0 - slack, t1)
      if (ec.length === 0 && ea.length === 0) continue
      ;(elCutovers ??= []).push(ec)
      ;(elAlarms ??= []).push(ea)
      ;(elCodes ??= []).push(ELEMENT_FAULT[elements[e].type])
    }
    if (cutovers.length === 0 && alarms.length === 0 && elCodes === null) continue
    for (let k = a; k < b; k++) {
      const i = bySite[k], t = time[i]
      let c = UNKNOWN
      let el = 0
      for (let j = 0; j < cutovers.length && c === UNKNOWN; j++) if (cutoverOverlaps(cutovers[j], t - slack, t)) c = CUTOVER
      if (elCodes) for (let e = 0; e < elCodes.length && c === UNKNOWN; e++) {
        for (let j = 0; j < elCutovers![e].length && c === UNKNOWN; j++) if (cutoverOverlaps(elCutovers![e][j], t - slack, t)) { c = CUTOVER; el = elCodes[e] }
      }
      for (let j = 0; j < alarms.length && c === UNKNOWN; j++) if (alarmAt(alarms[j], t, slack)) c = SITE_FAULT
      if (elCodes) for (let e = 0; e < elCodes.length && c === UNKNOWN; e++) {
        for (let j = 0; j < elAlarms![e].length && c === UNKNOWN; j++) if (alarmAt(elAlarms![e][j], t, slack)) { c = SITE_FAULT; el = elCodes[e] }
      }
      cause[i] = c
      elementFault[i] = el
    }
  }

  const areaCutovers = net.areaCutoversInBbox(WORLD).length > 0
  for (let i = 0; i < n; i++) {
    if (cause[i] !== UNKNOWN) continue
    const lon = lonLat[2 * i], lat = lonLat[2 * i + 1], t = time[i]
    if (areaCutovers && net.cutoversAt(lon, lat, t - slack, t).length > 0) { cause[i] = CUTOVER; continue }
    const cov = net.coverageAt(lon, lat)
    if (cov.length > 0) { cause[i] = coverageCause(cov); continue }
    if (net.plannedAt(lon, lat).length > 0) cause[i] = PLANNED
  }
  return { site, distanceM, cause, elementFault }
}

/**
 * The cause of a point inside coverage areas: of their causes, the one first in CAUSE_CODES (the
 * registry's order, diagnose()'s tie order) — a blind spot over a weak-coverage area.
 */
function coverageCause(cov: readonly CoverageArea[]): number {
  let c = COVERAGE_CAUSE[cov[0].kind]
  for (let k = 1; k < cov.length; k++) if (COVERAGE_CAUSE[cov[k].kind] < c) c = COVERAGE_CAUSE[cov[k].kind]
  return c
}

/** Whether the alarm was on at t (raised by then, not cleared before t − slack). */
function alarmAt(al: Alarm, t: number, slack: number): boolean {
  return al.raisedAt <= t && (al.clearedAt == null || al.clearedAt >= t - slack)
}
