/** npm run tiles — thin CLI over buildTiles(): parse flags, show progress, print the summary. */
import { parseArgs } from 'node:util'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildTiles, DEFAULTS, OutputExistsError } from '../src/pyramid.js'
import { isTileFormat, TILE_FORMATS, type TileFormat } from '../src/encode.js'
import { importFeatures } from '../src/features.js'
import { progressBar, formatBytes, formatDuration } from '../src/progress.js'

/** The service's DATA_DIR: the default output is its tiles folder, and --import-features reads its admin token. */
const DATA_DIR = process.env.DATA_DIR ?? './var'
const OUT = join(DATA_DIR, 'tiles')

const HELP = `Usage: npm run tiles -- --input FILE [FILE…] [options]

Renders vector map data into an XYZ pyramid of 256 px tiles (Web Mercator, z/x/y.png or .webp) with
TileJSON, and writes the map's named features for the gazetteer (features.geojson).

  --input FILE…        GeoJSON (.geojson/.json), OSM XML (.osm) or Shapefile (.shp, or a .zip
                       holding one; the .cpg code page is honoured, e.g. GBK). Repeatable.
  --min-zoom Z         lowest zoom (default ${DEFAULTS.minZoom})
  --max-zoom Z         highest zoom (default ${DEFAULTS.maxZoom})
  --bbox W,S,E,N       area in WGS-84 degrees (default: the data's extent)
  --out DIR            output directory (default ${OUT}, i.e. $DATA_DIR/tiles)
  --style FILE         style file (default data/styles/default.json)
  --format F           tile encoding (default ${DEFAULTS.format}): png8 = palette PNG (~half of png's
                       bytes, same look), png = full-colour PNG, webp = lossless WebP (.webp files;
                       the server still answers .png URLs by converting). Changing it re-renders all.
  --force              update an existing pyramid: only tiles whose content changed are re-rendered
  --workers N          render threads (default ${DEFAULTS.workers}, one per core)
  --name TEXT          name in tiles.json (default "${DEFAULTS.name}")
  --attribution TEXT   attribution in tiles.json, e.g. "© OpenStreetMap contributors"
  --import-features    also POST features.geojson to a running service's /api/import/features
  --url URL            the service for --import-features (default http://localhost:8080)
  --help               this text

Exit codes: 0 done, 1 failed, 2 bad arguments or output exists without --force.`

/** Parses argv and runs; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let args
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        input: { type: 'string', multiple: true },
        'min-zoom': { type: 'string' },
        'max-zoom': { type: 'string' },
        bbox: { type: 'string' },
        out: { type: 'string' },
        style: { type: 'string' },
        format: { type: 'string' },
        force: { type: 'boolean', default: false },
        workers: { type: 'string' },
        name: { type: 'string' },
        attribution: { type: 'string' },
        'import-features': { type: 'boolean', default: false },
        url: { type: 'string', default: 'http://localhost:8080' },
        help: { type: 'boolean', default: false },
      },
    })
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${HELP}`)
    return 2
  }
  const v = args.values
  if (v.help) {
    console.log(HELP)
    return 0
  }
  // `--input a.osm b.geojson` (as in the issue) leaves b.geojson as a positional: both are inputs.
  const inputs = [...(v.input ?? []), ...args.positionals]
  const int = (s: string | undefined, what: string) => {
    if (s === undefined) return undefined
    if (!/^\d+$/.test(s)) throw new UsageError(`${what} must be a whole number, got "${s}"`)
    return Number(s)
  }
  let bbox: [number, number, number, number] | undefined
  try {
    if (!inputs.length) throw new UsageError('no input: pass --input FILE')
    if (v.bbox !== undefined) {
      const p = v.bbox.split(',').map(Number)
      if (p.length !== 4 || p.some((n) => !Number.isFinite(n))) throw new UsageError(`--bbox must be W,S,E,N (four numbers), got "${v.bbox}"`)
      bbox = p as [number, number, number, number]
    }
    if (v.format !== undefined && !isTileFormat(v.format)) throw new UsageError(`--format must be one of ${TILE_FORMATS.join(', ')}, got "${v.format}"`)
    const bar = progressBar()
    const s = await buildTiles({
      inputs, bbox, out: v.out ?? OUT, style: v.style, format: v.format as TileFormat | undefined, force: v.force, name: v.name, attribution: v.attribution,
      minZoom: int(v['min-zoom'], '--min-zoom'), maxZoom: int(v['max-zoom'], '--max-zoom'), workers: int(v.workers, '--workers'),
      onProgress: bar.update, onWarning: (m) => console.error(`warning: ${m}`),
    })
    bar.end()
    console.log(`${s.out}: ${s.tiles} tiles z${v['min-zoom'] ?? DEFAULTS.minZoom}–${v['max-zoom'] ?? DEFAULTS.maxZoom} — ${s.rendered} written, ${s.unchanged} unchanged (skipped), ${s.blank} blank (served as blank.png), ${s.removed} removed; ${formatBytes(s.bytes)} in ${formatDuration(s.ms / 1000)} (${(s.rendered / (s.renderMs / 1000) || 0).toFixed(0)} tiles/s); ${s.features} features, ${s.namedFeatures} named → features.geojson`)
    if (v['import-features']) {
      const fc = JSON.parse(readFileSync(join(s.out, 'features.geojson'), 'utf8'))
      const n = await importFeatures(v.url!, fc, DATA_DIR)
      console.log(`imported ${n} features into ${v.url}`)
    }
    return 0
  } catch (e) {
    console.error(`error: ${(e as Error).message}`)
    return e instanceof UsageError || e instanceof OutputExistsError ? 2 : 1
  }
}

class UsageError extends Error {}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main(process.argv.slice(2))
