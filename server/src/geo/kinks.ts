/**
 * Self-intersections of a polygon's rings, as @turf/kinks finds them (two non-adjacent edges that
 * cross or touch; collinear overlaps are not counted), but with a sweep over the edges sorted by
 * their west end instead of testing every pair: turf's O(n²) takes seconds on a 20,000-vertex
 * district border, which a client could send on every request.
 */
import type { Position } from 'geojson'

/** Where a polygon intersects itself: the point, and which rings (1-based) and edges (1-based) meet there. */
export interface Kink {
  at: [number, number]
  rings: [number, number]
  edges: [number, number]
}

interface Edge {
  ring: number
  i: number
  x0: number
  y0: number
  x1: number
  y1: number
  minX: number
  maxX: number
  minY: number
  maxY: number
}

/** The first self-intersection of a polygon's rings (west to east), or null when there is none. */
export function findKink(rings: readonly (readonly Position[])[]): Kink | null {
  const edges: Edge[] = []
  rings.forEach((ring, r) => {
    for (let i = 0; i < ring.length - 1; i++) {
      const [x0, y0] = ring[i]
      const [x1, y1] = ring[i + 1]
      edges.push({ ring: r, i, x0, y0, x1, y1, minX: Math.min(x0, x1), maxX: Math.max(x0, x1), minY: Math.min(y0, y1), maxY: Math.max(y0, y1) })
    }
  })
  edges.sort((a, b) => a.minX - b.minX)
  for (let a = 0; a < edges.length; a++) {
    const e = edges[a]
    for (let b = a + 1; b < edges.length && edges[b].minX <= e.maxX; b++) {
      const f = edges[b]
      if (f.minY > e.maxY || f.maxY < e.minY) continue
      if (e.ring === f.ring && adjacent(e.i, f.i, rings[e.ring])) continue
      const at = intersection(e, f)
      if (at) {
        const [p, q] = e.ring < f.ring || (e.ring === f.ring && e.i < f.i) ? [e, f] : [f, e]
        return { at, rings: [p.ring + 1, q.ring + 1], edges: [p.i + 1, q.i + 1] }
      }
    }
  }
  return null
}

// Consecutive edges share a vertex by construction; so do the first and last edge of a closed ring.
function adjacent(i: number, k: number, ring: readonly Position[]): boolean {
  if (Math.abs(i - k) === 1) return true
  const last = ring.length - 2
  const closed = ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1]
  return closed && ((i === 0 && k === last) || (k === 0 && i === last))
}

// The point where two segments cross or touch (parameters in [0, 1]); null when parallel or apart.
function intersection(e: Edge, f: Edge): [number, number] | null {
  const d = (f.y1 - f.y0) * (e.x1 - e.x0) - (f.x1 - f.x0) * (e.y1 - e.y0)
  if (d === 0) return null
  const a = ((f.x1 - f.x0) * (e.y0 - f.y0) - (f.y1 - f.y0) * (e.x0 - f.x0)) / d
  const b = ((e.x1 - e.x0) * (e.y0 - f.y0) - (e.y1 - e.y0) * (e.x0 - f.x0)) / d
  if (a < 0 || a > 1 || b < 0 || b > 1) return null
  return [e.x0 + a * (e.x1 - e.x0), e.y0 + a * (e.y1 - e.y0)]
}
