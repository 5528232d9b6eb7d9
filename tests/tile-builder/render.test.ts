/**
 * Renders the tiny fixture (tests/fixtures/tiles/in/tiny.geojson) with the default style and
 * compares each tile with the stored PNG in tests/fixtures/tiles/out/. Only `REGEN=1` writes them
 * (look at them before committing); a missing PNG fails, so a tile is never compared with itself.
 * Tolerance allows for font hinting between Skia builds, not for a missing road or label.
 */
import { describe, it, expect, beforeAll } from 'vitest'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { readInputs } from '../../tile-builder/src/read.js'
import { loadStyle } from '../../tile-builder/src/style.js'
import { buildScene } from '../../tile-builder/src/scene.js'
import { TileRenderer } from '../../tile-builder/src/renderer.js'
import { labelCandidates, placeLabels, runsForTile } from '../../tile-builder/src/labels.js'
import { loadFont } from '../../tile-builder/src/text.js'
import { DEFAULT_STYLE } from '../../tile-builder/src/pyramid.js'
import { encodePng } from '../../tile-builder/src/encode.js'
import { tilesInBBox } from '../../tile-builder/src/tile-math.js'

const FIX = join(import.meta.dirname, '..', 'fixtures', 'tiles')
const BBOX: [number, number, number, number] = [121.462, 31.222, 121.478, 31.236]
const TILES = tilesInBBox(BBOX, 13, 15)

let renderer: TileRenderer
let runs: (z: number, x: number, y: number) => ReturnType<typeof runsForTile>['runs']

beforeAll(async () => {
  const style = loadStyle(DEFAULT_STYLE)
  loadFont(style.fonts)
  const feats = await readInputs([join(FIX, 'in', 'tiny.geojson')])
  renderer = new TileRenderer(buildScene(feats, style, false), style)
  const cands = labelCandidates(feats, style)
  const byZoom = new Map([13, 14, 15].map((z) => [z, placeLabels(cands, style, z)]))
  runs = (z, x, y) => runsForTile(byZoom.get(z)!, x, y).runs
})

describe('rendering the tiny fixture', () => {
  it('has the CJK label font (Debian fonts-noto-cjk, installed by .ci/run)', () => {
    expect(loadFont(loadStyle(DEFAULT_STYLE).fonts), 'no CJK font: apt-get install fonts-noto-cjk').toMatch(/CJK/)
  })

  it.each(TILES)('tile %i/%i/%i matches the stored PNG', async (z, x, y) => {
    const rgb = Uint8Array.from(renderer.rgb({ z, x, y, runs: runs(z, x, y) }))
    const file = join(FIX, 'out', `${z}-${x}-${y}.png`)
    if (process.env.REGEN) {
      mkdirSync(join(FIX, 'out'), { recursive: true })
      writeFileSync(file, encodePng(rgb, 256, 256))
    }
    expect(existsSync(file), `no stored PNG ${file}: run with REGEN=1 to write it, and look at it before committing`).toBe(true)
    const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true })
    expect([info.width, info.height, info.channels]).toEqual([256, 256, 3])
    let off = 0
    let worst = 0
    for (let i = 0; i < data.length; i++) {
      const d = Math.abs(data[i] - rgb[i])
      if (d > 24) off++
      if (d > worst) worst = d
    }
    // Up to 0.5% of the channel values may differ by more than 24 levels (glyph edges).
    expect(off, `${off} channel values differ by > 24 (worst ${worst})`).toBeLessThan(data.length * 0.005)
  })

  it('draws something on every tile that has features, and the labels of the fixture', () => {
    const z15 = TILES.filter(([z]) => z === 15)
    const labelled = z15.flatMap(([z, x, y]) => runs(z, x, y)).map((r) => r.chars.join(''))
    expect(new Set(labelled)).toContain('测试大道')
    expect(new Set(labelled)).toContain('样本路')
  })
})
