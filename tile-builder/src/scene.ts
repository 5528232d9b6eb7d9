/**
 * The drawable scene: every feature projected once to normalised Web Mercator and packed into
 * flat typed arrays on SharedArrayBuffers (so worker threads read the same memory, no copies),
 * with a Flatbush index over feature bounding boxes for the per-tile query.
 */
import Flatbush from 'flatbush'
import { createHash } from 'node:crypto'
import type { SourceFeature, Geometry } from './read.js'
import { type Style, matches } from './style.js'
import { lonToX, latToY } from './tile-math.js'

/** Feature kinds in `Scene.kind`. */
export const LINE = 1
/** Polygon kind in `Scene.kind` (rings normalised: outer rings positive area, holes negative). */
export const POLYGON = 2

/** The packed scene. Feature f owns rings featRing[f]..featRing[f+1]-1; ring r owns vertices ringStart[r]..ringStart[r+1]-1. */
export interface Scene {
  n: number
  /** x, y pairs in world units [0, 1]. */
  coords: Float64Array
  ringStart: Uint32Array
  featRing: Uint32Array
  kind: Uint8Array
  /** Bit i set: style.layers[i] draws this feature. */
  layerMask: Uint32Array
  /** Hash of each feature's id, source and properties (its geometry is hashed per tile, see tileShareHash). */
  hash: Uint32Array
  index: Flatbush
}

/** What crosses to a worker: the scene's buffers (shared, not copied). */
export interface SceneData {
  n: number
  coords: SharedArrayBuffer | ArrayBuffer
  ringStart: SharedArrayBuffer | ArrayBuffer
  featRing: SharedArrayBuffer | ArrayBuffer
  kind: SharedArrayBuffer | ArrayBuffer
  layerMask: SharedArrayBuffer | ArrayBuffer
  hash: SharedArrayBuffer | ArrayBuffer
  index: SharedArrayBuffer | ArrayBuffer
}

type Ring = number[][]

/** Lines and polygon rings of a geometry (points and empty parts dropped). */
function parts(g: Geometry): { lines: Ring[]; polys: Ring[][] } {
  const lines: Ring[] = []
  const polys: Ring[][] = []
  const walk = (g: Geometry) => {
    const c = g.coordinates as never
    switch (g.type) {
      case 'LineString': lines.push(c); break
      case 'MultiLineString': lines.push(...(c as Ring[])); break
      case 'Polygon': polys.push(c); break
      case 'MultiPolygon': polys.push(...(c as Ring[][])); break
      case 'GeometryCollection': g.geometries?.forEach(walk); break
    }
  }
  walk(g)
  return { lines: lines.filter((l) => l?.length >= 2), polys: polys.filter((p) => p?.[0]?.length >= 3) }
}

/** Projects, filters by style and packs the features; `shared` puts the arrays on SharedArrayBuffers for workers. */
export function buildScene(features: SourceFeature[], style: Style, shared = true): Scene {
  const Buf = (shared ? SharedArrayBuffer : ArrayBuffer) as ArrayBufferConstructor
  // Pass 1: what each feature contributes, so the arrays can be sized exactly.
  const kept: Array<{ f: SourceFeature; kind: number; rings: Ring[]; holes: boolean[]; mask: number }> = []
  let nRings = 0
  let nVerts = 0
  for (const f of features) {
    const { lines, polys } = parts(f.geometry)
    const geom = polys.length ? 'polygon' : lines.length ? 'line' : null
    if (!geom) continue
    let mask = 0
    style.layers.forEach((l, i) => { if (matches(l.filter, f.properties, f.layer, geom)) mask |= 1 << i })
    if (!mask) continue
    const rings = geom === 'polygon' ? polys.flat() : lines
    const holes = geom === 'polygon' ? polys.flatMap((p) => p.map((_, i) => i > 0)) : lines.map(() => false)
    kept.push({ f, kind: geom === 'polygon' ? POLYGON : LINE, rings, holes, mask })
    nRings += rings.length
    for (const r of rings) nVerts += r.length
  }
  const n = kept.length
  const coords = new Float64Array(new Buf(nVerts * 16))
  const ringStart = new Uint32Array(new Buf((nRings + 1) * 4))
  const featRing = new Uint32Array(new Buf((n + 1) * 4))
  const kind = new Uint8Array(new Buf(n))
  const layerMask = new Uint32Array(new Buf(n * 4))
  const hash = new Uint32Array(new Buf(n * 4))
  const index = new Flatbush(Math.max(1, n), 16, Float64Array, Buf)
  let r = 0
  let v = 0
  kept.forEach(({ f, kind: k, rings, holes, mask }, i) => {
    featRing[i] = r
    kind[i] = k
    layerMask[i] = mask
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity
    rings.forEach((ring, j) => {
      ringStart[r++] = v
      const start = v
      for (const p of ring) {
        const x = lonToX(p[0]), y = latToY(p[1])
        coords[2 * v] = x
        coords[2 * v + 1] = y
        v++
        if (x < minX) minX = x
        if (x > maxX) maxX = x
        if (y < minY) minY = y
        if (y > maxY) maxY = y
      }
      // The fill accumulates signed winding, so outer rings must wind one way and holes the other
      // whatever the source did (RFC 7946 asks for it, shapefiles and OSM do not guarantee it).
      if (k === POLYGON && (signedArea(coords, start, v) > 0) === holes[j]) reverse(coords, start, v)
    })
    hash[i] = featureHash(f)
    index.add(minX, minY, maxX, maxY)
  })
  ringStart[r] = v
  featRing[n] = r
  if (n === 0) index.add(-1, -1, -1, -1) // Flatbush refuses zero items; this box matches no tile
  index.finish()
  return { n, coords, ringStart, featRing, kind, layerMask, hash, index }
}

