/**
 * buildTiles(options): the whole command as a library function — read the sources, pack the scene,
 * place labels per zoom, decide per tile (blank / unchanged / to render), render on all cores,
 * write the pyramid (z/x/y.png), blank.png, tiles.json (TileJSON 3.0.0), manifest.json and
 * features.geojson. The CLI only parses flags and prints.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join, resolve } from 'node:path'
import { createHash } from 'node:crypto'
import { readInputs, type SourceFeature } from './read.js'
import { loadStyle, styleHash } from './style.js'
import { buildScene, tileShareHash } from './scene.js'
import { compileStyle, tileHits, tileMargin } from './render.js'
import { labelCandidates, placeLabels, runsForTile } from './labels.js'
import { loadFont } from './text.js'
import { readManifest, writeManifest, tileKey, MANIFEST_FILE } from './manifest.js'
import { TileRenderer, type TileJob } from './renderer.js'
import { WorkerPool } from './pool.js'
import { gazetteerFeatures } from './features.js'
import { tileRange, MAX_LAT, MAX_ZOOM, TILE_SIZE } from './tile-math.js'
import { DEFAULT_FORMAT, FORMAT_FILES, isTileFormat, TILE_FORMATS, type TileFormat } from './encode.js'

/** The repository's default style. */
export const DEFAULT_STYLE = resolve(import.meta.dirname, '..', '..', 'data', 'styles', 'default.json')

/** Every option's default, in one place. */
export const DEFAULTS = {
  minZoom: 10,
  maxZoom: 17,
  /** Where the server looks with its default DATA_DIR (./var); the CLI passes $DATA_DIR/tiles. */
  out: join('./var', 'tiles'),
  style: DEFAULT_STYLE,
  /** One worker per core; the main thread only schedules and writes nothing heavy. */
  workers: availableParallelism(),
  /** Below this many tiles to render, starting workers (each loads the font) costs more than it saves. */
  minTilesForWorkers: 64,
  /** Tiles per message to a worker: fewer messages, still fine-grained enough to balance. */
  batch: 8,
  name: 'base map',
  attribution: '',
  /** Tile encoding: palette PNG, about half of full-colour PNG's bytes with the look kept (encode.ts). */
  format: DEFAULT_FORMAT as TileFormat,
}

/** URL template written into tiles.json, relative to the server that serves the pyramid; `ext` is the format's file type. */
export const tileUrl = (ext: string) => `/tiles/{z}/{x}/{y}.${ext}`

/** Options of buildTiles; see DEFAULTS. */
export interface BuildOptions {
  inputs: string[]
  out?: string
  minZoom?: number
  maxZoom?: number
  /** [west, south, east, north] in degrees; default: the data's extent. */
  bbox?: [number, number, number, number]
  style?: string
  /** Update an existing pyramid (only changed tiles are re-rendered); without it an existing one is an error. */
  force?: boolean
  workers?: number
  name?: string
  attribution?: string
  /** Tile encoding (png, png8, webp); default png8. Changing it re-renders every tile. */
  format?: TileFormat
  onProgress?: (done: number, total: number) => void
  onWarning?: (message: string) => void
}

/** What a build did. */
export interface BuildSummary {
  out: string
  bbox: [number, number, number, number]
  /** Tiles covering bbox × zooms. */
  tiles: number
  rendered: number
  /** Unchanged since the last build (same key in the manifest). */
  unchanged: number
  /** Nothing on them: not written, served as blank.png. */
  blank: number
  /** Tiles of the previous build that are now blank or out of range, deleted. */
  removed: number
  bytes: number
  features: number
  namedFeatures: number
  /** Reading and preparing the data (ms). */
  loadMs: number
  /** Deciding, rendering and writing tiles (ms). */
  renderMs: number
  ms: number
  /** The z/x/y of every tile rendered this time. */
  renderedTiles: string[]
}

/** Error raised when the output already holds a pyramid and `force` was not given. */
export class OutputExistsError extends Error {}

