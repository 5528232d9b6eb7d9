/**
 * The cartographic style: one JSON data file (data/styles/default.json) read into typed draw
 * layers and label rules. Filters are deliberately tiny — a list of alternatives, each an AND of
 * `key: [allowed values]` — because a base map needs little more and every renderer must agree.
 */
import { readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'

/** A value that may vary with zoom: a constant, or [[zoom, value], …] interpolated linearly between stops. */
export type ZoomValue = number | Array<[number, number]>

/**
 * One alternative of a filter: every key must match one of its values. `$layer` is the input
 * file's base name, `$geom` is point/line/polygon; `*` means "present"; a value starting with `~`
 * is a regular expression (input file names vary: `~district|admin` matches both).
 */
export type FilterClause = Record<string, Array<string | number>>

/** A draw layer: polygons filled, or lines (and polygon outlines) stroked, in file order. */
export interface DrawLayer {
  id: string
  type: 'fill' | 'line'
  /** Alternatives (OR); absent = every feature. */
  filter?: FilterClause[]
  color: string
  opacity?: number
  /** Line width in pixels (lines only). */
  width?: ZoomValue
  minzoom?: number
  maxzoom?: number
}

/** A label rule: which features carry text, where it goes and how it looks. */
export interface LabelRule {
  id: string
  filter?: FilterClause[]
  /** Property holding the text. */
  field: string
  /** `line`: characters upright along the line (the Chinese convention); `point`: one horizontal line at the feature's centre. */
  placement: 'line' | 'point'
  size: ZoomValue
  color: string
  halo: string
  haloWidth: number
  minzoom?: number
  maxzoom?: number
  /** Higher is placed first when labels compete for room. */
  priority: number
  /** Minimum distance in pixels between two labels with the same text. */
  repeatDistance?: number
}

/** A whole style as read from its JSON file. */
export interface Style {
  name: string
  background: string
  /** Candidate font files, first existing one wins; a .ttc may name its face with `#Family`. */
  fonts: string[]
  layers: DrawLayer[]
  labels: LabelRule[]
}

/** Reads and checks a style file; throws naming the layer and field that is wrong. */
export function loadStyle(path: string): Style {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Style
  return checkStyle(raw, path)
}

/** Checks a parsed style object (so tests can build one inline). */
export function checkStyle(s: Style, where = 'style'): Style {
  if (!Array.isArray(s.layers) || s.layers.length > 32) throw new Error(`${where}: "layers" must be an array of at most 32 draw layers`)
  for (const l of s.layers) {
    if (l.type !== 'fill' && l.type !== 'line') throw new Error(`${where}: layer ${l.id}: type must be "fill" or "line", got ${JSON.stringify(l.type)}`)
    parseColor(l.color, `${where}: layer ${l.id}: color`)
    if (l.type === 'line' && l.width === undefined) throw new Error(`${where}: layer ${l.id}: a line layer needs "width"`)
  }
  for (const r of s.labels ?? []) {
    if (r.placement !== 'line' && r.placement !== 'point') throw new Error(`${where}: label ${r.id}: placement must be "line" or "point"`)
    parseColor(r.color, `${where}: label ${r.id}: color`)
    parseColor(r.halo, `${where}: label ${r.id}: halo`)
  }
  parseColor(s.background, `${where}: background`)
  return { ...s, labels: s.labels ?? [], fonts: s.fonts ?? [] }
}

/** A stable hash of the style, part of every tile's content key (a style change re-renders all). */
export const styleHash = (s: Style): string => createHash('sha1').update(JSON.stringify(s)).digest('hex')

/** '#rgb' / '#rrggbb' → [r, g, b]. */
export function parseColor(c: string, what = 'color'): [number, number, number] {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c ?? '')
  if (!m) throw new Error(`${what}: expected #rgb or #rrggbb, got ${JSON.stringify(c)}`)
  const h = m[1].length === 3 ? m[1].replace(/./g, '$&$&') : m[1]
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)]
}

/** Evaluates a zoom-dependent value at zoom z (constant beyond the first and last stop). */
export function atZoom(v: ZoomValue, z: number): number {
  if (typeof v === 'number') return v
  if (z <= v[0][0]) return v[0][1]
  for (let i = 1; i < v.length; i++) {
    const [z1, v1] = v[i]
    if (z <= z1) {
      const [z0, v0] = v[i - 1]
      return v0 + ((v1 - v0) * (z - z0)) / (z1 - z0)
    }
  }
  return v[v.length - 1][1]
}

/** True when the zoom range of a layer or label rule includes z. */
export const inZoom = (r: { minzoom?: number; maxzoom?: number }, z: number): boolean =>
  z >= (r.minzoom ?? 0) && z <= (r.maxzoom ?? 99)

/** Does a feature (its properties, source layer and geometry kind) pass a filter? */
export function matches(filter: FilterClause[] | undefined, props: Record<string, unknown>, layer: string, geom: 'point' | 'line' | 'polygon'): boolean {
  if (!filter) return true
  return filter.some((clause) => Object.entries(clause).every(([k, allowed]) => {
    const v = k === '$layer' ? layer : k === '$geom' ? geom : props[k]
    if (v === undefined || v === null || v === '') return false
    const sv = String(v)
    return allowed.some((a) => a === '*' || a === v || String(a) === sv || (typeof a === 'string' && a[0] === '~' && regex(a).test(sv)))
  }))
}

const regexes = new Map<string, RegExp>()
const regex = (a: string): RegExp => {
  let r = regexes.get(a)
  if (!r) regexes.set(a, (r = new RegExp(a.slice(1), 'i')))
  return r
}
