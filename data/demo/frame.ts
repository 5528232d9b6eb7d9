/**
 * The demo's frame: places are laid out on a kilometre grid (x east, y north of the district's
 * south-west corner) so that the scenarios' distances can be read off the source, and every time is
 * fixed relative to the anchor (no clock). Distances and containment are the server's own
 * (server/src/geo, and the polygon test the index uses), so a scenario checked here holds there.
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import { DEMO_ANCHOR } from '../../server/src/demo/load-demo.js'
import { distanceM as distanceLonLat, distanceToRingsM, M_PER_DEG } from '../../server/src/geo/distance.js'

/** South-west corner of the grid; the district box is lon 113.32–113.36, lat 23.12–23.15. */
const LON0 = 113.32
const LAT0 = 23.12
export const BOX: [number, number, number, number] = [113.32, 23.12, 113.36, 23.15]
/** The grid's one longitude scale, taken at the district's middle latitude: the grid stays a grid. */
const COS_LAT = Math.cos(((LAT0 + 0.015) * Math.PI) / 180)

export type LonLat = [number, number]
export type Km = [number, number]

/** Grid kilometres → [lon, lat] rounded to 6 decimals (~0.1 m). */
export function at([x, y]: Km): LonLat {
  return [round6(LON0 + (x * 1000) / (M_PER_DEG * COS_LAT)), round6(LAT0 + (y * 1000) / M_PER_DEG)]
}

/** [lon, lat] → grid kilometres (the inverse of at(), before rounding). */
export function kmOf(p: { lon: number; lat: number }): Km {
  return [((p.lon - LON0) * M_PER_DEG * COS_LAT) / 1000, ((p.lat - LAT0) * M_PER_DEG) / 1000]
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6
}

/** Closed ring in [lon, lat] from grid corners. */
export function ring(corners: Km[]): LonLat[] {
  const r = corners.map(at)
  return [...r, r[0]]
}

/** Distance in metres between two points, as the diagnosis measures it. */
export function distanceM(a: LonLat, b: LonLat): number {
  return distanceLonLat(a[0], a[1], b[0], b[1])
}

/** Distance in metres from p to a polyline (a street, or a ring's edge). */
export function distanceToLineM(p: LonLat, line: LonLat[]): number {
  return distanceToRingsM(p[0], p[1], [line])
}

/** Whether p lies in the closed ring (boundary included), as the index tests coverage areas. */
export function inRing(p: LonLat, r: LonLat[]): boolean {
  return booleanPointInPolygon(p, { type: 'Polygon', coordinates: [r] })
}

/** The customer calls at the anchor: two hours after the worked example's outage. */
export const ANCHOR = iso(DEMO_ANCHOR)
/** The reference day, the anchor's China date. */
export const DAY = ANCHOR.slice(0, 10)

/** China time on the reference day (`days` earlier or later), as ISO 8601 with +08:00. */
export function cst(hhmm: string, days = 0): string {
  return iso(Date.parse(`${DAY}T${hhmm}:00+08:00`) + days * 86_400_000)
}

/** An instant as ISO 8601 in China time (+08:00), to the second. */
export function iso(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00'
}
