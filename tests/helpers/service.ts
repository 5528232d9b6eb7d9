/**
 * Starts the real service for a test, on the store the test project names: the embedded PGlite in a
 * fresh temp DATA_DIR (default), or — with TEST_STORE=postgis — a throw-away PostgreSQL + PostGIS
 * database created for the test and dropped after it (TEST_PG_URL: a maintenance connection).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { FastifyInstance } from 'fastify'
import { build } from '../../server/src/app.js'
import { defaultDiagnosisOptions } from '../../server/src/config.js'
import { NetworkService } from '../../server/src/service/network-service.js'
import { loadDemoIfEmpty } from '../../server/src/demo/load-demo.js'

/** Which store this test run exercises. */
export const STORE: 'embedded' | 'postgis' = process.env.TEST_STORE === 'postgis' ? 'postgis' : 'embedded'
const ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** Where a test's data lives: a DATA_DIR always, plus a database URL on PostGIS. */
export interface TestStore {
  dataDir: string
  databaseUrl: string | null
  /** Removes the data dir and drops the database. */
  drop(): Promise<void>
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL })
  await c.connect()
  try { return await fn(c) } finally { await c.end() }
}

/** A fresh DATA_DIR under the OS temp dir. */
export const tempDataDir = () => mkdtempSync(join(tmpdir(), 'tousu-test-'))

/** A fresh, empty store of the kind under test. */
export async function tempStore(): Promise<TestStore> {
  const dataDir = tempDataDir()
  if (STORE === 'embedded') return { dataDir, databaseUrl: null, drop: async () => rmSync(dataDir, { recursive: true, force: true }) }
  const name = `tousu_test_${randomBytes(6).toString('hex')}`
  await admin((c) => c.query(`CREATE DATABASE ${name}`)) // name is generated above, never input
  const url = new URL(ADMIN_URL)
  url.pathname = `/${name}`
  return {
    dataDir,
    databaseUrl: url.toString(),
    drop: async () => {
      rmSync(dataDir, { recursive: true, force: true })
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
    },
  }
}

export interface TestService {
  service: NetworkService
  app: FastifyInstance
  store: TestStore
  dataDir: string
  /** Stops app and service, keeping the data (for restart tests). */
  stop(): Promise<void>
  /** Stops and removes the data. */
  close(): Promise<void>
}

/**
 * Starts the service on `store` (a new one by default). With `demo`, the demo district is loaded
 * with its anchor moved to `now` (so "two hours ago" is two hours before `now`).
 */
export async function startService(opts: { store?: TestStore; demo?: boolean; now?: number } = {}): Promise<TestService> {
  const store = opts.store ?? (await tempStore())
  const service = await NetworkService.start({ dataDir: store.dataDir, databaseUrl: store.databaseUrl, diagnosis: { ...defaultDiagnosisOptions } })
  if (opts.demo) await loadDemoIfEmpty(service, { shiftToNow: true, now: opts.now ?? Date.now() })
  const app = await build({ service })
  const stop = async () => {
    await app.close()
    await service.close()
  }
  return { service, app, store, dataDir: store.dataDir, stop, close: async () => { await stop(); await store.drop() } }
}
