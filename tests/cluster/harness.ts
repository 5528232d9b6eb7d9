/**
 * The real-parts cluster harness: a throw-away PostgreSQL database, N real service processes on it
 * (`node --import tsx server/src/main.ts`, each with its own PORT and DATA_DIR, as CONTRACT.md
 * "Running several instances" describes), and Debian's HAProxy in front of them (balancer.ts).
 *
 * Guarantees:
 * - every process it starts is killed on close(), on the test process' exit, and — through
 *   orphan-guard.ts, loaded into each service — when the test process dies without running handlers;
 * - each instance's stdout and stderr go to its own log file (appended across restarts, each start
 *   marked), whose tail is in every error the harness throws and in report();
 * - an instance is "ready" when GET /ready answers 200 `{ready: true}`. /ready is the contract; an
 *   instance that answers 404 there (a service from before the endpoint) counts as ready once
 *   /health answers 200, and the harness notes that it fell back (`readyVia`), so the balancer then
 *   checks /health instead;
 * - the database is dropped on close() (WITH (FORCE): connections of killed instances may linger).
 *
 * Services are started with `node --import tsx` rather than `npx tsx`: one process per instance, so a
 * signal (SIGKILL above all) reaches the service itself and not a wrapper that would leave it running.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { freePort } from '../helpers/wait.js'
import { ensureDemoTiles } from '../../web/build/demo-tiles.js'
import { Api } from './client.js'
import { Balancer, HAPROXY } from './balancer.js'

export { Api, EventStream, type Reply, type SseEvent } from './client.js'
export { Balancer, HAPROXY, haproxyConfig } from './balancer.js'
export { Load, writeTask, readTask, mixedTask, complaintBody, percentile, type LoadResult, type Failure, type Success } from './load.js'

const ROOT = resolve(import.meta.dirname, '..', '..')
const GUARD = pathToFileURL(join(import.meta.dirname, 'orphan-guard.ts')).href
/** Maintenance connection that may CREATE and DROP databases (as tests/helpers/service.ts). */
export const MAINTENANCE_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
/** How long an instance may take from spawn to ready: a cold tsx start on a busy 2-core machine takes 15–30 s. */
export const START_TIMEOUT_MS = Number(process.env.CLUSTER_START_TIMEOUT_MS ?? 120_000)
/** Password hashing cost for the instances (the real scrypt, cheap enough to create demo users quickly). */
const SCRYPT_N = 2 ** 12

/** One service process slot: a fixed port and DATA_DIR that survive restarts. */
export interface Instance {
  readonly index: number
  readonly port: number
  readonly dataDir: string
  readonly url: string
  readonly logFile: string
  child: ChildProcess | null
  /** Resolves when the current process has exited: its exit code, or the signal that ended it. */
  exited: Promise<number | NodeJS.Signals> | null
  /** How many times it was started. */
  starts: number
  /** Which endpoint said it was ready the last time ('health' = fell back: no /ready yet). */
  readyVia: 'ready' | 'health' | null
}

export interface ClusterOptions {
  /** How many instance slots (none is started by create()). */
  instances: number
  /** DEMO=1: the first instance to find the store empty loads the demo district. Default false. */
  demo?: boolean
  /** Extra environment for every instance. */
  env?: Record<string, string>
  /**
   * Copy a prebuilt demo base map into each DATA_DIR (default true with demo): otherwise every
   * instance renders the same 252 tiles on its first start (~10 s of CPU each), which measures nothing here.
   */
  seedTiles?: boolean
  /** The tests will put HAProxy in front (default true): its absence fails create(), before any instance starts. */
  balancer?: boolean
}

export interface StartResult {
  index: number
  ok: boolean
  /** Spawn to ready. */
  ms: number
  error?: string
}

/** Every live child of this test process, killed synchronously if the process exits with them alive. */
const live = new Set<ChildProcess>()
const balancers = new Set<Balancer>()
let exitHookInstalled = false
function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.on('exit', () => {
    for (const c of live) c.kill('SIGKILL')
    for (const b of balancers) b.killNow()
  })
}

async function maintenance<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: MAINTENANCE_URL })
  try {
    await c.connect()
  } catch (err) {
    throw new Error(`PostgreSQL is not reachable at ${MAINTENANCE_URL} (TEST_PG_URL): the cluster tests need a local PostgreSQL + PostGIS that may create databases — ${(err as Error).message}`)
  }
  try { return await fn(c) } finally { await c.end() }
}

