/**
 * The demo district (data/demo) is consistent, holds the scenarios its README promises, and is
 * exactly what make-demo.ts writes. Plain parsing on purpose: these files are also what a user
 * would hand-edit and import.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderDemo } from '../../../data/demo/make-demo.js'
import { CAUSE_CODES, PHENOMENA } from '../../../server/src/domain/types.js'
import { Gazetteer } from '../../../server/src/search/index.js'

const DIR = join(import.meta.dirname, '../../../data/demo')
const BOX = { west: 113.32, south: 23.12, east: 113.36, north: 23.15 }

type Row = Record<string, string>
type Pos = [number, number]
interface Feature { properties: Row; geometry: { type: string; coordinates: unknown } }

const text = (name: string): string => readFileSync(join(DIR, name), 'utf8')

/** RFC 4180 CSV: quoted fields may hold commas and doubled quotes. */
function parseCsv(src: string): Row[] {
  const records: string[][] = []
  let field = ''
  let record: string[] = []
  let quoted = false
  for (let i = 0; i < src.length; i++) {
    const c = src[i]
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') (field += '"'), i++
      else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') record.push(field), (field = '')
    else if (c === '\n') record.push(field), records.push(record), (record = []), (field = '')
    else if (c !== '\r') field += c
  }
  if (field !== '' || record.length) record.push(field), records.push(record)
  const [header, ...rows] = records
  return rows.map((r) => {
    expect(r.length, `columns of ${r.join(',')}`).toBe(header.length)
    return Object.fromEntries(header.map((h, i) => [h, r[i]]))
  })
}

const csv = (name: string): Row[] => parseCsv(text(name))
const geojson = (name: string): Feature[] => JSON.parse(text(name)).features

const sites = csv('sites.csv')
const cells = csv('cells.csv')
const alarms = csv('alarms.csv')
const cutovers = csv('cutovers.csv')
const planned = csv('planned-sites.csv')
const complaints = csv('complaints.csv')
const features = geojson('features.geojson')
const areas = geojson('blind-spots.geojson')
const { anchor, scenarios } = JSON.parse(text('scenarios.json')) as {
  anchor: string
  scenarios: { name: string; lon: number; lat: number; occurredAt: string; phenomenon: string; expect: string; answer?: string }[]
}
const scenario = (name: string): Pos => {
  const s = scenarios.find((x) => x.name === name)!
  return [s.lon, s.lat]
}

function distanceM(a: Pos, b: Pos): number {
  const r = Math.PI / 180
  const h = Math.sin(((b[1] - a[1]) * r) / 2) ** 2 + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(((b[0] - a[0]) * r) / 2) ** 2
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h))
}

function bearingDeg(a: Pos, b: Pos): number {
  const r = Math.PI / 180
  const y = Math.sin((b[0] - a[0]) * r) * Math.cos(b[1] * r)
  const x = Math.cos(a[1] * r) * Math.sin(b[1] * r) - Math.sin(a[1] * r) * Math.cos(b[1] * r) * Math.cos((b[0] - a[0]) * r)
  return ((Math.atan2(y, x) / r) + 360) % 360
}

/** Distance to a polyline, on a local plane (metres per degree at the point). */
function distanceToLineM(p: Pos, line: Pos[]): number {
  const ky = 111_195
  const kx = ky * Math.cos((p[1] * Math.PI) / 180)
  let best = Infinity
  for (let i = 0; i + 1 < line.length; i++) {
    const [ax, ay] = [(line[i][0] - p[0]) * kx, (line[i][1] - p[1]) * ky]
    const [dx, dy] = [(line[i + 1][0] - line[i][0]) * kx, (line[i + 1][1] - line[i][1]) * ky]
    const t = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
    best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy))
  }
  return best
}

