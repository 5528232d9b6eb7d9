/**
 * The footprint of an element: the convex hull of its sites' coverage circles (each site's longest cell
 * radius, or the default site radius for a site without cells). A hull, not the union of the circles:
 * one polygon without holes, cheap for an MSC of thousands of sites, and what an engineer draws by hand
 * around a BSC's area; it may take in gaps between distant sites, which the complaint count then includes.
 */
import { circle } from '@turf/circle'
import { convex } from '@turf/convex'
import { featureCollection, point } from '@turf/helpers'
import type { Feature, Point, Polygon } from 'geojson'
import type { Cell, Site } from '../domain/types.js'

/** Vertices per coverage circle. */
const CIRCLE_STEPS = 16

/** The hull of the sites' coverage circles; null without sites. */
export function footprint(sites: readonly Site[], cellsOf: (siteId: string) => readonly Cell[], defaultRadiusM: number): Polygon | null {
  if (!sites.length) return null
  const pts: Feature<Point>[] = []
  for (const s of sites) {
    let r = 0
    for (const c of cellsOf(s.id)) if (c.radiusM > r) r = c.radiusM
    const ring = circle([s.lon, s.lat], (r || defaultRadiusM) / 1000, { steps: CIRCLE_STEPS, units: 'kilometers' }).geometry.coordinates[0]
    for (const p of ring) pts.push(point(p))
  }
  return convex(featureCollection(pts))?.geometry ?? null
}

/** How the footprint is made, for the API's answer. */
export const FOOTPRINT_METHOD = 'convex hull of the coverage circles of the element\'s sites (longest cell radius, or the default site radius)'
