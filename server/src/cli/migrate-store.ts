/**
 * npm run migrate-store -- --from <DATA_DIR> --to <postgres URL> [--force] [--batch-size N]
 *
 * Moves an embedded installation (PGlite in DATA_DIR/pgdata) to PostgreSQL + PostGIS in one command:
 *  - the source is opened through the store's own openDb, so it takes DATA_DIR/pglite.lock: while the
 *    service runs on that DATA_DIR the command refuses at once, and nothing can write the source meanwhile;
 *    pending migrations are applied to the source first, exactly as the service does at start;
 *  - everything on the target happens in ONE transaction: the store's own migrations (common + postgis),
 *    the copy of every table, the sequences and the check of the counts. Any failure rolls all of it back,
 *    so the target is either a complete copy or left as it was;
 *  - the tables are enumerated from information_schema of the source (a table added by a later migration
 *    is never forgotten) and copied parents before children (foreign keys), in batches of multi-row INSERTs;
 *  - values travel as their PostgreSQL text form and are coerced by the target to the column's type, so
 *    timestamps keep their microseconds, float8 its every digit, jsonb/arrays their exact content;
 *  - columns the target generates (the PostGIS geometry columns, computed from lon/lat and the GeoJSON
 *    columns by migrations/postgis) are not copied but computed by the target, and counted in the output;
 *  - every sequence is set past both the highest id copied and the source's own position, so no id is
 *    ever handed out twice;
 *  - a target holding any row is refused unless --force (which empties the target's tables first, in
 *    the same transaction).
 * Exit codes: 0 copied and verified; 1 refused or failed (nothing changed on the target); 2 bad options.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import pgPromise from 'pg-promise'
import { openDb, pgp, type Db, type OpenedDb } from '../store/db.js'
import { catalog } from '../store/repos/catalog.js'
import { migrate } from '../store/migrate.js'

const HELP = `Usage: npm run migrate-store -- --from <DATA_DIR> --to <postgres URL> [--force] [--batch-size N]

Copies the embedded store of DATA_DIR (DATA_DIR/pgdata) into a PostgreSQL + PostGIS database, in one
transaction on the target: runs the migrations there, copies every table, sets the sequences, and checks
that every table has as many rows as the source. Stop the service that uses DATA_DIR first.

  --from <dir>         the DATA_DIR of the embedded installation (the one holding pgdata/)
  --to <url>           postgres://user[:password]@host[:port]/database (the database must exist)
  --force              replace the contents of the tables the copy writes (by default a target
                       holding any row is refused)
  --batch-size <n>     rows per INSERT (default 1000)
  -h, --help           this text

The tiles (DATA_DIR/tiles) and DATA_DIR/admin.token are files, not database rows: they stay where they are.`

/** Where the command writes; the test passes its own to read the output. */
export interface Io {
  out(line: string): void
  err(line: string): void
}
const consoleIo: Io = { out: (l) => console.log(l), err: (l) => console.error(l) }

/** A refusal or failure the operator can act on: printed without a stack, exit code 1. */
class Refused extends Error {}

/** Tables the copy never touches: the migrations' bookkeeping (the target keeps its own) and PostGIS's own. */
const NOT_COPIED = new Set(['schema_migrations', 'spatial_ref_sys'])

interface Column {
  table: string
  name: string
  generated: boolean
  identityAlways: boolean
  udt: string
}

interface Inventory {
  tables: string[]
  columns: Map<string, Column[]>
  /** child → parents it references (self-references left out). */
  parents: Map<string, Set<string>>
  primaryKey: Map<string, string[]>
}

