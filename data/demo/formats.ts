/** The demo's file formats: CSV as the importers read it, GeoJSON one feature per line. */
import type { Feature, Row } from './types.js'

/** RFC 4180: quote a field holding a comma, a quote or a line break. */
export function csv(rows: Row[]): string {
  const cols = Object.keys(rows[0])
  const field = (v: string | number): string => {
    const s = String(v)
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  return [cols.join(','), ...rows.map((r) => cols.map((c) => field(r[c] ?? '')).join(','))].join('\n') + '\n'
}

/** One feature per line: readable diffs, still plain GeoJSON. */
export function geojson(features: Feature[]): string {
  return `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`
}
