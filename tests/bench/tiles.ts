/**
 * Tile rendering on the shared workload (shared/bench/tiles: a synthetic city, 328 tiles z11–15)
 * against the named peer, Mapnik (@mapnik/mapnik, its own XML style), with our equivalent style
 * (data/styles/mapnik-bench.json). Single thread, warm, data loading excluded, PNG encoding
 * included for both; then the whole machine through buildTiles with one worker per core.
 * Prints figures and ratios; asserts nothing about time.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import sharp from 'sharp'
import { readInputs } from '../../tile-builder/src/read.js'
import { loadStyle } from '../../tile-builder/src/style.js'
import { buildScene } from '../../tile-builder/src/scene.js'
import { TileRenderer } from '../../tile-builder/src/renderer.js'
import { encodePng, encodeTile, DEFAULT_FORMAT, TILE_FORMATS } from '../../tile-builder/src/encode.js'
import { lookDiff } from '../../tile-builder/src/look.js'
import { buildTiles } from '../../tile-builder/src/pyramid.js'
import { WorkerPool } from '../../tile-builder/src/pool.js'
import { tileBounds } from '../../tile-builder/src/tile-math.js'

const ROOT = join(import.meta.dirname, '..', '..')
const WORKLOAD = process.env.BENCH_TILES_DIR ?? join(ROOT, '..', 'shared', 'bench', 'tiles')
const STYLE = join(ROOT, 'data', 'styles', 'mapnik-bench.json')
const LAYERS = ['admin', 'water', 'buildings', 'roads']
/** The city's extent in make-city.mjs; its tiles.json is exactly the tiles covering it at z11–15. */
const CITY: [number, number, number, number] = [116.30, 39.85, 116.45, 39.97]
/** Published peer figure (shared/bench/tiles/README.md), printed when Mapnik cannot run here. */
const MAPNIK_PUBLISHED = '158–160'
const PASSES = Number(process.env.BENCH_TILES_PASSES ?? 5)

type Tile = [number, number, number]

/**
 * Tiles/s of each renderer: one warm-up pass each, then PASSES rounds in which every renderer
 * does one timed pass in turn, best pass kept. Alternating keeps a renderer from being favoured
 * by a quiet moment on a shared machine.
 */
async function rates(tiles: Tile[], renderers: Array<(t: Tile) => unknown | Promise<unknown>>): Promise<number[]> {
  for (const one of renderers) for (const t of tiles) await one(t)
  const best = renderers.map(() => Infinity)
  for (let p = 0; p < PASSES; p++) {
    for (const [i, one] of renderers.entries()) {
      const t0 = performance.now()
      for (const t of tiles) await one(t)
      best[i] = Math.min(best[i], performance.now() - t0)
    }
  }
  return best.map((ms) => (tiles.length / ms) * 1000)
}

/** Tiles/s of one renderer (see rates). */
const rate = async (tiles: Tile[], one: (t: Tile) => unknown | Promise<unknown>) => (await rates(tiles, [one]))[0]

/** Mercator metres of a tile, for Mapnik's extent. */
function mercBox(z: number, x: number, y: number): [number, number, number, number] {
  const R = 6378137
  const [w, s, e, n] = tileBounds(z, x, y)
  const mx = (lon: number) => (lon * Math.PI * R) / 180
  const my = (lat: number) => R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))
  return [mx(w), my(s), mx(e), my(n)]
}

/** A Mapnik tile renderer over the workload, or the reason it cannot run here. */
interface MapnikImage { encodeSync: (f: string) => Buffer }
async function mapnikRenderer(dir: string): Promise<{ render: (t: Tile) => Promise<Buffer>; image: (t: Tile) => Promise<MapnikImage>; version: string } | { reason: string }> {
  let mapnik: any // eslint-disable-line @typescript-eslint/no-explicit-any -- the binding ships no types
  try {
    mapnik = (await import('@mapnik/mapnik' as string)).default
    mapnik.register_default_input_plugins()
  } catch (e) {
    return { reason: `@mapnik/mapnik not loadable (${(e as Error).message.split('\n')[0]})` }
  }
  const map = new mapnik.Map(256, 256)
  map.fromStringSync(readFileSync(join(WORKLOAD, 'mapnik-style.xml'), 'utf8'), { strict: true, base: `${dir}/` })
  map.bufferSize = 16
  const image = ([z, x, y]: Tile) => new Promise<MapnikImage>((resolve, reject) => {
    map.extent = mercBox(z, x, y)
    map.render(new mapnik.Image(256, 256), {}, (err: Error | null, im: MapnikImage) => (err ? reject(err) : resolve(im)))
  })
  const render = async (t: Tile) => (await image(t)).encodeSync('png')
  return { render, image, version: String(mapnik.versions?.mapnik ?? '?') }
}

