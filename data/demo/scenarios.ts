/** The points to try, with the cause each should get, and the checks that they still hold. */
import { inSector } from '../../server/src/geo/sector.js'
import { ANSWER_CUTOVER, ANSWER_PLANNED } from './answers.js'
import { ANCHOR, at, BOX, cst, distanceM, distanceToLineM, inRing, type Km, type LonLat, ring } from './frame.js'
import { addressOf, ROADS } from './places.js'
import { PHENOMENON_TEXT } from './complaints.js'
import {
  ACTIVE_ALARM_POINT,
  BLIND_GARAGE,
  BLIND_POINT,
  BLIND_VILLAGE,
  CLUSTER_CENTRE,
  INTERFERENCE_POINT,
  KNOWN_CENTRE,
  OVERLAP_POINT,
  PLANNED_POINT,
  PLANNED_VILLAGE,
  PLANNED_VILLAGE_RADIUS_M,
  UNKNOWN_POINT,
  WEAK_POINT,
  WEAK_TOWERS,
  WORKED_POINT,
} from './scenario-points.js'
import type { Demo, Scenario, SiteRow } from './types.js'

/** The points to try (scenarios.json), each with the cause the diagnosis should give. */
export function scenariosOf(): Scenario[] {
  const point = (name: string, p: Km, occurredAt: string, phenomenon: string, expect: string, note: string, answer?: string): Scenario => {
    const [lon, lat] = at(p)
    const [, service] = PHENOMENON_TEXT[phenomenon]
    return { name, lon, lat, occurredAt, service, phenomenon, address: addressOf([lon, lat]), expect, ...(answer ? { answer } : {}), note }
  }
  return [
    point('worked_example', WORKED_POINT, cst('14:10'), '无信号/忙音', 'cutover', '篇3 §4: 白马花园 cutover 14:00–16:00, 断站 14:05–15:10, cleared; answer and no dispatch', ANSWER_CUTOVER),
    point('active_alarm', ACTIVE_ALARM_POINT, cst('16:20'), '无信号/忙音', 'site_fault', '龙口东路南 has an active 传输中断 alarm since 15:40; dispatch to 无线-基站及配套'),
    point('interference', INTERFERENCE_POINT, cst('10:00'), '掉话', 'site_fault', '体育中心 had a 干扰 alarm 08:30–12:40'),
    point('blind_spot', BLIND_POINT, ANCHOR, '无信号/忙音', 'blind_spot', 'inside BS01 (南岗巷城中村), outside the planned site PS01'),
    point('planned_site', PLANNED_POINT, ANCHOR, '信号弱/不稳定', 'planned_site', 'within PS01 (南岗巷规划站, 2026Q4), just outside BS01', ANSWER_PLANNED),
    point('blind_and_planned', OVERLAP_POINT, ANCHOR, '无信号/忙音', 'blind_spot', 'inside BS01 and within PS01: blind_spot ranks first (CAUSE_CODES order), planned_site is a candidate'),
    point('weak_coverage', WEAK_POINT, cst('11:00'), '信号弱/不稳定', 'weak_coverage', 'inside BS02 (林苑街/翠湖小区, 优化工程)'),
    point('mass_outage', CLUSTER_CENTRE, ANCHOR, '无信号/忙音', 'mass_outage', 'six open 无信号 complaints 15:35–16:20 within ~250 m; no alarm or cutover within 1.5 km'),
    point('known_issue', KNOWN_CENTRE, ANCHOR, '网速慢', 'known_issue', 'three 网速慢 complaints this morning within ~100 m, closed as site_fault with an answer to reuse'),
    point('unknown', UNKNOWN_POINT, ANCHOR, '无信号/忙音', 'unknown', 'nothing near explains it → field test 派至分公司实测'),
  ]
}

// ---------------------------------------------------------------------------------------------
// Checks and output.

/** Slack around alarm and cutover windows when checking that a scenario point is clear of them. */
const CHECK_SLACK_MS = 30 * 60_000

