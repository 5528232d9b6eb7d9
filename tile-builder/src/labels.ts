/**
 * Label placement, done once per zoom for the whole map (not per tile), so every tile draws its
 * share of the same placements: neighbours agree and no label is cut at a tile edge — a label
 * crossing an edge is drawn half in each tile. Greedy by priority, then length, with an R-tree of
 * the boxes already taken; road names repeat along long roads but never closer than the rule's
 * repeat distance. Road names are set upright character by character along the road (reading left
 * to right, or top to bottom on near-vertical roads), as Chinese maps do.
 */
import RBush from 'rbush'
import Flatbush from 'flatbush'
import { pointOnFeature } from '@turf/point-on-feature'
import type { SourceFeature, Geometry } from './read.js'
import { type Style, matches, atZoom, inZoom } from './style.js'
import { lonToX, latToY, TILE_SIZE } from './tile-math.js'
import { advances } from './text.js'

/** Characters to draw, centred at (xs[i], ys[i]) — world pixels when placed, tile pixels when handed to a renderer. */
export interface GlyphRun {
  /** Index of the label rule (colours, halo). */
  rule: number
  size: number
  haloWidth: number
  chars: string[]
  xs: number[]
  ys: number[]
}

/** One zoom's placed labels with an index for the per-tile lookup. */
export interface ZoomLabels {
  z: number
  runs: GlyphRun[]
  /** Per run, a short text that changes whenever its drawing would (part of tile keys). */
  keys: string[]
  index: Flatbush | null
}

interface Candidate { rule: number; text: string; priority: number; line?: number[][]; point?: number[]; length: number }
interface Box { minX: number; minY: number; maxX: number; maxY: number }