let tileCache: { dir: string; tiles: Promise<string> } | null = null
let openClusters = 0
/**
 * The demo base map, rendered once into a folder of its own and shared by the clusters open at the
 * same time; removed when the last of them closes (and at exit, should none close).
 */
function demoTiles(): Promise<string> {
  if (!tileCache) {
    const dir = mkdtempSync(join(tmpdir(), 'tousu-cluster-tiles-'))
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
    tileCache = { dir, tiles: ensureDemoTiles(join(dir, 'tiles')).then(() => join(dir, 'tiles')) }
  }
  return tileCache.tiles
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The last `lines` lines of a file ('' when it does not exist). */
export function tail(file: string, lines = 40): string {
  if (!existsSync(file)) return ''
  return readFileSync(file, 'utf8').split('\n').slice(-lines - 1).join('\n')
}

export class Cluster {
  readonly instances: Instance[]
  balancer: Balancer | null = null
  private pool: pg.Pool | null = null
  private closed = false

  private constructor(readonly runDir: string, readonly dbName: string, readonly databaseUrl: string, instances: Instance[], private readonly o: ClusterOptions) {
    this.instances = instances
  }

  /** Creates the database, the DATA_DIRs and the ports; starts nothing. */
  static async create(o: ClusterOptions): Promise<Cluster> {
    installExitHook()
    if (o.balancer !== false && !existsSync(HAPROXY)) throw new Error(`HAProxy is not installed at ${HAPROXY}: the cluster tests need Debian's haproxy package (apt-get install -y haproxy; .ci/run installs it)`)
    const dbName = `tousu_cluster_${randomBytes(6).toString('hex')}`
    await maintenance((c) => c.query(`CREATE DATABASE ${dbName}`)) // the name is generated above, never input
    const url = new URL(MAINTENANCE_URL)
    url.pathname = `/${dbName}`
    const runDir = mkdtempSync(join(tmpdir(), 'tousu-cluster-'))
    const instances: Instance[] = []
    const cluster = new Cluster(runDir, dbName, url.toString(), instances, o)
    openClusters++
    try {
      for (let i = 0; i < o.instances; i++) {
        const port = await freePort()
        const dataDir = join(runDir, `data-${i}`)
        mkdirSync(dataDir)
        instances.push({ index: i, port, dataDir, url: `http://127.0.0.1:${port}`, logFile: join(runDir, `instance-${i}.log`), child: null, exited: null, starts: 0, readyVia: null })
      }
      if (o.seedTiles ?? o.demo) {
        const cache = await demoTiles()
        for (const inst of instances) cpSync(cache, join(inst.dataDir, 'tiles'), { recursive: true })
      }
    } catch (err) {
      // Nothing half-made stays behind: the caller never gets a cluster to close.
      await cluster.close()
      throw err
    }
    return cluster
  }

  /** The environment of instance i (see server/src/config/ for every name). */
  env(i: number): NodeJS.ProcessEnv {
    const inst = this.instances[i]
    const env: NodeJS.ProcessEnv = { ...process.env }
    // Nothing of the test runner's own store selection may leak into the service.
    for (const k of ['TEST_STORE', 'DATABASE_URL', 'DATA_DIR', 'PORT', 'HOST']) delete env[k]
    return {
      ...env,
      PORT: String(inst.port),
      HOST: '127.0.0.1',
      DATA_DIR: inst.dataDir,
      DATABASE_URL: this.databaseUrl,
      DEMO: this.o.demo ? '1' : '0',
      SCRYPT_N: String(SCRYPT_N),
      // The load tests send thousands of requests as one user; the limits protect people, not this.
      RATE_LIMIT_PER_MIN: '10000000',
      LOGIN_RATE_LIMIT_PER_MIN: '100000',
      // A busy shared 2-core machine stalls event loops for more than the production 1 s; a 503 for that
      // would fail the balancer tests for a reason that has nothing to do with running several instances.
      MAX_EVENT_LOOP_DELAY_MS: '20000',
      FEED_INBOX: 'off',
      // HAProxy runs on this host: its X-Forwarded-For names the client.
      TRUST_PROXY: '127.0.0.1',
      LOG_LEVEL: process.env.CLUSTER_LOG_LEVEL ?? 'warn',
      CLUSTER_PARENT_PID: String(process.pid),
      ...this.o.env,
    }
  }

  /** Spawns instance i (without waiting); its output is appended to its log with a marker line. */
  spawn(i: number): void {
    const inst = this.instances[i]
    if (inst.child && inst.child.exitCode === null && inst.child.signalCode === null) throw new Error(`instance ${i} is already running (pid ${inst.child.pid})`)
    inst.starts++
    const fd = openSync(inst.logFile, 'a')
    writeSync(fd, `\n===== instance ${i} start #${inst.starts} at ${new Date().toISOString()} (port ${inst.port}) =====\n`)
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', GUARD, 'server/src/main.ts'], { cwd: ROOT, env: this.env(i), stdio: ['ignore', fd, fd] })
    closeSync(fd) // the child holds its own copy
    live.add(child)
    inst.child = child
    inst.readyVia = null
    inst.exited = new Promise((r) => child.once('exit', (code, signal) => {
      live.delete(child)
      r(signal ?? code ?? -1)
    }))
  }

  /** True while instance i's current process lives. */
  running(i: number): boolean {
    const c = this.instances[i].child
    return !!c && c.exitCode === null && c.signalCode === null
  }

  /**
   * Waits until instance i is ready (GET /ready → 200 {ready: true}; or, where /ready is 404, GET
   * /health → 200). Throws with the log's tail when the process exits first or the time runs out.
   */
  async waitReady(i: number, ms = START_TIMEOUT_MS): Promise<'ready' | 'health'> {
    const inst = this.instances[i]
    const end = Date.now() + ms
    let last = 'no answer yet'
    while (Date.now() < end) {
      if (!this.running(i)) throw new Error(`instance ${i} exited (${await inst.exited}) before it was ready; last: ${last}\n--- ${inst.logFile} ---\n${tail(inst.logFile)}`)
      try {
        const r = await fetch(`${inst.url}/ready`, { signal: AbortSignal.timeout(3_000) })
        const text = await r.text()
        last = `/ready ${r.status} ${text.slice(0, 200)}`
        if (r.status === 200 && (JSON.parse(text) as { ready?: boolean }).ready === true) return (inst.readyVia = 'ready')
        if (r.status === 404) {
          // A service without the readiness endpoint: live and answering is the best it can say.
          const h = await fetch(`${inst.url}/health`, { signal: AbortSignal.timeout(3_000) })
          await h.arrayBuffer()
          last += `; /health ${h.status}`
          if (h.status === 200) return (inst.readyVia = 'health')
        }
      } catch (err) {
        last = (err as Error).message
      }
      await sleep(100)
    }
    throw new Error(`instance ${i} not ready within ${ms} ms; last: ${last}\n--- ${inst.logFile} ---\n${tail(inst.logFile)}`)
  }

  /** Starts instance i and waits until it is ready; returns spawn-to-ready milliseconds. */
  async start(i: number): Promise<number> {
    const t0 = performance.now()
    this.spawn(i)
    await this.waitReady(i)
    return performance.now() - t0
  }

  /**
   * Spawns the instances at the same moment and waits for each; never throws, so a test can assert on
   * which came up (an instance that died of a race at first start is a finding, not a harness error).
   */
  async startTogether(indices: number[]): Promise<StartResult[]> {
    const t0 = performance.now()
    for (const i of indices) this.spawn(i)
    return Promise.all(indices.map(async (i) => {
      try {
        await this.waitReady(i)
        return { index: i, ok: true, ms: performance.now() - t0 }
      } catch (err) {
        return { index: i, ok: false, ms: performance.now() - t0, error: (err as Error).message }
      }
    }))
  }

  /**
   * Sends `signal` to instance i and waits until the process is gone. A SIGTERM that has not ended the
   * process within `graceMs` is followed by SIGKILL (and reported as such in the answer).
   */
  async kill(i: number, signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL', graceMs = 30_000): Promise<{ exit: number | NodeJS.Signals; ms: number; forced: boolean }> {
    const inst = this.instances[i]
    if (!this.running(i)) return { exit: (await inst.exited) ?? -1, ms: 0, forced: false }
    const t0 = performance.now()
    inst.child!.kill(signal)
    let forced = false
    const t = setTimeout(() => { forced = true; inst.child?.kill('SIGKILL') }, graceMs)
    const exit = await inst.exited!
    clearTimeout(t)
    return { exit, ms: performance.now() - t0, forced }
  }

  /** Starts instance i again on the same PORT and DATA_DIR (stopping it first with SIGTERM if it runs); waits ready. */
  async restart(i: number): Promise<number> {
    if (this.running(i)) await this.kill(i, 'SIGTERM')
    return this.start(i)
  }

  /**
   * Starts HAProxy over every instance slot. Its health check asks /ready (the contract); if the
   * instances have no /ready yet (they were found ready through /health), it asks /health instead and says so.
   */
  async startBalancer(): Promise<Balancer> {
    if (this.balancer?.running) return this.balancer
    const fellBack = this.instances.some((x) => x.readyVia === 'health')
    const checkPath = fellBack ? '/health' : '/ready'
    if (fellBack) console.warn('cluster harness: the instances answer 404 on /ready; HAProxy checks /health until the readiness endpoint exists')
    const b = Balancer.start({ port: await freePort(), servers: this.instances.map((x) => x.port), checkPath, dir: this.runDir })
    balancers.add(b)
    this.balancer = b
    // Up when every running instance has answered through it once (round robin: as many answers in a row).
    const want = Math.max(1, this.instances.filter((_, i) => this.running(i)).length)
    const end = Date.now() + 20_000
    let inARow = 0
    let last = ''
    while (inARow < want) {
      if (!b.running) throw new Error(`HAProxy exited at start:\n${tail(b.logFile)}`)
      if (Date.now() > end) throw new Error(`HAProxy on ${b.url} did not answer ${checkPath} 200 ${want} times in a row within 20 s; last: ${last}\n${tail(b.logFile)}`)
      try {
        const r = await fetch(`${b.url}${checkPath}`, { signal: AbortSignal.timeout(3_000) })
        last = `${r.status} ${(await r.text()).slice(0, 200)}`
        inARow = r.status === 200 ? inARow + 1 : 0
      } catch (err) {
        last = (err as Error).message
        inARow = 0
      }
      if (inARow < want) await sleep(100)
    }
    return b
  }

  /** Every admin.token among the DATA_DIRs: which instance wrote it, and the token. */
  adminTokens(): { index: number; token: string }[] {
    return this.instances
      .map((x) => ({ index: x.index, file: join(x.dataDir, 'admin.token') }))
      .filter((x) => existsSync(x.file))
      .map((x) => ({ index: x.index, token: readFileSync(x.file, 'utf8').trim() }))
  }

  /** The first-start admin token, from whichever instance wrote it (the first found when, wrongly, several did). */
  adminToken(): string {
    const all = this.adminTokens()
    if (!all.length) throw new Error(`no admin.token in any DATA_DIR (${this.instances.map((x) => x.dataDir).join(', ')})`)
    return all[0].token
  }

  /** An API client against the balancer ('lb') or instance i, with the admin token unless another is given. */
  api(target: 'lb' | number, token: string | null = this.adminToken()): Api {
    if (target === 'lb') {
      if (!this.balancer) throw new Error('the balancer is not started (startBalancer())')
      return new Api(this.balancer.url, token)
    }
    return new Api(this.instances[target].url, token)
  }

  /** A query on the cluster's database, straight through pg (for checks that must not trust the service). */
  async sql<T extends pg.QueryResultRow = any>(text: string, params: unknown[] = []): Promise<T[]> {
    this.pool ??= new pg.Pool({ connectionString: this.databaseUrl, max: 2 })
    return (await this.pool.query<T>(text, params)).rows
  }

  /** The tail of every log (instances and balancer), for a failed test's output. */
  report(lines = 30): string {
    const parts = this.instances.map((x) => `--- instance ${x.index} (${this.running(x.index) ? `pid ${x.child?.pid}` : 'not running'}, ${x.logFile}) ---\n${tail(x.logFile, lines)}`)
    if (this.balancer) parts.push(`--- haproxy (${this.balancer.logFile}) ---\n${tail(this.balancer.logFile, lines)}`)
    return parts.join('\n')
  }

  /**
   * Stops everything this cluster started (SIGKILL: the tests are over, nothing to drain), drops the
   * database and removes the run folder — kept with CLUSTER_KEEP=1 for reading the logs.
   */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.balancer?.stop()
    if (this.balancer) balancers.delete(this.balancer)
    await Promise.all(this.instances.map((x) => this.kill(x.index, 'SIGKILL')))
    await this.pool?.end()
    await maintenance((c) => c.query(`DROP DATABASE IF EXISTS ${this.dbName} WITH (FORCE)`))
    if (process.env.CLUSTER_KEEP === '1') console.log(`cluster harness: kept ${this.runDir}`)
    else rmSync(this.runDir, { recursive: true, force: true })
    if (--openClusters === 0 && tileCache) {
      const { dir, tiles } = tileCache
      tileCache = null
      await tiles.catch(() => undefined)
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
