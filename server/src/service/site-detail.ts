/** What an agent sees of sites: their display state now, and one site with everything around it. */
import type { Site, SiteState } from '../domain/types.js'
import { AppError } from '../errors.js'
import type { NetworkIndex } from '../index/network-index.js'

const WEEK_MS = 7 * 24 * 3600_000

/** Sites in a bbox with their display state at `now`. */
export function sitesInBbox(index: NetworkIndex, bbox: [number, number, number, number], now: number): (Site & { state: SiteState })[] {
  return index.sitesInBbox(bbox).map((s) => ({ ...s, state: index.siteState(s.id, now) }))
}

/**
 * One site with everything an agent opens it for: state, cells, alarms of the past week, cutovers a week
 * either side, complaints within 1 km of the past week (at most 50). The alarms and cutovers of the ring,
 * BSC and MSC it hangs on are listed too (each names its element): they are why a site without an alarm
 * of its own is shown down. NOT_FOUND for an unknown id.
 */
export function siteDetail(index: NetworkIndex, id: string, now: number) {
  const site = index.site(id)
  if (!site) throw new AppError('NOT_FOUND', `no site with id "${id}"`)
  const weekAgo = now - WEEK_MS
  const weekAhead = now + WEEK_MS
  const keys = [id, ...index.elementsOf(id).map((e) => e.key)]
  return {
    ...site,
    state: index.siteState(id, now),
    cells: index.cellsOf(id),
    alarms: keys.flatMap((k) => index.alarmsOf(k, weekAgo, now)),
    cutovers: [...new Map(keys.flatMap((k) => index.cutoversOf(k, weekAgo, weekAhead)).map((c) => [c.id, c])).values()],
    complaints: index.complaintsNear(site.lon, site.lat, 1000, weekAgo, now).slice(0, 50),
  }
}
