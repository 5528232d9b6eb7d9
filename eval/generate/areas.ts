/**
 * The scenarios placed in areas: hidden mass outages, known weak-coverage areas and blind spots, planned
 * sites, coverage holes no object records, and complaints with no network cause outside all of them.
 */
import type { FeatureCollection } from 'geojson'
import type { CauseCode } from '../../server/src/domain/types.js'
import { destination } from '../../server/src/geo/distance.js'
import { parseImport } from '../../server/src/ingest/index.js'
import { nearestRoad, randomRoadPoint } from '../geography.js'
import type { Rng } from '../rng.js'
import { type Builder, DAY, HOUR, MIN } from './builder.js'

/** Hidden faults: 6–12 complaints within 450 m and ~90 minutes, no alarm anywhere. */
export function massOutages(g: Builder): void {
  const rng = g.root.fork('mass_outage')
  const n = Math.max(1, rng.poisson(g.o.days / 5))
  for (let i = 0; i < n; i++) {
    const c = randomRoadPoint(g.geo, rng).p
    const t0 = g.timeAtHours(rng, 8, 21)
    const k = rng.int(6, 12)
    for (let j = 0; j < k; j++) {
      const [lon, lat] = g.around(rng, c[0], c[1], 450)
      g.complain(rng, { scenario: 'mass_outage', underlying: 'mass_outage', lon, lat, at: t0 + rng.range(0, 90) * MIN, phenomena: 'hidden', cause: { what: `hidden fault ${i + 1}`, lon: c[0], lat: c[1] } })
    }
  }
}

/** A polygon of 8 vertices, radius r ± 25 %, around a road point away from other zones. */
function zone(g: Builder, rng: Rng, rMin: number, rMax: number): { c: [number, number]; r: number; ring: [number, number][] } {
  let c = randomRoadPoint(g.geo, rng).p
  const r = rng.range(rMin, rMax)
  for (let i = 0; i < 50 && g.inZone(c[0], c[1], r + 150); i++) c = randomRoadPoint(g.geo, rng).p
  const ring: [number, number][] = []
  for (let k = 0; k < 8; k++) ring.push(destination(c[0], c[1], r * rng.range(0.8, 1.2), k * 45))
  ring.push(ring[0])
  g.zones.push({ lon: c[0], lat: c[1], r: r * 1.2 })
  return { c, r, ring }
}

/** Known weak-coverage areas and blind spots (imported polygons) and their complaints. */
export function coverageAreas(g: Builder): void {
  const rng = g.root.fork('coverage')
  const fc: FeatureCollection = { type: 'FeatureCollection', features: [] }
  const areas: { kind: 'weak' | 'blind'; c: [number, number]; r: number }[] = []
  const nWeak = g.geo.kind === 'shanghai' ? 8 : 12
  const nBlind = g.geo.kind === 'shanghai' ? 4 : 6
  for (let i = 0; i < nWeak + nBlind; i++) {
    const kind = i < nWeak ? 'weak' : 'blind'
    const z = zone(g, rng, 80, 180)
    const road = nearestRoad(g.geo, z.c[0], z.c[1]).line.road
    fc.features.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [z.ring] },
      properties: kind === 'weak'
        ? { id: `W${i + 1}`, kind, description: `${road}高层建筑群`, reason: '周边高楼阻挡', remedy: '调整天线下倾角,优化工程', status: '优化中' }
        : { id: `B${i + 1}`, kind, description: `${road}地下商场`, reason: '物业阻挠无法进场', remedy: '规划室分系统', status: '待建设' },
    })
    areas.push({ kind, c: z.c, r: z.r })
  }
  g.coverage = parseImport('blind-spots', { text: JSON.stringify(fc), format: 'geojson' }, { crs: 'wgs84' }).rows
  for (const [kind, rate] of [['weak', 2.5], ['blind', 1.2]] as const) {
    const k = rng.poisson(rate * g.o.days)
    const mine = areas.filter((a) => a.kind === kind)
    for (let j = 0; j < k; j++) {
      const a = rng.pick(mine)
      const [lon, lat] = g.around(rng, a.c[0], a.c[1], a.r * 0.75)
      const code = kind === 'weak' ? 'weak_coverage' : 'blind_spot'
      g.complain(rng, { scenario: code, underlying: code, lon, lat, at: g.timeAtHours(rng, 7, 23), phenomena: kind, cause: { what: `${kind} area`, lon: a.c[0], lat: a.c[1] } })
    }
  }
}

/** Planned sites (not built yet) where the signal is weak, and their complaints. */
export function plannedSites(g: Builder): void {
  const rng = g.root.fork('planned_site')
  const rows = ['id,name,radius_m,period,status,lon,lat']
  const spots: [number, number][] = []
  for (let i = 0; i < 5; i++) {
    const z = zone(g, rng, 200, 260)
    const road = nearestRoad(g.geo, z.c[0], z.c[1]).line.road
    rows.push(`P${i + 1},${road}新建站,250,2027Q1,已立项,${z.c[0]},${z.c[1]}`)
    spots.push(z.c)
  }
  g.planned = parseImport('planned-sites', { text: rows.join('\n'), format: 'csv' }, { crs: 'wgs84' }).rows
  const k = rng.poisson(0.8 * g.o.days)
  for (let j = 0; j < k; j++) {
    const c = rng.pick(spots)
    const [lon, lat] = g.around(rng, c[0], c[1], 200)
    g.complain(rng, { scenario: 'planned_site', underlying: 'planned_site', lon, lat, at: g.timeAtHours(rng, 7, 23), phenomena: 'planned', cause: { what: 'planned site', lon: c[0], lat: c[1] } })
  }
}

/** Coverage holes no object records: episodes of 1–3 complaints every 1.5–5 days. */
export function hiddenHoles(g: Builder): void {
  const rng = g.root.fork('hidden_hole')
  for (let i = 0; i < 6; i++) {
    const z = zone(g, rng, 100, 140)
    const underlying: CauseCode = rng.chance(0.6) ? 'weak_coverage' : 'blind_spot'
    g.holes++
    let t = g.start + rng.range(0, 2) * DAY
    while (t < g.end) {
      const episode = t + ((rng.range(8, 22) - g.localHour(t)) * HOUR)
      const k = rng.int(1, 3)
      for (let j = 0; j < k; j++) {
        const [lon, lat] = g.around(rng, z.c[0], z.c[1], z.r * 0.8)
        g.complain(rng, { scenario: 'hidden_hole', hole: `H${i + 1}`, underlying, lon, lat, at: episode + rng.range(0, 6) * HOUR, phenomena: underlying === 'weak_coverage' ? 'weak' : 'blind', cause: { what: `hidden hole H${i + 1}`, lon: z.c[0], lat: z.c[1] } })
      }
      t += rng.range(1.5, 5) * DAY
    }
  }
}

/** Complaints with no network cause (handset, indoor, the customer's own settings). */
export function noNetworkCause(g: Builder): void {
  const rng = g.root.fork('no_network_cause')
  const k = rng.poisson(6 * g.o.days)
  for (let j = 0; j < k; j++) {
    const [lon, lat] = g.freeRoadPoint(rng)
    g.complain(rng, { scenario: 'no_network_cause', underlying: 'unknown', lon, lat, at: g.timeAtHours(rng, 7, 23), phenomena: 'any', cause: null })
  }
}
