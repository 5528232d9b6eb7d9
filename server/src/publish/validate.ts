/**
 * Validation of information types and published objects: pure functions that throw AppError
 * VALIDATION naming the field and what was wrong, before anything is stored.
 */
import type { Point, Polygon } from 'geojson'
import { AppError } from '../errors.js'
import { readGeometry } from '../ingest/geometry.js'
import { formatChinaTime, parseTime, TIME_EXPECTED } from '../ingest/time.js'
import {
  DIAGNOSIS_AS, FIELD_TYPES, GEOMETRY_OF, MAX_TEXT, SHAPES,
  type DiagnosisAs, type FieldDef, type FieldValue, type GeometryKind, type InfoType, type MapSymbol,
} from './types.js'

const bad = (message: string): never => {
  throw new AppError('VALIDATION', message)
}
const show = (v: unknown) => {
  const s = JSON.stringify(v) ?? String(v)
  return s.length > 80 ? `${s.slice(0, 80)}…` : s
}

export const TYPE_ID = /^[a-z][a-z0-9_]{1,39}$/
const FIELD_KEY = /^[a-z][a-z0-9_]{0,39}$/
const COLOR = /^#[0-9a-fA-F]{6}$/
/** Fields a type may have: enough for any form an engineer fills on the map. */
export const MAX_FIELDS = 30

/** What a type definition may change (POST: all of it; PATCH: any part). */
export interface TypeInput {
  id?: string
  name?: string
  geometry?: GeometryKind
  fields?: FieldDef[]
  symbol?: MapSymbol
  diagnosisAs?: DiagnosisAs
}

/** Checks a whole type definition (after a PATCH is applied to the stored one). */
export function checkType(t: Pick<InfoType, 'id' | 'name' | 'geometry' | 'fields' | 'symbol' | 'diagnosisAs'>): void {
  if (!TYPE_ID.test(t.id)) bad(`id: expected 2–40 characters a-z, 0-9 or _ starting with a letter, got ${show(t.id)}`)
  if (!t.name.trim()) bad('name: must not be empty')
  if (!DIAGNOSIS_AS.includes(t.diagnosisAs)) bad(`diagnosisAs: expected one of ${DIAGNOSIS_AS.join(', ')}, got ${show(t.diagnosisAs)}`)
  if (t.geometry !== 'point' && t.geometry !== 'polygon') bad(`geometry: expected point or polygon, got ${show(t.geometry)}`)
  if (t.diagnosisAs !== 'none' && GEOMETRY_OF[t.diagnosisAs] !== t.geometry) {
    bad(`geometry: a type used by the diagnosis as ${t.diagnosisAs} must be a ${GEOMETRY_OF[t.diagnosisAs]}, got ${t.geometry}`)
  }
  if (!COLOR.test(t.symbol.color)) bad(`symbol.color: expected a colour like #c0392b, got ${show(t.symbol.color)}`)
  if (!SHAPES.includes(t.symbol.shape)) bad(`symbol.shape: expected one of ${SHAPES.join(', ')}, got ${show(t.symbol.shape)}`)
  if (t.fields.length > MAX_FIELDS) bad(`fields: at most ${MAX_FIELDS} fields, got ${t.fields.length}`)
  const seen = new Set<string>()
  t.fields.forEach((f, i) => {
    const at = `fields[${i}]`
    if (!FIELD_KEY.test(f.key)) bad(`${at}.key: expected 1–40 characters a-z, 0-9 or _ starting with a letter, got ${show(f.key)}`)
    if (seen.has(f.key)) bad(`${at}.key: "${f.key}" appears twice`)
    seen.add(f.key)
    if (!f.label.trim()) bad(`${at}.label: must not be empty`)
    if (!FIELD_TYPES.includes(f.type)) bad(`${at}.type: expected one of ${FIELD_TYPES.join(', ')}, got ${show(f.type)}`)
    if (f.type === 'select' && !(f.options && f.options.length > 0)) bad(`${at}.options: a select field needs at least one option`)
    if (f.type !== 'select' && f.options !== undefined) bad(`${at}.options: only a select field has options`)
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) bad(`${at}: min ${f.min} is above max ${f.max}`)
  })
  // A cutover needs its work window: the diagnosis matches complaints against it, not the notice's validity.
  if (t.diagnosisAs === 'cutover') {
    for (const key of ['start', 'end']) {
      const f = t.fields.find((x) => x.key === key)
      if (!f || f.type !== 'datetime' || !f.required) bad(`fields: a type used by the diagnosis as cutover needs a required datetime field "${key}" (the work window)`)
    }
  }
}

