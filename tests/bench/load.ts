/**
 * npm run bench:load [-- --duration 20 --connections 50] — issue 7's load check against the real service.
 *
 * Starts `node --import tsx server/src/main.ts` as a separate process on a temporary DATA_DIR with the demo,
 * on loopback; creates one agent user with its own API token per connection (a call centre's agents); then
 * autocannon drives a mixed workload (diagnose, search, base-map tiles, sites in a bbox, recorded complaints),
 * each connection with its own agent's token, while an engineer imports alarm CSVs a few times. Prints
 * throughput, latency overall and per kind, the status codes; then checks that every complaint answered 201
 * and every alarm of every import answered 200 is there — again after a graceful restart of the service.
 * A second phase floods one token above its rate limit and shows the 429s (with Retry-After) are intended.
 *
 * Fails (exit 1) on any answer other than 2xx, 429 (rate limit) or 503 (under pressure), on connection
 * errors or timeouts, on a lost complaint or alarm, or when the flood gets no 429.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { loadConfig, loadSecurityOptions } from '../../server/src/config/index.js'
import { pinyinKeys } from '../../server/src/search/pinyin-keys.js'
import { percentile, prng } from './network.js'
import { freePort } from '../helpers/wait.js'
import { parseImport } from '../../server/src/ingest/index.js'

const ROOT = join(import.meta.dirname, '..', '..')
const DEMO = join(ROOT, 'data', 'demo')

const KINDS = ['diagnose', 'search', 'tile', 'sites', 'complaint'] as const
type Kind = (typeof KINDS)[number]
/** Share of each kind in the agents' workload: what an agent's screen does during calls. */
const MIX: Record<Kind, number> = { diagnose: 0.3, search: 0.2, tile: 0.25, sites: 0.15, complaint: 0.1 }
const LABEL: Record<Kind | 'import', string> = {
  diagnose: 'POST /api/diagnose',
  search: 'GET  /api/search?q=',
  tile: 'GET  /tiles/{z}/{x}/{y}.png',
  sites: 'GET  /api/sites?bbox=',
  complaint: 'POST /api/complaints',
  import: 'POST /api/import/alarms',
}
const PHENOMENA = ['无信号/忙音', '信号弱/不稳定', '有信号无法接通', '掉话', '无法上网', '网速慢']
const ALARM_KINDS: [string, string][] = [['断站', 'critical'], ['退服', 'critical'], ['传输中断', 'critical'], ['干扰', 'major'], ['驻波比告警', 'minor']]
/** The demo district (data/demo/README.md): lon 113.32–113.36, lat 23.12–23.15. */
const AREA = { minLon: 113.32, maxLon: 113.36, minLat: 23.12, maxLat: 23.15 }
const HOUR = 3600_000
/** Intended refusals: the per-user rate limit and the overload guard. */
const INTENDED = new Set([429, 503])

interface Options {
  duration: number
  connections: number
  imports: number
  importRows: number
  floodSeconds: number
  floodConnections: number
  keep: boolean
}

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      duration: { type: 'string', default: process.env.BENCH_LOAD_SECONDS ?? '20' },
      connections: { type: 'string', default: '50' },
      imports: { type: 'string', default: '4' },
      'import-rows': { type: 'string', default: '250' },
      'flood-seconds': { type: 'string', default: '5' },
      'flood-connections': { type: 'string', default: '10' },
      keep: { type: 'boolean', default: false },
    },
  })
  const int = (name: string, v: string | undefined, min: number) => {
    const n = Number(v)
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}; got ${JSON.stringify(v)}`)
    return n
  }
  return {
    duration: int('duration', values.duration, 1),
    connections: int('connections', values.connections, 1),
    imports: int('imports', values.imports, 0),
    importRows: int('import-rows', values['import-rows'], 1),
    floodSeconds: int('flood-seconds', values['flood-seconds'], 1),
    floodConnections: int('flood-connections', values['flood-connections'], 1),
    keep: values.keep ?? false,
  }
}

// ——— the service as a separate process ———

interface Service {
  child: ChildProcess
  url: string
  exited: Promise<number | null>
}

function startService(env: NodeJS.ProcessEnv, logFile: string): Service {
  const fd = openSync(logFile, 'a')
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', fd, fd] })
  closeSync(fd)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, url: `http://127.0.0.1:${env.PORT}`, exited }
}

