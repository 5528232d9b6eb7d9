/**
 * Typed readers of one source row's fields. Each reader returns the value or, when the field is bad,
 * records a problem ("expected …, got …") and returns a placeholder: the row is dropped if any
 * problem was recorded, so placeholders never leave ingest.
 */
import type { Geometry } from 'geojson'
import { AppError, type RowProblem } from '../errors.js'
import { geometryToWgs84, toWgs84, type Crs } from '../geo/crs.js'
import { readGeometry, type GeometryType } from './geometry.js'
import { describe } from './show.js'
import { isAbsent, type SourceRow } from './source.js'
import { parseTime, TIME_EXPECTED } from './time.js'
import type { Phenomenon, Service } from '../domain/types.js'
import { lookup, PHENOMENON, SERVICE, type Vocabulary } from './vocabulary.js'

// Single-value parsers for routes that read the same fields outside an import.
export { parseTime } from './time.js'
export { maskNumber } from './phone.js'

/** A phenomenon by code, Chinese label or part of a label ("无信号"); null when not one. */
export function parsePhenomenon(text: string): Phenomenon | null {
  return lookup(PHENOMENON, text) ?? null
}

/** A service by code or Chinese name (语音/数据); null when not one. */
export function parseService(text: string): Service | null {
  return lookup(SERVICE, text) ?? null
}

/** Bounds of a number field; both ends inclusive unless marked exclusive. */
export interface NumberRange {
  min?: number
  max?: number
  minExclusive?: boolean
  maxExclusive?: boolean
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * What in a text the database cannot store — a NUL character (PostgreSQL text refuses it) or a lone
 * UTF-16 surrogate (a JSON "\ud800" escape; jsonb refuses it) — or null when it can be stored.
 */
export function unstorable(s: string): string | null {
  if (s.includes('\u0000')) return 'NUL (U+0000) characters'
  if (LONE_SURROGATE.test(s)) return 'lone UTF-16 surrogates (not Unicode text)'
  return null
}

/** Every character unstorable() refuses (NUL, lone surrogates), for replacing them. */
export const UNSTORABLE_CHARS = new RegExp(`\\u0000|${LONE_SURROGATE.source}`, 'g')

/** A decimal number as people write one: no hex, no blanks-as-zero, no "Infinity". */
export const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i

/** Reads the fields of one source row, collecting every problem instead of stopping at the first. */
export class FieldReader {
  readonly problems: RowProblem[] = []

  constructor(
    readonly source: SourceRow,
    private readonly crs: Crs,
  ) {}

  /** The 1-based data row. */
  get row(): number {
    return this.source.row
  }

  /** Records a problem of this row. */
  problem(field: string, message: string): void {
    const { sheet, excelRow } = this.source
    this.problems.push(sheet === undefined ? { row: this.source.row, field, message } : { row: this.source.row, field, message, sheet, excelRow })
  }

  /** The raw value, or undefined when absent or empty. */
  raw(field: string): unknown {
    const v = this.source.values[field]
    return isAbsent(v) ? undefined : v
  }

  /** Whether the field has a value. */
  has(field: string): boolean {
    return this.raw(field) !== undefined
  }

  /** A text field that must be there. */
  requiredString(field: string): string {
    const v = this.optionalString(field)
    if (v === null && !this.problems.some((p) => p.field === field)) this.problem(field, 'expected a value, got nothing')
    return v ?? ''
  }

  /** A text field that may be absent (null). Numbers and booleans of GeoJSON properties become text. */
  optionalString(field: string): string | null {
    const v = this.raw(field)
    if (v === undefined) return null
    if (typeof v === 'string') {
      const bad = unstorable(v)
      if (bad) {
        this.problem(field, `expected text without ${bad}`)
        return null
      }
      return v.trim()
    }
    if (typeof v === 'number' || typeof v === 'boolean') return String(v)
    this.problem(field, `expected text, got ${describe(v)}`)
    return null
  }

  /** A text field that is '' when absent. */
  text(field: string): string {
    return this.optionalString(field) ?? ''
  }

  /** An optional number within a range; `fallback` when absent. */
  number(field: string, range: NumberRange, fallback: number | null = null): number | null {
    const v = this.raw(field)
    if (v === undefined) return fallback
    const n = typeof v === 'number' ? v : typeof v === 'string' && NUMBER.test(v.trim()) ? Number(v) : NaN
    if (!Number.isFinite(n) || !inRange(n, range)) {
      this.problem(field, `expected ${describeRange(range)}, got ${describe(v)}`)
      return null
    }
    return n
  }

  /** A number that must be there. */
  requiredNumber(field: string, range: NumberRange): number {
    if (!this.has(field)) this.problem(field, `expected ${describeRange(range)}, got nothing`)
    return this.number(field, range) ?? NaN
  }

