/**
 * npm run analyse -- complaints.csv [--area district.geojson | --bbox w,s,e,n | --district id] [--from …] [--to …]
 *                    [--crs gcj02] [--columns a:b] [--defaults f:v] [--out analysis] [--force] [--json]
 * The batch analysis of POST /api/analysis over a file of complaints, against the network in the store:
 * writes PREFIX.csv and PREFIX.xlsx (both or neither) and prints a summary. Exit 2 on bad input.
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { defaultAnalysisOptions, loadConfig } from '../config/index.js'
import type { AreaGeometry, Complaint } from '../domain/types.js'
import { AppError, ImportError } from '../errors.js'
import { parseCrs } from '../geo/crs.js'
import { detectFormat, parseImport } from '../ingest/index.js'
import { parseTime, TIME_EXPECTED } from '../ingest/time.js'
import { toColumns } from '../analysis/columns.js'
import { resolveArea } from '../service/area.js'
import { areaFromGeoJson } from '../service/area-file.js'
import { NetworkService } from '../service/network-service.js'
import { parseBbox, parsePairs } from '../service/params.js'
import { toCsv } from '../../../contract/src/csv.js'
import { toXlsx, XLSX_MAX_ROWS } from '../export/xlsx.js'
import { DETAIL_HEADER, detailRows, formatSummary, isoChina, reportSheets, summarise, type AnalysisSummary } from '../export/analysis-report.js'

const HELP = `Usage: npm run analyse -- <complaints file> [options]

Analyses a file of complaints (CSV or GeoJSON, the columns of an import of kind complaints) against the
network in the store, as POST /api/analysis does: each complaint attributed to its nearest site and a cause
at its own time, breakdowns, spatio-temporal clusters and the unexplained ones (suspected hidden faults).

  --area <file>        only complaints inside this GeoJSON Polygon/MultiPolygon (a geometry, Feature or
                       FeatureCollection; WGS-84) …
  --bbox <box>         … or inside minLon,minLat,maxLon,maxLat (WGS-84) …
  --district <id>      … or inside this district of the store; none of the three: every complaint
  --from <time>        only complaints that occurred at or after this time …
  --to <time>          … and at or before this one: ISO 8601, China time (+08:00) when no offset is given
  --crs <crs>          coordinates of the complaints file: wgs84 (default), gcj02, bd09
  --columns <pairs>    rename source columns, e.g. latitude:lat,longitude:lon
  --defaults <pairs>   values for absent fields, e.g. service:voice
  --out <prefix>       writes <prefix>.csv and <prefix>.xlsx (default: analysis)
  --force              overwrite them if they exist
  --json               print the summary as JSON instead of text
  -h, --help           this text

The network is the store's: DATA_DIR (default ./var) or DATABASE_URL. Stop the service first when it uses
the embedded database in the same DATA_DIR. Exit codes: 0 done, 2 bad input (nothing written), 1 other failure.

Example:
  npm run analyse -- complaints.csv --area district.geojson --from 2026-11-01 --to 2026-11-30T23:59:59 --out 天河-11月`

/** Bad input: the message names the file, row, field or option; exit code 2, nothing written. */
class InputError extends Error {}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (err) {
    throw new InputError(`${what}: cannot read ${file}: ${(err as Error).message}`)
  }
}

function readWindowOption(name: '--from' | '--to', value: string | undefined): number | null {
  if (value === undefined) return null
  const t = parseTime(value)
  if (t === null) throw new InputError(`${name}: expected ${TIME_EXPECTED}, got "${value}"`)
  return t
}

/** Rethrows an AppError of an option as bad input naming that option. */
function asInput<T>(what: string, fn: () => T): T {
  try {
    return fn()
  } catch (err) {
    if (err instanceof AppError) throw new InputError(`${what}: ${err.message.replace(/^(--)?(bbox|area|crs|columns|defaults): /, '')}`)
    throw err
  }
}

/** Writes every file or none: each to a temporary name beside it, then all renamed. */
function writeAll(files: readonly { path: string; data: string | Buffer }[]): void {
  const temps = files.map((f) => `${f.path}.${process.pid}.tmp`)
  try {
    files.forEach((f, i) => writeFileSync(temps[i], f.data))
    files.forEach((f, i) => renameSync(temps[i], f.path))
  } finally {
    for (const t of temps) rmSync(t, { force: true })
  }
}

