/**
 * A generated city network for the benchmarks: deterministic (seeded), sized like a large operator's
 * city (50,000 sites, 150,000 cells, 1,000,000 alarm records over 30 days), in WGS-84 around Shanghai.
 */
import { prng } from '../../server/src/util/prng.js'
export { prng }
import type { Alarm, Cell, Complaint, CoverageArea, Cutover, NetworkSnapshot, PlannedSite, Site } from '../../server/src/domain/types.js'


export interface BenchNetwork {
  snapshot: NetworkSnapshot
  bbox: [number, number, number, number]
  /** The 30-day window the alarms fall in. */
  from: number
  to: number
}

const KINDS = ['断站', '退服', '传输中断', '电源', '硬件', '干扰']
const SEVERITIES = ['critical', 'major', 'minor', 'warning'] as const
const PHENOMENA = ['no_signal', 'weak_signal', 'cannot_connect', 'call_drop', 'no_data', 'slow_data'] as const

export function makeNetwork(opts: { sites: number; cellsPerSite: number; alarms: number; complaints: number; seed?: number }): BenchNetwork {
  const rnd = prng(opts.seed ?? 42)
  // ~110 km × 110 km: the density of a big city's macro + micro layer
  const bbox: [number, number, number, number] = [120.9, 30.7, 122.0, 31.7]
  const to = Date.parse('2026-11-23T16:00:00+08:00')
  const from = to - 30 * 24 * 3600_000
  const lon = () => bbox[0] + rnd() * (bbox[2] - bbox[0])
  const lat = () => bbox[1] + rnd() * (bbox[3] - bbox[1])

  const sites: Site[] = new Array(opts.sites)
  const cells: Cell[] = []
  for (let i = 0; i < opts.sites; i++) {
    const id = `S${i}`
    sites[i] = { id, name: `站点${i}`, lon: lon(), lat: lat(), tech: rnd() < 0.4 ? '5G' : '4G', type: '宏站', bsc: `BSC${i % 400}`, msc: `MSC${i % 20}` }
    const base = rnd() * 120
    for (let k = 0; k < opts.cellsPerSite; k++) {
      cells.push({ id: `${id}-${k}`, siteId: id, azimuth: (base + k * (360 / opts.cellsPerSite)) % 360, beamwidth: 65, radiusM: 400 + rnd() * 800, tech: sites[i].tech })
    }
  }
  const alarms: Alarm[] = new Array(opts.alarms)
  for (let i = 0; i < opts.alarms; i++) {
    const raisedAt = from + rnd() * (to - from)
    const cleared = rnd() < 0.97
    alarms[i] = {
      id: `A${i}`, siteId: `S${Math.floor(rnd() * opts.sites)}`, kind: KINDS[Math.floor(rnd() * KINDS.length)],
      severity: SEVERITIES[Math.floor(rnd() * 4)], raisedAt, clearedAt: cleared ? raisedAt + 60_000 + rnd() * 6 * 3600_000 : null,
    }
  }
  const cutovers: Cutover[] = []
  for (let i = 0; i < opts.sites / 50; i++) {
    const start = from + rnd() * (to - from)
    cutovers.push({ id: `K${i}`, siteIds: [`S${Math.floor(rnd() * opts.sites)}`], plannedStart: start, plannedEnd: start + 2 * 3600_000, actualStart: start, actualEnd: start + 2 * 3600_000, description: '割接', area: null })
  }
  const coverage: CoverageArea[] = []
  for (let i = 0; i < opts.sites / 25; i++) {
    const x = lon(), y = lat(), d = 0.002 + rnd() * 0.004
    coverage.push({
      id: `B${i}`, kind: rnd() < 0.5 ? 'blind' : 'weak', description: '地下室', reason: '物业难点', remedy: '室分建设', status: '待建',
      geometry: { type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] },
    })
  }
  const plannedSites: PlannedSite[] = []
  for (let i = 0; i < opts.sites / 50; i++) plannedSites.push({ id: `P${i}`, name: `规划${i}`, lon: lon(), lat: lat(), radiusM: 500, period: '2026Q4', status: '在建' })
  const complaints: Complaint[] = new Array(opts.complaints)
  for (let i = 0; i < opts.complaints; i++) {
    const t = from + rnd() * (to - from)
    complaints[i] = {
      id: `C${i}`, occurredAt: t, reportedAt: t + 3600_000, address: '', service: 'voice', phenomenon: PHENOMENA[Math.floor(rnd() * 6)],
      description: '', vip: null, lon: lon(), lat: lat(), number: null, suggestedCause: null, cause: rnd() < 0.3 ? 'weak_coverage' : null,
      answer: null, disposition: null, specialty: null, linkedSites: [], createdAt: t,
    }
  }
  return { snapshot: { sites, cells, alarms, cutovers, coverage, plannedSites, complaints }, bbox, from, to }
}

/** Random diagnose queries inside the network's bbox and window (same seed → same queries). */
export function makeQueries(net: BenchNetwork, n: number, seed = 7) {
  const rnd = prng(seed)
  const [w, s, e, nn] = net.bbox
  return Array.from({ length: n }, () => ({
    lon: w + rnd() * (e - w), lat: s + rnd() * (nn - s), occurredAt: net.from + rnd() * (net.to - net.from),
    service: 'voice' as const, phenomenon: PHENOMENA[Math.floor(rnd() * 6)],
  }))
}

/** p-th percentile (0–100) of a sorted array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}
