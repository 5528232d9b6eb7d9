/**
 * Writes the invented demo district — an imaginary "天河区" at lon 113.32–113.36, lat 23.12–23.15 —
 * in the import formats of CONTRACT.md, plus scenarios.json (points to try, with the cause each
 * should get) and README.md. Deterministic: a seeded PRNG and fixed times, no clock.
 *
 *   npx tsx data/demo/make-demo.ts            rewrite the files next to this script
 *   npx tsx data/demo/make-demo.ts --out DIR  write them elsewhere (the tests compare both)
 *
 * Places are laid out on a kilometre grid (x east, y north of the district's south-west corner)
 * so that the scenarios' distances can be read off the source; every scenario's geometry is
 * checked by `checkScenarios` before anything is written.
 */
import { prng } from '../../server/src/util/prng.js'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'

// ---------------------------------------------------------------------------------------------
// Frame: kilometres on the grid ↔ WGS-84, times relative to the anchor.

/** South-west corner of the grid; the district box is lon 113.32–113.36, lat 23.12–23.15. */
const LON0 = 113.32
const LAT0 = 23.12
const BOX: [number, number, number, number] = [113.32, 23.12, 113.36, 23.15]
const M_PER_DEG = (6371008.8 * Math.PI) / 180
const COS_LAT = Math.cos(((LAT0 + 0.015) * Math.PI) / 180)

type LonLat = [number, number]
type Km = [number, number]

/** Grid kilometres → [lon, lat] rounded to 6 decimals (~0.1 m). */
function at([x, y]: Km): LonLat {
  return [round6(LON0 + (x * 1000) / (M_PER_DEG * COS_LAT)), round6(LAT0 + (y * 1000) / M_PER_DEG)]
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6
}

/** Great-circle distance in metres (haversine). */
export function distanceM(a: LonLat, b: LonLat): number {
  const r = Math.PI / 180
  const dLat = (b[1] - a[1]) * r
  const dLon = (b[0] - a[0]) * r
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(dLon / 2) ** 2
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h))
}

/** Initial bearing from a to b, degrees clockwise from north. */
export function bearingDeg(a: LonLat, b: LonLat): number {
  const r = Math.PI / 180
  const y = Math.sin((b[0] - a[0]) * r) * Math.cos(b[1] * r)
  const x = Math.cos(a[1] * r) * Math.sin(b[1] * r) - Math.sin(a[1] * r) * Math.cos(b[1] * r) * Math.cos((b[0] - a[0]) * r)
  return ((Math.atan2(y, x) / r) % 360 + 360) % 360
}

/** Ray casting on one ring; good enough for the small convex-ish polygons of the demo. */
function inRing(p: LonLat, ring: LonLat[]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** Closed ring in [lon, lat] from grid corners. */
function ring(corners: Km[]): LonLat[] {
  const r = corners.map(at)
  return [...r, r[0]]
}

/** Distance in metres from p to a polyline (planar, fine at district scale). */
function distanceToLineM(p: LonLat, line: LonLat[]): number {
  const kx = M_PER_DEG * COS_LAT
  const ky = M_PER_DEG
  let best = Infinity
  for (let i = 0; i + 1 < line.length; i++) {
    const ax = (line[i][0] - p[0]) * kx
    const ay = (line[i][1] - p[1]) * ky
    const bx = (line[i + 1][0] - p[0]) * kx
    const by = (line[i + 1][1] - p[1]) * ky
    const dx = bx - ax
    const dy = by - ay
    const t = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
    best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy))
  }
  return best
}

/** The customer calls at the anchor: two hours after the worked example's outage. */
export const ANCHOR = '2026-11-23T16:30:00+08:00'
const DAY = '2026-11-23'

/** China time on the reference day (`days` earlier or later), as ISO 8601 with +08:00. */
function cst(hhmm: string, days = 0): string {
  const base = Date.parse(`${DAY}T${hhmm}:00+08:00`) + days * 86_400_000
  return iso(base)
}

function iso(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00'
}


// ---------------------------------------------------------------------------------------------
// Ground features 地物 (grid kilometres; the district is x 0–4.09, y 0–3.33).

interface Road { id: string; name: string; aliases?: string[]; path: Km[] }
interface Area { id: string; name: string; aliases?: string[]; corners: Km[] }
interface Poi { id: string; name: string; aliases?: string[]; type: 'building' | 'landmark'; at: Km }

