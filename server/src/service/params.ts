/** Parsers of the small text parameters shared by the HTTP routes and the CLIs, naming what was wrong. */
import { AppError } from '../errors.js'
import { NUMBER } from '../ingest/fields.js'
import { WORLD } from '../index/bbox.js'

/**
 * Parses "minLon,minLat,maxLon,maxLat", clamping to the world (OGC API Features clamps, it does not
 * reject). Throws VALIDATION naming the parameter for anything else: empty parts (",,," is not
 * 0,0,0,0), hex, NaN, ±Infinity or 1e309, or min above max after clamping.
 */
export function parseBbox(s: string | undefined, param = 'bbox'): [number, number, number, number] {
  if (s === undefined) return [...WORLD]
  const parts = String(s).split(',').map((x) => x.trim())
  const v = parts.map((x) => (NUMBER.test(x) ? Number(x) : NaN))
  if (v.length !== 4 || v.some((x) => !Number.isFinite(x))) {
    throw new AppError('VALIDATION', `${param}: expected four numbers minLon,minLat,maxLon,maxLat, got ${JSON.stringify(clip(String(s)))}`, { field: param, rule: 'format' })
  }
  const [minLon, minLat, maxLon, maxLat] = [Math.max(-180, v[0]), Math.max(-90, v[1]), Math.min(180, v[2]), Math.min(90, v[3])]
  if (minLon > maxLon || minLat > maxLat) throw new AppError('VALIDATION', `${param}: min must not exceed max (after clamping to the world), got ${JSON.stringify(clip(s))}`, { field: param, rule: 'order' })
  // -0 becomes 0, so that it is never echoed or compared as "-0".
  return [minLon + 0, minLat + 0, maxLon + 0, maxLat + 0]
}

const clip = (s: string) => (s.length > 100 ? `${s.slice(0, 100)}…` : s)

/** Parses "a:b,c:d" into { a: 'b', c: 'd' } (a prototype-free object: keys like __proto__ stay plain keys). */
export function parsePairs(s: string | undefined, param: string): Record<string, string> | undefined {
  if (!s) return undefined
  const out: Record<string, string> = Object.create(null)
  for (const part of s.split(',')) {
    const i = part.indexOf(':')
    if (i <= 0) throw new AppError('VALIDATION', `${param}: expected from:to pairs separated by commas, got ${JSON.stringify(clip(part))}`, { field: param, rule: 'format' })
    out[part.slice(0, i).trim()] = part.slice(i + 1).trim()
  }
  return out
}
