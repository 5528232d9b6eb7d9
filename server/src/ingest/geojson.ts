/**
 * GeoJSON → source rows: a FeatureCollection (or a single Feature); properties are the fields,
 * `id` from properties.id or feature.id, the geometry kept raw for the kind to validate.
 */
import type { ImportKind } from '../domain/types.js'
import { ImportError, type RowProblem } from '../errors.js'
import type { ImportOptions } from './options.js'
import { applyDefaults, assertUtf8, fieldNamer, isAbsent, type SourceRow } from './source.js'
import { describe } from './show.js'

/** Parses GeoJSON text into source rows; throws ImportError for text that is not a FeatureCollection or Feature. */
export function readGeoJson(kind: ImportKind, text: string, options: ImportOptions): SourceRow[] {
  assertUtf8(kind, text)
  let doc: unknown
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (err) {
    throw new ImportError(kind, [{ row: 0, field: 'geojson', message: `expected JSON, got ${(err as Error).message}` }])
  }
  const type = isObject(doc) ? doc.type : undefined
  let features: unknown[]
  if (isObject(doc) && type === 'FeatureCollection' && Array.isArray(doc.features)) features = doc.features
  else if (isObject(doc) && type === 'Feature') features = [doc]
  else {
    const got = isObject(doc) ? (type === 'FeatureCollection' ? 'a FeatureCollection without a features array' : `type ${describe(type)}`) : describe(doc)
    throw new ImportError(kind, [{ row: 0, field: 'geojson', message: `expected a GeoJSON FeatureCollection or Feature, got ${got}` }])
  }

  const problems: RowProblem[] = []
  const rows: SourceRow[] = []
  features.forEach((f, i) => {
    const row = i + 1
    if (!isObject(f) || f.type !== 'Feature') {
      problems.push({ row, field: 'geojson', message: `expected a GeoJSON Feature, got ${isObject(f) ? `type ${describe(f.type)}` : describe(f)}` })
      return
    }
    const props = f.properties ?? {}
    if (!isObject(props)) {
      problems.push({ row, field: 'properties', message: `expected an object, got ${describe(props)}` })
      return
    }
    const name = fieldNamer(kind, options, Object.keys(props))
    // Prototype-free: a "__proto__" property (JSON.parse keeps it as an own key) must not become the
    // prototype of the row and lend it fields the feature does not have.
    const values: Record<string, unknown> = Object.create(null)
    for (const [k, v] of Object.entries(props)) values[name(k)] = typeof v === 'string' ? v.trim() : v
    if (isAbsent(values.id) && (typeof f.id === 'string' || typeof f.id === 'number')) values.id = f.id
    applyDefaults(values, options)
    rows.push({ row, values, geometry: f.geometry ?? null })
  })
  if (problems.length) throw new ImportError(kind, problems)
  return rows
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