/** ~25 streets. 天河直街 runs along the south side of 白马花园 (the paper's worked example). */
const ROADS: Road[] = [
  { id: 'R01', name: '天河直街', aliases: ['天河直路'], path: [[0.1, 1.94], [0.85, 1.94], [1.15, 2.05]] },
  { id: 'R02', name: '天河路', path: [[0.05, 1.45], [2.2, 1.45], [4.05, 1.5]] },
  { id: 'R03', name: '天河北路', path: [[0.05, 2.7], [2.3, 2.68], [3.95, 2.74]] },
  { id: 'R04', name: '天河南二路', path: [[0.05, 0.95], [3.2, 0.95]] },
  { id: 'R05', name: '黄埔大道', aliases: ['黄埔大道西'], path: [[0.05, 0.15], [4.05, 0.15]] },
  { id: 'R06', name: '体育西路', path: [[1.55, 0.05], [1.55, 3.25]] },
  { id: 'R07', name: '体育东路', aliases: ['体东路'], path: [[2.25, 0.05], [2.25, 3.25]] },
  { id: 'R08', name: '天河东路', path: [[2.85, 0.15], [2.85, 3.25]] },
  { id: 'R09', name: '石牌西路', path: [[1.2, 0.15], [1.22, 1.45]] },
  { id: 'R10', name: '龙口西路', path: [[3.35, 0.15], [3.35, 3.2]] },
  { id: 'R11', name: '龙口东路', path: [[3.92, 0.15], [3.9, 2.4]] },
  { id: 'R12', name: '体育东横街', path: [[1.85, 2.35], [2.6, 2.35]] },
  { id: 'R13', name: '白马巷', path: [[0.45, 1.94], [0.44, 2.35]] },
  { id: 'R14', name: '华庭路', path: [[1.55, 0.62], [2.85, 0.6]] },
  { id: 'R15', name: '金穗路', path: [[1.55, 3.05], [3.35, 3.05]] },
  { id: 'R16', name: '花城大道', aliases: ['花城路'], path: [[1.55, 1.75], [3.9, 1.75]] },
  { id: 'R17', name: '翠湖街', path: [[0.3, 2.5], [0.3, 3.25]] },
  { id: 'R18', name: '骏景路', path: [[2.85, 2.2], [3.9, 2.2]] },
  { id: 'R19', name: '兴华街', path: [[3.65, 0.95], [3.65, 1.75]] },
  { id: 'R20', name: '石牌东街', path: [[1.6, 0.42], [2.65, 0.42]] },
  { id: 'R21', name: '龙怡路', path: [[2.85, 1.15], [3.9, 1.15]] },
  { id: 'R22', name: '明月一路', path: [[2.55, 1.75], [2.55, 2.7]] },
  { id: 'R23', name: '南岗巷', path: [[0.3, 0.52], [0.7, 0.5], [1.15, 0.56]] },
  { id: 'R24', name: '林苑街', path: [[0.1, 2.95], [1.2, 2.95]] },
  { id: 'R25', name: '荔香路', path: [[0.95, 0.15], [0.95, 1.45]] },
]

/** ~15 residential compounds 小区. */
const COMPOUNDS: Area[] = [
  { id: 'C01', name: '白马花园', aliases: ['白马小区'], corners: [[0.48, 1.97], [0.88, 1.97], [0.9, 2.3], [0.5, 2.32]] },
  { id: 'C02', name: '骏景花园', corners: [[2.95, 2.25], [3.3, 2.25], [3.3, 2.6], [2.95, 2.6]] },
  { id: 'C03', name: '翠湖小区', aliases: ['翠湖苑'], corners: [[0.35, 2.75], [0.62, 2.75], [0.62, 2.92], [0.35, 2.92]] },
  { id: 'C04', name: '龙口东小区', corners: [[3.42, 1.85], [3.85, 1.85], [3.85, 2.15], [3.42, 2.15]] },
  { id: 'C05', name: '天河花苑', corners: [[1.6, 1.0], [1.95, 1.0], [1.95, 1.35], [1.6, 1.35]] },
  { id: 'C06', name: '华庭苑', corners: [[1.65, 0.66], [2.1, 0.66], [2.1, 0.9], [1.65, 0.9]] },
  { id: 'C07', name: '金穗雅园', corners: [[1.65, 2.76], [2.1, 2.76], [2.1, 3.0], [1.65, 3.0]] },
  { id: 'C08', name: '兴华新村', corners: [[3.42, 1.0], [3.6, 1.0], [3.6, 1.4], [3.42, 1.4]] },
  { id: 'C09', name: '明月小区', corners: [[2.6, 1.85], [2.8, 1.85], [2.8, 2.3], [2.6, 2.3]] },
  { id: 'C10', name: '石牌东小区', corners: [[2.3, 0.2], [2.7, 0.2], [2.7, 0.38], [2.3, 0.38]] },
  { id: 'C11', name: '南岗花园', corners: [[0.12, 0.22], [0.36, 0.22], [0.36, 0.8], [0.12, 0.8]] },
  { id: 'C12', name: '林和苑', corners: [[1.0, 2.75], [1.4, 2.75], [1.4, 2.92], [1.0, 2.92]] },
  { id: 'C13', name: '荔香园', corners: [[1.0, 1.0], [1.15, 1.0], [1.15, 1.38], [1.0, 1.38]] },
  { id: 'C14', name: '帝景花园', corners: [[2.92, 1.22], [3.28, 1.22], [3.28, 1.4], [2.92, 1.4]] },
  { id: 'C15', name: '体育东小区', corners: [[2.3, 1.5], [2.5, 1.5], [2.5, 1.7], [2.3, 1.7]] },
]

/** ~10 landmarks and buildings. */
const POIS: Poi[] = [
  { id: 'L01', name: '天河体育中心', aliases: ['体育中心'], type: 'landmark', at: [1.95, 2.0] },
  { id: 'L02', name: '正佳广场', type: 'building', at: [1.75, 1.55] },
  { id: 'L03', name: '天河城', aliases: ['天河城广场'], type: 'building', at: [1.35, 1.55] },
  { id: 'L04', name: '中信大厦', aliases: ['中信广场'], type: 'building', at: [1.9, 2.55] },
  { id: 'L05', name: '华景大厦', type: 'building', at: [3.1, 0.8] },
  { id: 'L06', name: '石牌桥地铁站', type: 'landmark', at: [1.85, 1.4] },
  { id: 'L07', name: '体育西路地铁站', type: 'landmark', at: [1.5, 1.5] },
  { id: 'L08', name: '天河直街小学', type: 'building', at: [0.3, 2.05] },
  { id: 'L09', name: '白马市场', type: 'building', at: [0.98, 2.15] },
  { id: 'L10', name: '龙口医院', type: 'building', at: [3.5, 2.5] },
  { id: 'L11', name: '天河公园', type: 'landmark', at: [3.1, 2.95] },
]