const logTail = (file: string, lines = 30) => readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')

async function waitHealthy(svc: Service, logFile: string, timeoutMs = 180_000): Promise<Record<string, number>> {
  const t0 = Date.now()
  let gone = false
  void svc.exited.then(() => { gone = true })
  while (Date.now() - t0 < timeoutMs) {
    if (gone) throw new Error(`the service exited before it answered /health; its log:\n${logTail(logFile)}`)
    try {
      const r = await fetch(`${svc.url}/health`)
      if (r.ok) return ((await r.json()) as { index: Record<string, number> }).index
    } catch { /* not listening yet */ }
    await sleep(250)
  }
  throw new Error(`the service did not answer /health within ${timeoutMs / 1000} s; its log:\n${logTail(logFile)}`)
}

/** SIGTERM (graceful: in-flight requests finish, PGlite flushes), then the exit code; SIGKILL after 30 s. */
async function stopService(svc: Service): Promise<number | null> {
  if (svc.child.exitCode !== null || svc.child.signalCode !== null) return svc.child.exitCode
  svc.child.kill('SIGTERM')
  const timer = setTimeout(() => svc.child.kill('SIGKILL'), 30_000)
  const code = await svc.exited
  clearTimeout(timer)
  return code
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

// ——— plain API calls (setup, imports, checks) ———

interface Answer { status: number; body: unknown; headers: Headers; ms: number }

async function call(base: string, method: string, path: string, token: string, body?: unknown, contentType = 'application/json'): Promise<Answer> {
  const t0 = performance.now()
  const r = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await r.text()
  let parsed: unknown = text
  try { parsed = JSON.parse(text) } catch { /* not JSON */ }
  return { status: r.status, body: parsed, headers: r.headers, ms: performance.now() - t0 }
}

/** A call for setup and checks: waits out 429/503 (Retry-After) a few times; throws on anything else unexpected. */
async function must(base: string, method: string, path: string, token: string, body: unknown, ok: number[]): Promise<Answer> {
  for (let attempt = 0; ; attempt++) {
    const a = await call(base, method, path, token, body)
    if (INTENDED.has(a.status) && attempt < 8) {
      await sleep(Math.min(Number(a.headers.get('retry-after') ?? 1), 30) * 1000)
      continue
    }
    if (!ok.includes(a.status)) throw new Error(`${method} ${path} → ${a.status} ${JSON.stringify(a.body).slice(0, 300)}`)
    return a
  }
}

/** Runs fn over items, `limit` at a time. */
async function pool<T>(items: T[], limit: number, fn: (x: T, i: number) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++
      await fn(items[i], i)
    }
  }))
}

// ——— the workload ———

interface Scenario { lon: number; lat: number; occurredAt: string; service: string; phenomenon: string; address: string }

interface Workload {
  scenarios: Scenario[]
  /** DEMO_ANCHOR as in the files; the service moved it to its start time (DEMO_SHIFT). */
  anchor: number
  shiftedTo: number
  queries: string[]
  tiles: string[]
  streets: string[]
  siteIds: string[]
}

function workload(dataDir: string, shiftedTo: number): Workload {
  const sc = JSON.parse(readFileSync(join(DEMO, 'scenarios.json'), 'utf8')) as { anchor: string; scenarios: Scenario[] }
  const features = (JSON.parse(readFileSync(join(DEMO, 'features.geojson'), 'utf8')) as { features: { properties: { name: string; type: string } }[] }).features
  // The demo's sites as the service itself reads them.
  const sites = parseImport('sites', { text: readFileSync(join(DEMO, 'sites.csv'), 'utf8'), format: 'csv' }, { crs: 'wgs84' }).rows
  const names = [...features.map((f) => f.properties.name), ...sites.map((s) => s.name)]
  const queries = new Set<string>()
  for (const name of names) {
    queries.add(name) // whole name
    if (name.length > 2) queries.add(name.slice(0, name.length - 1)) // a missing 路/街 or last character
    queries.add(name.slice(0, 2)) // partial: the first two characters
    const keys = pinyinKeys(name)
    queries.add(keys.full) // tianhezhijie
    queries.add(keys.initials) // thzj
  }
  const tiles: string[] = []
  const tilesDir = join(dataDir, 'tiles')
  for (const z of readdirSync(tilesDir).filter((d) => /^\d+$/.test(d))) {
    for (const x of readdirSync(join(tilesDir, z)).filter((d) => /^\d+$/.test(d))) {
      for (const y of readdirSync(join(tilesDir, z, x))) if (/^\d+\.png$/.test(y)) tiles.push(`/tiles/${z}/${x}/${y}`)
    }
  }
  if (tiles.length === 0) throw new Error(`no tiles in ${tilesDir} after the demo start`)
  return {
    scenarios: sc.scenarios, anchor: Date.parse(sc.anchor), shiftedTo, queries: [...queries], tiles,
    streets: features.filter((f) => f.properties.type === 'road').map((f) => f.properties.name),
    siteIds: sites.map((s) => s.id),
  }
}

/** One call-centre complaint: a demo scenario moved a little in space and time, or a point anywhere in the district. */
function complaintFields(w: Workload, rnd: () => number) {
  const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)]
  const now = Date.now()
  if (rnd() < 0.6) {
    const s = pick(w.scenarios)
    // The scenario's time as the service sees it (shifted with the demo), ±20 min, never in the future.
    const t = Math.min(Date.parse(s.occurredAt) - w.anchor + w.shiftedTo + (rnd() - 0.5) * 40 * 60_000, now - 60_000)
    return {
      lon: +(s.lon + (rnd() - 0.5) * 0.003).toFixed(6), lat: +(s.lat + (rnd() - 0.5) * 0.0024).toFixed(6),
      occurredAt: new Date(t).toISOString(), service: s.service, phenomenon: rnd() < 0.7 ? s.phenomenon : pick(PHENOMENA), address: s.address,
    }
  }
  const phenomenon = pick(PHENOMENA)
  return {
    lon: +(AREA.minLon + rnd() * (AREA.maxLon - AREA.minLon)).toFixed(6), lat: +(AREA.minLat + rnd() * (AREA.maxLat - AREA.minLat)).toFixed(6),
    occurredAt: new Date(now - 60_000 - rnd() * 6 * HOUR).toISOString(),
    service: phenomenon === '无法上网' || phenomenon === '网速慢' ? 'data' : 'voice', phenomenon, address: `${pick(w.streets)}附近`,
  }
}

interface Agent { username: string; token: string }

/** What one connection sent last, and what it saw. */
interface Conn {
  agent: Agent
  rnd: () => number
  seq: number
  kind: Kind
  complaintId: string | null
  /** The kind of the answer just received (set in onResponse, read by the client's response event). */
  answered: Kind
}

class Tally {
  readonly latency = new Map<string, number[]>()
  readonly status = new Map<string, Map<number, number>>()
  readonly unexpected: string[] = []
  retryAfterMissing = 0

  add(kind: string, status: number) {
    const m = this.status.get(kind) ?? new Map<number, number>()
    m.set(status, (m.get(status) ?? 0) + 1)
    this.status.set(kind, m)
  }
  time(kind: string, ms: number) {
    const a = this.latency.get(kind) ?? []
    a.push(ms)
    this.latency.set(kind, a)
  }
  count(kind: string | null, pred: (status: number) => boolean): number {
    let n = 0
    for (const [k, m] of this.status) if (kind === null || k === kind) for (const [s, c] of m) if (pred(s)) n += c
    return n
  }
}

