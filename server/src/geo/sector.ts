/**
 * A cell's sector (wedge): the area within `radiusM` of the site whose bearing from the site is
 * within half the beam width of the azimuth. The polygon is for the map; inSector is the fast test
 * (bearing + distance, no polygon), so both use the flat approximation of distance.ts and agree.
 */
import type { Polygon } from 'geojson'
import { bearingDeg, destination, distanceM, metresToDegLat, metresToDegLon } from './distance.js'

/** A wedge: apex at the site, pointing along `azimuth` (degrees from north), `beamwidth` wide (360 = full circle). */
export interface Sector {
  lon: number
  lat: number
  azimuth: number
  beamwidth: number
  radiusM: number
}

/** Normalises an angle in degrees to [0, 360). */
export function normDeg(a: number): number {
  const r = a % 360
  return r < 0 ? r + 360 : r
}

/** Smallest absolute difference between two directions, in [0, 180] degrees (350° vs 10° → 20°). */
export function angleDiff(a: number, b: number): number {
  const d = Math.abs(normDeg(a) - normDeg(b))
  return d > 180 ? 360 - d : d
}

/**
 * True when the point lies in the wedge: within radiusM of the apex and, unless the beam is 360°
 * (or wider), within beamwidth/2 of the azimuth; wrap-around at 0/360 is handled by angleDiff.
 * The apex itself is inside.
 */
export function inSector(s: Sector, lon: number, lat: number): boolean {
  const d = distanceM(s.lon, s.lat, lon, lat)
  if (d > s.radiusM) return false
  if (s.beamwidth >= 360 || d === 0) return true
  return angleDiff(bearingDeg(s.lon, s.lat, lon, lat), s.azimuth) <= s.beamwidth / 2
}

/**
 * The wedge as a GeoJSON Polygon (counter-clockwise ring is not required by the map; the ring is
 * apex → arc → apex). A 360° beam gives a circle. `steps` is the number of arc segments for a full
 * circle; a wedge gets a proportional share (at least 2).
 */
export function sectorPolygon(s: Sector, steps = 64): Polygon {
  const ring: [number, number][] = []
  if (s.beamwidth >= 360) {
    for (let i = 0; i < steps; i++) ring.push(destination(s.lon, s.lat, s.radiusM, (360 * i) / steps))
    ring.push(ring[0])
    return { type: 'Polygon', coordinates: [ring] }
  }
  const half = Math.max(0, s.beamwidth) / 2
  const n = Math.max(2, Math.ceil((steps * s.beamwidth) / 360))
  ring.push([s.lon, s.lat])
  for (let i = 0; i <= n; i++) ring.push(destination(s.lon, s.lat, s.radiusM, s.azimuth - half + (2 * half * i) / n))
  ring.push([s.lon, s.lat])
  return { type: 'Polygon', coordinates: [ring] }
}

/**
 * The bbox [minLon, minLat, maxLon, maxLat] of the wedge: the apex, both arc ends, and each compass
 * point (0/90/180/270°) the arc passes through. Used to index cells in an R-tree.
 */
export function sectorBbox(s: Sector): [number, number, number, number] {
  const dLat = metresToDegLat(s.radiusM)
  const dLon = metresToDegLon(s.radiusM, s.lat)
  if (s.beamwidth >= 360) return [s.lon - dLon, s.lat - dLat, s.lon + dLon, s.lat + dLat]
  const half = Math.max(0, s.beamwidth) / 2
  let minX = s.lon
  let minY = s.lat
  let maxX = s.lon
  let maxY = s.lat
  const a0 = s.azimuth - half
  const a1 = s.azimuth + half
  // The arc's two ends …
  for (const a of [a0, a1]) {
    const r = (normDeg(a) * Math.PI) / 180
    const x = s.lon + Math.sin(r) * dLon
    const y = s.lat + Math.cos(r) * dLat
    if (x < minX) minX = x
    if (x > maxX) maxX = x
    if (y < minY) minY = y
    if (y > maxY) maxY = y
  }
  // … and the compass points inside the arc, where the arc bulges furthest.
  if (angleDiff(0, s.azimuth) <= half) maxY = s.lat + dLat
  if (angleDiff(90, s.azimuth) <= half) maxX = s.lon + dLon
  if (angleDiff(180, s.azimuth) <= half) minY = s.lat - dLat
  if (angleDiff(270, s.azimuth) <= half) minX = s.lon - dLon
  return [minX, minY, maxX, maxY]
}