const DISTRICT: Area = {
  id: 'D01',
  name: '天河区',
  aliases: ['天河演示区'],
  corners: [[0.02, 0.02], [4.05, 0.02], [4.05, 2.5], [3.7, 3.28], [0.02, 3.28]],
}

// ---------------------------------------------------------------------------------------------
// The scenarios. Each place is where it is for a reason written beside it; checkScenarios proves it.

/** The worked example (篇3 §4): the site 白马花园, and the customer's point on 天河直街 ~180 m south-west of it. */
const BAIMA_SITE: Km = [0.7, 2.06]
const WORKED_POINT: Km = [0.57, 1.94] // on R01's first segment; bearing ~227° from the site → its 240° sector

/** Blind spot 盲点 in the 南岗巷 urban village; a planned site covers its eastern part. */
const BLIND_VILLAGE: Km[] = [[0.4, 0.28], [1.12, 0.3], [1.15, 0.72], [0.42, 0.7]]
const PLANNED_VILLAGE: Km = [1.0, 0.5]
const PLANNED_VILLAGE_RADIUS_M = 250
const BLIND_POINT: Km = [0.55, 0.45] // in the blind spot, ~450 m from the planned site
const PLANNED_POINT: Km = [1.2, 0.45] // just east of the blind spot, inside the planned site's radius
const OVERLAP_POINT: Km = [0.98, 0.52] // in the blind spot and inside the planned site's radius

/** Weak coverage 弱覆盖 among the high-rises of 林苑街/翠湖小区. */
const WEAK_TOWERS: Km[] = [[0.25, 2.7], [0.95, 2.68], [0.98, 3.2], [0.28, 3.22]]
const WEAK_POINT: Km = [0.6, 2.98]

/** Indoor blind spot under 华景大厦 (needs 室分), and a weak area by 龙口医院 with a later planned site. */
const BLIND_GARAGE: Km[] = [[3.06, 0.76], [3.14, 0.76], [3.14, 0.84], [3.06, 0.84]]
const WEAK_HOSPITAL: Km[] = [[3.62, 2.3], [4.0, 2.3], [4.0, 2.68], [3.62, 2.68]]
const PLANNED_HOSPITAL: Km = [3.8, 2.5]

/** The site with an active (uncleared) transmission alarm, and a point in its 240° sector. */
const ACTIVE_ALARM_SITE: Km = [3.7, 0.6]
const ACTIVE_ALARM_POINT: Km = [3.57, 0.525]

/** The site that had an interference 干扰 alarm this morning, and a point in its 120° sector. */
const INTERFERENCE_SITE: Km = [2.05, 1.85]
const INTERFERENCE_POINT: Km = [2.18, 1.775]

/** Hidden fault: six 无信号 complaints within ~250 m in the hour before the anchor, no alarm near. */
const CLUSTER_CENTRE: Km = [2.3, 2.9]

/** Known issue: three 网速慢 complaints on 石牌东街 this morning, closed with a confirmed cause. */
const KNOWN_CENTRE: Km = [2.05, 0.46]

/** Nothing explains a complaint here: no alarm, cutover, coverage area or recent complaint near. */
const UNKNOWN_POINT: Km = [3.45, 2.05]

// ---------------------------------------------------------------------------------------------
// Rows.

type Row = Record<string, string | number>
interface Feature { type: 'Feature'; properties: Row; geometry: { type: string; coordinates: unknown } }

interface SiteRow { id: string; name: string; tech: string; type: string; bsc: string; msc: string; lon: number; lat: number }

/** Everything the demo holds, in file order. */
export interface Demo {
  features: Feature[]
  sites: SiteRow[]
  cells: Row[]
  alarms: Row[]
  cutovers: Row[]
  blindSpots: Feature[]
  plannedSites: Row[]
  complaints: Row[]
  scenarios: Scenario[]
}

/** A point to try, with what the diagnosis should say. */
export interface Scenario {
  name: string
  lon: number
  lat: number
  occurredAt: string
  service: 'voice' | 'data'
  phenomenon: string
  address: string
  expect: string
  answer?: string
  note: string
}

const ANSWER_CUTOVER = '因为工程维护引起信号短暂中断,现在信号已恢复。'
const ANSWER_PLANNED = '经过核实,我们已经将该地点纳入了当期的网络建设规划中,建议用户关注。'

function feature(properties: Row, type: string, coordinates: unknown): Feature {
  return { type: 'Feature', properties, geometry: { type, coordinates } }
}

function featuresOf(): Feature[] {
  const props = (f: { id: string; name: string; aliases?: string[] }, type: string): Row => ({
    id: f.id,
    name: f.name,
    aliases: (f.aliases ?? []).join(';'),
    type,
  })
  return [
    ...ROADS.map((r) => feature(props(r, 'road'), 'LineString', r.path.map(at))),
    ...COMPOUNDS.map((c) => feature(props(c, 'compound'), 'Polygon', [ring(c.corners)])),
    ...POIS.map((p) => feature(props(p, p.type), 'Point', at(p.at))),
    feature(props(DISTRICT, 'district'), 'Polygon', [ring(DISTRICT.corners)]),
  ]
}