function inRing(p: Pos, ring: Pos[]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

const pos = (r: Row): Pos => [Number(r.lon), Number(r.lat)]
const site = (name: string): Row => sites.find((s) => s.name === name)!
const time = (s: string): number => Date.parse(s)

function positions(c: unknown, out: Pos[] = []): Pos[] {
  if (Array.isArray(c) && typeof c[0] === 'number') out.push([c[0], c[1]])
  else if (Array.isArray(c)) for (const x of c) positions(x, out)
  return out
}

/** Is p inside one of the site's sectors (bearing within beamwidth/2 of the azimuth, within the radius)? */
function inSector(s: Row, p: Pos): boolean {
  const b = bearingDeg(pos(s), p)
  const d = distanceM(pos(s), p)
  return cells.some((c) => {
    if (c.site_id !== s.id || d > Number(c.radius_m)) return false
    const off = Math.abs(((b - Number(c.azimuth) + 540) % 360) - 180)
    return off <= Number(c.beamwidth) / 2
  })
}

describe('demo files are consistent', () => {
  it.each([
    ['sites', sites],
    ['cells', cells],
    ['alarms', alarms],
    ['cutovers', cutovers],
    ['planned-sites', planned],
    ['complaints', complaints],
    ['features', features.map((f) => f.properties)],
    ['blind-spots', areas.map((f) => f.properties)],
  ] as [string, Row[]][])('%s: ids present and unique', (_, rows) => {
    const ids = rows.map((r) => r.id)
    expect(ids.every((id) => typeof id === 'string' && id !== '')).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('every cell, alarm and cutover names sites that exist', () => {
    const ids = new Set(sites.map((s) => s.id))
    for (const c of cells) expect(ids, `cell ${c.id}`).toContain(c.site_id)
    for (const a of alarms) expect(ids, `alarm ${a.id}`).toContain(a.site_id)
    for (const c of cutovers) for (const id of c.site_ids.split(';')) expect(ids, `cutover ${c.id}`).toContain(id)
  })

  it('has the sizes the brief asks for', () => {
    const types = (t: string): number => features.filter((f) => f.properties.type === t).length
    expect(types('road')).toBeGreaterThanOrEqual(20)
    expect(types('compound')).toBeGreaterThanOrEqual(12)
    expect(types('building') + types('landmark')).toBeGreaterThanOrEqual(8)
    expect(types('district')).toBe(1)
    expect(sites.length).toBeGreaterThanOrEqual(40)
    expect(complaints.length).toBeGreaterThanOrEqual(35)
    expect(sites.filter((s) => !cells.some((c) => c.site_id === s.id)).length).toBeGreaterThan(0)
  })

  it('every coordinate lies inside the district box', () => {
    const all: Pos[] = [
      ...features.flatMap((f) => positions(f.geometry.coordinates)),
      ...areas.flatMap((f) => positions(f.geometry.coordinates)),
      ...[...sites, ...planned, ...complaints].map(pos),
      ...scenarios.map((s): Pos => [s.lon, s.lat]),
    ]
    expect(all.length).toBeGreaterThan(200)
    for (const [lon, lat] of all) {
      expect(lon > BOX.west && lon < BOX.east && lat > BOX.south && lat < BOX.north, `${lon},${lat}`).toBe(true)
    }
  })

  it('uses the contract’s vocabularies', () => {
    const labels = Object.values(PHENOMENA) as string[]
    for (const c of complaints) {
      expect(labels).toContain(c.phenomenon)
      expect(['voice', 'data']).toContain(c.service)
      if (c.cause !== '') expect(CAUSE_CODES as readonly string[]).toContain(c.cause)
      if (c.cause !== '') expect(c.answer).not.toBe('')
    }
    for (const s of sites) expect(['2G', '3G', '4G', '5G']).toContain(s.tech)
    for (const c of cells) {
      expect(Number(c.beamwidth) === 360 || Number(c.beamwidth) === 65).toBe(true)
      expect(Number(c.azimuth)).toBeGreaterThanOrEqual(0)
      expect(Number(c.azimuth)).toBeLessThan(360)
    }
    for (const a of alarms) expect(['critical', 'major', 'minor', 'warning']).toContain(a.severity)
    for (const f of areas) expect(['blind', 'weak']).toContain(f.properties.kind)
    const iso = /^2026-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/
    const times = [
      ...alarms.flatMap((a) => [a.raised_at, a.cleared_at]),
      ...cutovers.flatMap((c) => [c.planned_start, c.planned_end, c.actual_start, c.actual_end]),
      ...complaints.flatMap((c) => [c.occurred_at, c.reported_at]),
    ].filter((t) => t !== '')
    for (const t of times) expect(t).toMatch(iso)
  })
})

describe('the worked example (篇3 §4)', () => {
  const baima = site('白马花园')
  const point = scenario('worked_example')
  const street = features.find((f) => f.properties.name === '天河直街')!

  it('has the site, the street (alias 天河直路) and the compound', () => {
    expect(baima).toBeDefined()
    expect(street.geometry.type).toBe('LineString')
    expect(street.properties.aliases.split(';')).toContain('天河直路')
    expect(features.find((f) => f.properties.name === '白马花园')?.properties.type).toBe('compound')
  })

  it('puts the customer on 天河直街, 100–200 m from 白马花园, inside one of its sectors', () => {
    const d = distanceM(pos(baima), point)
    expect(d).toBeGreaterThan(100)
    expect(d).toBeLessThan(200)
    expect(distanceToLineM(point, street.geometry.coordinates as Pos[])).toBeLessThan(3)
    expect(inSector(baima, point)).toBe(true)
  })

  it('has a cutover planned for 14:00–16:00 and a 断站 alarm 14:05–15:10 inside it, cleared before the call', () => {
    const co = cutovers.find((c) => c.site_ids.split(';').includes(baima.id))!
    expect([co.planned_start, co.planned_end]).toEqual(['2026-11-23T14:00:00+08:00', '2026-11-23T16:00:00+08:00'])
    const al = alarms.find((a) => a.site_id === baima.id && a.kind === '断站')!
    expect([al.raised_at, al.cleared_at]).toEqual(['2026-11-23T14:05:00+08:00', '2026-11-23T15:10:00+08:00'])
    expect(time(al.raised_at)).toBeGreaterThanOrEqual(time(co.planned_start))
    expect(time(al.cleared_at)).toBeLessThanOrEqual(time(co.planned_end))
    expect(time(anchor) - time(al.raised_at)).toBeGreaterThan(2 * 3600_000 - 10 * 60_000)
    const s = scenarios.find((x) => x.name === 'worked_example')!
    expect(s.expect).toBe('cutover')
    expect(s.answer).toContain('因为工程维护引起信号短暂中断,现在信号已恢复')
  })
})

describe('the other scenarios', () => {
  it('has exactly one active alarm, near the active-alarm point, and an interference alarm', () => {
    const active = alarms.filter((a) => a.cleared_at === '')
    expect(active).toHaveLength(1)
    const s = sites.find((x) => x.id === active[0].site_id)!
    expect(inSector(s, scenario('active_alarm'))).toBe(true)
    const interference = alarms.find((a) => a.kind === '干扰')!
    expect(inSector(sites.find((x) => x.id === interference.site_id)!, scenario('interference'))).toBe(true)
  })

  it('has a blind spot partly covered by a planned site, and a weak-coverage area', () => {
    const inside = (p: Pos, kind: string): boolean =>
      areas.some((f) => f.properties.kind === kind && inRing(p, (f.geometry.coordinates as Pos[][])[0]))
    const covered = (p: Pos): boolean => planned.some((ps) => distanceM(p, pos(ps)) <= Number(ps.radius_m))
    expect(inside(scenario('blind_spot'), 'blind')).toBe(true)
    expect(covered(scenario('blind_spot'))).toBe(false)
    expect(inside(scenario('planned_site'), 'blind') || inside(scenario('planned_site'), 'weak')).toBe(false)
    expect(covered(scenario('planned_site'))).toBe(true)
    expect(inside(scenario('blind_and_planned'), 'blind')).toBe(true)
    expect(covered(scenario('blind_and_planned'))).toBe(true)
    expect(inside(scenario('weak_coverage'), 'weak')).toBe(true)
    for (const f of areas) expect(f.properties.reason && f.properties.remedy && f.properties.status).toBeTruthy()
  })

  it('has a hidden fault: ≥5 open 无信号 complaints within 1 km in the hour before the anchor, no alarm near', () => {
    const centre = scenario('mass_outage')
    const t = time(anchor)
    const recent = complaints.filter(
      (c) => distanceM(pos(c), centre) < 1000 && time(c.occurred_at) < t && time(c.occurred_at) >= t - 3600_000,
    )
    expect(recent.length).toBeGreaterThanOrEqual(5)
    for (const c of recent) expect([c.phenomenon, c.cause]).toEqual(['无信号/忙音', ''])
    for (const a of alarms) {
      const window = time(a.cleared_at || anchor) >= t - 2 * 3600_000 && time(a.raised_at) <= t
      if (window) expect(distanceM(pos(sites.find((s) => s.id === a.site_id)!), centre), a.id).toBeGreaterThan(1500)
    }
  })

  it('has earlier complaints with a confirmed cause near the known-issue point', () => {
    const p = scenario('known_issue')
    const t = time(anchor)
    const known = complaints.filter((c) => c.cause !== '' && distanceM(pos(c), p) < 500 && t - time(c.occurred_at) < 12 * 3600_000)
    expect(known.length).toBeGreaterThanOrEqual(2)
    expect(new Set(known.map((c) => c.answer)).size).toBe(1)
  })

  it('lists every cause code among the scenarios', () => {
    expect(new Set(scenarios.map((s) => s.expect))).toEqual(new Set(CAUSE_CODES))
  })
})

describe('the demo files are what make-demo.ts writes', () => {
  it.each(Object.entries(renderDemo()))('%s', (name, expected) => {
    // Out of date? Run: npx tsx data/demo/make-demo.ts
    expect(text(name)).toBe(expected)
  })
})

describe('the demo gazetteer', () => {
  const g = new Gazetteer()
  g.upsert(
    features.map((f) => {
      const all = positions(f.geometry.coordinates)
      const lons = all.map((p) => p[0])
      const lats = all.map((p) => p[1])
      return {
        id: f.properties.id,
        name: f.properties.name,
        aliases: f.properties.aliases ? f.properties.aliases.split(';') : [],
        type: f.properties.type,
        lon: all[0][0],
        lat: all[0][1],
        bbox: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)] as [number, number, number, number],
      }
    }),
  )
  it.each([
    ['天河直街', '天河直街'],
    ['天河直', '天河直街'],
    ['天河直路', '天河直街'],
    ['tianhezhijie', '天河直街'],
    ['thzj', '天河直街'],
    ['bmhy', '白马花园'],
    ['体育中心', '天河体育中心'],
    ['lkdl', '龙口东路'],
    ['黄埔大道西', '黄埔大道'],
  ])('%s → %s', (q, name) => {
    expect(g.search(q)[0]?.name).toBe(name)
  })
  it('白马 finds the compound, the lane and the market', () => {
    expect(g.search('白马', 3).map((h) => h.name).sort()).toEqual(['白马巷', '白马市场', '白马花园'].sort())
  })
})