const fmtMs = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2))
function latencyLine(label: string, a: number[]): string {
  const s = Float64Array.from(a).sort()
  if (s.length === 0) return `  ${label.padEnd(30)} —`
  return `  ${label.padEnd(30)} ${String(s.length).padStart(7)}   p50 ${fmtMs(percentile(s, 50)).padStart(6)}   p90 ${fmtMs(percentile(s, 90)).padStart(6)}   p99 ${fmtMs(percentile(s, 99)).padStart(6)}   max ${fmtMs(s[s.length - 1]).padStart(6)} ms`
}
const histogram = (m: Map<number, number> | undefined) => [...(m ?? new Map<number, number>())].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join('  ')

// ——— checks ———

async function verify(base: string, agents: Agent[], complaints: string[], alarms: Map<string, string[]>, expectedAlarmCount: number, demoComplaints: number, tag: string): Promise<string[]> {
  const problems: string[] = []
  const missing: string[] = []
  await pool(complaints, 16, async (id, i) => {
    const a = await must(base, 'GET', `/api/complaints/${encodeURIComponent(id)}`, agents[i % agents.length].token, undefined, [200, 404])
    if (a.status !== 200 || (a.body as { id?: string }).id !== id) missing.push(id)
  })
  if (missing.length) problems.push(`${tag}: ${missing.length} of ${complaints.length} complaints answered 201 are missing: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ' …' : ''}`)

  const lostAlarms: string[] = []
  let alarmCount = 0
  await pool([...alarms], 8, async ([siteId, ids], i) => {
    const a = await must(base, 'GET', `/api/sites/${siteId}`, agents[i % agents.length].token, undefined, [200])
    const have = new Set(((a.body as { alarms: { id: string }[] }).alarms).map((x) => x.id))
    for (const id of ids) if (have.has(id)) alarmCount++; else lostAlarms.push(id)
  })
  if (lostAlarms.length) problems.push(`${tag}: ${lostAlarms.length} imported alarms are missing from GET /api/sites/:id: ${lostAlarms.slice(0, 10).join(', ')}${lostAlarms.length > 10 ? ' …' : ''}`)
  const index = (await must(base, 'GET', '/health', agents[0].token, undefined, [200])).body as { index: Record<string, number> }
  if (index.index.alarms !== expectedAlarmCount) problems.push(`${tag}: /health counts ${index.index.alarms} alarms, expected ${expectedAlarmCount}`)
  const n = complaints.length, m = [...alarms.values()].reduce((s, a) => s + a.length, 0)
  // Complaints whose answer autocannon never read (in flight when it stopped) are stored all the same.
  const unanswered = index.index.complaints - demoComplaints - n
  if (problems.length === 0) console.log(`  ${tag}: all ${n.toLocaleString()} recorded complaints and ${m.toLocaleString()} imported alarms present (/health: ${index.index.complaints.toLocaleString()} complaints = ${demoComplaints} demo + ${n.toLocaleString()} answered 201 + ${unanswered} in flight when the load stopped; ${index.index.alarms.toLocaleString()} alarms)`)
  return problems
}

// ——— the benchmark ———