  /** An optional enumerated field (null when absent). */
  oneOf<T>(field: string, vocabulary: Vocabulary<T>): T | null {
    const v = this.optionalString(field)
    if (v === null) return null
    const hit = lookup(vocabulary, v)
    if (hit === undefined) {
      this.problem(field, `expected ${vocabulary.expected}, got ${describe(v)}`)
      return null
    }
    return hit
  }

  /** An enumerated field that must be there. */
  requiredOneOf<T>(field: string, vocabulary: Vocabulary<T>): T {
    if (!this.has(field)) this.problem(field, `expected ${vocabulary.expected}, got nothing`)
    return this.oneOf(field, vocabulary) as T
  }

  /** An optional time, as epoch ms. */
  time(field: string): number | null {
    const v = this.raw(field)
    if (v === undefined) return null
    const ms = typeof v === 'string' ? parseTime(v) : null
    if (ms === null) this.problem(field, `expected ${TIME_EXPECTED}, got ${describe(v)}`)
    return ms
  }

  /** A time that must be there. */
  requiredTime(field: string): number {
    if (!this.has(field)) this.problem(field, `expected ${TIME_EXPECTED}, got nothing`)
    return this.time(field) ?? NaN
  }

  /** A `;`-separated list (a full-width ； too; in GeoJSON also an array of strings); [] when absent. */
  list(field: string): string[] {
    const v = this.raw(field)
    if (v === undefined) return []
    if (Array.isArray(v) && v.every((e) => typeof e === 'string' || typeof e === 'number')) return this.noNul(field, clean(v.map(String)))
    if (typeof v === 'string' || typeof v === 'number') return this.noNul(field, clean(String(v).split(/[;；]/)))
    this.problem(field, `expected a ";"-separated list, got ${describe(v)}`)
    return []
  }

  /** The row's geometry, validated and converted to WGS-84; null when absent (a problem too if required). */
  geometry(allowed: readonly GeometryType[], required: boolean): Geometry | null {
    const g = this.source.geometry
    if (isAbsent(g)) {
      if (required) this.problem('geometry', `expected a ${allowed.join('/')} geometry, got nothing`)
      return null
    }
    const read = readGeometry(g, allowed)
    if (read.error !== undefined) {
      this.problem('geometry', read.error)
      return null
    }
    return this.converted('geometry', () => geometryToWgs84(read.geometry, this.crs))
  }

  // A conversion that refuses a position (AppError) is a problem of this row, not of the whole import.
  private converted<T>(field: string, convert: () => T): T | null {
    try {
      return convert()
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      this.problem(field, err.message)
      return null
    }
  }

  private noNul(field: string, items: string[]): string[] {
    const bad = items.map(unstorable).find((b) => b !== null)
    if (!bad) return items
    this.problem(field, `expected text without ${bad}`)
    return []
  }

  /** The row's point in WGS-84: a Point geometry, else the lon/lat fields. Required. */
  point(): [number, number] {
    if (!isAbsent(this.source.geometry)) {
      const g = this.geometry(['Point'], true)
      return g && g.type === 'Point' ? [g.coordinates[0], g.coordinates[1]] : [NaN, NaN]
    }
    if (!this.has('lon') && !this.has('lat')) {
      this.problem('geometry', 'expected a Point geometry or lon/lat values, got nothing')
      return [NaN, NaN]
    }
    const lon = this.requiredNumber('lon', { min: -180, max: 180 })
    const lat = this.requiredNumber('lat', { min: -90, max: 90 })
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return [NaN, NaN]
    return this.converted('geometry', () => toWgs84(lon, lat, this.crs)) ?? [NaN, NaN]
  }
}

function clean(items: string[]): string[] {
  return items.map((s) => s.trim()).filter((s) => s !== '')
}

function inRange(n: number, r: NumberRange): boolean {
  if (r.min !== undefined && (r.minExclusive ? n <= r.min : n < r.min)) return false
  if (r.max !== undefined && (r.maxExclusive ? n >= r.max : n > r.max)) return false
  return true
}

/** "a number 0–360", "a number greater than 0 and at most 360", "a number greater than 0". */
export function describeRange(r: NumberRange): string {
  const { min, max } = r
  if (min !== undefined && max !== undefined && !r.minExclusive && !r.maxExclusive) return `a number ${min}–${max}`
  const parts: string[] = []
  if (min !== undefined) parts.push(r.minExclusive ? `greater than ${min}` : `at least ${min}`)
  if (max !== undefined) parts.push(r.maxExclusive ? `less than ${max}` : `at most ${max}`)
  return parts.length ? `a number ${parts.join(' and ')}` : 'a number'
}
