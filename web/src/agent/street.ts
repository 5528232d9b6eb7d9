/**
 * A street as a place of complaint: a line, not a point. Its midpoint is rarely where the customer
 * is, so a street longer than STREET_POINT_M asks the agent where on it, and offers the places on it
 * nearest to the sites along it (worst state first). Distances on a local equirectangular projection:
 * exact enough (< 0.1 %) over the few kilometres of one street.
 */
const R = 6_371_008.8
const RAD = Math.PI / 180

/** A street at most this long is one place: its midpoint is diagnosed as before. */
export const STREET_POINT_M = 300
/** A site counts as "along the street" within this distance of it. */
export const ALONG_M = 300

export type Line = [number, number][]

/** The lines of a (Multi)LineString or a polygon's rings; null for a point. */
export function lineParts(g: GeoJSON.Geometry | null | undefined): Line[] | null {
  if (!g) return null
  switch (g.type) {
    case 'LineString': return [g.coordinates as Line]
    case 'MultiLineString': return g.coordinates as Line[]
    case 'Polygon': return g.coordinates as Line[]
    case 'MultiPolygon': return g.coordinates.flat() as Line[]
    case 'GeometryCollection': {
      const all = g.geometries.flatMap((x) => lineParts(x) ?? [])
      return all.length ? all : null
    }
    default: return null
  }
}

/** Metres east/north of (lon0, lat0). */
function local(lon0: number, lat0: number, lon: number, lat: number): [number, number] {
  return [(lon - lon0) * RAD * R * Math.cos(lat0 * RAD), (lat - lat0) * RAD * R]
}

/** The length of the lines in metres. */
export function lengthM(parts: readonly Line[]): number {
  let m = 0
  for (const p of parts) {
    for (let i = 1; i < p.length; i++) {
      const [x, y] = local(p[i - 1][0], p[i - 1][1], p[i][0], p[i][1])
      m += Math.hypot(x, y)
    }
  }
  return m
}

export interface OnLine {
  lon: number
  lat: number
  /** From the given point to the street. */
  distanceM: number
  /** Along the street from its first vertex (parts counted one after another). */
  alongM: number
}

/** The point of the street nearest to (lon, lat). */
export function nearestOnLine(parts: readonly Line[], lon: number, lat: number): OnLine | null {
  let best: OnLine | null = null
  let before = 0
  for (const p of parts) {
    for (let i = 1; i < p.length; i++) {
      const [ax, ay] = local(lon, lat, p[i - 1][0], p[i - 1][1])
      const [bx, by] = local(lon, lat, p[i][0], p[i][1])
      const dx = bx - ax
      const dy = by - ay
      const len2 = dx * dx + dy * dy
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2))
      const x = ax + t * dx
      const y = ay + t * dy
      const d = Math.hypot(x, y)
      const seg = Math.sqrt(len2)
      if (!best || d < best.distanceM) {
        const q = p[i - 1]
        best = { lon: q[0] + t * (p[i][0] - q[0]), lat: q[1] + t * (p[i][1] - q[1]), distanceM: d, alongM: before + t * seg }
      }
      before += seg
    }
  }
  return best
}

/** The bbox of the lines, widened by `padM` metres. */
export function paddedBbox(parts: readonly Line[], padM: number): [number, number, number, number] {
  let w = Infinity
  let s = Infinity
  let e = -Infinity
  let n = -Infinity
  for (const p of parts) for (const [x, y] of p) {
    w = Math.min(w, x)
    e = Math.max(e, x)
    s = Math.min(s, y)
    n = Math.max(n, y)
  }
  const dLat = padM / (R * RAD)
  const dLon = dLat / Math.cos(((s + n) / 2) * RAD)
  return [w - dLon, s - dLat, e + dLon, n + dLat]
}