/** Runs the load check; resolves true when nothing failed. */
export async function benchLoad(argv = process.argv.slice(2).filter((a) => a !== 'load')): Promise<boolean> {
  const opt = options(argv)
  const problems: string[] = []
  const base = mkdtempSync(join(tmpdir(), 'tousu-load-'))
  const dataDir = join(base, 'data')
  const logFile = join(base, 'service.log')
  mkdirSync(dataDir)
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DEMO: '1' }
  const cfg = loadConfig(env), sec = loadSecurityOptions(env)
  const run = Date.now().toString(36)

  const cpu = cpus()
  console.log(`\n## load — the service as a separate process, ${opt.connections} agents × 1 connection each, ${opt.duration} s, loopback`)
  console.log(`machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? '?'}), ${(totalmem() / 1024 ** 3).toFixed(1)} GiB, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} at start (the machine is shared: figures are indicative)`)
  console.log(`service: node --import tsx server/src/main.ts, DATA_DIR ${dataDir}, ${cfg.host}:${cfg.port}, DEMO=1, store ${cfg.databaseUrl ? 'PostgreSQL' : 'embedded PGlite'}, LOG_LEVEL ${cfg.logLevel} (log in ${logFile})`)
  console.log(`  RATE_LIMIT_PER_MIN ${sec.rateLimitPerMin}, MAX_EVENT_LOOP_DELAY_MS ${sec.maxEventLoopDelayMs}, MAX_HEAP_USED_BYTES ${(sec.maxHeapUsedBytes / 1024 ** 3).toFixed(1)} GiB, BODY_LIMIT ${sec.bodyLimit}, REQUEST_TIMEOUT_MS ${sec.requestTimeoutMs}`)

  let svc = startService(env, logFile)
  const stopOnExit = () => { if (svc.child.exitCode === null) svc.child.kill('SIGTERM') }
  process.once('exit', stopOnExit)
  try {
    let t0 = performance.now()
    const before = await waitHealthy(svc, logFile)
    console.log(`started and answering /health in ${((performance.now() - t0) / 1000).toFixed(1)} s (first start: demo load, base map, demo logins); index: ${Object.entries(before).map(([k, v]) => `${k} ${v}`).join(', ')}`)
    const shiftedTo = Date.now()
    const admin = readFileSync(join(dataDir, 'admin.token'), 'utf8').trim()
    const w = workload(dataDir, shiftedTo)

    // Users: the agents, an engineer for the imports, and one more agent for the rate-limit phase.
    t0 = performance.now()
    const mkUser = async (username: string, role: string): Promise<Agent> => {
      await must(svc.url, 'POST', '/api/users', admin, { username, role }, [201])
      const t = await must(svc.url, 'POST', `/api/users/${username}/tokens`, admin, { name: 'bench:load' }, [201])
      return { username, token: (t.body as { token: string }).token }
    }
    const agents: Agent[] = []
    for (let i = 0; i < opt.connections; i++) agents.push(await mkUser(`load-agent-${String(i + 1).padStart(3, '0')}`, 'agent'))
    const engineer = await mkUser('load-engineer', 'engineer')
    const flooder = await mkUser('load-flood', 'agent')
    console.log(`created ${agents.length} agents, 1 engineer and 1 more agent, each with its own token, in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    console.log(`workload per connection: ${KINDS.map((k) => `${Math.round(MIX[k] * 100)}% ${k}`).join(', ')}; ${w.queries.length} search strings, ${w.tiles.length} tiles, ${w.scenarios.length} demo scenarios ± 150 m / ± 20 min and random points`)
    console.log(`meanwhile ${opt.imports} alarm imports of ${opt.importRows} rows each by the engineer`)

    // ——— phase 1: the agents, with the engineer's imports alongside ———
    const tally = new Tally()
    const recorded: string[] = []
    const imported = new Map<string, string[]>() // site → alarm ids answered 200
    let importedRows = 0
    let nextAgent = 0
    const pickKind = (r: number): Kind => {
      let acc = 0
      for (const k of KINDS) if ((acc += MIX[k]) > r) return k
      return 'complaint'
    }
    const setupClient = (client: autocannon.Client) => {
      const idx = nextAgent++
      const c: Conn = { agent: agents[idx % agents.length], rnd: prng(1000 + idx), seq: 0, kind: 'search', complaintId: null, answered: 'search' }
      const pick = <T>(a: T[]) => a[Math.floor(c.rnd() * a.length)]
      client.setRequests([{
        setupRequest: (req) => {
          c.kind = pickKind(c.rnd())
          c.complaintId = null
          const auth = { authorization: `Bearer ${c.agent.token}` }
          const json = { ...auth, 'content-type': 'application/json' }
          switch (c.kind) {
            case 'diagnose':
              return { ...req, method: 'POST', path: '/api/diagnose', headers: json, body: JSON.stringify(complaintFields(w, c.rnd)) }
            case 'complaint': {
              c.complaintId = `LD-${run}-${idx}-${++c.seq}`
              const body = { ...complaintFields(w, c.rnd), id: c.complaintId, number: `138${String(Math.floor(c.rnd() * 1e8)).padStart(8, '0')}`, description: '压测:客服记录的投诉' }
              return { ...req, method: 'POST', path: '/api/complaints', headers: json, body: JSON.stringify(body) }
            }
            case 'search':
              return { ...req, method: 'GET', path: `/api/search?q=${encodeURIComponent(pick(w.queries))}`, headers: auth, body: undefined }
            case 'tile':
              return { ...req, method: 'GET', path: pick(w.tiles), headers: auth, body: undefined }
            case 'sites': {
              const half = pick([0.002, 0.005, 0.01, 0.02])
              const lon = AREA.minLon + c.rnd() * (AREA.maxLon - AREA.minLon), lat = AREA.minLat + c.rnd() * (AREA.maxLat - AREA.minLat)
              return { ...req, method: 'GET', path: `/api/sites?bbox=${[lon - half, lat - half, lon + half, lat + half].map((v) => v.toFixed(6)).join(',')}`, headers: auth, body: undefined }
            }
          }
        },
        onResponse: (status, body, _ctx, headers) => {
          c.answered = c.kind
          tally.add(c.kind, status)
          if (status === 429 && !(headers as Record<string, unknown> | undefined)?.['retry-after']) tally.retryAfterMissing++
          if (c.kind === 'complaint' && status === 201) {
            let id: unknown
            try { id = (JSON.parse(body) as { id?: unknown }).id } catch { /* checked below */ }
            if (id === c.complaintId) recorded.push(c.complaintId!)
            else tally.unexpected.push(`complaint ${c.complaintId} answered 201 with id ${JSON.stringify(id)}`)
          } else if (!(status >= 200 && status < 300) && !INTENDED.has(status) && tally.unexpected.length < 20) {
            tally.unexpected.push(`${LABEL[c.kind]} → ${status} ${body.slice(0, 200)}`)
          }
        },
      }])
      client.on('response', (_status: number, _bytes: number, ms: number) => tally.time(c.answered, ms))
    }

    const importsDone: Promise<void>[] = []
    const importTimers: NodeJS.Timeout[] = []
    for (let k = 0; k < opt.imports; k++) {
      importTimers.push(setTimeout(() => {
        importsDone.push((async () => {
          const now = Date.now()
          const rnd = prng(77 + k)
          const rows: [string, string][] = []
          let csv = 'id,site_id,kind,severity,raised_at,cleared_at\n'
          for (let r = 0; r < opt.importRows; r++) {
            const id = `LA-${run}-${k}-${r}`, site = w.siteIds[Math.floor(rnd() * w.siteIds.length)]
            const raised = now - HOUR - rnd() * 71 * HOUR, cleared = raised + (5 + rnd() * 175) * 60_000
            const [kind, severity] = ALARM_KINDS[Math.floor(rnd() * ALARM_KINDS.length)]
            csv += `${id},${site},${kind},${severity},${new Date(raised).toISOString()},${new Date(cleared).toISOString()}\n`
            rows.push([site, id])
          }
          const a = await call(svc.url, 'POST', '/api/import/alarms', engineer.token, csv, 'text/csv')
          tally.add('import', a.status)
          tally.time('import', a.ms)
          if (a.status === 200 && (a.body as { imported?: number }).imported === rows.length) {
            for (const [site, id] of rows) imported.set(site, [...(imported.get(site) ?? []), id])
            importedRows += rows.length
          } else if (!INTENDED.has(a.status)) {
            tally.unexpected.push(`import ${k} → ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`)
          }
        })())
      }, ((k + 1) * opt.duration * 1000) / (opt.imports + 1)))
    }

    const result = await autocannon({ url: svc.url, connections: opt.connections, duration: opt.duration, setupClient })
    importTimers.forEach(clearTimeout)
    await Promise.all(importsDone)

    const all = [...KINDS].flatMap((k) => tally.latency.get(k) ?? [])
    const total = tally.count(null, () => true) - tally.count('import', () => true)
    const secs = opt.duration
    const n429 = tally.count(null, (s) => s === 429), n503 = tally.count(null, (s) => s === 503)
    const bad = tally.count(null, (s) => !(s >= 200 && s < 300) && !INTENDED.has(s))
    console.log(`\nphase 1 — ${opt.connections} agents, ${secs} s:`)
    console.log(`  total ${total.toLocaleString()} requests (autocannon: ${result.requests.total.toLocaleString()} sent, ${result.errors} errors, ${result.timeouts} timeouts), ${Math.round(total / secs).toLocaleString()} req/s`)
    console.log(latencyLine('all agent requests', all))
    for (const k of KINDS) console.log(latencyLine(LABEL[k], tally.latency.get(k) ?? []))
    console.log(latencyLine(`${LABEL.import} (${opt.importRows} rows)`, tally.latency.get('import') ?? []))
    const writes = tally.latency.get('complaint') ?? []
    if (writes.length) {
      // Little's law: how many connections were, on average, waiting on a complaint being written.
      const rate = writes.length / secs, mean = writes.reduce((a, b) => a + b, 0) / writes.length
      console.log(`  writes: ${rate.toFixed(0)} complaints/s answered 201, mean ${fmtMs(mean)} ms → on average ${(rate * mean / 1000).toFixed(1)} of ${opt.connections} connections waiting on a complaint write`)
    }
    const overall = new Map<number, number>()
    for (const m of tally.status.values()) for (const [s, n] of m) overall.set(s, (overall.get(s) ?? 0) + n)
    console.log(`  status codes: ${histogram(overall)}`)
    for (const k of [...KINDS, 'import']) console.log(`    ${LABEL[k as Kind | 'import'].padEnd(30)} ${histogram(tally.status.get(k))}`)
    console.log(`  intended refusals: 429 (rate limit) ${n429}${n429 ? tally.retryAfterMissing ? `, ${tally.retryAfterMissing} without Retry-After` : ', all with Retry-After' : ''}; 503 (under pressure) ${n503}`)
    console.log(`  unexpected: ${bad} non-2xx other than 429/503${tally.unexpected.length ? `:\n    ${tally.unexpected.slice(0, 10).join('\n    ')}` : ''}`)
    if (bad > 0) problems.push(`phase 1: ${bad} answers other than 2xx/429/503 (${tally.unexpected.slice(0, 3).join(' | ')})`)
    if (tally.unexpected.length > 0 && bad === 0) problems.push(`phase 1: ${tally.unexpected.slice(0, 3).join(' | ')}`)
    if (result.errors > 0 || result.timeouts > 0) problems.push(`phase 1: ${result.errors} connection errors, ${result.timeouts} timeouts`)
    if (tally.retryAfterMissing > 0) problems.push(`phase 1: ${tally.retryAfterMissing} answers 429 without Retry-After`)

    console.log(`\nchecks: every complaint answered 201 (GET /api/complaints/:id) and every alarm of every import answered 200 (GET /api/sites/:id, /health):`)
    const expectedAlarms = before.alarms + importedRows
    problems.push(...await verify(svc.url, agents, recorded, imported, expectedAlarms, before.complaints, 'after phase 1'))

    // ——— phase 2: one token above its rate limit ———
    const flood = new Tally()
    let q = 0
    const floodResult = await autocannon({
      url: svc.url, connections: opt.floodConnections, duration: opt.floodSeconds,
      requests: [{
        setupRequest: (req) => ({ ...req, method: 'GET', path: `/api/search?q=${encodeURIComponent(w.queries[q++ % w.queries.length])}`, headers: { authorization: `Bearer ${flooder.token}` } }),
        onResponse: (status, body, _ctx, headers) => {
          flood.add('search', status)
          if (status === 429 && !(headers as Record<string, unknown> | undefined)?.['retry-after']) flood.retryAfterMissing++
          if (!(status >= 200 && status < 300) && !INTENDED.has(status) && flood.unexpected.length < 10) flood.unexpected.push(`${status} ${body.slice(0, 200)}`)
        },
      }],
    })
    const f2xx = flood.count(null, (s) => s >= 200 && s < 300), f429 = flood.count(null, (s) => s === 429), f503 = flood.count(null, (s) => s === 503)
    const fbad = flood.count(null, (s) => !(s >= 200 && s < 300) && !INTENDED.has(s))
    console.log(`\nphase 2 — one agent's token, ${opt.floodConnections} connections, ${opt.floodSeconds} s (limit ${sec.rateLimitPerMin}/min per user):`)
    console.log(`  ${floodResult.requests.total.toLocaleString()} requests (${Math.round(floodResult.requests.total / opt.floodSeconds).toLocaleString()} req/s): 2xx ${f2xx}, 429 ${f429} (${flood.retryAfterMissing ? `${flood.retryAfterMissing} without Retry-After` : 'every one with Retry-After'}), 503 ${f503}, other ${fbad}   [${histogram(flood.status.get('search'))}]`)
    if (f429 === 0) problems.push(`phase 2: ${floodResult.requests.total} requests on one token in ${opt.floodSeconds} s and no 429: the rate limit did not act`)
    if (f2xx > sec.rateLimitPerMin) problems.push(`phase 2: ${f2xx} requests of one user answered 2xx in ${opt.floodSeconds} s, above the limit of ${sec.rateLimitPerMin}/min`)
    if (flood.retryAfterMissing) problems.push(`phase 2: ${flood.retryAfterMissing} answers 429 without Retry-After`)
    if (fbad) problems.push(`phase 2: ${fbad} answers other than 2xx/429/503 (${flood.unexpected.slice(0, 3).join(' | ')})`)
    if (floodResult.errors || floodResult.timeouts) problems.push(`phase 2: ${floodResult.errors} connection errors, ${floodResult.timeouts} timeouts`)

    // ——— durability: a graceful restart, then the same checks from the store ———
    // autocannon hangs up with requests in flight; their handlers run on without a client. Let them end
    // first: a SIGTERM now would close the store under them (see the README's note on this benchmark).
    await sleep(2000)
    t0 = performance.now()
    const code = await stopService(svc)
    if (code !== 0) problems.push(`the service exited with ${code} on SIGTERM (expected a graceful 0)`)
    svc = startService(env, logFile)
    await waitHealthy(svc, logFile)
    console.log(`\nrestarted (SIGTERM → exit ${code}, start again on the same DATA_DIR) in ${((performance.now() - t0) / 1000).toFixed(1)} s:`)
    problems.push(...await verify(svc.url, agents, recorded, imported, expectedAlarms, before.complaints, 'after a restart'))

    const log = readFileSync(logFile, 'utf8')
    const errors = log.split('\n').filter((l) => /"level":(50|60)/.test(l))
    if (errors.length) {
      console.log(`service log: ${errors.length} error lines, first: ${errors[0].slice(0, 300)}`)
      problems.push(`the service logged ${errors.length} errors (${logFile})`)
    }

    console.log(`\nsummary: ${Math.round(total / secs).toLocaleString()} req/s mixed, p99 ${fmtMs(percentile(Float64Array.from(all).sort(), 99))} ms over ${opt.connections} connections (no peer named for this benchmark)`)
  } catch (err) {
    problems.push(`aborted: ${(err as Error).stack ?? err}`)
  } finally {
    const code = await stopService(svc)
    process.removeListener('exit', stopOnExit)
    if (code !== 0 && code !== null) problems.push(`the service exited with ${code} at the end`)
    if (opt.keep || problems.length) console.log(`kept ${base} (DATA_DIR and service.log)`)
    else rmSync(base, { recursive: true, force: true })
  }
  if (problems.length) {
    console.log(`\nFAILED:\n  ${problems.join('\n  ')}`)
    return false
  }
  console.log('\nload check passed')
  return true
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exit((await benchLoad()) ? 0 : 1)
}
