/**
 * One pg-promise `db` per process. Embedded: PGlite (Postgres in WASM) in DATA_DIR, reached over
 * loopback through @electric-sql/pglite-socket so that the very same pg-promise code runs on it and
 * on PostgreSQL + PostGIS (DATABASE_URL).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import pgPromise from 'pg-promise'
import type { IDatabase, IMain } from 'pg-promise'

export type Db = IDatabase<unknown>

/** What kind of store is behind the db. */
export type StoreKind = 'embedded' | 'postgres'

export interface OpenedDb {
  db: Db
  pgp: IMain
  kind: StoreKind
  /** Closes the pool, then the socket server and PGlite (which flushes to disk). */
  close(): Promise<void>
}

/** The one pg-promise instance of the process (its helpers build the bulk upserts). */
export const pgp: IMain = pgPromise({ capSQL: true })
// count(*) is int8, which pg returns as a string; every count here fits a double.
pgp.pg.types.setTypeParser(20, (v: string) => Number(v))

/** Where the store is and how to talk to it (defaults in config.ts). */
export interface StoreOptions {
  dataDir: string
  databaseUrl: string | null
  /** PostgreSQL pool size. */
  poolMax?: number
  /** Every statement on PostgreSQL is cancelled after this long. */
  statementTimeoutMs?: number
}

/** Opens the store named by the options: PostgreSQL when databaseUrl is set, else PGlite in dataDir. */
export async function openDb(opts: StoreOptions): Promise<OpenedDb> {
  if (opts.databaseUrl) {
    const db = pgp({
      connectionString: opts.databaseUrl,
      max: opts.poolMax ?? 10,
      statement_timeout: opts.statementTimeoutMs ?? 15_000,
      application_name: 'tousu-gis',
    })
    // An idle connection the server ends (a restart, pg_terminate_backend, a dropped test database) is an
    // 'error' on the pool; unhandled it would take the whole process down. The pool replaces it on demand.
    db.$pool.on('error', (err) => console.error(`database: an idle connection was lost (${err.message}); the pool reconnects on the next query`))
    // Fail at start, with the reason, rather than at the first request.
    await db.one('SELECT 1 AS ok')
    return { db, pgp, kind: 'postgres', close: async () => { await db.$pool.end() } }
  }
  const { PGlite } = await import('@electric-sql/pglite')
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket')
  const dir = join(opts.dataDir, 'pgdata')
  mkdirSync(dir, { recursive: true })
  const lock = takeLock(join(opts.dataDir, 'store.lock'))
  const pglite = await PGlite.create(dir)
  const server = new PGLiteSocketServer({ db: pglite, port: 0, host: '127.0.0.1', maxConnections: 4 })
  await server.start()
  const address = (server as unknown as { server: { address(): { port: number } } }).server.address()
  // PGlite is a single session underneath: one pooled connection keeps transactions from interleaving.
  const db = pgp({ host: '127.0.0.1', port: address.port, user: 'postgres', database: 'postgres', max: 1 })
  return {
    db,
    pgp,
    kind: 'embedded',
    close: async () => {
      await db.$pool.end()
      await server.stop()
      await pglite.close()
      rmSync(lock, { force: true })
    },
  }
}

/**
 * The embedded database is one process's files: a second process opening the same DATA_DIR would
 * corrupt it. A lock file with the owner's pid refuses that; a lock left by a dead process is taken over.
 */
function takeLock(path: string): string {
  let owner = NaN
  try {
    owner = Number(readFileSync(path, 'utf8'))
  } catch {
    // no lock yet
  }
  if (Number.isInteger(owner) && owner !== process.pid && alive(owner)) {
    throw new Error(`the embedded database in ${dirname(path)} is in use by process ${owner}; stop it first (or use its HTTP API)`)
  }
  writeFileSync(path, String(process.pid))
  return path
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