/** Runs the tile benchmark and prints its figures. */
export async function benchTiles(): Promise<void> {
  console.log('\n## tiles — shared workload (synthetic city), 256 px PNG tiles z11–15')
  if (!existsSync(join(WORKLOAD, 'make-city.mjs'))) {
    console.log(`skipped: no workload at ${WORKLOAD} (set BENCH_TILES_DIR)`)
    return
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-tiles-'))
  try {
    const made = spawnSync(process.execPath, [join(WORKLOAD, 'make-city.mjs'), dir], { encoding: 'utf8' })
    if (made.status !== 0) throw new Error(`make-city.mjs failed: ${made.stderr}`)
    const tiles = JSON.parse(readFileSync(join(dir, 'tiles.json'), 'utf8')) as Tile[]
    const inputs = LAYERS.map((l) => join(dir, `${l}.geojson`))

    // Ours, one thread: load and pack once (excluded), then render + encode each tile.
    const style = loadStyle(STYLE)
    const feats = await readInputs(inputs)
    const renderer = new TileRenderer(buildScene(feats, style, false), style)
    const mapnik = await mapnikRenderer(dir)
    const oursOne = ([z, x, y]: Tile) => renderer.png({ z, x, y, runs: [] })
    const [ours, peerRate] = 'render' in mapnik ? await rates(tiles, [oursOne, mapnik.render]) : [await rate(tiles, oursOne), 0]
    let bytes = 0
    for (const [z, x, y] of tiles) bytes += renderer.png({ z, x, y, runs: [] }).length
    const drawOnly = await rate(tiles, ([z, x, y]) => renderer.rgb({ z, x, y, runs: [] }))

    // Encoders on our own rendered tiles (the choice encode.ts documents).
    const rgbs = tiles.filter((_, i) => i % 8 === 0).map(([z, x, y]) => Uint8Array.from(renderer.rgb({ z, x, y, runs: [] })))
    const encMs = async (f: (rgb: Uint8Array) => unknown) => 1000 / (await rate(rgbs.map((_, i) => [i, 0, 0] as Tile), ([i]) => f(rgbs[i])))
    const enc = {
      'ours zlib-1': await encMs((b) => encodePng(b, 256, 256, { level: 1 })),
      'ours zlib-6': await encMs((b) => encodePng(b, 256, 256, { level: 6 })),
      'sharp level 1': await encMs((b) => sharp(b, { raw: { width: 256, height: 256, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer()),
      'sharp level 6': await encMs((b) => sharp(b, { raw: { width: 256, height: 256, channels: 3 } }).png({ compressionLevel: 6 }).toBuffer()),
    }

    // Encodings, on every second tile of the workload: bytes/tile, encode ms/tile (from the rendered
    // pixels, rendering excluded) and the look — each decoded tile against the full-colour original
    // (mean and max per-channel difference, share of pixels off by > 8 levels). Mapnik's own encoders
    // on Mapnik's own rendering of the same tiles: 'png' (full-colour RGBA in Mapnik 4) and 'png8'.
    const sample = tiles.filter((_, i) => i % 2 === 0)
    const originals = sample.map(([z, x, y]) => Uint8Array.from(renderer.rgb({ z, x, y, runs: [] })))
    const idx = sample.map((_, i) => [i, 0, 0] as Tile)
    const formats: Record<string, { kib: number; ms: number; mean: number; max: number; changed: number }> = {}
    const look = async (bodies: Buffer[], refs: Uint8Array[]) => {
      let mean = 0, max = 0, changed = 0
      for (const [i, b] of bodies.entries()) {
        const d = lookDiff(refs[i], await sharp(b).removeAlpha().raw().toBuffer())
        mean += d.mean / bodies.length; changed += d.changedShare / bodies.length; max = Math.max(max, d.max)
      }
      return { mean, max, changed }
    }
    for (const f of TILE_FORMATS) {
      const ms = 1000 / (await rate(idx, ([i]) => encodeTile(originals[i], 256, 256, f)))
      const bodies = await Promise.all(originals.map((o) => encodeTile(o, 256, 256, f)))
      formats[`ours ${f}`] = { kib: bodies.reduce((n, b) => n + b.length, 0) / bodies.length / 1024, ms, ...(await look(bodies, originals)) }
    }
    if ('render' in mapnik) {
      const ims: MapnikImage[] = []
      for (const t of sample) ims.push(await mapnik.image(t)) // one map: one render at a time
      const full = await Promise.all(ims.map(async (im) => Uint8Array.from(await sharp(im.encodeSync('png')).removeAlpha().raw().toBuffer())))
      for (const f of ['png', 'png8']) {
        const ms = 1000 / (await rate(idx, ([i]) => ims[i].encodeSync(f)))
        const bodies = ims.map((im) => im.encodeSync(f))
        formats[`mapnik ${f}`] = { kib: bodies.reduce((n, b) => n + b.length, 0) / bodies.length / 1024, ms, ...(await look(bodies, full)) }
      }
    }
    // End to end in the default encoding: render + encode, one thread.
    const defaultRate = await rate(tiles, ([z, x, y]) => renderer.encode({ z, x, y, runs: [] }))

    // Whole machine, warm: one worker per core over the shared scene, booted before timing
    // (render + encode + write each tile), best of PASSES like the single-thread figure.
    const cores = availableParallelism()
    const warmDir = join(dir, 'warm')
    for (const [z, x] of tiles) mkdirSync(join(warmDir, String(z), String(x)), { recursive: true })
    const pool = new WorkerPool(buildScene(feats, style, true), style, cores)
    let warm = 0
    try {
      const jobs = tiles.map(([z, x, y]) => ({ z, x, y, runs: [], path: join(warmDir, `${z}/${x}/${y}.png`) }))
      const pass = async () => {
        const t0 = performance.now()
        const batches: Promise<number[]>[] = []
        for (let i = 0; i < jobs.length; i += 8) batches.push(pool.run(jobs.slice(i, i + 8)))
        await Promise.all(batches)
        return performance.now() - t0
      }
      await pass()
      let best = Infinity
      for (let p = 0; p < PASSES; p++) best = Math.min(best, await pass())
      warm = (tiles.length / best) * 1000
    } finally {
      await pool.close()
    }
    // Whole machine, cold: the real command path (worker start-up, tile keys, manifest, files), data loading excluded.
    const s = await buildTiles({ inputs, out: join(dir, 'out'), style: STYLE, minZoom: 11, maxZoom: 15, bbox: CITY, workers: cores, force: true })
    const machine = (s.rendered / s.renderMs) * 1000

    console.log(`tiles: ${tiles.length} (${s.tiles} from buildTiles over the same bbox), ${feats.length} features; ${(bytes / tiles.length / 1024).toFixed(1)} KiB/tile as full-colour PNG`)
    console.log(`ours, 1 thread, render + PNG:   ${ours.toFixed(1)} tiles/s/core  (drawing alone ${drawOnly.toFixed(0)} tiles/s)`)
    if ('render' in mapnik) {
      console.log(`mapnik ${mapnik.version}, 1 thread, PNG:   ${peerRate.toFixed(1)} tiles/s/core`)
      console.log(`ratio ours / mapnik per core:   ${(ours / peerRate).toFixed(2)}×  (passes alternated, best of ${PASSES} each)`)
    } else {
      console.log(`mapnik: not measured in this run — ${mapnik.reason}; published peer figure ${MAPNIK_PUBLISHED} tiles/s/core`)
      console.log(`ratio ours / mapnik (published 159): ${(ours / 159).toFixed(2)}×`)
    }
    console.log(`ours, whole machine, warm (${cores} workers, render + ${DEFAULT_FORMAT} + write): ${warm.toFixed(1)} tiles/s (${(warm / cores).toFixed(1)} tiles/s/core)`)
    console.log(`ours, whole machine, cold (buildTiles in ${DEFAULT_FORMAT}: worker start-up, tile keys, writes): ${machine.toFixed(1)} tiles/s (${s.rendered} tiles in ${(s.renderMs / 1000).toFixed(2)} s)`)
    console.log(`PNG encoders, ms/tile: ${Object.entries(enc).map(([k, v]) => `${k} ${v.toFixed(2)}`).join('; ')}`)
    console.log(`\nencodings (${sample.length} tiles, every second; ms/tile = encoding alone, one thread; look = decoded vs the full-colour tile of the same renderer):`)
    console.log('| encoding | KiB/tile | ms/tile | mean diff (levels) | max diff | pixels > 8 levels |')
    console.log('|---|---:|---:|---:|---:|---:|')
    for (const [k, v] of Object.entries(formats)) console.log(`| ${k}${k === `ours ${DEFAULT_FORMAT}` ? ' (default)' : ''} | ${v.kib.toFixed(1)} | ${v.ms.toFixed(2)} | ${v.mean.toFixed(3)} | ${v.max} | ${(v.changed * 100).toFixed(3)}% |`)
    const m = formats['mapnik png8'], mp = formats['mapnik png']
    if (m && mp) {
      for (const f of TILE_FORMATS) {
        const o = formats[`ours ${f}`]
        console.log(`ours ${f} / mapnik png8: bytes ${(o.kib / m.kib).toFixed(2)}×, encode time ${(o.ms / m.ms).toFixed(2)}×;  / mapnik png: bytes ${(o.kib / mp.kib).toFixed(2)}×, time ${(o.ms / mp.ms).toFixed(2)}×`)
      }
    }
    console.log(`ours, 1 thread, render + ${DEFAULT_FORMAT} (the default): ${defaultRate.toFixed(1)} tiles/s/core${'render' in mapnik ? ` (${(defaultRate / peerRate).toFixed(2)}× mapnik's render + png)` : ''}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchTiles()
