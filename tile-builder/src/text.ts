/**
 * Glyphs for labels. Skia (@napi-rs/canvas) rasterises each character once per size into an
 * 8-bit mask — one for the halo, one for the glyph — and the tile renderer composites the cached
 * masks itself; text never goes through a canvas per tile. Chinese labels are set character by
 * character upright (the Chinese convention along roads), so masks never need rotating.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { SKRSContext2D } from '@napi-rs/canvas'
import { extractFace } from './ttc.js'

// Loaded on first use: a style without labels (and every worker of such a build) never pays for
// loading Skia.
const require = createRequire(import.meta.url)
const skia = () => require('@napi-rs/canvas') as typeof import('@napi-rs/canvas')

/** The family alias every label font is registered under. */
export const FONT_ALIAS = 'TileBuilderLabel'

/** One rasterised character: masks of w×h, centred on the character's centre. */
export interface Glyph { w: number; h: number; fill: Uint8Array; halo: Uint8Array }

let loaded: string | null | undefined

/**
 * Registers the first existing font of the style's list (`path` or `path.ttc#Family`) and
 * returns its path, or null when none exists (labels then use whatever Skia finds, often tofu).
 */
export function loadFont(candidates: string[]): string | null {
  if (loaded !== undefined) return loaded
  loaded = null
  for (const c of candidates) {
    const [path, family] = c.split('#')
    if (!existsSync(path)) continue
    const buf = readFileSync(path)
    skia().GlobalFonts.register(family ? extractFace(buf, family) : buf, FONT_ALIAS)
    loaded = c
    break
  }
  return loaded
}

/** Rasterises and remembers glyph masks; one per thread. */
export class GlyphCache {
  private readonly cache = new Map<string, Glyph>()
  private ctx: SKRSContext2D | null = null
  private side = 0

  /** The masks of one character at a size (px) with a halo radius (px). */
  get(ch: string, size: number, halo: number): Glyph {
    const key = `${size}|${halo}|${ch}`
    let g = this.cache.get(key)
    if (!g) {
      g = this.draw(ch, size, halo)
      this.cache.set(key, g)
    }
    return g
  }

  private draw(ch: string, size: number, halo: number): Glyph {
    const s = Math.ceil(size * 1.5 + 2 * halo + 2)
    if (!this.ctx || this.side < s) {
      this.side = Math.max(s, 64)
      this.ctx = skia().createCanvas(this.side, this.side).getContext('2d')
    }
    const ctx = this.ctx
    ctx.font = `${size}px ${FONT_ALIAS}`
    ctx.textAlign = 'center'
    ctx.textBaseline = 'middle'
    ctx.fillStyle = '#000'
    ctx.strokeStyle = '#000'
    ctx.lineJoin = 'round'
    ctx.lineWidth = 2 * halo
    const alpha = () => {
      const d = ctx.getImageData(0, 0, s, s).data
      const m = new Uint8Array(s * s)
      for (let i = 0; i < m.length; i++) m[i] = d[4 * i + 3]
      ctx.clearRect(0, 0, s, s)
      return m
    }
    ctx.clearRect(0, 0, this.side, this.side)
    if (halo > 0) ctx.strokeText(ch, s / 2, s / 2)
    ctx.fillText(ch, s / 2, s / 2)
    const haloMask = alpha()
    ctx.fillText(ch, s / 2, s / 2)
    return { w: s, h: s, fill: alpha(), halo: haloMask }
  }
}

let measureCtx: SKRSContext2D | null = null

/** Advance widths (px) of each character of `text` at a size. */
export function advances(text: string, size: number): number[] {
  measureCtx ??= skia().createCanvas(8, 8).getContext('2d')
  measureCtx.font = `${size}px ${FONT_ALIAS}`
  return Array.from(text, (ch) => measureCtx!.measureText(ch).width)
}
