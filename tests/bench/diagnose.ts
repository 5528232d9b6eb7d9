/**
 * Diagnose latency on a generated city (50,000 sites / 150,000 cells / 1,000,000 alarms), in process and
 * through HTTP (autocannon, 50 connections, loopback), against the named peer: a bare flatbush kNN query
 * (nearest site) on the same points. Prints figures and ratios; asserts nothing about time.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Flatbush from 'flatbush'
import autocannon from 'autocannon'
import { Users } from '../../server/src/auth/users.js'
import { defaultDiagnosisOptions } from '../../server/src/config/index.js'
import { AnswerBook } from '../../server/src/answers/answer-book.js'
import { diagnose } from '../../server/src/diagnosis/diagnose.js'
import { NetworkIndex } from '../../server/src/index/network-index.js'
import { NetworkService } from '../../server/src/service/network-service.js'
import { build } from '../../server/src/app.js'
import { makeNetwork, makeQueries, percentile } from './network.js'

const SIZE = {
  sites: Number(process.env.BENCH_SITES ?? 50_000),
  cellsPerSite: 3,
  alarms: Number(process.env.BENCH_ALARMS ?? 1_000_000),
  complaints: Number(process.env.BENCH_COMPLAINTS ?? 100_000),
}
const QUERIES = 20_000
const HTTP_SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10)

const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`

/** Times each call of fn over the inputs (after a warm-up pass); returns sorted milliseconds. */
function timeEach<T>(inputs: T[], fn: (x: T) => unknown): Float64Array {
  for (let i = 0; i < Math.min(2000, inputs.length); i++) fn(inputs[i])
  const out = new Float64Array(inputs.length)
  for (let i = 0; i < inputs.length; i++) {
    const t0 = performance.now()
    fn(inputs[i])
    out[i] = performance.now() - t0
  }
  return out.sort()
}

export async function benchDiagnose(): Promise<void> {
  console.log(`\n## diagnose — ${SIZE.sites.toLocaleString()} sites, ${(SIZE.sites * SIZE.cellsPerSite).toLocaleString()} cells, ${SIZE.alarms.toLocaleString()} alarms, ${SIZE.complaints.toLocaleString()} earlier complaints`)
  let t0 = performance.now()
  const net = makeNetwork(SIZE)
  console.log(`generate network            ${((performance.now() - t0) / 1000).toFixed(2)} s`)

  t0 = performance.now()
  const index = new NetworkIndex(defaultDiagnosisOptions)
  index.load(net.snapshot)
  console.log(`load network index          ${((performance.now() - t0) / 1000).toFixed(2)} s`)

  const queries = makeQueries(net, QUERIES)
  const answers = AnswerBook.load()
  const now = net.to + 3600_000
  const ours = timeEach(queries, (q) => diagnose(q, index, answers, defaultDiagnosisOptions, now))
  const causes = new Map<string, number>()
  for (const q of queries) {
    const code = diagnose(q, index, answers, defaultDiagnosisOptions, now).cause.code
    causes.set(code, (causes.get(code) ?? 0) + 1)
  }

  // The peer: flatbush over the same site points, nearest-site kNN for the same query points.
  t0 = performance.now()
  const fb = new Flatbush(net.snapshot.sites.length)
  for (const s of net.snapshot.sites) fb.add(s.lon, s.lat, s.lon, s.lat)
  fb.finish()
  console.log(`flatbush index (peer)       ${((performance.now() - t0) / 1000).toFixed(2)} s`)
  const peer = timeEach(queries, (q) => fb.neighbors(q.lon, q.lat, 1))

  const p50 = percentile(ours, 50), p99 = percentile(ours, 99)
  const f50 = percentile(peer, 50), f99 = percentile(peer, 99)
  console.log(`in process, ${QUERIES.toLocaleString()} queries:`)
  console.log(`  ours    diagnose          p50 ${us(p50)}   p99 ${us(p99)}   (goal: p99 < 1 ms)`)
  console.log(`  peer    flatbush kNN k=1  p50 ${us(f50)}   p99 ${us(f99)}   (peer figure: ~3 µs p50)`)
  console.log(`  ratio   ours / peer       p50 ${(p50 / f50).toFixed(1)}×   p99 ${(p99 / f99).toFixed(1)}×   (a full diagnosis vs one nearest-point lookup)`)
  console.log(`  causes found: ${[...causes].map(([c, n]) => `${c} ${n}`).join(', ')}`)

  // Through HTTP: the real app (routes, validation, serialisation) around the same index.
  const dataDir = mkdtempSync(join(tmpdir(), 'tousu-bench-'))
  const service = await NetworkService.start({ dataDir, databaseUrl: null, diagnosis: { ...defaultDiagnosisOptions } })
  service.index.load(net.snapshot)
  // A real caller: the first-start admin token (authentication and its cache are part of what is timed);
  // one caller at 50 connections is far above a person's rate limit, which is not what this measures.
  const users = new Users(service.store.db)
  const token = (await users.bootstrap(dataDir))!
  const app = await build({ service, users, security: { rateLimitPerMin: 1e9 } })
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  const bodies = queries.slice(0, 5000).map((q) => JSON.stringify({ ...q, occurredAt: new Date(q.occurredAt).toISOString() }))
  let i = 0
  const result = await autocannon({
    url: `${address}/api/diagnose`,
    connections: 50,
    duration: HTTP_SECONDS,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length] }) }],
  })
  console.log(`through HTTP, 50 connections, ${HTTP_SECONDS} s, loopback:`)
  console.log(`  ours    POST /api/diagnose  p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   ${Math.round(result.requests.average)} req/s   non-2xx ${result.non2xx}   errors ${result.errors}   (goal: p99 < 5 ms)`)
  await app.close()
  await service.close()
  rmSync(dataDir, { recursive: true, force: true })
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`diagnose over HTTP: ${result.non2xx} non-2xx answers and ${result.errors} errors — the figures above do not measure diagnoses`)
}
