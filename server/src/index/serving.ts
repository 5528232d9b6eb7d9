/**
 * Which sites serve a point, and how strongly. A cell serves up to its reach (nominal radius ×
 * servingReach, capped at maxSiteDistanceM) along its main beam; off the beam the reach shrinks
 * linearly to offBeamReach × reach at twice the half beam width (side lobes), and stays there behind
 * the antenna (back lobe). The score of a cell at distance d is gain × (1 − d / (gain × reach)):
 * 1 at the site, 0 at the edge of its reach, and a cell facing away scores low even when near.
 */
import type { SiteElement } from './elements.js'
import type { DiagnosisOptions } from '../config/index.js'
import type { Cell, Site } from '../domain/types.js'
import { bboxAround } from '../geo/distance.js'
import { sectorBbox } from '../geo/sector.js'
import type { BBox } from './bbox.js'

/** A site serving a point: how far, whether one of its cells faces it, and the serving score. */
export interface ServingSite {
  site: Site
  distanceM: number
  /** Bearing from the site to the point, degrees from north. */
  bearing: number
  /** True when the point is inside the main beam of the best cell (always true for an omni site). */
  facing: boolean
  /** Serving strength in (0, 1]: 1 = at the site inside the main beam. */
  score: number
  /** The best-serving cell, or null for a site without cells (omnidirectional, default radius). */
  cellId: string | null
  /** The elements the site hangs on (ring, BSC, MSC), carried from the index without a lookup. */
  elements?: readonly SiteElement[]
}

/** Relative reach of a beam at `off` degrees from its azimuth: 1 inside the main beam, `floor` behind. */
export function beamGain(off: number, beamwidth: number, floor: number): number {
  if (beamwidth >= 360) return 1
  const half = beamwidth / 2
  if (off <= half) return 1
  if (off >= 2 * half) return floor
  return 1 - ((1 - floor) * (off - half)) / half
}

/** Reach in metres of a cell (or omni site) of nominal radius `radiusM`. */
export function reachM(radiusM: number, o: DiagnosisOptions): number {
  return Math.min(radiusM * o.servingReach, o.maxSiteDistanceM)
}

/** Serving score in [0, 1] at distance d and `off` degrees off the azimuth; 0 = does not serve. */
export function servingScore(d: number, off: number, beamwidth: number, radiusM: number, o: DiagnosisOptions): number {
  const gain = d === 0 ? 1 : beamGain(off, beamwidth, o.offBeamReach)
  const r = reachM(radiusM, o) * gain
  if (!(d < r)) return 0
  return gain * (1 - d / r)
}

/** The bbox of everywhere a cell can score > 0: the widened wedge at full reach plus the back-lobe circle. */
export function cellReachBbox(site: Site, cell: Cell, o: DiagnosisOptions): BBox {
  const reach = reachM(cell.radiusM, o)
  if (cell.beamwidth >= 360) return bboxAround(site.lon, site.lat, reach)
  const wedge = sectorBbox({
    lon: site.lon,
    lat: site.lat,
    azimuth: cell.azimuth,
    beamwidth: Math.min(360, 2 * cell.beamwidth),
    radiusM: reach,
  })
  const back = bboxAround(site.lon, site.lat, reach * o.offBeamReach)
  return [
    Math.min(wedge[0], back[0]),
    Math.min(wedge[1], back[1]),
    Math.max(wedge[2], back[2]),
    Math.max(wedge[3], back[3]),
  ]
}

/** The bbox of a site without cells, served omnidirectionally with defaultSiteRadiusM. */
export function omniReachBbox(site: Site, o: DiagnosisOptions): BBox {
  return bboxAround(site.lon, site.lat, reachM(o.defaultSiteRadiusM, o))
}