async function inventory(db: pgPromise.ITask<unknown> | Db): Promise<Inventory> {
  const tables = await catalog.tables(db)
  const columns = new Map<string, Column[]>(tables.map((t) => [t, []]))
  const cols = await catalog.columns(db)
  for (const c of cols) {
    columns.get(c.table_name)?.push({ table: c.table_name, name: c.column_name, generated: c.is_generated === 'ALWAYS', identityAlways: c.identity_generation === 'ALWAYS', udt: c.udt_name })
  }
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set()]))
  const fks = await catalog.foreignKeys(db)
  for (const fk of fks) if (fk.child !== fk.parent) parents.get(fk.child)?.add(fk.parent)
  const primaryKey = new Map<string, string[]>()
  const pks = await catalog.primaryKeys(db)
  for (const pk of pks) primaryKey.set(pk.table_name, [...(primaryKey.get(pk.table_name) ?? []), pk.column_name])
  return { tables, columns, parents, primaryKey }
}

/** The tables, every one after the tables it references (Kahn's algorithm, ties by name: a stable order). */
export function dependencyOrder(tables: string[], parents: Map<string, Set<string>>): string[] {
  const left = new Set(tables)
  const order: string[] = []
  while (left.size) {
    const ready = [...left].filter((t) => [...(parents.get(t) ?? [])].every((p) => !left.has(p))).sort()
    if (!ready.length) throw new Refused(`the foreign keys between ${[...left].sort().join(', ')} form a cycle; no copy order satisfies them`)
    for (const t of ready) {
      order.push(t)
      left.delete(t)
    }
  }
  return order
}

/** The URL with its password hidden, for output. */
function shown(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return '(the --to URL)'
  }
}

interface Options {
  from: string
  to: string
  force: boolean
  batchSize: number
}