/** Which BSC a site hangs under: the district is split west/east at 体育东路. */
function parents(x: number): { bsc: string; msc: string } {
  return { bsc: x < 2.25 ? 'BSC-TH01' : 'BSC-TH02', msc: 'MSC-GZ03' }
}

/** Sites: the scenario sites first, then a jittered ~500 m grid named after the nearest place. */
function sitesOf(rnd: () => number): { sites: SiteRow[]; km: Map<string, Km> } {
  const sites: SiteRow[] = []
  const km = new Map<string, Km>()
  const add = (name: string, p: Km, tech: string, type: string): void => {
    const id = `TH${String(sites.length + 1).padStart(3, '0')}`
    const [lon, lat] = at(p)
    sites.push({ id, name, tech, type, ...parents(p[0]), lon, lat })
    km.set(id, p)
  }
  add('白马花园', BAIMA_SITE, '4G', '宏站')
  add('体育中心', INTERFERENCE_SITE, '4G', '宏站')
  add('龙口东路南', ACTIVE_ALARM_SITE, '4G', '宏站')
  add('正佳广场室分', [1.75, 1.57], '4G', '室分')
  add('天河城室分', [1.35, 1.57], '4G', '室分')
  add('中信大厦室分', [1.9, 2.57], '5G', '室分')
  add('龙口医院室分', [3.5, 2.52], '4G', '室分')
  add('白马市场室分', [0.98, 2.17], '4G', '室分')

  const noSites = [BLIND_VILLAGE, WEAK_TOWERS, BLIND_GARAGE, WEAK_HOSPITAL].map(ring)
  const used = new Set(sites.map((s) => s.name))
  for (let j = 0; j < 6; j++) {
    for (let i = 0; i < 8; i++) {
      const p: Km = [0.25 + i * 0.5 + (rnd() - 0.5) * 0.2, 0.25 + j * 0.56 + (rnd() - 0.5) * 0.2]
      const tech = rnd() < 0.3 ? '5G' : rnd() < 0.15 ? '2G' : '4G'
      const micro = rnd() < 0.1
      const ll = at(p)
      // No site inside a blind or weak area, nor close around the urban village (why it is blind).
      if (noSites.some((r) => inRing(ll, r)) || distanceToLineM(ll, noSites[0]) < 250) continue
      if ([...km.values()].some((q) => distanceM(ll, at(q)) < 260)) continue
      add(nameFor(ll, used), p, tech, micro ? '微站' : '宏站')
    }
  }
  // Small cells filling in where the grid is thin: metro stations and busy street corners.
  add('石牌桥地铁站室分', [1.85, 1.38], '4G', '室分')
  add('体育西路地铁站室分', [1.5, 1.48], '5G', '室分')
  add('正佳广场东', [1.98, 1.62], '5G', '微站')
  add('明月一路', [2.55, 2.5], '4G', '微站')
  add('龙怡路', [3.2, 1.12], '4G', '微站')
  add('天河直街西', [0.18, 1.96], '4G', '微站')
  return { sites, km }
}

/** A site name after the nearest compound or landmark within 300 m, else the nearest street plus a direction. */
function nameFor(p: LonLat, used: Set<string>): string {
  const places = [
    ...COMPOUNDS.map((c) => ({ name: c.name, d: inRing(p, ring(c.corners)) ? 0 : Math.min(...c.corners.map((k) => distanceM(p, at(k)))) })),
    ...POIS.map((l) => ({ name: l.name, d: distanceM(p, at(l.at)) })),
  ]
    .filter((c) => c.d < 300)
    .sort((a, b) => a.d - b.d)
  for (const c of places) {
    if (!used.has(c.name)) return take(used, c.name)
  }
  const roads = ROADS.map((r) => ({ r, d: distanceToLineM(p, r.path.map(at)) })).sort((a, b) => a.d - b.d)
  for (const { r } of roads) {
    const line = r.path.map(at)
    const mid: LonLat = [(line[0][0] + line[line.length - 1][0]) / 2, (line[0][1] + line[line.length - 1][1]) / 2]
    const eastWest = Math.abs(line[0][0] - line[line.length - 1][0]) > Math.abs(line[0][1] - line[line.length - 1][1])
    const dir = eastWest ? (p[0] > mid[0] ? '东' : '西') : p[1] > mid[1] ? '北' : '南'
    for (const name of [r.name + dir, r.name + '中', r.name + dir + '二']) if (!used.has(name)) return take(used, name)
  }
  throw new Error(`no free name near ${p.join(',')}`)
}

function take(used: Set<string>, name: string): string {
  used.add(name)
  return name
}

/** Cells: macro sites three sectors at 0/120/240 ± jitter; indoor and micro sites one omni cell; three sites none. */
function cellsOf(sites: SiteRow[], rnd: () => number): Row[] {
  const fixed: Record<string, number[]> = { 白马花园: [0, 120, 240], 体育中心: [0, 120, 240], 龙口东路南: [0, 120, 240] }
  const fixedRadius: Record<string, number> = { 白马花园: 600, 体育中心: 550, 龙口东路南: 500 }
  // Missing cell data is common in real exports; the service then treats the site as omnidirectional.
  const withoutCells = new Set(sites.filter((s) => s.type === '宏站').slice(-9).filter((_, i) => i % 3 === 0).map((s) => s.id))
  const cells: Row[] = []
  for (const s of sites) {
    if (withoutCells.has(s.id)) continue
    const cell = (k: number, azimuth: number, beamwidth: number, radius: number): void => {
      cells.push({ id: `${s.id}-${k}`, site_id: s.id, azimuth, beamwidth, radius_m: radius, tech: s.tech })
    }
    if (s.type === '室分') cell(1, 0, 360, 50 + Math.round(rnd() * 10) * 10)
    else if (s.type === '微站') cell(1, 0, 360, 150 + Math.round(rnd() * 10) * 10)
    else {
      const azimuths = fixed[s.name] ?? [0, 120, 240].map((a) => (a + Math.round((rnd() - 0.5) * 30) + 360) % 360)
      const reach = s.tech === '5G' ? [400, 600] : [500, 900]
      azimuths.forEach((a, k) => cell(k + 1, a, 65, fixedRadius[s.name] ?? reach[0] + Math.round((rnd() * (reach[1] - reach[0])) / 10) * 10))
    }
  }
  return cells
}

