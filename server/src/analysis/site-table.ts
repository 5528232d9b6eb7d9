/**
 * The network's sites as columns (ids + interleaved lon/lat), the form attributeNearest() takes, with the
 * elements each site hangs on (BSC, MSC, ring; null = none) for the breakdown by element (issue 9).
 */
import type { Site } from '../domain/types.js'

export interface SiteTable {
  ids: readonly string[]
  names: readonly string[]
  /** Interleaved WGS-84 [lon0, lat0, …]. */
  lonLat: Float64Array
  /** Per site: its BSC, MSC and transmission ring (absent on tables made by hand: no breakdown by element). */
  bsc?: readonly (string | null)[]
  msc?: readonly (string | null)[]
  ring?: readonly (string | null)[]
}

export function siteTable(sites: readonly Site[]): SiteTable {
  const lonLat = new Float64Array(2 * sites.length)
  for (let i = 0; i < sites.length; i++) {
    lonLat[2 * i] = sites[i].lon
    lonLat[2 * i + 1] = sites[i].lat
  }
  return {
    ids: sites.map((s) => s.id), names: sites.map((s) => s.name), lonLat,
    bsc: sites.map((s) => s.bsc), msc: sites.map((s) => s.msc), ring: sites.map((s) => s.ring ?? null),
  }
}