/** Named features → label candidates (roads' pieces joined end to end by name first). */
export function labelCandidates(features: SourceFeature[], style: Style): Candidate[] {
  const out: Candidate[] = []
  style.labels.forEach((rule, ri) => {
    const lines = new Map<string, number[][][]>()
    for (const f of features) {
      const text = String(f.properties[rule.field] ?? '').trim()
      if (!text) continue
      const g = f.geometry
      const kind = /Polygon/.test(g.type) ? 'polygon' : /LineString/.test(g.type) ? 'line' : /Point/.test(g.type) ? 'point' : null
      if (!kind || !matches(rule.filter, f.properties, f.layer, kind)) continue
      if (rule.placement === 'line' && kind === 'line') {
        const parts = g.type === 'LineString' ? [g.coordinates as number[][]] : (g.coordinates as number[][][])
        const list = lines.get(text) ?? []
        list.push(...parts.filter((p) => p.length >= 2))
        lines.set(text, list)
      } else if (rule.placement === 'point') {
        const p = kind === 'point' && g.type === 'Point' ? (g.coordinates as number[]) : anchor(g)
        if (p) out.push({ rule: ri, text, priority: rule.priority, point: p, length: 0 })
      }
    }
    for (const [text, parts] of lines) {
      for (const line of joinLines(parts)) out.push({ rule: ri, text, priority: rule.priority, line, length: lengthDeg(line) })
    }
  })
  // Deterministic order: priority, then longer first, then text (ties must not depend on input order).
  return out.sort((a, b) => b.priority - a.priority || b.length - a.length || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
}

/**
 * Places every candidate that fits at zoom z. `area` (world pixels: minX, minY, maxX, maxY) is the
 * pyramid's extent at z: a label reaching past it would be cut by the missing neighbour tile, so
 * it is not placed.
 */
export function placeLabels(cands: Candidate[], style: Style, z: number, area?: [number, number, number, number]): ZoomLabels {
  const taken = new RBush<Box>()
  const byText = new Map<string, Array<[number, number]>>()
  const runs: GlyphRun[] = []
  const scale = TILE_SIZE * 2 ** z
  for (const c of cands) {
    const rule = style.labels[c.rule]
    if (!inZoom(rule, z)) continue
    const size = Math.round(atZoom(rule.size, z))
    const adv = advances(c.text, size)
    const chars = Array.from(c.text)
    const pad = rule.haloWidth + 1
    const tries = c.line ? lineSpots(c.line, scale, adv, size) : [pointSpot(c.point!, scale, adv)]
    for (const spot of tries) {
      if (!spot) continue
      const boxes = spot.xs.map((x, i) => ({ minX: x - adv[i] / 2 - pad, minY: spot.ys[i] - size / 2 - pad, maxX: x + adv[i] / 2 + pad, maxY: spot.ys[i] + size / 2 + pad }))
      if (area && boxes.some((b) => b.minX < area[0] || b.minY < area[1] || b.maxX > area[2] || b.maxY > area[3])) continue
      if (boxes.some((b) => taken.collides(b))) continue
      const mid = Math.floor(chars.length / 2)
      const cx = spot.xs[mid], cy = spot.ys[mid]
      const same = byText.get(c.text) ?? []
      const rep = rule.repeatDistance ?? 256
      if (same.some(([x, y]) => (x - cx) ** 2 + (y - cy) ** 2 < rep * rep)) continue
      taken.load(boxes)
      same.push([cx, cy])
      byText.set(c.text, same)
      runs.push({ rule: c.rule, size, haloWidth: rule.haloWidth, chars, xs: spot.xs, ys: spot.ys })
      if (!c.line) break
    }
  }
  return indexRuns(z, runs)
}

/** The runs meeting tile x/y, moved to tile pixels, and their keys. */
export function runsForTile(zl: ZoomLabels, x: number, y: number): { runs: GlyphRun[]; keys: string[] } {
  if (!zl.index) return { runs: [], keys: [] }
  const ox = x * TILE_SIZE, oy = y * TILE_SIZE
  const ids = zl.index.search(ox, oy, ox + TILE_SIZE, oy + TILE_SIZE).sort((a, b) => a - b)
  return {
    runs: ids.map((i) => {
      const r = zl.runs[i]
      return { ...r, xs: r.xs.map((v) => v - ox), ys: r.ys.map((v) => v - oy) }
    }),
    keys: ids.map((i) => zl.keys[i]),
  }
}

function indexRuns(z: number, runs: GlyphRun[]): ZoomLabels {
  const keys = runs.map((r) => `${r.rule}|${r.size}|${r.chars.join('')}|${r.xs.map((v) => v.toFixed(1)).join(',')}|${r.ys.map((v) => v.toFixed(1)).join(',')}`)
  if (!runs.length) return { z, runs, keys, index: null }
  const index = new Flatbush(runs.length)
  for (const r of runs) {
    // Generous box: the glyph masks reach past the advance by the halo and the mask margin.
    const m = r.size + r.haloWidth + 2
    index.add(Math.min(...r.xs) - m, Math.min(...r.ys) - m, Math.max(...r.xs) + m, Math.max(...r.ys) + m)
  }
  index.finish()
  return { z, runs, keys, index }
}

/** Candidate spots along a line, nearest the middle first; each a list of character centres (null when too bent to read). */
function lineSpots(line: number[][], scale: number, adv: number[], size: number): Array<{ xs: number[]; ys: number[] } | null> {
  const px = line.map(([lon, lat]) => [lonToX(lon) * scale, latToY(lat) * scale])
  const cum = [0]
  for (let i = 1; i < px.length; i++) cum.push(cum[i - 1] + Math.hypot(px[i][0] - px[i - 1][0], px[i][1] - px[i - 1][1]))
  const L = cum[cum.length - 1]
  const gap = size * 0.15
  const T = adv.reduce((a, b) => a + b, 0) + gap * (adv.length - 1)
  if (L < T + size) return []
  // Every position a character height apart, nearest the middle first: a bend in the middle no
  // longer loses the label, and repeats along long roads come from the same list (placeLabels
  // keeps them a repeat distance apart).
  const centres: number[] = []
  for (let c = T / 2 + size / 2; c <= L - T / 2 - size / 2; c += size) centres.push(c)
  centres.sort((a, b) => Math.abs(a - L / 2) - Math.abs(b - L / 2))
  const at = (s: number): [number, number, number] => {
    let i = 1
    while (i < cum.length - 1 && cum[i] < s) i++
    const t = (s - cum[i - 1]) / (cum[i] - cum[i - 1] || 1)
    const dx = px[i][0] - px[i - 1][0], dy = px[i][1] - px[i - 1][1]
    return [px[i - 1][0] + dx * t, px[i - 1][1] + dy * t, Math.atan2(dy, dx)]
  }
  return centres.map((c) => {
    const s0 = c - T / 2
    const offs: number[] = []
    let o = 0
    for (const a of adv) { offs.push(o + a / 2); o += a + gap }
    const pts = offs.map((d) => at(s0 + d))
    // Too bent to read: consecutive characters turning more than 35°, or the whole run more than 60°.
    for (let i = 1; i < pts.length; i++) if (angleDiff(pts[i][2], pts[i - 1][2]) > (35 * Math.PI) / 180) return null
    if (pts.length > 1 && angleDiff(pts[0][2], pts[pts.length - 1][2]) > Math.PI / 3) return null
    const dx = pts[pts.length - 1][0] - pts[0][0], dy = pts[pts.length - 1][1] - pts[0][1]
    // Read left to right; on near-vertical roads, top to bottom.
    const flip = Math.abs(dy) > Math.abs(dx) * 1.2 ? dy < 0 : dx < 0
    const ordered = flip ? offs.map((d) => at(s0 + T - d)) : pts
    return { xs: ordered.map((p) => p[0]), ys: ordered.map((p) => p[1]) }
  })
}

/** A horizontal run centred on a point. */
function pointSpot(p: number[], scale: number, adv: number[]): { xs: number[]; ys: number[] } {
  const cx = lonToX(p[0]) * scale, cy = latToY(p[1]) * scale
  const T = adv.reduce((a, b) => a + b, 0)
  const xs: number[] = []
  let o = cx - T / 2
  for (const a of adv) { xs.push(o + a / 2); o += a }
  return { xs, ys: xs.map(() => cy) }
}

const angleDiff = (a: number, b: number) => {
  const d = Math.abs(a - b) % (2 * Math.PI)
  return d > Math.PI ? 2 * Math.PI - d : d
}

/** A point inside a polygon (or on a line) for a point label. */
function anchor(g: Geometry): number[] | null {
  try {
    return pointOnFeature(g as never).geometry.coordinates
  } catch {
    return null
  }
}

function lengthDeg(line: number[][]): number {
  let s = 0
  for (let i = 1; i < line.length; i++) s += Math.hypot(line[i][0] - line[i - 1][0], line[i][1] - line[i - 1][1])
  return s
}

/** Joins pieces that share an end point (OSM splits a street at every junction), so long streets get one label, not one per block. */
export function joinLines(parts: number[][][]): number[][][] {
  const key = (p: number[]) => `${p[0].toFixed(7)},${p[1].toFixed(7)}`
  const pool = parts.map((p) => p.slice())
  const alive = pool.map(() => true)
  const ends = new Map<string, number[]>()
  const addEnd = (k: string, i: number) => { const l = ends.get(k) ?? []; l.push(i); ends.set(k, l) }
  pool.forEach((p, i) => { addEnd(key(p[0]), i); addEnd(key(p[p.length - 1]), i) })
  const take = (k: string, self: number) => {
    const l = ends.get(k)
    const j = l?.find((i) => i !== self && alive[i])
    return j
  }
  const out: number[][][] = []
  for (let i = 0; i < pool.length; i++) {
    if (!alive[i]) continue
    alive[i] = false
    let line = pool[i]
    for (let grow = true; grow;) {
      grow = false
      const j = take(key(line[line.length - 1]), -1)
      if (j !== undefined) {
        const p = pool[j]
        alive[j] = false
        line = key(p[0]) === key(line[line.length - 1]) ? line.concat(p.slice(1)) : line.concat(p.slice().reverse().slice(1))
        grow = true
        continue
      }
      const k = take(key(line[0]), -1)
      if (k !== undefined) {
        const p = pool[k]
        alive[k] = false
        line = key(p[p.length - 1]) === key(line[0]) ? p.concat(line.slice(1)) : p.slice().reverse().concat(line.slice(1))
        grow = true
      }
    }
    out.push(line)
  }
  return out
}