/** Values of an object's fields, checked against its type: unknown keys, required ones, types and bounds. */
export function checkFields(type: InfoType, given: Record<string, unknown>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {}
  const defs = new Map(type.fields.map((f) => [f.key, f]))
  for (const key of Object.keys(given)) {
    if (!defs.has(key)) bad(`fields.${key.slice(0, 60)}: the type ${type.name} (${type.id}) has no such field; it has ${type.fields.map((f) => f.key).join(', ') || 'none'}`)
  }
  for (const f of type.fields) {
    const v = given[f.key]
    const at = `fields.${f.key} (${f.label})`
    if (v === undefined || v === null || v === '') {
      if (f.required) bad(`${at}: required`)
      continue
    }
    out[f.key] = fieldValue(f, v, at)
  }
  if (type.diagnosisAs === 'cutover' && typeof out.start === 'string' && typeof out.end === 'string' && Date.parse(out.end) <= Date.parse(out.start)) {
    bad(`fields.end (${type.fields.find((f) => f.key === 'end')?.label ?? 'end'}): must be after the start ${out.start}`)
  }
  return out
}

function fieldValue(f: FieldDef, v: unknown, at: string): FieldValue {
  switch (f.type) {
    case 'text':
    case 'textarea': {
      if (typeof v !== 'string') return bad(`${at}: expected text, got ${show(v)}`)
      const text = v.trim()
      const max = f.max ?? MAX_TEXT
      if (text.length > max) bad(`${at}: at most ${max} characters, got ${text.length}`)
      if (!text && f.required) bad(`${at}: required`)
      return text
    }
    case 'number':
    case 'integer': {
      const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v
      if (typeof n !== 'number' || !Number.isFinite(n)) return bad(`${at}: expected a number, got ${show(v)}`)
      if (f.type === 'integer' && !Number.isInteger(n)) bad(`${at}: expected a whole number, got ${n}`)
      if (f.min !== undefined && n < f.min) bad(`${at}: expected at least ${f.min}, got ${n}`)
      if (f.max !== undefined && n > f.max) bad(`${at}: expected at most ${f.max}, got ${n}`)
      return n
    }
    case 'boolean':
      if (typeof v !== 'boolean') return bad(`${at}: expected true or false, got ${show(v)}`)
      return v
    case 'datetime': {
      const t = typeof v === 'string' ? parseTime(v) : null
      if (t == null) return bad(`${at}: expected ${TIME_EXPECTED}, got ${show(v)}`)
      return new Date(t).toISOString()
    }
    case 'select':
      if (typeof v !== 'string' || !f.options!.includes(v)) return bad(`${at}: expected one of ${f.options!.join('、')}, got ${show(v)}`)
      return v
  }
}

/** The object's geometry: a GeoJSON Point or Polygon as its type says, checked (ranges, rings, self-intersection). */
export function checkGeometry(type: InfoType, g: unknown): Point | Polygon {
  const want = type.geometry === 'point' ? 'Point' : 'Polygon'
  const r = readGeometry(g, [want])
  if (r.error !== undefined) return bad(`geometry: the type ${type.name} (${type.id}) is drawn as a ${type.geometry}: ${r.error}`)
  return r.geometry as Point | Polygon
}

/** The validity period: from (default: now) strictly before to (null: until withdrawn). */
export function checkValidity(from: string | undefined, to: string | null | undefined, now: number): { validFrom: number; validTo: number | null } {
  const validFrom = from === undefined ? now : parseTime(from)
  if (validFrom == null) return bad(`validFrom: expected ${TIME_EXPECTED}, got ${show(from)}`)
  let validTo: number | null = null
  if (to != null) {
    const t = parseTime(to)
    if (t == null) return bad(`validTo: expected ${TIME_EXPECTED}, got ${show(to)}`)
    validTo = t
  }
  if (validTo != null && validTo <= validFrom) {
    bad(`validTo: must be after validFrom (${formatChinaTime(validFrom)}), got ${formatChinaTime(validTo)}`)
  }
  return { validFrom, validTo }
}
