/** Reads an analysis area from a request: a GeoJSON Polygon/MultiPolygon (checked) or a district's id. */
import { kinks, polygon as turfPolygon } from '@turf/turf'
import type { AreaGeometry } from '../domain/types.js'
import { AppError } from '../errors.js'
import { readGeometry } from '../ingest/geometry.js'
import type { Store } from '../store/store.js'

/** Vertices an area may have: enough for any district border, small enough to keep queries cheap. */
export const MAX_AREA_VERTICES = 20_000

/** Validates a polygon given by a client: type, coordinates, closed rings, size, no self-intersection. */
export function readArea(value: unknown): AreaGeometry {
  const r = readGeometry(value, ['Polygon', 'MultiPolygon'])
  if (r.error !== undefined) throw new AppError('VALIDATION', `area: ${r.error}`)
  const g = r.geometry as AreaGeometry
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates
  const vertices = polygons.reduce((n, p) => n + p.reduce((m, ring) => m + ring.length, 0), 0)
  if (vertices > MAX_AREA_VERTICES) throw new AppError('VALIDATION', `area: at most ${MAX_AREA_VERTICES} vertices, got ${vertices}`)
  for (const p of polygons) {
    if (kinks(turfPolygon(p)).features.length > 0) throw new AppError('VALIDATION', 'area: the polygon intersects itself')
  }
  return g
}

/** The area of a request: `area` (GeoJSON) or `district` (a feature id of type district). */
export async function resolveArea(store: Store, req: { area?: unknown; district?: string }): Promise<AreaGeometry> {
  if (req.area !== undefined && req.district !== undefined) throw new AppError('VALIDATION', 'give either area or district, not both')
  if (req.area !== undefined) return readArea(req.area)
  if (req.district === undefined) throw new AppError('VALIDATION', 'give an area (GeoJSON Polygon) or a district id')
  const f = await store.feature(req.district)
  if (!f || (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon')) {
    throw new AppError('NOT_FOUND', `no district with id "${req.district}"`)
  }
  return f.geometry
}
