/**
 * npm run import -- --kind sites file.csv|file.xlsx [--sheet 工参] [--dry-run] [--crs gcj02]
 *                   [--bbox minLon,minLat,maxLon,maxLat] [--outside skip] [--columns latitude:lat,address:name]
 *                   [--defaults tech:4G] [--url http://host:8080]
 * A thin CLI over the same import the HTTP endpoint runs: atomic, idempotent, non-zero exit on error.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { userInfo } from 'node:os'
import { parseArgs } from 'node:util'
import { loadConfig } from '../config/index.js'
import { AppError, ImportError } from '../errors.js'
import { IMPORT_KINDS, type ImportKind } from '../domain/types.js'
import { parseCrs } from '../geo/crs.js'
import { isEmptyInput, readImportBody } from '../ingest/body.js'
import type { ImportInput, ImportOptions } from '../ingest/index.js'
import { XLSX_MEDIA_TYPE } from '../ingest/xlsx.js'
import type { ImportPreview } from '../ingest/preview.js'
import type { RowProblem } from '../errors.js'
import { NetworkService } from '../service/network-service.js'
import { Users } from '../auth/users.js'
import { parseBbox, parsePairs } from '../service/params.js'

const HELP = `Usage: npm run import -- --kind <kind> <file> [options]

Imports one file of network data into the store (all rows or none): CSV, XLSX or GeoJSON, with the
Chinese column names of planning tools and NMS exports understood (README: Importing data).

  --kind <kind>        one of: ${IMPORT_KINDS.join(', ')}
  --sheet <sheet>      XLSX: the sheet by name or number (default: the first)
  --dry-run            check everything and print what would be imported (column mapping, first rows,
                       every problem); store nothing
  --crs <crs>          coordinates of the file: wgs84 (default), gcj02, bd09
  --bbox <box>         minLon,minLat,maxLon,maxLat (WGS-84): rows outside are a problem …
  --outside <policy>   … reject (default: nothing imported) or skip (imported without them, listed)
  --columns <pairs>    rename source columns, e.g. latitude:lat,longitude:lon,address:name
  --defaults <pairs>   values for absent fields, e.g. tech:4G,type:宏站
  --encoding <enc>     utf-8 (default), gbk, gb2312 or gb18030 (Excel exports are often GBK)
  --url <url>          send to a running service (POST /api/import/<kind>) instead of opening the store,
                       with the token in API_TOKEN, else the one in DATA_DIR/admin.token
  -h, --help           this text

The store is DATA_DIR (default ./var) or DATABASE_URL. Stop the service first when it uses the embedded
database in the same DATA_DIR, or pass --url. Either way the import is in the audit log (directly: as
cli:<your login name>).

Example (the real Shanghai site file, GCJ-02, a few rows far outside Shanghai):
  npm run import -- --kind sites ../shared/data/shanghai/shanghai_telecom_base_stations_all.csv \\
    --crs gcj02 --columns address:name --bbox 120.85,30.67,122.2,31.9 --outside skip`

/** The token for --url: API_TOKEN, else DATA_DIR/admin.token (written at the service's first start). */
function bearer(): Record<string, string> {
  const file = join(process.env.DATA_DIR ?? './var', 'admin.token')
  const token = process.env.API_TOKEN ?? (existsSync(file) ? readFileSync(file, 'utf8').trim() : null)
  return token ? { authorization: `Bearer ${token}` } : {}
}

