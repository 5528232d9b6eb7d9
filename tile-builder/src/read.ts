/**
 * Reads the map's sources into one list of features: GeoJSON, OSM XML (via osmtogeojson) and
 * Shapefile, plain or zipped (via shapefile, the .cpg code page honoured — Chinese shapefiles are
 * often GBK and would otherwise come out as mojibake).
 */
import { readFile } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import osmtogeojson from 'osmtogeojson'
import { DOMParser } from '@xmldom/xmldom'
import * as shapefile from 'shapefile'
import { unzipSync } from 'fflate'

/** A GeoJSON geometry in WGS-84 (only the kinds a base map uses are drawn; others are kept and ignored). */
export interface Geometry { type: string; coordinates?: unknown; geometries?: Geometry[] }

/** One input feature with a stable id and the name of the source it came from. */
export interface SourceFeature {
  /** Stable across rebuilds: `osm-way-123` for OSM, the feature's own id, or `<source>-<index>`. */
  id: string
  /** The input file's base name without extension (`roads`, `districts`); style filters match it as `$layer`. */
  layer: string
  properties: Record<string, unknown>
  geometry: Geometry
}

/** Reads every input file in order; throws naming the file on anything unreadable. */
export async function readInputs(paths: string[]): Promise<SourceFeature[]> {
  const out: SourceFeature[] = []
  for (const p of paths) {
    try {
      out.push(...(await readOne(p)))
    } catch (e) {
      throw new Error(`cannot read ${p}: ${(e as Error).message}`)
    }
  }
  return out
}

/** Reads one file, choosing the reader by extension. */
export async function readOne(path: string): Promise<SourceFeature[]> {
  const ext = extname(path).toLowerCase()
  const layer = basename(path, extname(path)).replace(/\.(geo)?json$/i, '')
  switch (ext) {
    case '.geojson': case '.json': return fromGeoJSON(JSON.parse(await readFile(path, 'utf8')), layer)
    case '.osm': case '.xml': return fromOsmXml(await readFile(path, 'utf8'), layer)
    case '.shp': return fromShapefile(await readFile(path), await readSibling(path, '.dbf'), await readCpg(path), layer)
    case '.zip': return fromZippedShapefile(await readFile(path), layer)
    default: throw new Error(`unknown format "${ext}": expected .geojson, .json, .osm, .shp or .zip`)
  }
}

/** GeoJSON FeatureCollection, Feature or bare geometry → features. */
export function fromGeoJSON(doc: { type: string; features?: unknown[] }, layer: string): SourceFeature[] {
  const feats = (doc.type === 'FeatureCollection' ? doc.features ?? []
    : doc.type === 'Feature' ? [doc] : [{ type: 'Feature', properties: {}, geometry: doc }]) as Array<{ id?: string | number; properties?: Record<string, unknown> | null; geometry: Geometry | null }>
  const out: SourceFeature[] = []
  feats.forEach((f, i) => {
    if (!f.geometry) return
    const props = f.properties ?? {}
    const own = f.id ?? (props.id as string | number | undefined)
    out.push({ id: own !== undefined && own !== '' ? String(own) : `${layer}-${i}`, layer, properties: props, geometry: f.geometry })
  })
  return out
}

/** OSM XML → features; ids become `osm-way-123` / `osm-node-7` / `osm-relation-9`. */
export function fromOsmXml(xml: string, layer: string): SourceFeature[] {
  const dom = new DOMParser().parseFromString(xml, 'text/xml')
  const gj = osmtogeojson(dom, { flatProperties: true })
  return gj.features.filter((f) => f.geometry).map((f) => ({
    id: `osm-${String(f.id).replace('/', '-')}`,
    layer,
    properties: f.properties ?? {},
    geometry: f.geometry as Geometry,
  }))
}

/** Shapefile buffers (.shp, .dbf, code page) → features. */
export async function fromShapefile(shp: Uint8Array, dbf: Uint8Array | undefined, encoding: string, layer: string): Promise<SourceFeature[]> {
  const gj = await shapefile.read(toArrayBuffer(shp), dbf && toArrayBuffer(dbf), { encoding })
  return fromGeoJSON(gj as unknown as { type: string; features: unknown[] }, layer)
}

/** A zip holding one shapefile (.shp + .dbf + optional .cpg) → features. */
export async function fromZippedShapefile(zip: Uint8Array, layer: string): Promise<SourceFeature[]> {
  const files = unzipSync(zip)
  const names = Object.keys(files)
  const shpName = names.find((n) => n.toLowerCase().endsWith('.shp'))
  if (!shpName) throw new Error(`the zip holds no .shp (found: ${names.join(', ') || 'nothing'})`)
  const stem = shpName.slice(0, -4)
  const find = (ext: string) => names.find((n) => n.toLowerCase() === (stem + ext).toLowerCase())
  const dbf = find('.dbf')
  const cpg = find('.cpg')
  const encoding = cpg ? codePage(new TextDecoder().decode(files[cpg])) : 'windows-1252'
  return fromShapefile(files[shpName], dbf ? files[dbf] : undefined, encoding, layer)
}

/** A .cpg's content ("GBK", "936", "UTF-8", "65001") → a TextDecoder label. */
export function codePage(cpg: string): string {
  const c = cpg.trim().toLowerCase()
  const byNumber: Record<string, string> = { '936': 'gbk', '54936': 'gb18030', '950': 'big5', '65001': 'utf-8', '1252': 'windows-1252', '20936': 'gb2312' }
  const label = byNumber[c] ?? c.replace(/^cp/, 'windows-')
  try {
    new TextDecoder(label)
    return label
  } catch {
    throw new Error(`unknown code page in .cpg: ${JSON.stringify(cpg.trim())}`)
  }
}

async function readSibling(path: string, ext: string): Promise<Uint8Array | undefined> {
  const stem = path.slice(0, -extname(path).length)
  for (const e of [ext, ext.toUpperCase()]) {
    try { return await readFile(stem + e) } catch { /* try the next spelling */ }
  }
  return undefined
}

async function readCpg(path: string): Promise<string> {
  const cpg = await readSibling(path, '.cpg')
  // No .cpg: the dBase default. A GBK file without one cannot be told apart; the README says to add one.
  return cpg ? codePage(new TextDecoder().decode(cpg)) : 'windows-1252'
}

const toArrayBuffer = (b: Uint8Array): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer
