/**
 * npm run bench -- http [--duration 5] [--connections 10] [--runs 3] [--pg] [--prof DIR]
 *
 * The per-request cost of the HTTP API, against its named peer: a bare Fastify "hello" server measured by
 * the same client, with the same connections and duration, in the same run. Every server is a child
 * process of its own (this file again, `serve hello|service`); the client (autocannon) is this process, so
 * client and server never share an event loop. Measured:
 *   hello       GET /          bare Fastify 5, no plugins — the peer
 *   auth/me     GET /api/auth/me  the real app (build() from server/src/app.ts, demo loaded, pino at info
 *                                 as main.ts runs it, logs to /dev/null), one admin bearer token, rate limit
 *                                 raised so that one token can be measured — every hook runs
 *   diagnose    POST /api/diagnose  the demo's worked example (data/demo/README.md), times shifted to now
 *   diagnose with LOG_LEVEL=warn  the same without pino's access log
 * each with req/s, p50/p99 latency, the server's CPU per request (process.cpuUsage() over the run, asked by
 * IPC) and the ratios to hello of req/s and of CPU per request; then diagnose on 1 and on 2 service
 * instances (2 processes, each its own PORT; one autocannon per instance at once). With `--pg` (or
 * TEST_PG_URL set) both instances share one throw-away PostgreSQL database, else each has its own embedded
 * store (diagnose never reads the store; the token lookup is cached). `--prof DIR` runs the service with
 * `node --cpu-prof --cpu-prof-dir DIR` (open the .cpuprofile in Chrome DevTools or speedscope).
 * Every figure is the median of `--runs` runs; the machine has 2 cores, so the client takes one of them.
 *
 * What the CPU profile of the service showed while it served the worked example (2026-12-04, 2 cores shared with
 * other work, so shares of the service's CPU, not times): Node's HTTP parser and socket writes 25–40 % (hello
 * pays them too); diagnose() ~14 %, a third of it the cutover rule's time formatting; @fastify/helmet ~7 %
 * (it called helmet(options) — CSP parsing, a dozen middlewares — on every request); pino's two access-log
 * lines ~6 % (sync write, redact); fast-json-stringify of the reply ~5 % (the route already has a response
 * schema; the reply is 3.4 kB of mostly Chinese text); JSON parse + ajv ~3 %; the auth hook with the token
 * lookup 1–2.5 % (the 5 s principal cache is hit, keyed by the token: no hashing on a hit, SHA-256 on a miss,
 * scrypt never); unstorable()/nonFinite() ~1 % (no hot spot); rate limit ~1 %; under-pressure, CORS (no
 * origins) and the audit onSend < 0.5 % each; GC 6–14 %.
 * Fixed: helmet's headers computed once (auth/security-headers.ts); the audit hook only on audited routes;
 * app.ts's checks as synchronous hooks; routeOptions (a new object per read) read once in the auth hook.
 * Figures before and after: README.md, Benchmarks (Per-request cost over HTTP).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import autocannon from 'autocannon'

const SELF = import.meta.filename
const ROOT = join(import.meta.dirname, '..', '..')
const DEMO_ANCHOR = Date.parse('2026-11-23T16:30:00+08:00')
const WORKED_EXAMPLE_AT = Date.parse('2026-11-23T14:10:00+08:00')

interface Ready { url: string; token?: string }

// Every server answers {cpu} with its CPU time so far (user + system, µs): CPU per request is the cost
// that decides throughput per process, and it stays readable when other work shares the machine.
process.on('message', (m) => { if (m === 'cpu') { const u = process.cpuUsage(); process.send!({ cpu: u.user + u.system }) } })

// ---------------------------------------------------------------------------------------------------
// Child: one server, told to the parent by IPC ({url, token}); SIGTERM closes it and exits (so that
// --cpu-prof writes its profile).
async function serve(kind: string): Promise<void> {
  const port = Number(process.env.PORT ?? 0)
  if (kind === 'hello') {
    const { default: Fastify } = await import('fastify')
    const app = Fastify()
    app.get('/', async () => ({ hello: 'world' }))
    const url = await app.listen({ port, host: '127.0.0.1' })
    process.send!({ url } satisfies Ready)
    process.once('SIGTERM', () => void app.close().then(() => process.exit(0)))
    return
  }
  const { build } = await import('../../server/src/app.js')
  const { defaultDiagnosisOptions } = await import('../../server/src/config/index.js')
  const { NetworkService } = await import('../../server/src/service/network-service.js')
  const { loadDemoIfEmpty } = await import('../../server/src/demo/load-demo.js')
  const { Users } = await import('../../server/src/auth/users.js')
  const dataDir = process.env.DATA_DIR!
  const service = await NetworkService.start({ dataDir, databaseUrl: process.env.DATABASE_URL || null, diagnosis: { ...defaultDiagnosisOptions } })
  await loadDemoIfEmpty(service, { shiftToNow: true, now: Number(process.env.BENCH_NOW) })
  const users = new Users(service.store.db, { scryptN: 2 ** 12 })
  // The first instance on a store bootstraps the admin; a second one on the same database issues itself a token.
  const token = (await users.bootstrap(dataDir)) ?? (await users.issueToken('admin', `bench ${process.pid}`)).token
  // As main.ts runs it (pino at LOG_LEVEL, default info), but one token may send far more than a person's 1200/min.
  const app = await build({ service, users, logger: { level: process.env.LOG_LEVEL ?? 'info' }, tilesDir: join(dataDir, 'tiles'), security: { rateLimitPerMin: 1e9 } })
  const url = await app.listen({ port, host: '127.0.0.1' })
  process.send!({ url, token } satisfies Ready)
  process.once('SIGTERM', () => void app.close().then(() => service.close()).then(() => process.exit(0)))
}

// ---------------------------------------------------------------------------------------------------
// Parent: starts servers, measures, prints.
interface Child { proc: ChildProcess; ready: Ready }

async function start(kind: 'hello' | 'service', env: NodeJS.ProcessEnv, profDir?: string): Promise<Child> {
  const prof = profDir && kind === 'service' ? ['--cpu-prof', '--cpu-prof-dir', profDir] : []
  const proc = spawn(process.execPath, [...prof, '--import', 'tsx', SELF, 'serve', kind], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const ready = await new Promise<Ready>((resolve, reject) => {
    proc.once('message', (m) => resolve(m as Ready))
    proc.once('exit', (code) => reject(new Error(`${kind} server exited (${code}) before it was ready`)))
  })
  return { proc, ready }
}

async function stop(c: Child): Promise<void> {
  const gone = new Promise<void>((resolve) => c.proc.once('exit', () => resolve()))
  c.proc.kill('SIGTERM')
  const timer = setTimeout(() => c.proc.kill('SIGKILL'), 30_000)
  await gone
  clearTimeout(timer)
}

interface Figures { rps: number; p50: number; p99: number; non2xx: number; errors: number; cpuUs: number }

const cpuOf = (c: Child) => new Promise<number>((resolve) => {
  const on = (m: unknown) => {
    if (m && typeof m === 'object' && 'cpu' in m) { c.proc.off('message', on); resolve((m as { cpu: number }).cpu) }
  }
  c.proc.on('message', on)
  c.proc.send('cpu')
})

/** One autocannon run against `server`; cpuUs is the server's CPU time per answered request. */
async function run(server: Child, opts: autocannon.Options): Promise<Figures> {
  const cpu0 = await cpuOf(server)
  const r = await new Promise<autocannon.Result>((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))))
  const cpu1 = await cpuOf(server)
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors, cpuUs: (cpu1 - cpu0) / Math.max(1, r.requests.total) }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

function arg(args: string[], name: string, dflt: string): string {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt
}

export async function benchHttp(args: string[] = []): Promise<void> {
  const duration = Number(arg(args, 'duration', '5'))
  const connections = Number(arg(args, 'connections', '10'))
  const runs = Number(arg(args, 'runs', '3'))
  const profDir = args.includes('--prof') ? arg(args, 'prof', join(ROOT, 'var', 'prof')) : undefined
  const pgAdmin = args.includes('--pg') ? (process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres') : process.env.TEST_PG_URL
  const now = Date.now()
  const body = JSON.stringify({
    lon: 113.325574, lat: 23.137447, occurredAt: new Date(now - (DEMO_ANCHOR - WORKED_EXAMPLE_AT)).toISOString(),
    service: 'voice', phenomenon: '无信号/忙音', address: '天河直街白马花园附近',
  })
  console.log(`\n## http — per-request cost against a bare Fastify hello; autocannon in this process, ${connections} connections, ${duration} s, median of ${runs} runs; store ${pgAdmin ? 'PostgreSQL' : 'embedded PGlite'}`)

  // A throw-away database for --pg (both instances share it), else one embedded store per instance.
  let dbUrl: string | null = null
  let dropDb = async () => {}
  if (pgAdmin) {
    const { default: pg } = await import('pg')
    const name = `tousu_bench_${randomBytes(6).toString('hex')}`
    const admin = async (sql: string) => { const c = new pg.Client({ connectionString: pgAdmin }); await c.connect(); try { await c.query(sql) } finally { await c.end() } }
    await admin(`CREATE DATABASE ${name}`) // generated name, never input
    const u = new URL(pgAdmin)
    u.pathname = `/${name}`
    dbUrl = u.toString()
    dropDb = () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  }
  const dirs: string[] = []
  const serviceEnv = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tousu-bench-http-'))
    dirs.push(dir)
    return { DATA_DIR: dir, DATABASE_URL: dbUrl ?? '', PORT: '0', BENCH_NOW: String(now) }
  }
  const children: Child[] = []
  try {
    // Hello and the service run side by side (idle while the other is measured); each round measures
    // hello, auth/me and diagnose one after the other, so a ratio compares figures taken under the same
    // load of the machine, and the ratio printed is the median of the rounds' ratios.
    const hello = await start('hello', { PORT: '0' })
    children.push(hello)
    const one = await start('service', serviceEnv(), profDir)
    children.push(one)
    const auth = { authorization: `Bearer ${one.ready.token}` }
    // Each service must answer the worked example with cutover; right after the demo load under-pressure
    // may still see the start's event-loop delay (503 OVERLOADED) for a moment: that is waited out.
    const answersWorkedExample = async (c: Child) => {
      for (let tries = 0; ; tries++) {
        const check = await fetch(`${c.ready.url}/api/diagnose`, { method: 'POST', headers: { authorization: `Bearer ${c.ready.token}`, 'content-type': 'application/json' }, body })
        const answer = (await check.json()) as { cause?: { code: string } }
        if (check.status === 200 && answer.cause?.code === 'cutover') return
        if (check.status !== 503 || tries > 60) throw new Error(`the worked example answered ${check.status} ${JSON.stringify(answer).slice(0, 300)}, not cause cutover`)
        await new Promise((r) => setTimeout(r, 500))
      }
    }
    await answersWorkedExample(one)
    const diagnoseOf = (c: Child): autocannon.Options => ({
      url: `${c.ready.url}/api/diagnose`, connections, duration,
      method: 'POST', body, headers: { authorization: `Bearer ${c.ready.token}`, 'content-type': 'application/json' },
    })
    // The same service without its access log (LOG_LEVEL=warn): what pino's two lines per request cost.
    const quiet = await start('service', { ...serviceEnv(), LOG_LEVEL: 'warn' }, profDir)
    children.push(quiet)
    await answersWorkedExample(quiet)
    const kinds: [string, Child, autocannon.Options][] = [
      ['hello  GET / (bare Fastify)', hello, { url: hello.ready.url, connections, duration }],
      ['auth/me  GET /api/auth/me (token)', one, { url: `${one.ready.url}/api/auth/me`, connections, duration, headers: auth }],
      ['diagnose  POST /api/diagnose', one, diagnoseOf(one)],
      ['diagnose, LOG_LEVEL=warn', quiet, diagnoseOf(quiet)],
    ]
    const rounds: Figures[][] = []
    for (let i = 0; i < runs; i++) {
      const round: Figures[] = []
      for (const [name, server, opts] of kinds) {
        const f = await run(server, opts)
        if (f.non2xx + f.errors > 0) throw new Error(`${name}: ${f.non2xx} answers not 2xx, ${f.errors} errors — the figures would not measure the route`)
        round.push(f)
      }
      rounds.push(round)
    }
    // Two ratios to hello: of req/s as measured (client and server share 2 cores, so it understates the
    // gap), and of server CPU per request (hello's / ours), which is the throughput ratio per process
    // when the process, not the client, is the bottleneck.
    kinds.forEach(([name], k) => {
      const fs = rounds.map((r) => r[k])
      const ratio = k === 0 ? '' : `  ${median(rounds.map((r) => r[k].rps / r[0].rps)).toFixed(3)}× hello req/s, ${median(rounds.map((r) => r[0].cpuUs / r[k].cpuUs)).toFixed(3)}× hello by CPU`
      console.log(`  ${name.padEnd(34)} ${Math.round(median(fs.map((f) => f.rps))).toLocaleString().padStart(7)} req/s  p50 ${String(median(fs.map((f) => f.p50))).padStart(3)} ms  p99 ${String(median(fs.map((f) => f.p99))).padStart(3)} ms  server CPU ${Math.round(median(fs.map((f) => f.cpuUs)))} µs/req${ratio}   (req/s runs: ${fs.map((f) => Math.round(f.rps)).join(', ')})`)
    })
    const d1 = { rps: median(rounds.map((r) => r[2].rps)) }
    await stop(children.pop()!)
    await stop(children.shift()!)

    // Two instances: a second process on its own port (same database with --pg); one client per instance at once.
    const two = await start('service', serviceEnv(), profDir)
    children.push(two)
    await answersWorkedExample(two)
    const both: number[] = []
    for (let i = 0; i < runs; i++) {
      const [a, b] = await Promise.all([run(one, { ...diagnoseOf(one), connections: Math.ceil(connections / 2) }), run(two, { ...diagnoseOf(two), connections: Math.ceil(connections / 2) })])
      if (a.non2xx + a.errors + b.non2xx + b.errors > 0) throw new Error('diagnose on two instances: answers that were not 2xx')
      both.push(a.rps + b.rps)
    }
    console.log(`  diagnose, 1 instance                ${Math.round(d1.rps).toLocaleString().padStart(7)} req/s`)
    console.log(`  diagnose, 2 instances (2 processes) ${Math.round(median(both)).toLocaleString().padStart(7)} req/s  (runs: ${both.map(Math.round).join(', ')}; ${(median(both) / d1.rps).toFixed(2)}× one; client and both servers share the machine's cores)`)
  } finally {
    for (const c of children.reverse()) await stop(c)
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
    await dropDb()
    if (profDir) console.log(`  CPU profiles of the service processes in ${profDir}`)
  }
}

if (process.argv[2] === 'serve') await serve(process.argv[3])
else if (import.meta.filename === process.argv[1]) await benchHttp(process.argv.slice(2))