function fail(message: string): never {
  console.error(`import: ${message}`)
  process.exit(1)
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      kind: { type: 'string' }, crs: { type: 'string', default: 'wgs84' }, bbox: { type: 'string' },
      outside: { type: 'string', default: 'reject' }, columns: { type: 'string' }, defaults: { type: 'string' },
      url: { type: 'string' }, encoding: { type: 'string' }, sheet: { type: 'string' }, 'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) return void console.log(HELP)
  const kind = values.kind as ImportKind | undefined
  if (!kind || !IMPORT_KINDS.includes(kind)) fail(`--kind must be one of ${IMPORT_KINDS.join(', ')}${kind ? `, got "${kind}"` : ''}\n\n${HELP}`)
  if (positionals.length !== 1) fail(`expected exactly one file, got ${positionals.length}\n\n${HELP}`)
  if (values.outside !== 'reject' && values.outside !== 'skip') fail(`--outside must be reject or skip, got "${values.outside}"`)
  const file = positionals[0]
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch (err) {
    fail(`cannot read ${file}: ${(err as Error).message}`)
  }
  let input: ImportInput
  try {
    input = await readImportBody(kind, bytes, { encoding: values.encoding, filename: file, sheet: values.sheet })
  } catch (err) {
    fail(`nothing imported. ${file}: ${(err as Error).message.replace(/send it with Content-Type: text\/csv; charset=gbk or \?encoding=gbk/, 'pass --encoding gbk')}`)
  }
  if (isEmptyInput(input)) fail(`nothing imported. ${file} is empty`)
  const dryRun = values['dry-run'] === true

  if (values.url) {
    const qs = new URLSearchParams()
    for (const k of ['crs', 'bbox', 'outside', 'columns', 'defaults', 'encoding', 'sheet'] as const) if (values[k]) qs.set(k, values[k] as string)
    qs.set('filename', file.split(/[\\/]/).pop()!)
    if (dryRun) qs.set('dryRun', 'true')
    const type = input.format === 'xlsx' ? XLSX_MEDIA_TYPE : input.format === 'csv' ? 'text/csv' : 'application/geo+json'
    const res = await fetch(`${values.url.replace(/\/$/, '')}/api/import/${kind}?${qs}`, {
      method: 'POST', body: new Uint8Array(bytes),
      headers: { 'content-type': values.encoding || input.format === 'xlsx' ? type : `${type}; charset=utf-8`, ...bearer() },
    })
    const body = await res.text()
    if (!res.ok) fail(`${res.status}: ${body}`)
    if (dryRun) {
      const preview = JSON.parse(body) as ImportPreview & { replaces: number | null }
      printPreview(preview)
      if (preview.problems.length) process.exitCode = 1
      return
    }
    return void console.log(body)
  }

  const config = loadConfig(process.env)
  const service = await NetworkService.start(config)
  try {
    const options: ImportOptions = {
      crs: parseCrs(values.crs!),
      bbox: values.bbox ? parseBbox(values.bbox, '--bbox') : undefined,
      outside: values.outside as 'reject' | 'skip',
      columns: parsePairs(values.columns, '--columns'),
      defaults: parsePairs(values.defaults, '--defaults'),
    }
    if (dryRun) {
      const preview = service.previewImport(kind, input, options)
      printPreview(preview)
      if (preview.problems.length) process.exitCode = 1
      return
    }
    const summary = await service.importText(kind, input, options)
    // Imports straight into the store are audited too: who ran the command, what, how many.
    await new Users(service.store.db).audit({
      username: `cli:${userInfo().username}`, action: 'import', target: kind,
      details: { imported: summary.imported, skipped: summary.skipped.length, file: resolve(file), format: input.format, ...(input.format === 'xlsx' ? { sheet: input.sheet } : {}), crs: values.crs },
    })
    console.log(`imported ${summary.imported} ${kind} into ${service.store.kind === 'embedded' ? config.dataDir : 'PostgreSQL'}`
      + (summary.skipped.length ? `; skipped ${summary.skipped.length} row(s): ${summary.skipped.slice(0, 5).map((s) => `row ${s.row} (${s.reason})`).join('; ')}${summary.skipped.length > 5 ? ' …' : ''}` : ''))
  } catch (err) {
    if (err instanceof ImportError) {
      console.error(`import: nothing imported. ${err.message}`)
      for (const p of err.problems.slice(1, 10)) console.error(`  ${where(p)}: ${p.message}`)
      process.exitCode = 1
    } else if (err instanceof AppError) {
      console.error(`import: ${err.message}`)
      process.exitCode = 1
    } else throw err
  } finally {
    await service.close()
  }
}

/** Where a problem is, as a user finds it: the data row, and for XLSX the sheet and Excel row. */
function where(p: RowProblem): string {
  const excel = p.sheet !== undefined ? ` (sheet "${p.sheet}", Excel row ${p.excelRow})` : ''
  return p.row > 0 ? `row ${p.row}${excel}, field "${p.field}"` : `field "${p.field}"${excel}`
}

/** A dry run, for a terminal: the mapping, the first rows as they would be stored, every problem. */
function printPreview(p: ImportPreview & { replaces: number | null }): void {
  console.log(`dry run: nothing stored. ${p.kind} from ${p.format}${p.sheet !== undefined ? ` (sheet "${p.sheet}")` : ''}: ${p.rows} row(s), ` +
    (p.problems.length ? `${p.problems.length} problem(s): nothing would be imported` : `${p.valid} would be imported${p.replaces ? ` (${p.replaces} replacing stored rows)` : ''}`) +
    (p.skipped.length ? `, ${p.skipped.length} skipped` : ''))
  console.log('columns:')
  for (const m of p.mapping) console.log(`  ${m.source} → ${m.field ?? '(not used)'}${m.how === 'alias' ? ' (alias)' : m.how === 'renamed' ? ' (--columns)' : m.how === 'unused' ? ' (not used)' : ''}`)
  if (p.sample.length) {
    console.log('first rows as they would be stored:')
    for (const r of p.sample) console.log(`  ${JSON.stringify(r)}`)
  }
  if (p.problems.length) {
    console.log('problems:')
    for (const q of p.problems.slice(0, 50)) console.log(`  ${where(q)}: ${q.message}`)
    if (p.problems.length > 50) console.log(`  … and ${p.problems.length - 50} more`)
  }
}

await main()
