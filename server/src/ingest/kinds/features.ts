/** features: ground features 地物 of the gazetteer — any geometry, with a representative point and a bbox. */
import { along } from '@turf/along'
import { bbox } from '@turf/bbox'
import { length } from '@turf/length'
import { pointOnFeature } from '@turf/point-on-feature'
import { lineString } from '@turf/helpers'
import type { Geometry, Position } from 'geojson'
import type { GroundFeature } from '../../domain/types.js'
import type { FieldReader } from '../fields.js'
import type { BBox } from '../options.js'
import { FEATURE_TYPE, lookup } from '../vocabulary.js'
import type { KindSpec } from './kind.js'

/** Maps a features row. */
export const features: KindSpec<'features'> = {
  map(r): GroundFeature {
    const id = r.requiredString('id')
    const name = r.requiredString('name')
    const aliases = r.list('aliases')
    const type = r.text('type')
    const geometry = featureGeometry(r)
    const users = userCount(r)
    const [lon, lat] = geometry ? representativePoint(geometry) : [NaN, NaN]
    return {
      id,
      name,
      aliases,
      type: lookup(FEATURE_TYPE, type) ?? type,
      geometry: geometry as Geometry,
      lon,
      lat,
      bbox: geometry ? (bbox(geometry) as BBox) : [NaN, NaN, NaN, NaN],
      // A district's user count (千人投诉率); optional, any feature may carry it (absent: no key).
      ...(users == null ? {} : { users }),
    }
  },
  extent: (row) => row.bbox,
  positionField: 'geometry',
}

// A whole number of users (subscribers), or null when the row gives none.
function userCount(r: FieldReader): number | null {
  const n = r.number('users', { min: 0, max: 2_000_000_000 })
  if (n != null && !Number.isInteger(n)) {
    r.problem('users', `expected a whole number of users, got ${n}`)
    return null
  }
  return n
}

// Any geometry; a CSV of points may give lon/lat columns instead.
function featureGeometry(r: FieldReader): Geometry | null {
  const hasGeometry = r.source.geometry !== undefined && r.source.geometry !== null && r.source.geometry !== ''
  if (!hasGeometry && (r.has('lon') || r.has('lat'))) {
    const [lon, lat] = r.point()
    return Number.isFinite(lon) ? { type: 'Point', coordinates: [lon, lat] } : null
  }
  return r.geometry(['Point', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'], true)
}

/** A point of the feature a map can put a label or a pin on: a line's midpoint along it, a point inside a polygon. */
export function representativePoint(g: Geometry): [number, number] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates[0], g.coordinates[1]]
    case 'LineString':
      return halfwayAlong([g.coordinates])
    case 'MultiLineString':
      return halfwayAlong(g.coordinates)
    default: {
      const p = pointOnFeature(g).geometry.coordinates
      return [p[0], p[1]]
    }
  }
}

// Halfway along the total length of one or more lines, on whichever part that distance falls.
function halfwayAlong(parts: Position[][]): [number, number] {
  const lines = parts.map((coords) => lineString(coords))
  const lengths = lines.map((l) => length(l))
  let rest = lengths.reduce((a, b) => a + b, 0) / 2
  for (let i = 0; i < lines.length; i++) {
    if (rest <= lengths[i] || i === lines.length - 1) {
      const p = along(lines[i], Math.min(rest, lengths[i])).geometry.coordinates
      return [p[0], p[1]]
    }
    rest -= lengths[i]
  }
  return [NaN, NaN] // unreachable: a MultiLineString has at least one line
}
