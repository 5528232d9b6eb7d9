/**
 * An analysis area from a GeoJSON file (WGS-84): a Polygon/MultiPolygon geometry, a Feature of one, or
 * a FeatureCollection of them (a district file with several parts), merged into one MultiPolygon.
 */
import type { AreaGeometry } from '../domain/types.js'
import { AppError } from '../errors.js'
import { readArea } from './area.js'

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Parses and checks the area (as readArea() does for a request); messages say which feature was wrong. */
export function areaFromGeoJson(text: string): AreaGeometry {
  let g: unknown
  try {
    g = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (err) {
    throw new AppError('VALIDATION', `expected GeoJSON, got text that is not JSON (${(err as Error).message})`)
  }
  if (!isObj(g)) throw new AppError('VALIDATION', 'expected a GeoJSON object (Polygon, MultiPolygon, Feature or FeatureCollection)')
  if (g.type === 'Feature') return readArea(g.geometry)
  if (g.type !== 'FeatureCollection') return readArea(g)
  if (!Array.isArray(g.features) || g.features.length === 0) throw new AppError('VALIDATION', 'expected a FeatureCollection with at least one Polygon/MultiPolygon feature, got none')
  const parts: AreaGeometry[] = g.features.map((f, i) => {
    try {
      return readArea(isObj(f) ? f.geometry : f)
    } catch (err) {
      throw new AppError('VALIDATION', `features[${i}]${isObj(f) && f.id !== undefined ? ` (id ${JSON.stringify(f.id)})` : ''}: ${(err as Error).message}`)
    }
  })
  if (parts.length === 1) return parts[0]
  return { type: 'MultiPolygon', coordinates: parts.flatMap((p) => (p.type === 'Polygon' ? [p.coordinates] : p.coordinates)) }
}
