/**
 * Fast distances and bearings between WGS-84 lon/lat points, for the short ranges the diagnosis
 * works with (a few kilometres). The equirectangular approximation used here is within 0.1 % of the
 * great-circle distance below ~10 km away from the poles, and several times cheaper than haversine
 * (one cos, one sqrt); haversine is kept for long ranges and for checking the fast one.
 */

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8

const RAD = Math.PI / 180
const DEG = 180 / Math.PI
/** Metres per degree of latitude (and of longitude at the equator). */
export const M_PER_DEG = EARTH_RADIUS_M * RAD

/** Distance in metres, equirectangular approximation (use for anything within ~10 km). */
export function distanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const x = (lon2 - lon1) * Math.cos((lat1 + lat2) * 0.5 * RAD)
  const y = lat2 - lat1
  return Math.sqrt(x * x + y * y) * M_PER_DEG
}

/** Great-circle distance in metres (haversine), exact on the sphere at any range. */
export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD
  const dLon = (lon2 - lon1) * RAD
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)))
}

/**
 * Bearing in degrees clockwise from north, in [0, 360), from point 1 towards point 2, on the same
 * local flat approximation as distanceM (so a wedge drawn with destination() and tested with
 * bearingDeg() agree). Returns 0 for identical points.
 */
export function bearingDeg(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const x = (lon2 - lon1) * Math.cos((lat1 + lat2) * 0.5 * RAD)
  const y = lat2 - lat1
  if (x === 0 && y === 0) return 0
  const b = Math.atan2(x, y) * DEG
  return b < 0 ? b + 360 : b
}

/**
 * The point `distM` metres from (lon, lat) in direction `bearing` (degrees from north), on the local
 * flat approximation. Returns [lon, lat].
 */
export function destination(lon: number, lat: number, distM: number, bearing: number): [number, number] {
  const dLat = (distM * Math.cos(bearing * RAD)) / M_PER_DEG
  // Longitude scale taken at the mid latitude, matching distanceM/bearingDeg.
  const midLat = lat + dLat / 2
  const dLon = (distM * Math.sin(bearing * RAD)) / (M_PER_DEG * Math.cos(midLat * RAD))
  return [lon + dLon, lat + dLat]
}

/** Degrees of latitude spanning `m` metres. */
export function metresToDegLat(m: number): number {
  return m / M_PER_DEG
}

/** Degrees of longitude spanning `m` metres at latitude `lat` (slightly generous: uses the pole-ward edge). */
export function metresToDegLon(m: number, lat: number): number {
  const edge = Math.min(89.9, Math.abs(lat) + m / M_PER_DEG)
  return m / (M_PER_DEG * Math.cos(edge * RAD))
}

/** A bbox [minLon, minLat, maxLon, maxLat] that contains the circle of radius `radiusM` around the point. */
export function bboxAround(lon: number, lat: number, radiusM: number): [number, number, number, number] {
  const dLat = metresToDegLat(radiusM)
  const dLon = metresToDegLon(radiusM, lat)
  return [lon - dLon, lat - dLat, lon + dLon, lat + dLat]
}

/**
 * Distance in metres from a point to the nearest edge of a polygon's rings (Polygon or MultiPolygon
 * coordinates), on the same local flat approximation as distanceM. It does not test containment:
 * for a point inside, it is the distance to the boundary.
 */
export function distanceToRingsM(lon: number, lat: number, rings: readonly (readonly (readonly number[])[])[]): number {
  const kx = Math.cos(lat * RAD) * M_PER_DEG
  const ky = M_PER_DEG
  let best = Infinity
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) {
      const ax = (ring[i - 1][0] - lon) * kx, ay = (ring[i - 1][1] - lat) * ky
      const bx = (ring[i][0] - lon) * kx, by = (ring[i][1] - lat) * ky
      const dx = bx - ax, dy = by - ay
      const len2 = dx * dx + dy * dy
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2))
      const px = ax + t * dx, py = ay + t * dy
      const d = Math.sqrt(px * px + py * py)
      if (d < best) best = d
    }
  }
  return best
}