/** Builds or updates a tile pyramid. */
export async function buildTiles(opts: BuildOptions): Promise<BuildSummary> {
  const t0 = performance.now()
  const o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) } as typeof DEFAULTS & BuildOptions
  if (!o.inputs?.length) throw new Error('no input files: pass at least one --input')
  for (const z of [o.minZoom, o.maxZoom]) if (!Number.isInteger(z) || z < 0 || z > MAX_ZOOM) throw new Error(`zoom must be an integer 0–${MAX_ZOOM}, got ${z}`)
  if (o.minZoom > o.maxZoom) throw new Error(`--min-zoom ${o.minZoom} is above --max-zoom ${o.maxZoom}`)
  if (!isTileFormat(o.format)) throw new Error(`format must be one of ${TILE_FORMATS.join(', ')}, got ${o.format}`)
  const ext = FORMAT_FILES[o.format].ext
  const out = resolve(o.out)
  if (existsSync(out) && readdirSync(out).length && !o.force) {
    throw new OutputExistsError(`${out} already exists and is not empty; pass --force to update it (only changed tiles are re-rendered)`)
  }

  const features = await readInputs(o.inputs)
  if (!features.length) throw new Error('the inputs hold no features')
  const style = loadStyle(o.style)
  const bbox = o.bbox ?? dataBBox(features)
  checkBBox(bbox)
  const cands = style.labels.length ? labelCandidates(features, style) : []
  if (style.labels.length && !loadFont(style.fonts)) o.onWarning?.(`none of the style's fonts exists (${style.fonts.join(', ')}): labels will use a fallback font; install fonts-noto-cjk`)
  const tileCount = countTiles(bbox, o.minZoom, o.maxZoom)
  const workers = Math.max(1, Math.floor(o.workers))
  const scene = buildScene(features, style, workers > 1)
  const cs = compileStyle(style)
  const sh = styleHash(style)
  const loadMs = performance.now() - t0

  mkdirSync(out, { recursive: true })
  // Workers take ~0.5 s to boot (module loading in each thread): start them now so they boot while
  // this thread decides which tiles need rendering. A rebuild that then has little to do renders
  // in-process and lets them go.
  const pool = workers > 1 && tileCount >= o.minTilesForWorkers ? new WorkerPool(scene, style, workers, o.format) : null
  // Declared out here: the summary and the files after the render need them.
  const tiles: Record<string, string> = {}
  const jobs: TileJob[] = []
  let blank = 0, unchanged = 0, removed = 0, bytes = 0
  let renderer: TileRenderer
  let old: ReturnType<typeof readManifest>
  try {
    old = readManifest(out)
    // A build in another file type leaves its files behind under the old extension: they go, every one
    // (the tile keys carry the format, so every tile is rendered again in the new one).
    const oldExt = FORMAT_FILES[old.format].ext
    if (oldExt !== ext) {
      for (const id of Object.keys(old.tiles)) rmSync(join(out, `${id}.${oldExt}`), { force: true })
      rmSync(join(out, `blank.${oldExt}`), { force: true })
    }
    let done = 0
    const tick = () => o.onProgress?.(++done, tileCount)
    const drop = (key: string) => {
      if (!(key in old.tiles)) return
      rmSync(join(out, `${key}.${oldExt}`), { force: true })
      removed++
    }
    for (let z = o.minZoom; z <= o.maxZoom; z++) {
      const [x0, y0, x1, y1] = tileRange(bbox, z)
      const zl = placeLabels(cands, style, z, [x0 * TILE_SIZE, y0 * TILE_SIZE, (x1 + 1) * TILE_SIZE, (y1 + 1) * TILE_SIZE])
      for (let x = x0; x <= x1; x++) {
        for (let y = y0; y <= y1; y++) {
          const id = `${z}/${x}/${y}`
          const hits = tileHits(scene, cs, z, x, y)
          const hashes = new Uint32Array(hits.length)
          let n = 0
          if (hits.length) {
            const m = tileMargin(cs, z) / (TILE_SIZE * 2 ** z), k = 2 ** z
            for (let i = 0; i < hits.length; i++) {
              const h = tileShareHash(scene, hits[i], x / k - m, y / k - m, (x + 1) / k + m, (y + 1) / k + m)
              if (h) hashes[n++] = h
            }
          }
          const { runs, keys } = runsForTile(zl, x, y)
          if (!n && !runs.length) {
            blank++
            drop(id)
            tick()
            continue
          }
          const key = tileKey(`${sh}|${o.format}`, z, x, y, hashes.subarray(0, n), keys)
          tiles[id] = key
          const path = join(out, `${id}.${ext}`)
          if (old.tiles[id] === key && existsSync(path)) {
            unchanged++
            tick()
            continue
          }
          jobs.push({ z, x, y, runs, path })
        }
      }
    }
    for (const id of Object.keys(old.tiles)) if (!(id in tiles)) drop(id)
    for (const dir of new Set(jobs.map((j) => `${j.z}/${j.x}`))) mkdirSync(join(out, dir), { recursive: true })

    renderer = new TileRenderer(scene, style, o.format)
    if (pool && jobs.length >= o.minTilesForWorkers) {
      const inFlight = new Set<Promise<void>>()
      for (let i = 0; i < jobs.length; i += o.batch) {
        const batch = jobs.slice(i, i + o.batch)
        const p: Promise<void> = pool.run(batch).then((b) => {
          for (const n of b) { bytes += n; tick() }
          inFlight.delete(p)
        })
        inFlight.add(p)
        if (inFlight.size >= pool.size * 2) await Promise.race(inFlight)
      }
      await Promise.all(inFlight)
    } else {
      await pool?.close()
      for (const j of jobs) { bytes += await renderer.write(j); tick() }
    }
  } finally {
    // Whatever failed, the workers must go, or they keep the process alive.
    await pool?.close()
  }

  writeFileSync(join(out, `blank.${ext}`), await renderer.blank())
  const fc = gazetteerFeatures(features)
  writeFileSync(join(out, 'features.geojson'), JSON.stringify(fc))
  // The build id in tile URLs lets browsers cache tiles forever: a rebuild changes the id.
  const build = createHash('sha1').update(JSON.stringify(tiles)).digest('hex').slice(0, 12)
  writeFileSync(join(out, 'tiles.json'), JSON.stringify(tileJson({ ...o, tileUrl: `${tileUrl(ext)}?v=${build}` }, bbox), null, 2))
  writeManifest(out, { version: old.version, format: o.format, tiles })
  const ms = performance.now() - t0
  return {
    out, bbox, tiles: tileCount, rendered: jobs.length, unchanged, blank, removed, bytes,
    features: features.length, namedFeatures: fc.features.length, loadMs, renderMs: ms - loadMs, ms,
    renderedTiles: jobs.map((j) => `${j.z}/${j.x}/${j.y}`),
  }
}

