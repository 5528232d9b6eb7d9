/**
 * The map's named features for the gazetteer, as a CONTRACT.md `features` FeatureCollection
 * (`id`, `name`, `aliases`, `type`; WGS-84), so search finds every street the map labels.
 * A street split into many OSM ways becomes one feature (a MultiLineString) under the smallest
 * way id, so ids stay stable across rebuilds as long as that way exists.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SourceFeature, Geometry } from './read.js'

/** Gazetteer feature types (CONTRACT.md). */
export type FeatureType = 'road' | 'building' | 'compound' | 'landmark' | 'district'

/** One gazetteer feature. */
export interface GazetteerFeature {
  type: 'Feature'
  id: string
  properties: { id: string; name: string; aliases: string; type: FeatureType }
  geometry: Geometry
}

/** Tags whose values are other names of the same thing. */
const ALIAS_KEYS = ['alt_name', 'old_name', 'short_name', 'official_name', 'name:zh', 'name:en', 'name:zh_pinyin']

/** What kind of ground feature a source feature is, or null when it is not one the gazetteer wants. */
export function featureType(f: SourceFeature): FeatureType | null {
  const p = f.properties
  if (p.highway && /LineString/.test(f.geometry.type)) return 'road'
  if (p.building) return 'building'
  if (p.boundary === 'administrative' || /district|admin|boundar/i.test(f.layer)) return 'district'
  if (p.landuse === 'residential' || p.place === 'neighbourhood' || p.place === 'quarter') return 'compound'
  if (/LineString/.test(f.geometry.type) && /road|street/i.test(f.layer)) return 'road'
  return 'landmark'
}

/** Named features → the gazetteer FeatureCollection, roads merged by name. */
export function gazetteerFeatures(features: SourceFeature[]): { type: 'FeatureCollection'; features: GazetteerFeature[] } {
  const out: GazetteerFeature[] = []
  const roads = new Map<string, SourceFeature[]>()
  for (const f of features) {
    const name = String(f.properties.name ?? '').trim()
    const type = name ? featureType(f) : null
    if (!type) continue
    if (type === 'road') {
      const list = roads.get(name) ?? []
      list.push(f)
      roads.set(name, list)
      continue
    }
    out.push(make(f.id, name, aliases([f], name), type, f.geometry))
  }
  for (const [name, parts] of roads) {
    const id = parts.map((p) => p.id).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))[0]
    const lines = parts.flatMap((p) => p.geometry.type === 'LineString' ? [p.geometry.coordinates as number[][]] : (p.geometry.coordinates as number[][][]))
    const geometry = lines.length === 1 ? { type: 'LineString', coordinates: lines[0] } : { type: 'MultiLineString', coordinates: lines }
    out.push(make(id, name, aliases(parts, name), 'road', geometry))
  }
  out.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }))
  return { type: 'FeatureCollection', features: out }
}

const make = (id: string, name: string, aliases: string, type: FeatureType, geometry: Geometry): GazetteerFeature =>
  ({ type: 'Feature', id, properties: { id, name, aliases, type }, geometry })

function aliases(parts: SourceFeature[], name: string): string {
  const set = new Set<string>()
  for (const p of parts) for (const k of ALIAS_KEYS) {
    for (const v of String(p.properties[k] ?? '').split(';')) if (v.trim() && v.trim() !== name) set.add(v.trim())
  }
  return [...set].join(';')
}

/**
 * POSTs the collection to a running service's `POST /api/import/features` (atomic, idempotent by
 * id) and returns how many it imported. Sends the admin token from `dataDir`/admin.token when there
 * is one, so the same command keeps working once logins exist (the CLI passes $DATA_DIR).
 */
export async function importFeatures(url: string, fc: object, dataDir = './var'): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/geo+json' }
  const tokenFile = join(dataDir, 'admin.token')
  if (existsSync(tokenFile)) headers.authorization = `Bearer ${readFileSync(tokenFile, 'utf8').trim()}`
  const endpoint = new URL('/api/import/features', url)
  const res = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify(fc) })
  const text = await res.text()
  if (!res.ok) throw new Error(`${endpoint} answered ${res.status}: ${text.slice(0, 300)}`)
  return (JSON.parse(text) as { imported: number }).imported
}