async function run(argv: string[]): Promise<void> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        area: { type: 'string' }, bbox: { type: 'string' }, district: { type: 'string' },
        from: { type: 'string' }, to: { type: 'string' }, crs: { type: 'string', default: 'wgs84' },
        columns: { type: 'string' }, defaults: { type: 'string' }, out: { type: 'string', default: 'analysis' },
        force: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (err) {
    throw new InputError(`${(err as Error).message}\n\n${HELP}`)
  }
  const { values, positionals } = parsed
  if (values.help) return void console.log(HELP)
  if (positionals.length !== 1) throw new InputError(`expected exactly one complaints file, got ${positionals.length}\n\n${HELP}`)
  const file = positionals[0]
  const areas = (['area', 'bbox', 'district'] as const).filter((k) => values[k] !== undefined)
  if (areas.length > 1) throw new InputError(`give at most one of --area, --bbox, --district, got ${areas.map((k) => `--${k}`).join(' and ')}`)

  // Every option and the whole file are checked before the store is opened or anything is written.
  const from = readWindowOption('--from', values.from)
  const to = readWindowOption('--to', values.to)
  if (from !== null && to !== null && from > to) throw new InputError(`--from must not be after --to, got --from ${values.from} --to ${values.to}`)
  const crs = asInput('--crs', () => parseCrs(values.crs!))
  const columns = asInput('--columns', () => parsePairs(values.columns, '--columns'))
  const defaults = asInput('--defaults', () => parsePairs(values.defaults, '--defaults'))
  const bbox = values.bbox === undefined ? null : asInput('--bbox', () => parseBbox(values.bbox, 'bbox'))
  let area: AreaGeometry | null = values.area === undefined ? null : asInput(`--area ${values.area}`, () => areaFromGeoJson(readText(values.area!, '--area')))
  const out = { csv: `${values.out}.csv`, xlsx: `${values.out}.xlsx` }
  const dir = dirname(resolve(out.csv))
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`--out: no directory ${dir}`)
  for (const p of Object.values(out)) if (existsSync(p) && !values.force) throw new InputError(`--out: ${p} exists (pass --force to overwrite it)`)

  const text = readText(file, 'complaints')
  const format = detectFormat(file.endsWith('.csv') ? 'text/csv' : /\.(geo)?json$/i.test(file) ? 'application/geo+json' : undefined, text)
  let complaints: Complaint[]
  try {
    complaints = parseImport('complaints', { text, format }, { crs, columns, defaults }).rows
  } catch (err) {
    if (!(err instanceof ImportError)) throw err
    const more = err.problems.length > 10 ? `\n  … and ${err.problems.length - 10} more` : ''
    throw new InputError(`${file}: nothing analysed, ${err.problems.length} problem(s):\n`
      + err.problems.slice(0, 10).map((p) => `  ${p.row > 0 ? `row ${p.row}, ` : ''}field "${p.field}": ${p.message}`).join('\n') + more)
  }

  const config = loadConfig(process.env)
  const service = await NetworkService.start(config)
  let summary: AnalysisSummary, sheets, csv: string
  const counts = { read: complaints.length, outsideWindow: 0, outsideArea: 0 }
  try {
    if (values.district !== undefined) area = await asyncInput('--district', () => resolveArea(service.store, { district: values.district }))
    const rows = complaints.filter((c) => {
      if ((from !== null && c.occurredAt < from) || (to !== null && c.occurredAt > to)) return void counts.outsideWindow++
      const inside = bbox ? c.lon >= bbox[0] && c.lon <= bbox[2] && c.lat >= bbox[1] && c.lat <= bbox[3] : area ? booleanPointInPolygon([c.lon, c.lat], area) : true
      if (!inside) counts.outsideArea++
      return inside
    })
    const cols = toColumns(rows)
    const { analysis, sites } = service.reads.analyse(cols, defaultAnalysisOptions)
    if (sites.ids.length === 0) console.error(`analyse: the store (${service.storeKind === 'embedded' ? config.dataDir : 'PostgreSQL'}) has no sites: no complaint can be attributed to one`)
    const batch = { cols, sites, analysis }
    const details = detailRows(batch)
    csv = toCsv(DETAIL_HEADER, details)
    sheets = reportSheets(batch, details)
    summary = summarise(batch)
    if (cols.n >= XLSX_MAX_ROWS) console.error(`analyse: ${cols.n} complaints are more than a worksheet holds: 投诉明细 has the first ${XLSX_MAX_ROWS - 1}, ${out.csv} has all`)
  } finally {
    await service.close()
  }
  writeAll([{ path: out.csv, data: csv }, { path: out.xlsx, data: await toXlsx(sheets) }])

  const window = { from: from === null ? null : isoChina(from), to: to === null ? null : isoChina(to) }
  const areaText = values.area ?? (values.bbox ? `bbox ${bbox!.join(',')}` : values.district ? `district ${values.district}` : null)
  if (values.json) {
    return void console.log(JSON.stringify({ file, area: areaText, ...window, ...counts, ...summary, outputs: out }, null, 2))
  }
  console.log([
    `投诉分析:${file}`,
    `文件中投诉 ${counts.read} 条,区域与时段内 ${summary.analysed} 条(时段外 ${counts.outsideWindow} 条,区域外 ${counts.outsideArea} 条)`,
    `区域:${areaText ?? '全部'};时段:${window.from ?? '不限'} 至 ${window.to ?? '不限'}`,
    formatSummary(summary),
    `已写出:${out.csv}(${summary.analysed} 行)、${out.xlsx}`,
  ].join('\n'))
}

async function asyncInput<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    if (err instanceof AppError && (err.code === 'VALIDATION' || err.code === 'NOT_FOUND')) throw new InputError(`${what}: ${err.message}`)
    throw err
  }
}

/** Runs the CLI on `argv` (the arguments after the script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    await run(argv)
    return 0
  } catch (err) {
    console.error(`analyse: ${err instanceof Error ? err.message : String(err)}`)
    return err instanceof InputError ? 2 : 1
  }
}

// Run when started as a script (npm run analyse), not when a test imports main().
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exitCode = await main(process.argv.slice(2))