/** The options, or the message naming the one that is wrong. */
function parseOptions(argv: string[]): Options | { help: true } | { error: string } {
  let values: { from?: string; to?: string; force?: boolean; 'batch-size'?: string; help?: boolean }
  try {
    ;({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: { from: { type: 'string' }, to: { type: 'string' }, force: { type: 'boolean' }, 'batch-size': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }))
  } catch (err) {
    return { error: (err as Error).message }
  }
  if (values.help) return { help: true }
  if (!values.from) return { error: '--from is required: the DATA_DIR of the embedded installation' }
  const from = resolve(values.from)
  if (!existsSync(join(from, 'pgdata', 'PG_VERSION'))) return { error: `--from ${from} holds no embedded store (no pgdata/PG_VERSION in it)` }
  if (!values.to) return { error: '--to is required: the postgres:// URL of the target database' }
  let url: URL
  try {
    url = new URL(values.to)
  } catch {
    return { error: `--to is not a URL: expected postgres://user@host:port/database` }
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') return { error: `--to must be a postgres:// or postgresql:// URL, got ${url.protocol}//…` }
  if (url.pathname.replace(/^\//, '') === '') return { error: '--to names no database: expected postgres://user@host:port/database' }
  let batchSize = 1000
  if (values['batch-size'] !== undefined) {
    batchSize = Number(values['batch-size'])
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) return { error: `--batch-size must be a whole number from 1 to 100000, got "${values['batch-size']}"` }
  }
  return { from, to: values.to, force: values.force ?? false, batchSize }
}

/** Runs the command; resolves to the exit code (the process exits with it when run from the command line). */
export async function main(argv: string[] = process.argv.slice(2), io: Io = consoleIo): Promise<number> {
  const opts = parseOptions(argv)
  if ('help' in opts) {
    io.out(HELP)
    return 0
  }
  if ('error' in opts) {
    io.err(`migrate-store: ${opts.error}\n\n${HELP}`)
    return 2
  }
  let source: OpenedDb | null = null
  let target: OpenedDb | null = null
  try {
    try {
      source = await openDb({ dataDir: opts.from, databaseUrl: null })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'DATA_DIR_IN_USE') throw new Refused(`${(err as Error).message}. Stop the service on it first; nothing was copied.`)
      throw err
    }
    const pending = await migrate(source.db, 'embedded')
    if (pending.length) io.out(`source: applied the pending migrations ${pending.join(', ')} (as the service does at start)`)
    try {
      // No statement_timeout: one INSERT of a batch, or the verification of a big table, may take long.
      target = await openDb({ dataDir: opts.from, databaseUrl: opts.to, poolMax: 1, statementTimeoutMs: 0 })
    } catch (err) {
      throw new Refused(`cannot connect to --to ${shown(opts.to)}: ${(err as Error).message}`)
    }
    io.out(`copying the embedded store in ${opts.from} to ${shown(opts.to)}`)
    await copy(source, target, opts, io)
    io.out(`committed. ${join(opts.from, 'tiles')} and ${join(opts.from, 'admin.token')} are files, not rows: they stay where they are`
      + ` (give each instance a DATA_DIR with the tiles; the admin token still authenticates, its hash was copied).`)
    io.out(`The embedded store in ${opts.from} is left in place (the copy only read it). Start the instances with DATABASE_URL=${shown(opts.to)}.`)
    return 0
  } catch (err) {
    io.err(`migrate-store: ${err instanceof Refused ? err.message : (err as Error).stack ?? String(err)}`)
    if (!(err instanceof Refused)) io.err('migrate-store: nothing was committed on the target (the transaction was rolled back).')
    return 1
  } finally {
    await target?.close()
    await source?.close()
  }
}

async function copy(source: OpenedDb, target: OpenedDb, opts: Options, io: Io): Promise<void> {
  // One snapshot of the source (nobody else can write it: we hold its lock) and one transaction on the target.
  await source.db.tx({ mode: new pgp.txMode.TransactionMode({ tiLevel: pgp.txMode.isolationLevel.repeatableRead, readOnly: true }) }, async (src) => {
    const from = await inventory(src)
    const tables = from.tables.filter((t) => !NOT_COPIED.has(t))
    const counts = new Map<string, number>()
    for (const t of tables) counts.set(t, await catalog.count(src, t))

    await target.db.tx('migrate-store', async (tt) => {
      await catalog.noStatementTimeout(tt)
      // What the target held before this command: the migrations below may insert rows of their own
      // (bookkeeping such as change_log_meta), which are not the operator's data.
      const held: string[] = []
      for (const t of (await inventory(tt)).tables.filter((x) => !NOT_COPIED.has(x))) {
        const n = await catalog.count(tt, t)
        if (n > 0) held.push(`${t} (${n})`)
      }
      if (held.length && !opts.force) {
        throw new Refused(`the target is not empty: ${held.join(', ')}. Pass --force to replace the contents of every table the copy writes`
          + ' (safe if these are only rows an earlier run of the migrations inserted); nothing was changed.')
      }
      const applied = await migrate(tt as unknown as Db, 'postgres')
      io.out(applied.length ? `target: applied migrations ${applied.join(', ')}` : 'target: migrations already applied')
      const to = await inventory(tt)

      const missing = tables.filter((t) => !to.columns.has(t))
      if (missing.length) throw new Refused(`the target has no table ${missing.join(', ')} after its migrations: the source was written by a newer version of the service; run this command from that version`)

      // Every table the copy writes is emptied first (in this transaction): the rows the migrations just
      // inserted, or with --force whatever was there, make way for the source's. Tables only the target has
      // (PostGIS-only ones) keep what they hold, unless they reference a table emptied here (CASCADE: their
      // rows would point at rows that are being replaced).
      await catalog.truncate(tt, tables)
      if (held.length) io.out(`target: --force: replaced the contents of ${held.join(', ')}`)
      const own = to.tables.filter((t) => !NOT_COPIED.has(t) && !tables.includes(t))
      if (own.length) io.out(`target: tables the source does not have, left as they are: ${own.join(', ')}`)

      let total = 0
      for (const table of dependencyOrder(tables, from.parents)) {
        const targetCols = new Map(to.columns.get(table)!.map((c) => [c.name, c]))
        const cols = from.columns.get(table)!.filter((c) => !c.generated && !targetCols.get(c.name)?.generated)
        const absent = cols.filter((c) => !targetCols.has(c.name))
        if (absent.length) throw new Refused(`the target's ${table} has no column ${absent.map((c) => c.name).join(', ')}: the source was written by a newer version of the service`)
        const computed = to.columns.get(table)!.filter((c) => c.generated)
        const copied = await copyTable(src, tt, table, cols.map((c) => c.name), from.primaryKey.get(table) ?? [], cols.some((c) => targetCols.get(c.name)!.identityAlways), opts.batchSize)
        total += copied
        let line = `  ${table.padEnd(24)} ${String(copied).padStart(9)} rows`
        for (const g of computed) {
          const n = await catalog.countColumn(tt, table, g.name)
          line += `; ${g.name} (${g.udt}, computed by the target): ${n} non-null`
        }
        io.out(line)
      }

      await setSequences(src, tt, io)

      // The check: every table holds exactly the source's rows. A difference rolls everything back.
      const wrong: string[] = []
      for (const t of tables) {
        const n = await catalog.count(tt, t)
        if (n !== counts.get(t)) wrong.push(`${t}: source ${counts.get(t)}, target ${n}`)
      }
      if (wrong.length) throw new Refused(`the counts differ after the copy (${wrong.join('; ')}); rolled back, nothing changed on the target`)
      io.out(`verified: ${tables.length} tables, ${total} rows, every count equals the source's`)
    })
  })
}

/** Copies one table through a cursor, batch by batch; every value as its text form, typed by the target's column. */
async function copyTable(src: pgPromise.ITask<unknown>, tt: pgPromise.ITask<unknown>, table: string, cols: string[], pk: string[], overriding: boolean, batchSize: number): Promise<number> {
  const cursor = `migrate_store_${table.replace(/\W/g, '_')}`
  await catalog.declareAsText(src, cursor, table, cols, pk)
  let n = 0
  try {
    for (;;) {
      const rows = await catalog.fetch(src, cursor, batchSize)
      if (!rows.length) break
      await catalog.insert(tt, table, cols, rows, overriding)
      n += rows.length
    }
  } finally {
    await catalog.close(src, cursor)
  }
  return n
}

/**
 * Every sequence of the target is set past the highest value of the column it feeds and past the source's
 * own position (ids of deleted rows are not handed out again either); a sequence owned by no column takes
 * the source's position.
 */
async function setSequences(src: pgPromise.ITask<unknown>, tt: pgPromise.ITask<unknown>, io: Io): Promise<void> {
  const sourcePos = new Map<string, number>()
  const srcSeqs = await catalog.sequences(src)
  for (const s of srcSeqs) {
    const r = await catalog.sequencePosition(src, s)
    if (r.is_called) sourcePos.set(s, Number(r.last_value))
  }
  const owned = await catalog.ownedSequences(tt)
  const done = new Set<string>()
  for (const o of owned) {
    if (!o.seq) continue
    const bare = o.seq.replace(/^.*\./, '').replace(/^"|"$/g, '')
    const max = await catalog.maxColumn(tt, o.table_name, o.column_name)
    const next = Math.max(max ?? 0, sourcePos.get(bare) ?? 0)
    await catalog.setSequence(tt, o.seq, Math.max(next, 1), next > 0)
    io.out(`  sequence ${bare} → ${next > 0 ? `${next} (next id ${next + 1})` : 'unused (next id 1)'}`)
    done.add(bare)
  }
  const tgtSeqs = await catalog.sequences(tt)
  for (const s of tgtSeqs) {
    if (done.has(s) || !sourcePos.has(s)) continue
    await catalog.setSequence(tt, pgp.as.name(s), sourcePos.get(s)!, true)
    io.out(`  sequence ${s} → ${sourcePos.get(s)} (as on the source)`)
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().then((code) => process.exit(code), (err) => {
    console.error(err)
    process.exit(1)
  })
}
