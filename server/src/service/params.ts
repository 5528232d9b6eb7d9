/** Parsers of the small text parameters shared by the HTTP routes and the CLIs, naming what was wrong. */
import { AppError } from '../errors.js'

/** Parses "minLon,minLat,maxLon,maxLat", clamping to the world (OGC API Features clamps, it does not reject). */
export function parseBbox(s: string | undefined, param = 'bbox'): [number, number, number, number] {
  if (s === undefined) return [-180, -90, 180, 90]
  const v = s.split(',').map((x) => Number(x.trim()))
  if (v.length !== 4 || v.some((x) => !Number.isFinite(x))) {
    throw new AppError('VALIDATION', `${param}: expected four numbers minLon,minLat,maxLon,maxLat, got "${s}"`)
  }
  const [minLon, minLat, maxLon, maxLat] = [Math.max(-180, v[0]), Math.max(-90, v[1]), Math.min(180, v[2]), Math.min(90, v[3])]
  if (minLon > maxLon || minLat > maxLat) throw new AppError('VALIDATION', `${param}: min must not exceed max, got "${s}"`)
  return [minLon, minLat, maxLon, maxLat]
}

/** Parses "a:b,c:d" into { a: 'b', c: 'd' } (a prototype-free object: keys like __proto__ stay plain keys). */
export function parsePairs(s: string | undefined, param: string): Record<string, string> | undefined {
  if (!s) return undefined
  const out: Record<string, string> = Object.create(null)
  for (const part of s.split(',')) {
    const i = part.indexOf(':')
    if (i <= 0) throw new AppError('VALIDATION', `${param}: expected from:to pairs separated by commas, got "${part}"`)
    out[part.slice(0, i).trim()] = part.slice(i + 1).trim()
  }
  return out
}