const ALARM_KINDS: [string, string][] = [['电源', 'major'], ['硬件', 'minor'], ['传输中断', 'critical'], ['退服', 'critical'], ['断站', 'critical']]

/** Alarms: the three scenario alarms, the upgrade's outages, and cleared history days before. */
function alarmsOf(sites: SiteRow[], rnd: () => number): { alarms: Row[]; history: Row[] } {
  const byName = (n: string): string => sites.find((s) => s.name === n)!.id
  const alarms: Row[] = [
    { id: 'AL0001', site_id: byName('白马花园'), kind: '断站', severity: 'critical', raised_at: cst('14:05'), cleared_at: cst('15:10') },
    { id: 'AL0002', site_id: byName('龙口东路南'), kind: '传输中断', severity: 'critical', raised_at: cst('15:40'), cleared_at: '' },
    { id: 'AL0003', site_id: byName('体育中心'), kind: '干扰', severity: 'major', raised_at: cst('08:30'), cleared_at: cst('12:40') },
  ]
  // Sites of the night upgrade (CO0002): two of the grid sites on 天河北路.
  for (const [k, s] of upgradeSites(sites).entries()) {
    alarms.push({ id: `AL000${4 + k}`, site_id: s.id, kind: '退服', severity: 'critical', raised_at: cst('01:12', -3), cleared_at: cst('04:28', -3) })
  }
  const history: Row[] = []
  const grid = sites.slice(8)
  for (let k = 0; k < 7; k++) {
    const s = grid[Math.floor(rnd() * grid.length)]
    const [kind, severity] = ALARM_KINDS[Math.floor(rnd() * ALARM_KINDS.length)]
    const start = Date.parse(cst('07:00', -18 + k * 2)) + Math.floor(rnd() * 14 * 60) * 60_000
    const row = { id: `AL${String(alarms.length + 1).padStart(4, '0')}`, site_id: s.id, kind, severity, raised_at: iso(start), cleared_at: iso(start + (20 + Math.floor(rnd() * 220)) * 60_000) }
    alarms.push(row)
    history.push(row)
  }
  return { alarms, history }
}

/** The grid sites nearest 天河北路 west of 体育东路: where the night upgrade happened. */
function upgradeSites(sites: SiteRow[]): SiteRow[] {
  const line = ROADS.find((r) => r.id === 'R03')!.path.map(at)
  return sites
    .slice(8)
    .filter((s) => s.lon < at([2.2, 0])[0] && s.type === '宏站')
    .sort((a, b) => distanceToLineM([a.lon, a.lat], line) - distanceToLineM([b.lon, b.lat], line))
    .slice(0, 2)
}

function cutoversOf(sites: SiteRow[]): Row[] {
  const id = (n: string): string => sites.find((s) => s.name === n)!.id
  const east = sites.filter((s) => s.bsc === 'BSC-TH02' && s.type === '宏站' && s.name !== '龙口东路南').slice(0, 3)
  return [
    {
      id: 'CO0001',
      site_ids: id('白马花园'),
      planned_start: cst('14:00'),
      planned_end: cst('16:00'),
      actual_start: cst('14:02'),
      actual_end: cst('15:12'),
      description: '白马花园基站传输割接(提前一天填报),割接期间基站断站',
    },
    {
      id: 'CO0002',
      site_ids: upgradeSites(sites).map((s) => s.id).join(';'),
      planned_start: cst('01:00', -3),
      planned_end: cst('05:00', -3),
      actual_start: cst('01:10', -3),
      actual_end: cst('04:30', -3),
      description: '天河北路片区基站软件升级',
    },
    {
      id: 'CO0003',
      site_ids: east.map((s) => s.id).join(';'),
      planned_start: cst('00:30', 1),
      planned_end: cst('04:30', 1),
      actual_start: '',
      actual_end: '',
      description: '龙口片区BBU替换(计划中,尚未执行)',
    },
  ]
}

function blindSpotsOf(): Feature[] {
  const area = (props: Row, corners: Km[]): Feature => feature(props, 'Polygon', [ring(corners)])
  return [
    area({ id: 'BS01', kind: 'blind', description: '南岗巷城中村一带为信号盲点', reason: '选址困难', remedy: '规划基站', status: '规划中' }, BLIND_VILLAGE),
    area({ id: 'BS02', kind: 'weak', description: '林苑街、翠湖小区高层住宅区信号较弱', reason: '高楼阻挡', remedy: '优化工程', status: '优化中' }, WEAK_TOWERS),
    area({ id: 'BS03', kind: 'blind', description: '华景大厦地下停车场无信号', reason: '物业难点', remedy: '室分建设', status: '协调中' }, BLIND_GARAGE),
    area({ id: 'BS04', kind: 'weak', description: '龙口医院东侧信号较弱', reason: '站间距过大', remedy: '规划基站', status: '已立项' }, WEAK_HOSPITAL),
  ]
}

