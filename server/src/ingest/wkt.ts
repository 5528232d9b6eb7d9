/**
 * Well-known text → GeoJSON geometry, for CSV files whose geometry column holds WKT
 * (POINT, LINESTRING, POLYGON and their MULTI forms; Z/M ordinates are dropped).
 */
import type { Geometry, Position } from 'geojson'

type Nested = number[] | Nested[]

/** Parses WKT into a GeoJSON geometry; throws an Error saying what was wrong. */
export function parseWkt(text: string): Geometry {
  const m = /^\s*(POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON)\s*(?:Z|M|ZM)?\s*(\(.*\))\s*$/is.exec(text)
  if (!m) throw new Error('expected WKT POINT, LINESTRING, POLYGON or a MULTI form')
  const type = m[1].toUpperCase()
  const nested = parseNested(m[2])
  const depth = depthOf(nested)
  // Depth counts the position itself: "(1 2)" is a list of one position, depth 2.
  const want: Record<string, number> = { POINT: 2, LINESTRING: 2, MULTIPOINT: 2, POLYGON: 3, MULTILINESTRING: 3, MULTIPOLYGON: 4 }
  // MULTIPOINT may be written without inner parentheses: MULTIPOINT (1 2, 3 4) and MULTIPOINT ((1 2), (3 4)).
  const flat = type === 'MULTIPOINT' && depth === 3 ? (nested as Nested[]).map((p) => (p as Nested[])[0]) : nested
  if (depthOf(flat) !== want[type]) throw new Error(`expected ${type} with ${want[type] - 1} level(s) of parentheses`)
  if (type === 'POINT' && flat.length !== 1) throw new Error(`expected POINT with one position, got ${flat.length}`)
  const c = flat as unknown
  switch (type) {
    case 'POINT':
      return { type: 'Point', coordinates: (c as Position[])[0] }
    case 'LINESTRING':
      return { type: 'LineString', coordinates: c as Position[] }
    case 'MULTIPOINT':
      return { type: 'MultiPoint', coordinates: c as Position[] }
    case 'POLYGON':
      return { type: 'Polygon', coordinates: c as Position[][] }
    case 'MULTILINESTRING':
      return { type: 'MultiLineString', coordinates: c as Position[][] }
    default:
      return { type: 'MultiPolygon', coordinates: c as Position[][][] }
  }
}

// "(1 2, 3 4)" → [[1,2],[3,4]]; "((…),(…))" → one level deeper. A position keeps its first two numbers.
function parseNested(s: string): Nested {
  let i = 0
  const skip = () => {
    while (i < s.length && /\s/.test(s[i])) i++
  }
  const group = (): Nested => {
    skip()
    if (s[i] !== '(') throw new Error(`expected "(" at character ${i + 1}`)
    i++
    const items: Nested[] = []
    const positions: number[][] = []
    for (;;) {
      skip()
      if (s[i] === '(') items.push(group())
      else {
        const start = i
        while (i < s.length && !/[,()]/.test(s[i])) i++
        const nums = s.slice(start, i).trim().split(/\s+/).map(Number)
        if (nums.length < 2 || nums.some((n) => !Number.isFinite(n))) throw new Error(`expected a position "lon lat", got "${s.slice(start, i).trim()}"`)
        positions.push(nums.slice(0, 2))
      }
      skip()
      if (s[i] === ',') {
        i++
        continue
      }
      if (s[i] === ')') {
        i++
        break
      }
      throw new Error(`expected "," or ")" at character ${i + 1}`)
    }
    if (items.length && positions.length) throw new Error('expected either positions or parenthesised groups, got both')
    return items.length ? items : positions
  }
  const out = group()
  skip()
  if (i !== s.length) throw new Error(`unexpected text after the geometry at character ${i + 1}`)
  return out
}

function depthOf(n: Nested | number): number {
  return Array.isArray(n) ? 1 + depthOf(n[0] as Nested | number) : 0
}