/** Throws when an edit moved something so that a scenario no longer holds. */
export function checkScenarios(demo: Demo): void {
  const fail = (msg: string): never => {
    throw new Error(`demo scenario broken: ${msg}`)
  }
  const sc = new Map(demo.scenarios.map((s) => [s.name, s]))
  const pt = (name: string): LonLat => [sc.get(name)!.lon, sc.get(name)!.lat]
  const site = (name: string): SiteRow => demo.sites.find((s) => s.name === name) ?? fail(`no site ${name}`)
  const ll = (s: SiteRow): LonLat => [s.lon, s.lat]
  // How many of the site's cells have the point in their wedge, by the server's own sector test.
  const sectors = (s: SiteRow, p: LonLat): number =>
    demo.cells.filter(
      (c) => c.site_id === s.id && inSector({ lon: s.lon, lat: s.lat, azimuth: Number(c.azimuth), beamwidth: Number(c.beamwidth), radiusM: Number(c.radius_m) }, p[0], p[1]),
    ).length
  const baima = site('白马花园')
  const w = pt('worked_example')
  const d = distanceM(ll(baima), w)
  if (d < 100 || d > 200) fail(`worked point ${d.toFixed(0)} m from 白马花园, expected 100–200 m`)
  if (distanceToLineM(w, ROADS[0].path.map(at)) > 1) fail('worked point not on 天河直街')
  if (sectors(baima, w) !== 1) fail('worked point not in exactly one sector of 白马花园')
  if (sectors(site('龙口东路南'), pt('active_alarm')) !== 1) fail('active-alarm point not in a sector of 龙口东路南')
  if (sectors(site('体育中心'), pt('interference')) !== 1) fail('interference point not in a sector of 体育中心')
  if (!inRing(pt('blind_spot'), ring(BLIND_VILLAGE)) || distanceM(pt('blind_spot'), at(PLANNED_VILLAGE)) < 1.5 * PLANNED_VILLAGE_RADIUS_M) fail('blind point')
  if (inRing(pt('planned_site'), ring(BLIND_VILLAGE)) || distanceM(pt('planned_site'), at(PLANNED_VILLAGE)) > 0.9 * PLANNED_VILLAGE_RADIUS_M) fail('planned point')
  if (!inRing(pt('blind_and_planned'), ring(BLIND_VILLAGE)) || distanceM(pt('blind_and_planned'), at(PLANNED_VILLAGE)) > 0.5 * PLANNED_VILLAGE_RADIUS_M) fail('overlap point')
  if (!inRing(pt('weak_coverage'), ring(WEAK_TOWERS))) fail('weak point')
  // Points that expect no network event must be well clear of every alarm and cutover around their time
  // (the hidden-fault point over the two hours before it, as the mass-outage rule looks back).
  const windows = [
    ...demo.alarms.map((a) => ({ id: String(a.id), sites: [String(a.site_id)], from: Date.parse(String(a.raised_at)), to: a.cleared_at ? Date.parse(String(a.cleared_at)) : Infinity })),
    ...demo.cutovers.map((c) => ({
      id: String(c.id),
      sites: String(c.site_ids).split(';'),
      from: Date.parse(String(c.actual_start || c.planned_start)),
      to: Math.max(Date.parse(String(c.planned_end)), Date.parse(String(c.actual_end || c.planned_end))),
    })),
  ]
  for (const name of ['mass_outage', 'known_issue', 'unknown', 'blind_spot', 'planned_site', 'blind_and_planned', 'weak_coverage']) {
    const t = Date.parse(sc.get(name)!.occurredAt)
    const from = name === 'mass_outage' ? t - 2 * 3_600_000 : t
    for (const win of windows) {
      if (win.to + CHECK_SLACK_MS < from || win.from - CHECK_SLACK_MS > t) continue
      for (const id of win.sites) {
        const m = distanceM(ll(demo.sites.find((x) => x.id === id)!), pt(name))
        const clearance = name === 'mass_outage' ? 1500 : 1400
        if (m < clearance) fail(`${name} point ${m.toFixed(0)} m from ${win.id} at ${id}`)
      }
    }
  }
  if (distanceM(pt('unknown'), at(CLUSTER_CENTRE)) < 1300 || distanceM(pt('unknown'), at(KNOWN_CENTRE)) < 1300) fail('unknown point too near a complaint group')
  const sites = new Set(demo.sites.map((s) => s.id))
  for (const c of demo.cells) if (!sites.has(String(c.site_id))) fail(`cell ${c.id}`)
  if (demo.sites.some((s) => [BLIND_VILLAGE, BLIND_GARAGE].some((r) => inRing(ll(s), ring(r))))) fail('a site inside a blind spot')
  const outside = positions(demo).find(([lon, lat]) => !(lon > BOX[0] && lon < BOX[2] && lat > BOX[1] && lat < BOX[3]))
  if (outside) fail(`${outside.join(',')} outside the district box`)
}

/** Every coordinate pair of the demo: geometries, and lon/lat of rows. */
function positions(demo: Demo): LonLat[] {
  const out: LonLat[] = []
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') out.push([c[0], c[1] as number])
    else if (Array.isArray(c)) c.forEach(walk)
  }
  for (const f of [...demo.features, ...demo.blindSpots]) walk(f.geometry.coordinates)
  for (const r of [...demo.sites, ...demo.complaints, ...demo.plannedSites, ...demo.scenarios] as { lon: unknown; lat: unknown }[]) {
    out.push([Number(r.lon), Number(r.lat)])
  }
  return out
}