function plannedSitesOf(): Row[] {
  const row = (id: string, name: string, p: Km, radius: number, period: string, status: string): Row => {
    const [lon, lat] = at(p)
    return { id, name, radius_m: radius, period, status, lon, lat }
  }
  return [
    row('PS01', '南岗巷规划站', PLANNED_VILLAGE, PLANNED_VILLAGE_RADIUS_M, '2026Q4', '建设中'),
    row('PS02', '龙口医院东规划站', PLANNED_HOSPITAL, 300, '2027Q1', '已立项'),
    row('PS03', '天河公园规划站', [3.1, 3.1], 400, '2027Q2', '规划中'),
  ]
}

// ---------------------------------------------------------------------------------------------
// Complaints 投诉工单.

const PHENOMENON_TEXT: Record<string, [string, 'voice' | 'data']> = {
  '无信号/忙音': ['手机没有信号,打电话一直是忙音', 'voice'],
  '信号弱/不稳定': ['信号时有时无,只有一两格', 'voice'],
  有信号无法接通: ['有信号但是电话打不出去', 'voice'],
  掉话: ['通话中经常掉线', 'voice'],
  无法上网: ['手机上不了网', 'data'],
  网速慢: ['上网很慢,视频一直缓冲', 'data'],
}

/** An address as an agent would type it: the nearest street and the nearest place on it. */
function addressOf(p: LonLat): string {
  const road = ROADS.map((r) => ({ n: r.name, d: distanceToLineM(p, r.path.map(at)) })).sort((a, b) => a.d - b.d)[0]
  const place = [
    ...COMPOUNDS.map((c) => ({ n: c.name, d: inRing(p, ring(c.corners)) ? 0 : distanceM(p, at(c.corners[0])) })),
    ...POIS.map((l) => ({ n: l.name, d: distanceM(p, at(l.at)) })),
  ].sort((a, b) => a.d - b.d)[0]
  return place.d < 250 ? `${road.n}${place.n}${place.d === 0 ? '内' : '附近'}` : `${road.n}附近`
}

function complaintsOf(sites: SiteRow[], history: Row[], rnd: () => number): Row[] {
  const rows: Row[] = []
  const jitter = (c: Km, km: number): Km => [c[0] + (rnd() - 0.5) * 2 * km, c[1] + (rnd() - 0.5) * 2 * km]
  const add = (p: Km, occurred: string, phenomenon: string, extra: Row = {}, reportedAfterMin = 10 + Math.floor(rnd() * 110)): void => {
    const ll = at(p)
    const [description, service] = PHENOMENON_TEXT[phenomenon]
    rows.push({
      id: `TS${String(rows.length + 1).padStart(4, '0')}`,
      occurred_at: occurred,
      reported_at: iso(Date.parse(occurred) + reportedAfterMin * 60_000),
      address: addressOf(ll),
      service,
      phenomenon,
      description,
      vip: rnd() < 0.15 ? (rnd() < 0.5 ? '金卡' : '钻石卡') : '',
      lon: ll[0],
      lat: ll[1],
      cause: '',
      answer: '',
      ...extra,
    })
  }
  // The hidden fault: six 无信号 complaints, 15:35–16:20 today, within ~250 m; open, no alarm near.
  for (let k = 0; k < 6; k++) {
    add(jitter(CLUSTER_CENTRE, 0.17), cst(`${15 + Math.floor((35 + k * 9) / 60)}:${String((35 + k * 9) % 60).padStart(2, '0')}`), '无信号/忙音', {}, 3 + k)
  }
  // The known issue: three 网速慢 complaints this morning on 石牌东街, confirmed and answered.
  const known = '经过核实,石牌东街附近基站传输设备异常导致上网速度慢,我司已安排抢修,预计今日18:00前恢复,给您带来不便敬请谅解。'
  for (const [k, t] of ['09:10', '09:55', '10:40'].entries()) {
    add(jitter(KNOWN_CENTRE, 0.08), cst(t), '网速慢', { cause: 'site_fault', answer: known, description: k === 0 ? '上网很慢,网页打不开' : '上网很慢,视频一直缓冲' })
  }
  // Older complaints with confirmed causes, where the network explains them.
  const blind = '经过核实,南岗巷城中村一带为信号盲点,因选址困难暂无法建站,已规划新建基站,该情况将成为我司后期网络规划和建设依据,建议用户关注。'
  for (const d of [-15, -9, -4]) add(jitter([0.62, 0.5], 0.1), cst('19:20', d), '无信号/忙音', { cause: 'blind_spot', answer: blind })
  add(jitter(PLANNED_VILLAGE, 0.08), cst('20:05', -6), '信号弱/不稳定', { cause: 'planned_site', answer: ANSWER_PLANNED })
  const weak = '经过核实,林苑街、翠湖小区高层住宅区信号较弱,因高楼阻挡,已安排网络优化工程,该情况将成为我司后期网络规划和建设依据,建议用户关注。'
  for (const d of [-12, -7, -2]) add(jitter([0.6, 2.95], 0.15), cst('21:30', d), '信号弱/不稳定', { cause: 'weak_coverage', answer: weak })
  const garage = '经过核实,华景大厦地下停车场无信号,因物业难点暂未能进场,已申请室分建设,该情况将成为我司后期网络规划和建设依据,建议用户关注。'
  for (const d of [-11, -5]) add(jitter([3.1, 0.8], 0.02), cst('18:40', d), '无信号/忙音', { cause: 'blind_spot', answer: garage })
  add(jitter(PLANNED_HOSPITAL, 0.1), cst('10:15', -8), '网速慢', { cause: 'weak_coverage', answer: '经过核实,龙口医院东侧信号较弱,因站间距过大,已规划新建基站,该情况将成为我司后期网络规划和建设依据,建议用户关注。' })
  // During the night upgrade: answered as maintenance.
  for (const s of upgradeSites(sites)) add(jitter(kmOf(s), 0.2), cst('02:00', -3), '无信号/忙音', { cause: 'cutover', answer: ANSWER_CUTOVER })
  // Behind cleared alarms of the last weeks.
  for (const a of history.slice(0, 4)) {
    const s = sites.find((x) => x.id === a.site_id)!
    const fixed = String(a.cleared_at).slice(11, 16)
    add(jitter(kmOf(s), 0.25), iso(Date.parse(String(a.raised_at)) + 10 * 60_000), a.kind === '电源' || a.kind === '硬件' ? '掉话' : '无信号/忙音', {
      cause: 'site_fault',
      answer: `经过核实,附近基站因设备故障(${a.kind})影响通话,已于${fixed}修复,现在信号已恢复。`,
    })
  }
  // Spread-out older complaints, mostly still open or closed without a network cause.
  const phenomena = Object.keys(PHENOMENON_TEXT)
  while (rows.length < 40) {
    const p: Km = [0.2 + rnd() * 3.7, 0.2 + rnd() * 2.9]
    const d = -20 + Math.floor(rnd() * 19)
    const h = 8 + Math.floor(rnd() * 14)
    add(p, cst(`${String(h).padStart(2, '0')}:${String(Math.floor(rnd() * 60)).padStart(2, '0')}`, d), phenomena[Math.floor(rnd() * phenomena.length)])
  }
  return rows
}

