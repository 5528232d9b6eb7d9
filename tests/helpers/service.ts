/**
 * Starts the real service for a test, on the store the test project names: the embedded PGlite in a
 * fresh temp DATA_DIR (default), or — with TEST_STORE=postgis — a throw-away PostgreSQL + PostGIS
 * database created for the test and dropped after it (TEST_PG_URL: a maintenance connection).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { FastifyInstance } from 'fastify'
import { build } from '../../server/src/app.js'
import { defaultDiagnosisOptions } from '../../server/src/config/index.js'
import { NetworkService } from '../../server/src/service/network-service.js'
import { loadDemoIfEmpty } from '../../server/src/demo/load-demo.js'
import { Users } from '../../server/src/auth/users.js'
import type { Role } from '../../server/src/auth/roles.js'
import type { SecurityOptions, WebhookOptions } from '../../server/src/config/index.js'

/** Password hashing cost in tests: the real scrypt, at a cost that keeps user creation quick. */
export const TEST_SCRYPT_N = 2 ** 12

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
  /**
   * The app. Its inject() sends the first-start admin token unless the request names its own
   * Authorization (or sets `headers: { authorization: '' }` to go anonymous).
   */
  app: FastifyInstance
  users: Users
  /** The admin token the service wrote to DATA_DIR/admin.token on first start. */
  adminToken: string
  /** A new user of this role and a bearer token for it. */
  tokenFor(role: Role, username?: string): Promise<string>
  /** A new user of this role with this password (for login tests). */
  userWith(role: Role, password: string, username?: string): Promise<string>
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
export async function startService(opts: { store?: TestStore; demo?: boolean; now?: number; security?: Partial<SecurityOptions>; webhooks?: Partial<WebhookOptions> } = {}): Promise<TestService> {
  const store = opts.store ?? (await tempStore())
  const service = await NetworkService.start({ dataDir: store.dataDir, databaseUrl: store.databaseUrl, diagnosis: { ...defaultDiagnosisOptions } })
  if (opts.demo) await loadDemoIfEmpty(service, { shiftToNow: true, now: opts.now ?? Date.now() })
  const users = new Users(service.store.db, { scryptN: TEST_SCRYPT_N })
  await users.bootstrap(store.dataDir)
  const adminToken = readFileSync(join(store.dataDir, 'admin.token'), 'utf8').trim()
  // Tests hammer the API far beyond a person's pace; the rate-limit tests set their own.
  const app = await build({ service, users, security: { rateLimitPerMin: 1_000_000, ...opts.security }, webhooks: opts.webhooks })
  const inject = app.inject.bind(app) as (o: unknown) => unknown
  ;(app as { inject: unknown }).inject = (o: unknown) => {
    if (o == null || typeof o !== 'object') return inject(o)
    const given = { ...((o as { headers?: Record<string, string> }).headers ?? {}) }
    if (!('authorization' in given) && !('cookie' in given)) given.authorization = `Bearer ${adminToken}`
    if (given.authorization === '') delete given.authorization
    return inject({ ...o, headers: given })
  }
  let n = 0
  const userWith = async (role: Role, password: string, username = `${role}${++n}`) => {
    await users.create({ username, role, password })
    return username
  }
  const tokenFor = async (role: Role, username = `${role}${++n}`) => {
    await users.create({ username, role })
    return (await users.issueToken(username, 'test')).token
  }
  const stop = async () => {
    await app.close()
    await service.close()
  }
  return { service, app, users, adminToken, tokenFor, userWith, store, dataDir: store.dataDir, stop, close: async () => { await stop(); await store.drop() } }
}
