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
import { encodePng } from './encode.js'
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

  constructor(private readonly scene: Scene, style: Style) {
    this.style = compileStyle(style)
    if (style.labels.length) loadFont(style.fonts)
  }

  /** The tile as RGB bytes (a view into the shared raster: copy it before the next call). */
  rgb(job: TileJob): Uint8Array {
    renderTile(this.scene, this.style, job.z, job.x, job.y, this.raster, job.runs, this.glyphs)
    return this.raster.rgb
  }

  /** The tile as PNG bytes. */
  png(job: TileJob): Buffer {
    return encodePng(this.rgb(job), TILE_SIZE, TILE_SIZE)
  }

  /** Renders and writes the tile to job.path (temp file + rename: a server never sees half a tile); returns its size. */
  write(job: TileJob): number {
    const png = this.png(job)
    const tmp = `${job.path}.tmp`
    writeFileSync(tmp, png)
    renameSync(tmp, job.path!)
    return png.length
  }

  /** The background-only tile, served for tiles with nothing on them. */
  blank(): Buffer {
    const [r, g, b] = this.style.background
    this.raster.clear(r, g, b)
    return encodePng(this.raster.rgb, TILE_SIZE, TILE_SIZE)
  }
}