function kmOf(s: SiteRow): Km {
  return [((s.lon - LON0) * M_PER_DEG * COS_LAT) / 1000, ((s.lat - LAT0) * M_PER_DEG) / 1000]
}

function scenariosOf(): Scenario[] {
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
function checkScenarios(demo: Demo): void {
  const fail = (msg: string): never => {
    throw new Error(`demo scenario broken: ${msg}`)
  }
  const sc = new Map(demo.scenarios.map((s) => [s.name, s]))
  const pt = (name: string): LonLat => [sc.get(name)!.lon, sc.get(name)!.lat]
  const site = (name: string): SiteRow => demo.sites.find((s) => s.name === name) ?? fail(`no site ${name}`)
  const ll = (s: SiteRow): LonLat => [s.lon, s.lat]
  const sectors = (s: SiteRow, p: LonLat): number => {
    const b = bearingDeg(ll(s), p)
    const d = distanceM(ll(s), p)
    return demo.cells.filter(
      (c) => c.site_id === s.id && d <= Number(c.radius_m) && Math.abs(((b - Number(c.azimuth) + 540) % 360) - 180) <= Number(c.beamwidth) / 2,
    ).length
  }
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

/** Builds the whole demo in memory (same result on every call). */
export function buildDemo(): Demo {
  const rnd = prng(20261123)
  const { sites } = sitesOf(rnd)
  const cells = cellsOf(sites, rnd)
  const { alarms, history } = alarmsOf(sites, rnd)
  const demo: Demo = {
    features: featuresOf(),
    sites,
    cells,
    alarms,
    cutovers: cutoversOf(sites),
    blindSpots: blindSpotsOf(),
    plannedSites: plannedSitesOf(),
    complaints: complaintsOf(sites, history, rnd),
    scenarios: scenariosOf(),
  }
  checkScenarios(demo)
  return demo
}

/** RFC 4180: quote a field holding a comma, a quote or a line break. */
function csv(rows: Row[]): string {
  const cols = Object.keys(rows[0])
  const field = (v: string | number): string => {
    const s = String(v)
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  return [cols.join(','), ...rows.map((r) => cols.map((c) => field(r[c] ?? '')).join(','))].join('\n') + '\n'
}

/** One feature per line: readable diffs, still plain GeoJSON. */
function geojson(features: Feature[]): string {
  return `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`
}

/** The file name → contents of the demo. */
export function renderDemo(demo: Demo = buildDemo()): Record<string, string> {
  return {
    'features.geojson': geojson(demo.features),
    'sites.csv': csv(demo.sites as unknown as Row[]),
    'cells.csv': csv(demo.cells),
    'alarms.csv': csv(demo.alarms),
    'cutovers.csv': csv(demo.cutovers),
    'blind-spots.geojson': geojson(demo.blindSpots),
    'planned-sites.csv': csv(demo.plannedSites),
    'complaints.csv': csv(demo.complaints),
    'scenarios.json': JSON.stringify({ anchor: ANCHOR, scenarios: demo.scenarios }, null, 2) + '\n',
    'README.md': readme(demo),
  }
}

function readme(demo: Demo): string {
  const s = (name: string): Scenario => demo.scenarios.find((x) => x.name === name)!
  const baima = demo.sites.find((x) => x.name === '白马花园')!
  const active = demo.sites.find((x) => x.name === '龙口东路南')!
  const interference = demo.sites.find((x) => x.name === '体育中心')!
  const w = s('worked_example')
  const rows = demo.scenarios
    .map((x) => `| ${x.name} | ${x.lon}, ${x.lat} | ${x.occurredAt} | ${x.phenomenon} (${x.service}) | \`${x.expect}\` | ${x.note} |`)
    .join('\n')
  const count = (n: number, what: string): string => `${n} ${what}`
  return `# Demo district — an invented 天河区

Written for this project (not derived from any real network). Generated by \`make-demo.ts\`:
edit the generator, then \`npx tsx data/demo/make-demo.ts\`, and commit its output. The script
checks every scenario below before writing; \`tests/data/demo/demo-data.test.ts\` checks the
files are consistent and that they are what the generator writes.

All coordinates are WGS-84, inside lon ${BOX[0]}–${BOX[2]}, lat ${BOX[1]}–${BOX[3]}.

| file | what |
|---|---|
| features.geojson | ${count(ROADS.length, 'streets')} (LineString), ${count(COMPOUNDS.length, 'compounds 小区')} (Polygon), ${count(POIS.length, 'landmarks/buildings')} (Point), the district polygon; aliases on a few (天河直街 = 天河直路, 白马花园 = 白马小区, 天河体育中心 = 体育中心 …) |
| sites.csv | ${count(demo.sites.length, 'sites')}: 宏站, 室分, 微站; 2G/4G/5G; BSC-TH01 (west of 体育东路) / BSC-TH02, MSC-GZ03 |
| cells.csv | ${count(demo.cells.length, 'cells')}: macro sites 3 sectors at 0/120/240° ± 15°, beamwidth 65°, 400–900 m; 室分/微站 one omni cell; ${demo.sites.length - new Set(demo.cells.map((c) => c.site_id)).size} sites have no cells |
| alarms.csv | ${count(demo.alarms.length, 'alarms')}; one active (${active.name}), one 干扰 (${interference.name}), the rest cleared |
| cutovers.csv | the worked example's cutover, a night upgrade three days earlier, one planned for tomorrow night (no actual times) |
| blind-spots.geojson | BS01 盲点 南岗巷城中村 (规划基站), BS02 弱覆盖 林苑街 (优化工程), BS03 盲点 华景大厦地下停车场 (室分建设), BS04 弱覆盖 龙口医院东侧 (规划基站) |
| planned-sites.csv | PS01 covers the eastern part of BS01 and a strip east of it; PS02 covers BS04; PS03 by 天河公园 |
| complaints.csv | ${count(demo.complaints.length, 'earlier complaints')}; those with \`cause\` and \`answer\` are closed with a confirmed cause (what \`known_issue\` reuses) |
| scenarios.json | the points below, machine-readable, for acceptance tests |

## Loading

The service loads these files on first start when its store is empty (\`DEMO=0\` turns that off).
By hand, one kind at a time, with the admin token the service wrote on first start:

\`\`\`sh
TOKEN=$(cat var/admin.token)
for kind in features sites cells alarms cutovers planned-sites complaints; do
  f=data/demo/$kind.csv; type=text/csv
  [ -f "$f" ] || { f=data/demo/$kind.geojson; type=application/geo+json; }
  curl -s -X POST "localhost:8080/api/import/$kind" -H "Authorization: Bearer $TOKEN" -H "content-type: $type" --data-binary @"$f"; echo
done
curl -s -X POST localhost:8080/api/import/blind-spots -H "Authorization: Bearer $TOKEN" \\
  -H 'content-type: application/geo+json' --data-binary @data/demo/blind-spots.geojson
\`\`\`

## Time

The reference day is **${DAY}**. The anchor is **${ANCHOR}**: the moment the customer of the
worked example calls, two hours after the outage. Every time in the files is fixed relative to it;
the service may shift them all so that the anchor is "now" at load.

## The worked example (篇3 §4)

- Site **白马花园** (${baima.id}) at ${baima.lon}, ${baima.lat}, a 宏站 inside the compound 白马花园, beside 天河直街.
- Cutover CO0001 at ${baima.id}, planned the day before for ${cst('14:00')} – ${cst('16:00')} (actual 14:02–15:12).
- Alarm AL0001 断站 at ${baima.id}, raised ${cst('14:05')}, cleared ${cst('15:10')}.
- The customer, calling at ${ANCHOR} from elsewhere, says there was no signal on **天河直街** since about 2 pm.
  The point: **${w.lon}, ${w.lat}** — on 天河直街, ${distanceM([baima.lon, baima.lat], [w.lon, w.lat]).toFixed(0)} m from the site, in its 240° sector.
- Expected: cause \`cutover\`, answer **"${ANSWER_CUTOVER}"**, disposition \`self\` (no dispatch),
  the complaint recorded at that point and linked to ${baima.id}.

\`\`\`sh
curl -s localhost:8080/api/diagnose -H 'content-type: application/json' \\
  -d '{"lon":${w.lon},"lat":${w.lat},"occurredAt":"${w.occurredAt}","service":"voice","phenomenon":"no_signal","address":"${w.address}"}'
\`\`\`

## Other points worth trying

| scenario | lon, lat | occurredAt | phenomenon | expected cause | why |
|---|---|---|---|---|---|
${rows}

Search to try: \`天河直街\`, \`天河直\`, \`天河直路\`, \`tianhezhijie\`, \`thzj\`, \`白马\`, \`体育中心\`, \`lkdl\`.
`
}

/** Writes the files into `dir`. */
export function writeDemo(dir: string): string[] {
  mkdirSync(dir, { recursive: true })
  const files = renderDemo()
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return Object.keys(files)
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { out: { type: 'string', default: dirname(fileURLToPath(import.meta.url)) } } })
  const written = writeDemo(values.out!)
  console.log(`wrote ${written.length} files to ${values.out}`)
}