/** The buffers to post to a worker. */
export const sceneData = (s: Scene): SceneData => ({
  n: s.n, coords: s.coords.buffer, ringStart: s.ringStart.buffer, featRing: s.featRing.buffer,
  kind: s.kind.buffer, layerMask: s.layerMask.buffer, hash: s.hash.buffer, index: s.index.data,
})

/** Rebuilds the typed views over buffers received from the main thread. */
export const sceneFromData = (d: SceneData): Scene => ({
  n: d.n, coords: new Float64Array(d.coords), ringStart: new Uint32Array(d.ringStart), featRing: new Uint32Array(d.featRing),
  kind: new Uint8Array(d.kind), layerMask: new Uint32Array(d.layerMask), hash: new Uint32Array(d.hash), index: Flatbush.from(d.index),
})

/** Features whose boxes meet the world-unit rectangle, in draw (input) order. */
export function queryScene(s: Scene, minX: number, minY: number, maxX: number, maxY: number): Uint32Array {
  if (s.n === 0) return new Uint32Array(0)
  return Uint32Array.from(s.index.search(minX, minY, maxX, maxY)).sort()
}

/** 32 bits of SHA-1 over a feature's id, source and properties. */
function featureHash(f: SourceFeature): number {
  const h = createHash('sha1').update(f.id).update('\0').update(f.layer).update('\0').update(JSON.stringify(f.properties)).digest()
  return h.readUInt32LE(0)
}

/**
 * A hash of what feature f puts inside the world rectangle: its properties and the segments whose
 * boxes meet the rectangle. 0 when it puts nothing there (a line passing by; a polygon around the
 * rectangle's outside). Moving one end of a long street so changes only the tiles at that end, and
 * a diagonal street's bounding box no longer marks the empty tiles beside it as drawn.
 */
export function tileShareHash(s: Scene, f: number, minX: number, minY: number, maxX: number, maxY: number): number {
  const c = s.coords
  const bits = new Uint32Array(c.buffer, c.byteOffset, c.length * 2)
  let h = s.hash[f] ^ 0x811c9dc5
  let any = false
  const poly = s.kind[f] === POLYGON
  for (let r = s.featRing[f]; r < s.featRing[f + 1]; r++) {
    const a = s.ringStart[r], b = s.ringStart[r + 1]
    for (let i = a; i < b; i++) {
      const j = i + 1 < b ? i + 1 : poly ? a : -1
      if (j < 0) break
      const x0 = c[2 * i], y0 = c[2 * i + 1], x1 = c[2 * j], y1 = c[2 * j + 1]
      if ((x0 < minX && x1 < minX) || (x0 > maxX && x1 > maxX) || (y0 < minY && y1 < minY) || (y0 > maxY && y1 > maxY)) continue
      any = true
      for (let k = 4 * i; k < 4 * i + 8; k++) h = Math.imul(h ^ bits[k], 16777619)
    }
  }
  if (any) return h >>> 0 || 1
  if (!poly) return 0
  // No edge here: the rectangle is wholly inside (filled, whatever the shape) or wholly outside.
  return pointInPolygon(s, f, (minX + maxX) / 2, (minY + maxY) / 2) ? (s.hash[f] ^ 0x5bd1e995) >>> 0 || 1 : 0
}

/** Even-odd test of a point against every ring of polygon feature f. */
function pointInPolygon(s: Scene, f: number, px: number, py: number): boolean {
  const c = s.coords
  let inside = false
  for (let r = s.featRing[f]; r < s.featRing[f + 1]; r++) {
    const a = s.ringStart[r], b = s.ringStart[r + 1]
    for (let i = a, j = b - 1; i < b; j = i++) {
      const yi = c[2 * i + 1], yj = c[2 * j + 1]
      if ((yi > py) !== (yj > py) && px < ((c[2 * j] - c[2 * i]) * (py - yi)) / (yj - yi) + c[2 * i]) inside = !inside
    }
  }
  return inside
}

/** Shoelace area of ring [a, b) in world units (y down, so clockwise on screen is positive). */
function signedArea(c: Float64Array, a: number, b: number): number {
  let s = 0
  for (let i = a, j = b - 1; i < b; j = i++) s += (c[2 * j] - c[2 * i]) * (c[2 * j + 1] + c[2 * i + 1])
  return s
}

function reverse(c: Float64Array, a: number, b: number): void {
  for (let i = a, j = b - 1; i < j; i++, j--) {
    const x = c[2 * i], y = c[2 * i + 1]
    c[2 * i] = c[2 * j]; c[2 * i + 1] = c[2 * j + 1]
    c[2 * j] = x; c[2 * j + 1] = y
  }
}
