/**
 * Whole-city batch analysis: 1,000,000 complaints over a 50,000-site network (150,000 cells, 1,000,000
 * alarms, cutovers, blind spots, planned sites), attribution at each complaint's own time + breakdowns +
 * density grid + spatio-temporal DBSCAN + unexplained clusters (server/src/analysis/analyse.ts), with
 * 25 planted outages (15 complaints around one site in one hour) to find. Wall time per stage, peak
 * memory (the process' max RSS, which includes the network index built before the analysis), and the
 * same nearest-site attribution done in PostGIS (LATERAL kNN, see attribution.ts) for the ratio.
 */
import { NetworkIndex } from '../../server/src/index/network-index.js'
import { defaultAnalysisOptions, defaultDiagnosisOptions } from '../../server/src/config/index.js'
import { analyse } from '../../server/src/analysis/analyse.js'
import { allocColumns } from '../../server/src/analysis/columns.js'
import { siteTable } from '../../server/src/analysis/site-table.js'
import { makeProjection } from '../../server/src/analysis/nearest.js'
import { makeNetwork, prng } from './network.js'
import { postgis } from './attribution.js'

const SITES = Number(process.env.BENCH_SITES ?? 50_000)
const COMPLAINTS = Number(process.env.BENCH_ANALYSIS_COMPLAINTS ?? 1_000_000)
const OUTAGES = 25
const PER_OUTAGE = 15
const MiB = 1024 * 1024
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const mib = (b: number) => `${(b / MiB).toFixed(0)} MiB`

export async function benchAnalysis(): Promise<void> {
  console.log(`\n## whole-city analysis — ${COMPLAINTS.toLocaleString()} complaints × ${SITES.toLocaleString()} sites`)
  const net = makeNetwork({ sites: SITES, cellsPerSite: 3, alarms: 1_000_000, complaints: 0 })
  const index = new NetworkIndex(defaultDiagnosisOptions)
  index.load(net.snapshot)
  const sites = siteTable(net.snapshot.sites)
  // Planted outages at sites with no alarm and no cutover around that hour: what the analysis must find.
  const rnd = prng(5)
  const planted: { site: number; at: number }[] = []
  while (planted.length < OUTAGES) {
    const k = Math.floor(rnd() * SITES), id = sites.ids[k]
    const at = net.from + rnd() * (net.to - net.from - 3600_000)
    const quiet = index.alarmsOf(id, at - 2 * 3600_000, at + 2 * 3600_000).length === 0 && index.cutoversOf(id, at - 2 * 3600_000, at + 2 * 3600_000).length === 0
    if (quiet) planted.push({ site: k, at })
  }
  const n = COMPLAINTS
  const cols = allocColumns(n, Array.from({ length: n }, (_, i) => `C${i}`))
  const [w, so, e, no] = net.bbox
  const background = n - OUTAGES * PER_OUTAGE
  for (let i = 0; i < background; i++) {
    cols.lonLat[2 * i] = w + rnd() * (e - w)
    cols.lonLat[2 * i + 1] = so + rnd() * (no - so)
    cols.time[i] = net.from + rnd() * (net.to - net.from)
    cols.phenomenon[i] = Math.floor(rnd() * 6)
  }
  for (let k = 0; k < OUTAGES; k++) {
    const { site, at } = planted[k]
    for (let j = 0; j < PER_OUTAGE; j++) {
      const i = background + k * PER_OUTAGE + j
      cols.lonLat[2 * i] = sites.lonLat[2 * site] + (rnd() - 0.5) * 0.003
      cols.lonLat[2 * i + 1] = sites.lonLat[2 * site + 1] + (rnd() - 0.5) * 0.003
      cols.time[i] = at + rnd() * 3600_000
    }
  }
  global.gc?.()
  const rssBefore = process.memoryUsage().rss
  const t0 = performance.now()
  const a = analyse(cols, sites, index, defaultDiagnosisOptions, defaultAnalysisOptions)
  const wall = performance.now() - t0
  const rssAfter = process.memoryUsage().rss
  const peak = process.resourceUsage().maxRSS * 1024

  // An outage is found when most of its complaints fall in one unexplained cluster.
  const unexplainedIds = new Set(a.unexplained.map((c) => c.id))
  let hits = 0
  for (let k = 0; k < OUTAGES; k++) {
    let inside = 0
    for (let j = 0; j < PER_OUTAGE; j++) if (unexplainedIds.has(a.clustering.label[background + k * PER_OUTAGE + j])) inside++
    if (inside > PER_OUTAGE / 2) hits++
  }
  const tm = a.timings
  console.log(`  attribution (nearest site + cause at own time)  ${s(tm.attribution)}`)
  console.log(`  breakdown                                       ${s(tm.breakdown)}`)
  console.log(`  density grid (${defaultAnalysisOptions.densityCellM} m)                         ${s(tm.density)}`)
  console.log(`  ST-DBSCAN (${defaultAnalysisOptions.clusterRadiusM} m, ${defaultAnalysisOptions.clusterWindowMs / 60_000} min, ≥${defaultAnalysisOptions.clusterMinPoints})             ${s(tm.clustering)}   ${a.clustering.count} clusters`)
  console.log(`  summaries + unexplained ranking                 ${s(tm.summary)}   ${a.unexplained.length} unexplained; planted outages found ${hits}/${OUTAGES}`)
  console.log(`  whole analysis wall time                        ${s(wall)}   (goal: < 5 s)`)
  console.log(`  memory  RSS before ${mib(rssBefore)} (network index + 10^6 complaint columns), after ${mib(rssAfter)}; process peak RSS ${mib(peak)}   (goal: < 2 GiB)`)
  console.log(`  causes  ${a.breakdown.byCause.map((c) => `${c.code} ${c.count}`).join(', ')}`)

  if (process.env.BENCH_PG === '0') return
  // PostGIS: the same nearest-site join on the same points (projected as attributeNearest does).
  let latSum = 0
  for (let i = 0; i < SITES; i++) latSum += sites.lonLat[2 * i + 1]
  const project = makeProjection(latSum / SITES)
  const sxy = new Float64Array(2 * SITES), pxy = new Float64Array(2 * n)
  for (let i = 0; i < SITES; i++) project(sites.lonLat[2 * i], sites.lonLat[2 * i + 1], sxy, i)
  for (let i = 0; i < n; i++) project(cols.lonLat[2 * i], cols.lonLat[2 * i + 1], pxy, i)
  // attribute() sets site −1 beyond maxSiteDistanceM: compare only the nearest-site answers.
  const pgMs = await postgis(sxy, pxy, a.attribution.site).catch((err: Error) => {
    console.log(`  peer      PostGIS LATERAL <-> kNN     not measured: ${err.message}`)
    return null
  })
  if (pgMs) {
    console.log(`  ratio     PostGIS nearest-site join / our attribution (nearest + cause) ${(pgMs / tm.attribution).toFixed(1)}×   (goal: ≥ 10×)`)
    console.log(`  ratio     PostGIS nearest-site join / our whole analysis ${(pgMs / wall).toFixed(1)}×`)
  }
}
