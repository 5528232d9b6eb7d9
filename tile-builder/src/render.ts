/**
 * Renders one tile: the scene's features that meet the tile (plus a margin as wide as the widest
 * stroke) drawn layer by layer in style order, then the tile's share of the globally placed labels.
 */
import { Raster } from './raster.js'
import { type Scene, POLYGON, queryScene } from './scene.js'
import { type Style, parseColor, atZoom, inZoom } from './style.js'
import { TILE_SIZE } from './tile-math.js'
import type { GlyphRun } from './labels.js'
import type { GlyphCache } from './text.js'

/** A style with colours parsed once, so the hot loop reads numbers only. */
export interface CompiledStyle {
  background: [number, number, number]
  layers: Array<{ type: 'fill' | 'line'; rgb: [number, number, number]; opacity: number; width: Style['layers'][number]['width']; minzoom?: number; maxzoom?: number }>
  labels: Array<{ rgb: [number, number, number]; halo: [number, number, number] }>
}

/** Parses a style's colours once. */
export function compileStyle(s: Style): CompiledStyle {
  return {
    background: parseColor(s.background),
    layers: s.layers.map((l) => ({ type: l.type, rgb: parseColor(l.color), opacity: l.opacity ?? 1, width: l.width, minzoom: l.minzoom, maxzoom: l.maxzoom })),
    labels: s.labels.map((l) => ({ rgb: parseColor(l.color), halo: parseColor(l.halo) })),
  }
}

/** How far (px) past a tile's edge a feature can still paint into it at zoom z: the widest stroke's half width plus AA. */
export function tileMargin(style: CompiledStyle, z: number): number {
  let margin = 1
  for (const l of style.layers) if (l.type === 'line' && inZoom(l, z)) margin = Math.max(margin, atZoom(l.width ?? 1, z) / 2 + 1)
  return margin
}

/** Features drawn on tile z/x/y at its zoom (boxes meeting the tile plus the widest stroke's reach), in draw order. */
export function tileHits(scene: Scene, style: CompiledStyle, z: number, x: number, y: number): Uint32Array {
  const scale = TILE_SIZE * 2 ** z
  let active = 0
  style.layers.forEach((l, i) => { if (inZoom(l, z)) active |= 1 << i })
  const m = tileMargin(style, z) / scale
  const n = 2 ** z
  const hits = queryScene(scene, x / n - m, y / n - m, (x + 1) / n + m, (y + 1) / n + m)
  // Features whose layers are all out of zoom here neither draw nor count in the tile's key.
  let k = 0
  for (let i = 0; i < hits.length; i++) if (scene.layerMask[hits[i]] & active) hits[k++] = hits[i]
  return hits.subarray(0, k)
}

/** Draws tile z/x/y into `raster` (which must be TILE_SIZE square); returns the number of features drawn. */
export function renderTile(scene: Scene, style: CompiledStyle, z: number, x: number, y: number, raster: Raster, glyphs?: GlyphRun[], cache?: GlyphCache): number {
  const scale = TILE_SIZE * 2 ** z
  const ox = x * TILE_SIZE, oy = y * TILE_SIZE
  const hits = tileHits(scene, style, z, x, y)
  const [br, bg, bb] = style.background
  raster.clear(br, bg, bb)
  const { coords, ringStart, featRing, kind, layerMask } = scene
  for (let li = 0; li < style.layers.length; li++) {
    const layer = style.layers[li]
    if (!inZoom(layer, z)) continue
    const bit = 1 << li
    const isFill = layer.type === 'fill'
    const width = isFill ? 0 : atZoom(layer.width ?? 1, z)
    if (!isFill && width <= 0) continue
    // Below a quarter pixel a vertex adds nothing visible to a stroke; skipping them keeps low
    // zooms (a whole city in one tile) from costing a stroke per invisible segment.
    const minStep = 0.25
    let any = false
    for (let k = 0; k < hits.length; k++) {
      const f = hits[k]
      if (!(layerMask[f] & bit)) continue
      const poly = kind[f] === POLYGON
      if (isFill && !poly) continue
      any = true
      for (let r = featRing[f]; r < featRing[f + 1]; r++) {
        const a = ringStart[r], b = ringStart[r + 1]
        let px = coords[2 * a] * scale - ox, py = coords[2 * a + 1] * scale - oy
        if (isFill) {
          for (let i = a + 1; i <= b; i++) {
            // i === b closes the ring whether or not the source repeated the first vertex.
            const j = i === b ? a : i
            const qx = coords[2 * j] * scale - ox, qy = coords[2 * j + 1] * scale - oy
            raster.fillEdge(px, py, qx, qy)
            px = qx; py = qy
          }
        } else {
          const end = poly ? b + 1 : b
          for (let i = a + 1; i < end; i++) {
            const j = i === b ? a : i
            const qx = coords[2 * j] * scale - ox, qy = coords[2 * j + 1] * scale - oy
            const dx = qx - px, dy = qy - py
            if (dx * dx + dy * dy < minStep * minStep && i < end - 1) continue
            raster.strokeSegment(px, py, qx, qy, width)
            px = qx; py = qy
          }
        }
      }
    }
    if (!any) continue
    const [r, g, b] = layer.rgb
    if (isFill) raster.compositeFill(r, g, b, layer.opacity)
    else raster.compositeStroke(r, g, b, layer.opacity)
  }
  if (glyphs && cache) drawGlyphs(raster, style, glyphs, cache)
  return hits.length
}

/** Draws label glyphs (positions in tile pixels): every halo first, then every glyph, so no halo covers a neighbour's text. */
export function drawGlyphs(raster: Raster, style: CompiledStyle, glyphs: GlyphRun[], cache: GlyphCache): void {
  for (const pass of [0, 1] as const) {
    for (const run of glyphs) {
      const colours = style.labels[run.rule]
      const [r, g, b] = pass === 0 ? colours.halo : colours.rgb
      for (let i = 0; i < run.chars.length; i++) {
        const gl = cache.get(run.chars[i], run.size, run.haloWidth)
        const mask = pass === 0 ? gl.halo : gl.fill
        raster.blendMask(mask, gl.w, gl.h, Math.round(run.xs[i] - gl.w / 2), Math.round(run.ys[i] - gl.h / 2), r, g, b)
      }
    }
  }
}
