/**
 * One element (BSC, MSC or transmission ring) as an engineer or agent opens it: its sites with their
 * states, the elements above and below it, its own alarms and cutovers, its footprint and the
 * complaints inside the footprint in a window.
 */
import { bbox as turfBbox } from '@turf/bbox'
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import type { Polygon } from 'geojson'
import { worse, type Alarm, type Complaint, type Cutover, type ElementType, type SiteState } from '../domain/types.js'
import type { NetworkIndex } from '../index/network-index.js'
import { footprint } from './footprint.js'

/** Complaints listed with an element at most (the count is of all of them). */
export const ELEMENT_COMPLAINTS_MAX = 200

export interface ElementDetail {
  type: ElementType
  id: string
  /** The worst of its own state and its sites'. */
  state: SiteState
  /** From its own alarms and cutovers alone. */
  ownState: SiteState
  sites: { id: string; name: string; lon: number; lat: number; bsc: string | null; msc: string | null; ring: string | null; state: SiteState }[]
  /** MSCs above a BSC, BSCs below an MSC, BSCs and MSCs of a ring's sites. */
  related: { type: ElementType; id: string }[]
  alarms: Alarm[]
  cutovers: Cutover[]
  footprint: Polygon | null
  complaints: { count: number; list: Complaint[] }
}

/** The element's detail, or null when no site names it. Alarms and cutovers: the week before `now` (cutovers: and after). */
export function elementDetail(index: NetworkIndex, type: ElementType, id: string, window: { from: number; to: number; now: number }): ElementDetail | null {
  const sites = index.sitesOfElement(type, id)
  if (!sites.length) return null
  const { now } = window
  const ownState = index.elementOwnState(type, id, now)
  let state = ownState
  const siteViews = sites.map((s) => {
    const st = index.siteState(s.id, now)
    state = worse(state, st)
    return { id: s.id, name: s.name, lon: s.lon, lat: s.lat, bsc: s.bsc, msc: s.msc, ring: s.ring ?? null, state: st }
  })
  const related = new Map<string, { type: ElementType; id: string }>()
  for (const s of sites) {
    // The other level of the MSC → BSC tree (rings are a separate grouping: only a ring lists its BSCs and MSCs).
    for (const e of index.elementsOf(s.id)) if (e.type !== 'ring' && e.type !== type) related.set(e.key, { type: e.type, id: e.id })
  }
  const week = 7 * 24 * 3600_000
  const area = footprint(sites, (sid) => index.cellsOf(sid), index.options.defaultSiteRadiusM)
  let complaints: Complaint[] = []
  if (area) {
    complaints = index.complaintsInBbox(turfBbox(area) as [number, number, number, number], window.from, window.to)
      .filter((c) => booleanPointInPolygon([c.lon, c.lat], area))
      .sort((a, b) => b.occurredAt - a.occurredAt)
  }
  return {
    type, id, state, ownState,
    sites: siteViews,
    related: [...related.values()].sort((a, b) => (a.type + a.id < b.type + b.id ? -1 : 1)),
    alarms: index.elementAlarms(type, id, now - week, now),
    cutovers: index.elementCutovers(type, id, now - week, now + week),
    footprint: area,
    complaints: { count: complaints.length, list: complaints.slice(0, ELEMENT_COMPLAINTS_MAX) },
  }
}
