/** Reads an analysis area from a request: a GeoJSON Polygon/MultiPolygon (checked) or a district's id. */
import type { AreaGeometry } from '../domain/types.js'
import { AppError } from '../errors.js'
import { MAX_GEOMETRY_VERTICES, readGeometry } from '../ingest/geometry.js'
import type { Store } from '../store/store.js'

/** Vertices an area may have: enough for any district border, small enough to keep queries cheap. */
export const MAX_AREA_VERTICES = MAX_GEOMETRY_VERTICES

/**
 * Validates a polygon given by a client: type, at most MAX_AREA_VERTICES positions (checked first,
 * before any work on them), finite WGS-84 coordinates, closed rings of ≥4 positions, no
 * self-intersection (the message names the point). Throws AppError VALIDATION naming what was wrong.
 */
export function readArea(value: unknown): AreaGeometry {
  const r = readGeometry(value, ['Polygon', 'MultiPolygon'])
  if (r.error !== undefined) throw new AppError('VALIDATION', `area: ${r.error}`)
  return r.geometry as AreaGeometry
}

/** The area of a request: `area` (GeoJSON) or `district` (a feature id of type district). */
export async function resolveArea(store: Store, req: { area?: unknown; district?: string }): Promise<AreaGeometry> {
  if (req.area !== undefined && req.district !== undefined) throw new AppError('VALIDATION', 'give either area or district, not both')
  if (req.area !== undefined) return readArea(req.area)
  if (req.district === undefined) throw new AppError('VALIDATION', 'give an area (GeoJSON Polygon) or a district id')
  // No id holds a NUL character, and the database refuses one in a query parameter.
  if (req.district.includes('\u0000')) throw new AppError('NOT_FOUND', `no district with id ${JSON.stringify(req.district)}`)
  const f = await store.feature(req.district)
  if (!f || (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon')) {
    throw new AppError('NOT_FOUND', `no district with id "${req.district}"`)
  }
  return f.geometry
}
