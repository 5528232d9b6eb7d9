/**
 * The demo district's base map: data/demo/features.geojson carries gazetteer types (road, compound,
 * landmark, building, district), while the tile style matches OpenStreetMap tags. This maps one to
 * the other (a road's class from its name: 大道 trunk, 路 secondary, 街 tertiary, 巷 residential) and
 * renders the pyramid with the tile-builder's library function, so `npm start` shows a map at once.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildTiles, type BuildSummary } from '../../tile-builder/src/pyramid.js'

/** The demo's ground features. */
export const DEMO_FEATURES = join(import.meta.dirname, '..', '..', 'data', 'demo', 'features.geojson')

/** Zooms of the demo pyramid: the whole district at 12, street level at 17. */
export const DEMO_ZOOMS = { minZoom: 12, maxZoom: 17 }

interface Feature { type: 'Feature'; properties: Record<string, unknown>; geometry: unknown }

/** OSM-style tags for one demo feature, from its gazetteer type and name. */
export function osmTags(type: string, name: string): Record<string, string> {
  switch (type) {
    case 'road':
      return { highway: name.endsWith('大道') ? 'trunk' : /路$/.test(name) ? 'secondary' : name.endsWith('巷') ? 'residential' : 'tertiary' }
    case 'compound':
      return { building: 'residential', place: 'neighbourhood' }
    case 'district':
      return { boundary: 'administrative' }
    case 'landmark':
      return name.endsWith('公园') ? { leisure: 'park' } : name.endsWith('站') ? { railway: 'station' } : { tourism: 'attraction' }
    default:
      return { amenity: 'building' }
  }
}

/** Writes the demo features with OSM tags added, for the tile builder; returns the file. */
export function demoBaseMapSource(dir: string, features = DEMO_FEATURES): string {
  const doc = JSON.parse(readFileSync(features, 'utf8')) as { features: Feature[] }
  const tagged = doc.features.map((f) => ({
    ...f, properties: { ...f.properties, ...osmTags(String(f.properties.type ?? ''), String(f.properties.name ?? '')) },
  }))
  mkdirSync(dir, { recursive: true })
  const file = join(dir, 'demo-basemap.geojson')
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: tagged }))
  return file
}

/**
 * Builds the demo pyramid into `tilesDir` unless it already holds one (tiles.json present); returns
 * the build summary, or null when there was nothing to do.
 */
export async function ensureDemoTiles(tilesDir: string, opts: { minZoom?: number; maxZoom?: number; workers?: number } = {}): Promise<BuildSummary | null> {
  if (existsSync(join(tilesDir, 'tiles.json'))) return null
  const src = demoBaseMapSource(join(tilesDir, '..', 'tiles-src'))
  return buildTiles({
    inputs: [src], out: tilesDir, minZoom: opts.minZoom ?? DEMO_ZOOMS.minZoom, maxZoom: opts.maxZoom ?? DEMO_ZOOMS.maxZoom,
    workers: opts.workers, force: true, name: '演示区底图', attribution: '演示数据(虚构)',
  })
}