/**
 * TileJSON 3.0.0 for the pyramid. Besides the standard keys: `format`, the tiles' file type (png or
 * webp, as MBTiles metadata names it; the server reads it to find the files) and `encoding`, how the
 * builder encoded them (png, png8 or webp).
 */
export function tileJson(o: { name: string; attribution: string; minZoom: number; maxZoom: number; tileUrl: string; format?: TileFormat }, bbox: [number, number, number, number]) {
  const format = o.format ?? DEFAULT_FORMAT
  return {
    tilejson: '3.0.0',
    name: o.name,
    attribution: o.attribution,
    scheme: 'xyz',
    tiles: [o.tileUrl],
    minzoom: o.minZoom,
    maxzoom: o.maxZoom,
    format: FORMAT_FILES[format].ext,
    encoding: format,
    bounds: bbox,
    center: [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2, Math.min(o.maxZoom, o.minZoom + 3)],
  }
}

/** The extent of every coordinate of the features. */
export function dataBBox(features: SourceFeature[]): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity]
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return
    if (typeof c[0] === 'number') {
      if (c[0] < b[0]) b[0] = c[0]
      if (c[1] < b[1]) b[1] = c[1]
      if (c[0] > b[2]) b[2] = c[0]
      if (c[1] > b[3]) b[3] = c[1]
      return
    }
    for (const e of c) walk(e)
  }
  const geom = (g: SourceFeature['geometry']): void => { walk(g.coordinates); g.geometries?.forEach(geom) }
  for (const f of features) geom(f.geometry)
  return b
}

function checkBBox([w, s, e, n]: number[]): void {
  const ok = [w, s, e, n].every(Number.isFinite) && w >= -180 && e <= 180 && s >= -90 && n <= 90 && w <= e && s <= n
  if (!ok) throw new Error(`bbox must be west,south,east,north in degrees with west ≤ east and south ≤ north, got ${[w, s, e, n].join(',')}`)
  if (s > MAX_LAT || n < -MAX_LAT) throw new Error(`bbox ${[w, s, e, n].join(',')} lies beyond Web Mercator's ±${MAX_LAT.toFixed(4)}°`)
}

function countTiles(bbox: [number, number, number, number], minZoom: number, maxZoom: number): number {
  let n = 0
  for (let z = minZoom; z <= maxZoom; z++) {
    const [x0, y0, x1, y1] = tileRange(bbox, z)
    n += (x1 - x0 + 1) * (y1 - y0 + 1)
  }
  return n
}

/** File names a pyramid directory holds besides z/ folders (the server never serves these as tiles). */
export const PYRAMID_FILES = ['tiles.json', 'blank.png', 'blank.webp', MANIFEST_FILE, 'features.geojson']
