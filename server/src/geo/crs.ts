/**
 * Coordinate reference systems of Chinese map data: WGS-84 (GPS, OSM), GCJ-02 (国测局, AMap/Tencent)
 * and BD-09 (Baidu). Everything the service stores is WGS-84; these functions bring input there.
 */
import gcoordModule from 'gcoord'
import type { Geometry, Position } from 'geojson'
import { AppError } from '../errors.js'

// gcoord is CommonJS whose typings claim an ES default export: under NodeNext the default import is
// typed as the module namespace, while at run time it is module.exports itself (or, in some loaders,
// has it under .default). Take whichever is there.
type Gcoord = typeof gcoordModule.default
const gcoord: Gcoord = (gcoordModule as unknown as { default?: Gcoord }).default ?? (gcoordModule as unknown as Gcoord)

/** A coordinate reference system an import or a request may be in. */
export type Crs = 'wgs84' | 'gcj02' | 'bd09'
/** Every accepted CRS name. */
export const CRS_NAMES: readonly Crs[] = ['wgs84', 'gcj02', 'bd09']

// gcoord's own names for our three systems.
const GCOORD: Record<Crs, Gcoord['CRSTypes'][keyof Gcoord['CRSTypes']]> = {
  wgs84: gcoord.WGS84,
  gcj02: gcoord.GCJ02,
  bd09: gcoord.BD09,
}

/** Parses a CRS name (case-insensitive, surrounding blanks ignored); throws VALIDATION naming the bad value. */
export function parseCrs(s: string): Crs {
  const name = String(s).trim().toLowerCase()
  if ((CRS_NAMES as readonly string[]).includes(name)) return name as Crs
  throw new AppError('VALIDATION', `crs: expected one of ${CRS_NAMES.join(', ')}, got ${JSON.stringify(s)}`, {
    field: 'crs',
    rule: 'enum',
    value: s,
  })
}

/**
 * Converts one position to WGS-84. Outside China GCJ-02 and WGS-84 coincide (gcoord leaves such
 * points as they are), so foreign dirt in a GCJ-02 file is not moved.
 */
export function toWgs84(lon: number, lat: number, crs: Crs): [number, number] {
  checkPosition(lon, lat, crs)
  if (crs === 'wgs84') return [lon, lat]
  return transform(lon, lat, crs, 'wgs84')
}

/** Converts one WGS-84 position to `crs` (the inverse of toWgs84, within a few centimetres inside China). */
export function fromWgs84(lon: number, lat: number, crs: Crs): [number, number] {
  checkPosition(lon, lat, 'wgs84')
  if (crs === 'wgs84') return [lon, lat]
  return transform(lon, lat, 'wgs84', crs)
}

/**
 * Refuses what no CRS can hold — NaN, ±Infinity, lon outside −180–180, lat outside −90–90 — with a
 * VALIDATION error naming the value, instead of letting gcoord throw a plain Error (a 500) or pass it on.
 */
function checkPosition(lon: number, lat: number, crs: Crs): void {
  const bad = (field: 'lon' | 'lat', v: number, max: number) =>
    new AppError('VALIDATION', `${field}: expected a finite ${crs} ${field === 'lon' ? 'longitude' : 'latitude'} −${max}–${max}, got ${v}`, { field, rule: 'range', value: String(v) })
  if (typeof lon !== 'number' || !Number.isFinite(lon) || lon < -180 || lon > 180) throw bad('lon', lon, 180)
  if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < -90 || lat > 90) throw bad('lat', lat, 90)
}

function transform(lon: number, lat: number, from: Crs, to: Crs): [number, number] {
  let out: [number, number]
  try {
    out = gcoord.transform([lon, lat], GCOORD[from], GCOORD[to]) as [number, number]
  } catch (err) {
    throw new AppError('VALIDATION', `position [${lon}, ${lat}]: cannot convert from ${from} to ${to} (${(err as Error).message})`, { field: 'lon', rule: 'range' })
  }
  const [x, y] = out
  // BD-09's offsets near the poles or the antimeridian can push a position off the globe: refuse it, do not store it.
  if (!Number.isFinite(x) || !Number.isFinite(y) || x < -180 || x > 180 || y < -90 || y > 90) {
    throw new AppError('VALIDATION', `position [${lon}, ${lat}] in ${from} converts to [${x}, ${y}] in ${to}, outside WGS-84's range`, { field: 'lon', rule: 'range' })
  }
  return [x, y]
}

/** Returns a copy of any GeoJSON geometry with every position converted to WGS-84 (extra ordinates dropped). */
export function geometryToWgs84<G extends Geometry>(geom: G, crs: Crs): G {
  const pos = (p: Position): Position => toWgs84(p[0], p[1], crs)
  const g = geom as Geometry
  switch (g.type) {
    case 'Point':
      return { ...g, coordinates: pos(g.coordinates) } as G
    case 'MultiPoint':
    case 'LineString':
      return { ...g, coordinates: g.coordinates.map(pos) } as G
    case 'MultiLineString':
    case 'Polygon':
      return { ...g, coordinates: g.coordinates.map((line) => line.map(pos)) } as G
    case 'MultiPolygon':
      return { ...g, coordinates: g.coordinates.map((poly) => poly.map((ring) => ring.map(pos))) } as G
    case 'GeometryCollection':
      return { ...g, geometries: g.geometries.map((part) => geometryToWgs84(part, crs)) } as G
  }
}
