/**
 * Nearest-site attribution of 1,000,000 complaints to 50,000 sites: ours (server/src/analysis/nearest.ts,
 * a typed-array grid) against flatbush kNN and against the same join in PostGIS (CROSS JOIN LATERAL …
 * ORDER BY geom <-> … LIMIT 1, 2 parallel workers), on the same points in the same metric (metres on a
 * local plane), same machine, same run. Prints times, ratios and how many answers agree.
 */
import pg from 'pg'
import Flatbush from 'flatbush'
import { randomBytes } from 'node:crypto'
import { attributeNearest, makeProjection } from '../../server/src/analysis/nearest.js'
import { prng } from './network.js'

const SITES = Number(process.env.BENCH_SITES ?? 50_000)
const COMPLAINTS = Number(process.env.BENCH_ATTR_COMPLAINTS ?? 1_000_000)
const PG_URL = process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`

export async function benchAttribution(): Promise<void> {
  console.log(`\n## nearest-site attribution — ${COMPLAINTS.toLocaleString()} complaints × ${SITES.toLocaleString()} sites`)
  const rnd = prng(11)
  const sites = new Float64Array(2 * SITES)
  for (let i = 0; i < SITES; i++) { sites[2 * i] = 120.9 + rnd() * 1.1; sites[2 * i + 1] = 30.7 + rnd() * 1.0 }
  const points = new Float64Array(2 * COMPLAINTS)
  for (let i = 0; i < COMPLAINTS; i++) { points[2 * i] = 120.88 + rnd() * 1.14; points[2 * i + 1] = 30.68 + rnd() * 1.04 }

  let t0 = performance.now()
  const ours = attributeNearest(sites, points)
  const oursMs = performance.now() - t0

  // The same metric for the peers: the projection attributeNearest uses (mean site latitude).
  let latSum = 0
  for (let i = 0; i < SITES; i++) latSum += sites[2 * i + 1]
  const project = makeProjection(latSum / SITES)
  const sxy = new Float64Array(2 * SITES), pxy = new Float64Array(2 * COMPLAINTS)
  for (let i = 0; i < SITES; i++) project(sites[2 * i], sites[2 * i + 1], sxy, i)
  for (let i = 0; i < COMPLAINTS; i++) project(points[2 * i], points[2 * i + 1], pxy, i)

  t0 = performance.now()
  const fb = new Flatbush(SITES)
  for (let i = 0; i < SITES; i++) fb.add(sxy[2 * i], sxy[2 * i + 1])
  fb.finish()
  let fbAgree = 0
  for (let i = 0; i < COMPLAINTS; i++) if (fb.neighbors(pxy[2 * i], pxy[2 * i + 1], 1)[0] === ours.site[i]) fbAgree++
  const fbMs = performance.now() - t0

  console.log(`  ours      grid, typed arrays          ${s(oursMs)}   (goal: ≤ 3 s)`)
  console.log(`  peer      flatbush kNN k=1            ${s(fbMs)}   ratio flatbush/ours ${(fbMs / oursMs).toFixed(1)}×   agree ${(100 * fbAgree / COMPLAINTS).toFixed(3)}%   (peer figure: 1.3 s)`)

  const pgMs = await postgis(sxy, pxy, ours.site).catch((err: Error) => {
    console.log(`  peer      PostGIS LATERAL <-> kNN     not measured: ${err.message}`)
    return null
  })
  if (pgMs) console.log(`  ratio     PostGIS/ours ${(pgMs / oursMs).toFixed(1)}×`)
}

/** Loads the same projected points into a throw-away database and times the LATERAL kNN join there (analysis.ts reuses it). */
export async function postgis(sxy: Float64Array, pxy: Float64Array, ours: Int32Array): Promise<number> {
  const name = `tousu_bench_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  const url = new URL(PG_URL)
  url.pathname = `/${name}`
  const c = new pg.Client({ connectionString: url.toString() })
  try {
    await c.connect()
    await c.query('CREATE EXTENSION postgis')
    await c.query('CREATE TABLE bsites (id int PRIMARY KEY, geom geometry(Point))')
    await c.query('CREATE TABLE bcomplaints (id int PRIMARY KEY, geom geometry(Point))')
    const load = async (table: string, xy: Float64Array) => {
      const CHUNK = 200_000
      for (let off = 0; off < xy.length / 2; off += CHUNK) {
        const n = Math.min(CHUNK, xy.length / 2 - off)
        const ids = Array.from({ length: n }, (_, k) => off + k)
        const xs = Array.from({ length: n }, (_, k) => xy[2 * (off + k)])
        const ys = Array.from({ length: n }, (_, k) => xy[2 * (off + k) + 1])
        await c.query(`INSERT INTO ${table} SELECT id, ST_MakePoint(x, y) FROM unnest($1::int[], $2::float8[], $3::float8[]) AS u(id, x, y)`, [ids, xs, ys])
      }
    }
    let t0 = performance.now()
    await load('bsites', sxy)
    await load('bcomplaints', pxy)
    await c.query('CREATE INDEX ON bsites USING gist (geom)')
    await c.query('VACUUM ANALYZE bsites')
    await c.query('VACUUM ANALYZE bcomplaints')
    console.log(`  (PostGIS load + index, not timed: ${s(performance.now() - t0)})`)
    await c.query('SET max_parallel_workers_per_gather = 2')
    t0 = performance.now()
    await c.query(`CREATE TABLE battr AS
      SELECT c.id, n.id AS site FROM bcomplaints c
      CROSS JOIN LATERAL (SELECT s.id FROM bsites s ORDER BY s.geom <-> c.geom LIMIT 1) n`)
    const ms = performance.now() - t0
    const { rows } = await c.query<{ site: number[] }>('SELECT array_agg(site ORDER BY id) AS site FROM battr')
    let agree = 0
    rows[0].site.forEach((v, i) => { if (v === ours[i]) agree++ })
    console.log(`  peer      PostGIS LATERAL <-> kNN     ${s(ms)}   agree ${(100 * agree / ours.length).toFixed(3)}%   (peer figure: 20 s, 2 workers)`)
    return ms
  } finally {
    await c.end().catch(() => {})
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
  }
}
