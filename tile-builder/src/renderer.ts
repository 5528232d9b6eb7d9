/**
 * A per-thread tile renderer: the scene, the compiled style, one reusable raster and the glyph
 * cache, so a tile costs drawing and encoding only. The main thread uses one when rendering
 * in-process; each worker thread holds its own.
 */
import { writeFileSync, renameSync } from 'node:fs'
import { Raster } from './raster.js'
import { type Scene } from './scene.js'
import { type Style } from './style.js'
import { type CompiledStyle, compileStyle, renderTile } from './render.js'
import { encodePng, encodeTile, DEFAULT_FORMAT, type TileFormat } from './encode.js'
import { GlyphCache, loadFont } from './text.js'
import { TILE_SIZE } from './tile-math.js'
import type { GlyphRun } from './labels.js'

/** One tile to draw: its address, its labels (tile pixels) and where to write it. */
export interface TileJob { z: number; x: number; y: number; runs: GlyphRun[]; path?: string }

/** Renders tiles for one thread. */
export class TileRenderer {
  private readonly style: CompiledStyle
  private readonly raster = new Raster(TILE_SIZE, TILE_SIZE)
  private readonly glyphs = new GlyphCache()

  /** `format`: how tiles are encoded by encode/write/blank (png() is always full-colour PNG). */
  constructor(private readonly scene: Scene, style: Style, readonly format: TileFormat = DEFAULT_FORMAT) {
    this.style = compileStyle(style)
    if (style.labels.length) loadFont(style.fonts)
  }

  /** The tile as RGB bytes (a view into the shared raster: copy it before the next call). */
  rgb(job: TileJob): Uint8Array {
    renderTile(this.scene, this.style, job.z, job.x, job.y, this.raster, job.runs, this.glyphs)
    return this.raster.rgb
  }

  /** The tile as full-colour PNG bytes, whatever the renderer's format. */
  png(job: TileJob): Buffer {
    return encodePng(this.rgb(job), TILE_SIZE, TILE_SIZE)
  }

  /** The tile in the renderer's format. */
  encode(job: TileJob): Promise<Buffer> {
    return encodeTile(this.rgb(job), TILE_SIZE, TILE_SIZE, this.format)
  }

  /** Renders and writes the tile to job.path (temp file + rename: a server never sees half a tile); returns its size. */
  async write(job: TileJob): Promise<number> {
    const body = await this.encode(job)
    const tmp = `${job.path}.tmp`
    writeFileSync(tmp, body)
    renameSync(tmp, job.path!)
    return body.length
  }

  /** The background-only tile in the renderer's format, served for tiles with nothing on them. */
  blank(): Promise<Buffer> {
    const [r, g, b] = this.style.background
    this.raster.clear(r, g, b)
    return encodeTile(this.raster.rgb, TILE_SIZE, TILE_SIZE, this.format)
  }
}
