/** Sites and cells: the scenario sites at fixed places, then a jittered grid named after nearby places. */
import { at, distanceM, distanceToLineM, inRing, type Km, type LonLat, ring } from './frame.js'
import { COMPOUNDS, POIS, ROADS } from './places.js'
import { ACTIVE_ALARM_SITE, BAIMA_SITE, BLIND_GARAGE, BLIND_VILLAGE, INTERFERENCE_SITE, WEAK_HOSPITAL, WEAK_TOWERS } from './scenario-points.js'
import type { Row, SiteRow } from './types.js'

/** Which BSC a site hangs under: the district is split west/east at 体育东路. */
function parents(x: number): { bsc: string; msc: string } {
  return { bsc: x < 2.25 ? 'BSC-TH01' : 'BSC-TH02', msc: 'MSC-GZ03' }
}

/** Sites: the scenario sites first, then a jittered ~500 m grid named after the nearest place. */
export function sitesOf(rnd: () => number): { sites: SiteRow[]; km: Map<string, Km> } {
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
export function cellsOf(sites: SiteRow[], rnd: () => number): Row[] {
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
