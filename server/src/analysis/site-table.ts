/** The network's sites as columns (ids + interleaved lon/lat), the form attributeNearest() takes. */
import type { Site } from '../domain/types.js'

export interface SiteTable {
  ids: readonly string[]
  names: readonly string[]
  /** Interleaved WGS-84 [lon0, lat0, …]. */
  lonLat: Float64Array
}

export function siteTable(sites: readonly Site[]): SiteTable {
  const lonLat = new Float64Array(2 * sites.length)
  for (let i = 0; i < sites.length; i++) {
    lonLat[2 * i] = sites[i].lon
    lonLat[2 * i + 1] = sites[i].lat
  }
  return { ids: sites.map((s) => s.id), names: sites.map((s) => s.name), lonLat }
}
