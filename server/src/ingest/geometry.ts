/**
 * Geometry of an import row: read from a GeoJSON object, GeoJSON text or WKT, and checked before
 * anything trusts it (known type, at most MAX_GEOMETRY_VERTICES positions, finite coordinates in
 * range, lines of ≥2 positions, closed rings of ≥4 positions, polygons that do not intersect themselves).
 */
import type { Geometry, Position } from 'geojson'
import { findKink } from '../geo/kinks.js'
import { describe } from './show.js'
import { parseWkt } from './wkt.js'

/**
 * Positions one geometry may have: enough for any district border, few enough that checking it
 * (self-intersection) and querying with it stay cheap. Analysis areas are held to the same limit.
 */
export const MAX_GEOMETRY_VERTICES = 20_000

export type GeometryType = 'Point' | 'MultiPoint' | 'LineString' | 'MultiLineString' | 'Polygon' | 'MultiPolygon'

/** The geometry, or what was wrong with it (a sentence that fits after `row N, field "geometry": `). */
export type GeometryResult = { geometry: Geometry; error?: undefined } | { geometry?: undefined; error: string }

/** Reads and validates a geometry of one of the allowed types; coordinates stay in the source CRS. */
export function readGeometry(value: unknown, allowed: readonly GeometryType[]): GeometryResult {
  const expected = `a ${allowed.join('/')} geometry`
  let g: unknown = value
  if (typeof value === 'string') {
    const text = value.trim()
    try {
      g = text.startsWith('{') ? JSON.parse(text) : parseWkt(text)
    } catch (err) {
      const what = text.startsWith('{') ? 'GeoJSON geometry JSON' : 'GeoJSON geometry JSON or WKT'
      return { error: `expected ${what}, got ${describe(text)} (${(err as Error).message})` }
    }
  }
  if (typeof g !== 'object' || g === null || Array.isArray(g)) return { error: `expected ${expected}, got ${describe(g)}` }
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown }
  if (typeof type !== 'string' || !(allowed as readonly string[]).includes(type)) {
    return { error: `expected ${expected}, got ${typeof type === 'string' ? type : describe(type)}` }
  }
  const vertices = countPositions(coordinates, MAX_GEOMETRY_VERTICES)
  if (vertices > MAX_GEOMETRY_VERTICES) return { error: `expected a geometry of at most ${MAX_GEOMETRY_VERTICES} positions, got more than ${MAX_GEOMETRY_VERTICES}` }
  const error = checkCoordinates(type as GeometryType, coordinates)
  return error ? { error } : { geometry: { type, coordinates } as Geometry }
}

/** Checks one position: two finite numbers (more are allowed and dropped later), lon −180–180, lat −90–90. */
export function positionError(p: unknown): string | null {
  if (!Array.isArray(p) || p.length < 2) return `expected a position [lon, lat], got ${describe(p)}`
  const [lon, lat] = p
  if (typeof lon !== 'number' || !Number.isFinite(lon)) return `expected a finite longitude, got ${describe(lon)}`
  if (typeof lat !== 'number' || !Number.isFinite(lat)) return `expected a finite latitude, got ${describe(lat)}`
  if (lon < -180 || lon > 180) return `expected a longitude -180–180, got ${lon}`
  if (lat < -90 || lat > 90) return `expected a latitude -90–90, got ${lat}`
  return null
}

function checkCoordinates(type: GeometryType, c: unknown): string | null {
  switch (type) {
    case 'Point':
      return positionError(c)
    case 'MultiPoint':
      return list(c, 'positions', 1, (p) => positionError(p))
    case 'LineString':
      return line(c)
    case 'MultiLineString':
      return list(c, 'lines', 1, (l, i) => prefix(`line ${i + 1}`, line(l)))
    case 'Polygon':
      return polygon(c)
    case 'MultiPolygon':
      return list(c, 'polygons', 1, (p, i) => prefix(`polygon ${i + 1}`, polygon(p)))
  }
}

function line(c: unknown): string | null {
  return list(c, 'positions', 2, (p) => positionError(p))
}

function polygon(c: unknown): string | null {
  const bad = list(c, 'rings', 1, (ring, i) => ringError(ring, i + 1))
  if (bad) return bad
  const kink = findKink(c as Position[][])
  if (!kink) return null
  const where = `[${kink.at.map((n) => Number(n.toFixed(7))).join(', ')}]`
  const what = kink.rings[0] === kink.rings[1] ? `ring ${kink.rings[0]} intersects itself` : `ring ${kink.rings[0]} intersects ring ${kink.rings[1]}`
  return `self-intersection: ${what} at ${where} (edges ${kink.edges[0]} and ${kink.edges[1]}); expected a simple polygon`
}

// Positions in nested coordinate arrays, counting no further than just past `limit`.
function countPositions(c: unknown, limit: number): number {
  if (!Array.isArray(c)) return 0
  if (c.length === 0 || !Array.isArray(c[0])) return 1
  let n = 0
  for (const e of c) {
    n += countPositions(e, limit - n)
    if (n > limit) break
  }
  return n
}

// A ring repeats its first position at the end, so a triangle has 4 positions (RFC 7946 §3.1.6).
function ringError(ring: unknown, n: number): string | null {
  const bad = prefix(`ring ${n}`, list(ring, 'positions', 1, (p) => positionError(p)))
  if (bad) return bad
  const ps = ring as Position[]
  const first = ps[0]
  const last = ps[ps.length - 1]
  if (first[0] !== last[0] || first[1] !== last[1]) {
    return `ring not closed: expected ring ${n} to end with its first position [${first[0]}, ${first[1]}], got [${last[0]}, ${last[1]}]`
  }
  if (ps.length < 4) return `ring ${n}: expected a closed ring of at least 4 positions, got ${ps.length}`
  return null
}

function list(c: unknown, what: string, min: number, each: (item: unknown, i: number) => string | null): string | null {
  if (!Array.isArray(c)) return `expected an array of ${what}, got ${describe(c)}`
  if (c.length < min) return `expected at least ${min} ${what}, got ${c.length}`
  for (let i = 0; i < c.length; i++) {
    const e = each(c[i], i)
    if (e) return e
  }
  return null
}

function prefix(where: string, error: string | null): string | null {
  return error && `${where}: ${error}`
}
