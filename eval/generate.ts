/**
 * A month of network events and customer complaints, each complaint with its true cause and the
 * scenario that produced it. Deterministic for a seed: each scenario draws from its own stream.
 *
 * The network (sites, cells, coverage areas, planned sites, cutovers as planned) goes through the
 * project's own importers (parseImport, CSV/GeoJSON as an operator would send them), so the rows the
 * index gets are exactly what an import would store. What the NMS learns during the month (alarms
 * raised and cleared, cutovers' actual start and end) is a timeline of rows, each as known at that time,
 * so a diagnosis at `now` never sees the future.
 *
 * Scenarios (each complaint is tagged with its scenario and the difficulties it carries):
 *   site_fault        a site down (断站/退服/传输/停电/板卡), some alarms raised minutes late (late_alarm)
 *   element_fault     a BSC or transmission ring down, many sites at once, with or without their own alarms
 *   flap_cause        a two-minute flap that did drop a call (rare)
 *   flap / storm      a complaint with no network cause beside a flapping site or in an alarm storm
 *   cutover           planned work: on time, starting late, overrunning, or with no actual times recorded
 *   mass_outage       a hidden fault: many complaints in one area within ~90 minutes, no alarm
 *   weak_coverage / blind_spot / planned_site   known areas (imported objects)
 *   hidden_hole       a coverage hole known to no object: only complaints settled by a field test know it;
 *                     a later complaint there is truly `known_issue` once one was settled (decided when it is
 *                     diagnosed, see evaluate.ts)
 *   no_network_cause  the customer's own problem: field test is the right answer (truth `unknown`)
 * Difficulties: rounded_time, late_time (stated time later than the occurrence), street_place (a street
 * 50–300 m from the true place), far_event (the causing object > 400 m from the stated place), night
 * (the customer calls the next morning).
 */
import type { FeatureCollection } from 'geojson'
import type { Alarm, CauseCode, Cell, CoverageArea, Cutover, DiagnoseInput, NetworkSnapshot, Phenomenon, PlannedSite, Service, Site } from '../server/src/domain/types.js'
import { destination, distanceM } from '../server/src/geo/distance.js'
import { parseImport } from '../server/src/ingest/index.js'
import { along, generatedCity, inBox, nearestRoad, randomRoadPoint, shanghai, type Geography } from './geography.js'
import { Rng } from './rng.js'

const MIN = 60_000
const HOUR = 3600_000
const DAY = 24 * HOUR
/** China time is UTC+8: local hour of an instant. */
const CN = 8 * HOUR

/** A change the NMS learns at `at`: an alarm or a cutover row as known from then on. */
export type WorldEvent = { at: number; alarm: Alarm; cutover?: undefined } | { at: number; cutover: Cutover; alarm?: undefined }

/** A generated complaint with its ground truth. */
export interface TruthComplaint {
  id: string
  /** The scenario that produced it (see the header). */
  scenario: string
  /** The scenario plus its difficulties. */
  tags: string[]
  /**
   * The physical cause: what a field test finds. The truth to score against is this, except for a
   * hidden hole whose problem was already settled by an earlier complaint: then it is `known_issue`.
   */
  underlying: CauseCode
  /** Hidden hole id, for the known_issue truth decided at diagnosis time. */
  hole?: string
  trueLon: number
  trueLat: number
  trueAt: number
  /** What the agent enters: the stated place (WGS-84), the stated time, the phenomenon. */
  input: DiagnoseInput
  /** When the customer calls: the diagnosis' `now`. */
  callAt: number
  number: string
  /** The object that caused it (site, area centre, planned site, outage centre), for distances. */
  cause: { what: string; lon: number; lat: number } | null
  /** Pre-drawn: uniform number deciding whether a dispatch / field test later settles the final cause, and after how long. */
  settleDraw: number
  settleDelayMs: number
}

export interface Month {
  geography: Geography
  seed: string
  days: number
  start: number
  end: number
  /** What is known before the month starts: network, areas, planned sites, cutovers as planned. */
  snapshot: NetworkSnapshot
  /** Alarm and cutover rows as they become known, by time. */
  timeline: WorldEvent[]
  /** Every complaint, by call time. */
  complaints: TruthComplaint[]
  /** Final state of every alarm and cutover (for the baselines' known-at-now view and the summary). */
  alarms: Alarm[]
  cutovers: Cutover[]
  hiddenHoles: number
}

export interface MonthOptions {
  city: 'generated' | 'shanghai'
  days: number
  seed: string
  /** First day, China time midnight (default 2026-11-01). */
  start?: number
}

const PHENOMENA_OF: Record<string, Partial<Record<Phenomenon, number>>> = {
  down: { no_signal: 4, cannot_connect: 2, no_data: 3, call_drop: 1 },
  board: { weak_signal: 3, call_drop: 3, slow_data: 2, cannot_connect: 1 },
  weak: { weak_signal: 4, call_drop: 3, slow_data: 3, cannot_connect: 1 },
  blind: { no_signal: 4, weak_signal: 2, no_data: 2, cannot_connect: 1 },
  planned: { weak_signal: 3, no_signal: 2, cannot_connect: 1 },
  hidden: { cannot_connect: 3, no_data: 3, call_drop: 2, slow_data: 1 },
  any: { call_drop: 3, slow_data: 3, weak_signal: 2, no_data: 2, cannot_connect: 2, no_signal: 1 },
}

/** Builds the month. */
export function generateMonth(o: MonthOptions): Month {
  const root = new Rng(`${o.city}:${o.seed}`)
  const geo = o.city === 'shanghai' ? shanghai() : generatedCity(root.fork('city'))
  const start = o.start ?? Date.parse('2026-11-01T00:00:00+08:00')
  const end = start + o.days * DAY
  const g = new Builder(geo, root, start, end, o)
  g.network()
  g.siteFaults()
  g.elementFaults()
  g.flaps()
  g.storms()
  g.background()
  g.cutoverWork()
  g.massOutages()
  g.coverageAreas()
  g.plannedSites()
  g.hiddenHoles()
  g.noNetworkCause()
  return g.finish()
}

class Builder {
  sites: Site[] = []
  cells: Cell[] = []
  cellsOf = new Map<string, Cell[]>()
  alarms: Alarm[] = []
  cutovers: Cutover[] = []
  timeline: WorldEvent[] = []
  coverage: CoverageArea[] = []
  planned: PlannedSite[] = []
  complaints: TruthComplaint[] = []
  /** Centres and radii of every area-like object, so areas keep apart and no-cause complaints stay outside them. */
  zones: { lon: number; lat: number; r: number }[] = []
  holes = 0
  private seq = 0

  constructor(
    readonly geo: Geography,
    readonly root: Rng,
    readonly start: number,
    readonly end: number,
    readonly o: MonthOptions,
  ) {}

  /** Sites (through the sites importer, in the source's CRS), three cells each, BSCs and rings by position. */
  network(): void {
    const rng = this.root.fork('network')
    const csv = ['id,name,tech,type,lon,lat', ...this.geo.siteSeeds.map((s) => `${s.id},${s.id},4G,宏站,${s.lon},${s.lat}`)].join('\n')
    const parsed = parseImport('sites', { text: csv, format: 'csv' }, { crs: this.geo.siteCrs }).rows
    // Keep the sites in or within ~300 m of the box, and one of any pair closer than 20 m (duplicates in the source).
    const [w, s, e, n] = this.geo.bbox
    const pad = 0.003
    const kept: Site[] = []
    for (const x of parsed) {
      if (!inBox([w - pad, s - pad, e + pad, n + pad], x.lon, x.lat)) continue
      if (kept.some((k) => distanceM(k.lon, k.lat, x.lon, x.lat) < 20)) continue
      kept.push(x)
    }
    const tiles = this.geo.kind === 'shanghai' ? 2 : 3
    const names = new Map<string, number>()
    const rows: string[] = ['id,name,tech,type,bsc,msc,ring,lon,lat']
    for (const x of kept) {
      const road = nearestRoad(this.geo, x.lon, x.lat).line.road
      const k = (names.get(road) ?? 0) + 1
      names.set(road, k)
      const tx = Math.min(tiles - 1, Math.max(0, Math.floor(((x.lon - w) / (e - w)) * tiles)))
      const ty = Math.min(tiles - 1, Math.max(0, Math.floor(((x.lat - s) / (n - s)) * tiles)))
      const rx = Math.min(2 * tiles - 1, Math.max(0, Math.floor(((x.lon - w) / (e - w)) * 2 * tiles)))
      const ry = Math.min(2 * tiles - 1, Math.max(0, Math.floor(((x.lat - s) / (n - s)) * 2 * tiles)))
      rows.push(`${x.id},${road}${k},4G,宏站,BSC${ty * tiles + tx + 1},MSC1,R${ry * 2 * tiles + rx + 1},${x.lon},${x.lat}`)
    }
    this.sites = parseImport('sites', { text: rows.join('\n'), format: 'csv' }, { crs: 'wgs84' }).rows
    const cellRows = ['id,site_id,azimuth,beamwidth,radius_m,tech']
    for (const x of this.sites) {
      const base = rng.range(0, 120)
      for (let i = 0; i < 3; i++) cellRows.push(`${x.id}-${i + 1},${x.id},${Math.round(base + 120 * i)},65,${Math.round(rng.range(300, 500))},4G`)
    }
    this.cells = parseImport('cells', { text: cellRows.join('\n'), format: 'csv' }, { crs: 'wgs84' }).rows
    for (const c of this.cells) {
      let l = this.cellsOf.get(c.siteId)
      if (!l) this.cellsOf.set(c.siteId, (l = []))
      l.push(c)
    }
  }

  // ——— helpers ———

  private id(prefix: string): string {
    return `${prefix}${String(++this.seq).padStart(5, '0')}`
  }

  /** An instant uniformly in the month. */
  private anyTime(rng: Rng): number {
    return this.start + rng.next() * (this.end - this.start)
  }

  /** An instant in the month at a local hour in [h0, h1). */
  private timeAtHours(rng: Rng, h0: number, h1: number): number {
    const day = rng.int(0, Math.max(0, Math.round((this.end - this.start) / DAY) - 1))
    return this.start + day * DAY + rng.range(h0, h1) * HOUR
  }

  private localHour(t: number): number {
    return (((t + CN) % DAY) + DAY) % DAY / HOUR
  }

  /** Records an alarm and the NMS timeline: raised (active), then cleared. */
  private alarm(a: Alarm): void {
    this.alarms.push(a)
    this.timeline.push({ at: a.raisedAt, alarm: { ...a, clearedAt: null } })
    if (a.clearedAt != null) this.timeline.push({ at: a.clearedAt, alarm: a })
  }

  private sitesOf(type: 'bsc' | 'ring', id: string): Site[] {
    return this.sites.filter((s) => (type === 'bsc' ? s.bsc : s.ring) === id)
  }

  /** A point served by the site: along one of its cells' beams, `d` metres out. */
  private servedPoint(rng: Rng, site: Site, d: number): [number, number] {
    const cells = this.cellsOf.get(site.id) ?? []
    const az = cells.length ? rng.pick(cells).azimuth + rng.range(-30, 30) : rng.range(0, 360)
    return destination(site.lon, site.lat, d, az)
  }

  private inZone(lon: number, lat: number, extra = 0): boolean {
    return this.zones.some((z) => distanceM(z.lon, z.lat, lon, lat) < z.r + extra)
  }

  /** A road point outside every area-like object (for complaints with no coverage cause). */
  private freeRoadPoint(rng: Rng): [number, number] {
    for (let i = 0; i < 50; i++) {
      const p = randomRoadPoint(this.geo, rng).p
      if (!this.inZone(p[0], p[1], 30)) return p
    }
    return randomRoadPoint(this.geo, rng).p
  }

  /** A point within r metres of (lon, lat), uniformly over the disc. */
  private around(rng: Rng, lon: number, lat: number, r: number): [number, number] {
    return destination(lon, lat, r * Math.sqrt(rng.next()), rng.range(0, 360))
  }

  /**
   * A customer's complaint about what happened at (lon, lat, at): when they call, what time and place
   * they state, the phenomenon; plus the pre-drawn settlement.
   */
  private complain(
    rng: Rng,
    c: { scenario: string; tags?: string[]; underlying: CauseCode; lon: number; lat: number; at: number; phenomena: string; cause: TruthComplaint['cause']; hole?: string },
  ): void {
    if (c.at < this.start || c.at >= this.end) return
    const tags = [c.scenario, ...(c.tags ?? [])]
    // When they call: mostly within the hour, some hours later; a night-time problem is reported in the morning.
    const r = rng.next()
    let callAt = c.at + (r < 0.6 ? rng.range(5, 45) : r < 0.9 ? rng.range(45, 180) : rng.range(180, 720)) * MIN
    const h = this.localHour(callAt)
    if (h < 7) {
      callAt += (7 - h) * HOUR + rng.range(30, 150) * MIN
      tags.push('night')
    }
    // The time they state.
    let stated: number
    const t = rng.next()
    if (t < 0.45) stated = c.at + rng.range(-5, 5) * MIN
    else if (t < 0.7) {
      stated = Math.round((c.at + CN) / (30 * MIN)) * 30 * MIN - CN
      if (Math.abs(stated - c.at) > 5 * MIN) tags.push('rounded_time')
    } else if (t < 0.9 && callAt - c.at >= 20 * MIN) {
      stated = c.at + rng.range(15, Math.min(180, (callAt - c.at) / MIN)) * MIN
      tags.push('late_time')
    } else {
      stated = callAt - rng.range(0, 5) * MIN
      if (stated - c.at > 15 * MIN) tags.push('late_time')
    }
    stated = Math.min(callAt, Math.round(stated / MIN) * MIN)
    // The place they state: a precise address (geocoded within 30 m) or a street.
    const near = nearestRoad(this.geo, c.lon, c.lat)
    let lon: number
    let lat: number
    let address: string
    if (rng.chance(0.35)) {
      ;[lon, lat] = this.around(rng, c.lon, c.lat, 30)
      address = `${this.geo.district}${near.line.road}${rng.int(1, 400)}号`
    } else {
      const len = near.line.cum[near.line.cum.length - 1]
      let s = near.s + (rng.chance(0.5) ? 1 : -1) * rng.range(50, 300)
      if (s < 0 || s > len) s = 2 * near.s - s
      ;[lon, lat] = along(near.line, s)
      address = `${this.geo.district}${near.line.road}`
      tags.push('street_place')
    }
    if (c.cause && distanceM(lon, lat, c.cause.lon, c.cause.lat) > 400) tags.push('far_event')
    const phenomenon = rng.weighted(PHENOMENA_OF[c.phenomena] as Record<Phenomenon, number>)
    const service: Service = phenomenon === 'no_data' || phenomenon === 'slow_data' ? 'data' : 'voice'
    this.complaints.push({
      id: this.id('T'),
      scenario: c.scenario,
      tags,
      underlying: c.underlying,
      hole: c.hole,
      trueLon: c.lon,
      trueLat: c.lat,
      trueAt: c.at,
      input: { lon, lat, occurredAt: stated, service, phenomenon, address },
      callAt,
      number: `13${rng.int(0, 9)}****${String(rng.int(0, 9999)).padStart(4, '0')}`,
      cause: c.cause,
      settleDraw: rng.next(),
      settleDelayMs: rng.range(2, 36) * HOUR,
    })
  }

  // ——— scenarios ———

  /** Sites down for 20 min – 6 h; a quarter of the alarms are raised 3–40 minutes after the outage began. */
  siteFaults(): void {
    const rng = this.root.fork('site_fault')
    const n = rng.poisson(2.5 * this.o.days)
    const KINDS = { 基站断站告警: 35, 小区退服告警: 20, 传输中断告警: 20, 市电停电告警: 15, 单板硬件故障告警: 10 }
    for (let i = 0; i < n; i++) {
      const site = rng.pick(this.sites)
      const kind = rng.weighted(KINDS)
      const t0 = this.anyTime(rng)
      const dur = Math.exp(rng.range(Math.log(20), Math.log(360))) * MIN
      const open = rng.chance(0.05)
      const late = rng.chance(0.25)
      const raisedAt = t0 + (late ? rng.range(3, 40) : rng.range(0, 2)) * MIN
      const t1 = t0 + dur
      const a: Alarm = { id: this.id('A'), siteId: site.id, kind, severity: rng.chance(0.8) ? 'critical' : 'major', raisedAt, clearedAt: open ? null : Math.max(raisedAt + MIN, t1 + rng.range(0, 3) * MIN) }
      this.alarm(a)
      const night = this.localHour(t0) < 7
      const k = rng.poisson(Math.min(4, 0.6 + (dur / HOUR) * 0.8) * (night ? 0.3 : 1))
      for (let j = 0; j < k; j++) {
        const far = rng.chance(0.15)
        const [lon, lat] = this.servedPoint(rng, site, far ? rng.range(300, 550) : rng.range(40, 300))
        const at = rng.range(t0, open ? t0 + 6 * HOUR : t1)
        this.complain(rng, {
          scenario: 'site_fault',
          tags: [...(at < raisedAt ? ['late_alarm'] : [])],
          underlying: 'site_fault',
          lon, lat, at,
          phenomena: kind === '单板硬件故障告警' ? 'board' : 'down',
          cause: { what: `${a.id} ${kind} @${site.id}`, lon: site.lon, lat: site.lat },
        })
      }
    }
  }

  /** A BSC or a transmission ring down: an element alarm, and in half the cases an alarm storm of its sites' own. */
  elementFaults(): void {
    const rng = this.root.fork('element_fault')
    // At least one a month: an element fault is rare but the month without one is not what operators see.
    const n = Math.max(1, rng.poisson(this.o.days / 5))
    for (let i = 0; i < n; i++) {
      const type = rng.chance(0.5) ? 'ring' : 'bsc'
      const ids = [...new Set(this.sites.map((s) => (type === 'bsc' ? s.bsc : s.ring)).filter((x): x is string => !!x))]
      const id = rng.pick(ids)
      const under = this.sitesOf(type, id)
      const t0 = this.anyTime(rng)
      const t1 = t0 + Math.exp(rng.range(Math.log(30), Math.log(240))) * MIN
      const kind = type === 'ring' ? '传输中断告警' : '基站控制器退服告警'
      const raisedAt = t0 + rng.range(0, 3) * MIN
      this.alarm({ id: this.id('A'), siteId: '', element: { type, id }, kind, severity: 'critical', raisedAt, clearedAt: t1 })
      if (rng.chance(0.5)) for (const s of under) this.alarm({ id: this.id('A'), siteId: s.id, kind: '基站断站告警', severity: 'critical', raisedAt: raisedAt + rng.range(0, 4) * MIN, clearedAt: t1 + rng.range(0, 4) * MIN })
      const night = this.localHour(t0) < 7
      const k = Math.min(15, rng.poisson((1 + 0.5 * under.length) * (night ? 0.3 : 1)))
      for (let j = 0; j < k; j++) {
        const s = rng.pick(under)
        const [lon, lat] = this.servedPoint(rng, s, rng.range(40, 350))
        this.complain(rng, { scenario: 'element_fault', underlying: 'site_fault', lon, lat, at: rng.range(t0, t1), phenomena: 'down', cause: { what: `${type}:${id} ${kind} @${s.id}`, lon: s.lon, lat: s.lat } })
      }
    }
  }

  /** Two-minute flaps, mostly on a few flappy sites; rarely the cause of a dropped call, sometimes beside an unrelated complaint. */
  flaps(): void {
    const rng = this.root.fork('flap')
    const flappy = Array.from({ length: 8 }, () => rng.pick(this.sites))
    const n = rng.poisson(12 * this.o.days)
    for (let i = 0; i < n; i++) {
      const site = rng.chance(0.7) ? rng.pick(flappy) : rng.pick(this.sites)
      const raisedAt = this.anyTime(rng)
      const a: Alarm = { id: this.id('A'), siteId: site.id, kind: rng.chance(0.6) ? '基站断站告警' : '小区退服告警', severity: rng.chance(0.5) ? 'critical' : 'major', raisedAt, clearedAt: raisedAt + rng.range(60, 180) * 1000 }
      this.alarm(a)
      if (rng.chance(0.03)) {
        const [lon, lat] = this.servedPoint(rng, site, rng.range(40, 250))
        this.complain(rng, { scenario: 'flap_cause', underlying: 'site_fault', lon, lat, at: raisedAt + rng.range(0, 2) * MIN, phenomena: 'down', cause: { what: `${a.id} flap @${site.id}`, lon: site.lon, lat: site.lat } })
      } else if (rng.chance(0.08)) {
        const [lon, lat] = this.around(rng, site.lon, site.lat, 400)
        if (this.inZone(lon, lat, 30)) continue
        this.complain(rng, { scenario: 'flap', underlying: 'unknown', lon, lat, at: raisedAt + rng.range(-20, 20) * MIN, phenomena: 'any', cause: null })
      }
    }
  }

  /** Alarm storms: 20–60 alarms of one BSC's sites within 15 minutes, mostly minor and short. */
  storms(): void {
    const rng = this.root.fork('storm')
    const n = rng.poisson(this.o.days / 3)
    const KINDS = { 时钟同步告警: 25, 驻波比告警: 15, 温度过高告警: 15, 门禁告警: 15, 小区退服告警: 10, 传输误码告警: 20 }
    for (let i = 0; i < n; i++) {
      const bsc = rng.pick(this.sites).bsc as string
      const under = this.sitesOf('bsc', bsc)
      const t0 = this.anyTime(rng)
      const m = rng.int(20, 60)
      for (let j = 0; j < m; j++) {
        const kind = rng.weighted(KINDS)
        const raisedAt = t0 + rng.range(0, 15) * MIN
        const dur = kind === '小区退服告警' ? rng.range(2, 5) : rng.range(2, 40)
        this.alarm({ id: this.id('A'), siteId: rng.pick(under).id, kind, severity: kind === '小区退服告警' ? 'major' : rng.chance(0.6) ? 'minor' : 'warning', raisedAt, clearedAt: raisedAt + dur * MIN })
      }
      const k = rng.poisson(1)
      for (let j = 0; j < k; j++) {
        const s = rng.pick(under)
        const [lon, lat] = this.around(rng, s.lon, s.lat, 300)
        if (this.inZone(lon, lat, 30)) continue
        this.complain(rng, { scenario: 'storm', underlying: 'unknown', lon, lat, at: t0 + rng.range(0, 30) * MIN, phenomena: 'any', cause: null })
      }
    }
  }

  /** Long-lived low alarms no customer feels (door, temperature, battery, fan). */
  background(): void {
    const rng = this.root.fork('background')
    const n = rng.poisson(20 * this.o.days)
    const KINDS = { 门禁告警: 30, 温度过高告警: 25, 蓄电池欠压告警: 20, 风扇故障告警: 25 }
    for (let i = 0; i < n; i++) {
      const raisedAt = this.anyTime(rng)
      this.alarm({ id: this.id('A'), siteId: rng.pick(this.sites).id, kind: rng.weighted(KINDS), severity: rng.chance(0.5) ? 'warning' : 'minor', raisedAt, clearedAt: raisedAt + rng.range(1, 24) * HOUR })
    }
  }

  /** Cutovers on sites (and some on a BSC): on time, late start, overrun, or no actual times recorded. */
  cutoverWork(): void {
    const rng = this.root.fork('cutover')
    const nSite = rng.poisson(1.2 * this.o.days)
    const n = nSite + rng.poisson(this.o.days / 7)
    for (let i = 0; i < n; i++) {
      const onBsc = i >= nSite
      const site = rng.pick(this.sites)
      const under = onBsc ? this.sitesOf('bsc', site.bsc as string) : [site]
      const day = rng.chance(0.12)
      const plannedStart = day ? this.timeAtHours(rng, 10, 15) : this.timeAtHours(rng, 0, 2.5)
      const plannedEnd = plannedStart + (day ? rng.range(1, 2) : rng.range(2, 4)) * HOUR
      const variant = rng.weighted({ on_time: 40, late_start: 25, overrun: 20, no_actual: 15 })
      const actualStart = plannedStart + (variant === 'late_start' ? rng.range(10, 60) : rng.range(0, 5)) * MIN
      const actualEnd = variant === 'overrun' ? plannedEnd + rng.range(30, 150) * MIN : Math.min(plannedEnd, actualStart + (plannedEnd - plannedStart)) - rng.range(0, 20) * MIN
      const planned: Cutover = {
        id: this.id('CUT'),
        siteIds: onBsc ? [] : [site.id],
        ...(onBsc ? { elements: [{ type: 'bsc' as const, id: site.bsc as string }] } : {}),
        plannedStart, plannedEnd, actualStart: null, actualEnd: null,
        description: onBsc ? 'BSC软件升级' : rng.pick(['基站设备割接', '传输割接', '天馈整改']),
        area: null,
      }
      this.cutovers.push(planned)
      if (variant !== 'no_actual') {
        this.timeline.push({ at: actualStart, cutover: { ...planned, actualStart } })
        this.timeline.push({ at: actualEnd, cutover: { ...planned, actualStart, actualEnd } })
        this.cutovers[this.cutovers.length - 1] = { ...planned, actualStart, actualEnd }
      }
      const withAlarm = rng.chance(0.7)
      const lateAlarm = rng.chance(0.2)
      let raisedAt = actualStart
      if (withAlarm) {
        for (const s of under) {
          raisedAt = actualStart + (lateAlarm ? rng.range(5, 20) : rng.range(0, 3)) * MIN
          this.alarm({ id: this.id('A'), siteId: s.id, kind: '基站断站告警', severity: 'critical', raisedAt, clearedAt: Math.max(raisedAt + MIN, actualEnd - rng.range(0, 5) * MIN) })
        }
      }
      const k = rng.poisson((day ? 2 : 0.5) * Math.sqrt(under.length))
      for (let j = 0; j < k; j++) {
        const s = rng.pick(under)
        const [lon, lat] = this.servedPoint(rng, s, rng.range(40, 350))
        const at = rng.range(actualStart, actualEnd)
        const tags = [variant, ...(onBsc ? ['element_cutover'] : []), ...(withAlarm ? (at < raisedAt ? ['late_alarm'] : []) : ['no_alarm']), ...(at > plannedEnd ? ['after_planned_end'] : [])]
        this.complain(rng, { scenario: 'cutover', tags, underlying: 'cutover', lon, lat, at, phenomena: 'down', cause: { what: `${planned.id} @${s.id}`, lon: s.lon, lat: s.lat } })
      }
    }
  }

  /** Hidden faults: 6–12 complaints within 450 m and ~90 minutes, no alarm anywhere. */
  massOutages(): void {
    const rng = this.root.fork('mass_outage')
    const n = Math.max(1, rng.poisson(this.o.days / 5))
    for (let i = 0; i < n; i++) {
      const c = randomRoadPoint(this.geo, rng).p
      const t0 = this.timeAtHours(rng, 8, 21)
      const k = rng.int(6, 12)
      for (let j = 0; j < k; j++) {
        const [lon, lat] = this.around(rng, c[0], c[1], 450)
        this.complain(rng, { scenario: 'mass_outage', underlying: 'mass_outage', lon, lat, at: t0 + rng.range(0, 90) * MIN, phenomena: 'hidden', cause: { what: `hidden fault ${i + 1}`, lon: c[0], lat: c[1] } })
      }
    }
  }

  /** A polygon of 8 vertices, radius r ± 25 %, around a road point away from other zones. */
  private zone(rng: Rng, rMin: number, rMax: number): { c: [number, number]; r: number; ring: [number, number][] } {
    let c = randomRoadPoint(this.geo, rng).p
    const r = rng.range(rMin, rMax)
    for (let i = 0; i < 50 && this.inZone(c[0], c[1], r + 150); i++) c = randomRoadPoint(this.geo, rng).p
    const ring: [number, number][] = []
    for (let k = 0; k < 8; k++) ring.push(destination(c[0], c[1], r * rng.range(0.8, 1.2), k * 45))
    ring.push(ring[0])
    this.zones.push({ lon: c[0], lat: c[1], r: r * 1.2 })
    return { c, r, ring }
  }

  /** Known weak-coverage areas and blind spots (imported polygons) and their complaints. */
  coverageAreas(): void {
    const rng = this.root.fork('coverage')
    const fc: FeatureCollection = { type: 'FeatureCollection', features: [] }
    const areas: { kind: 'weak' | 'blind'; c: [number, number]; r: number }[] = []
    const nWeak = this.geo.kind === 'shanghai' ? 8 : 12
    const nBlind = this.geo.kind === 'shanghai' ? 4 : 6
    for (let i = 0; i < nWeak + nBlind; i++) {
      const kind = i < nWeak ? 'weak' : 'blind'
      const z = this.zone(rng, 80, 180)
      const road = nearestRoad(this.geo, z.c[0], z.c[1]).line.road
      fc.features.push({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [z.ring] },
        properties: kind === 'weak'
          ? { id: `W${i + 1}`, kind, description: `${road}高层建筑群`, reason: '周边高楼阻挡', remedy: '调整天线下倾角,优化工程', status: '优化中' }
          : { id: `B${i + 1}`, kind, description: `${road}地下商场`, reason: '物业阻挠无法进场', remedy: '规划室分系统', status: '待建设' },
      })
      areas.push({ kind, c: z.c, r: z.r })
    }
    this.coverage = parseImport('blind-spots', { text: JSON.stringify(fc), format: 'geojson' }, { crs: 'wgs84' }).rows
    for (const [kind, rate] of [['weak', 2.5], ['blind', 1.2]] as const) {
      const k = rng.poisson(rate * this.o.days)
      const mine = areas.filter((a) => a.kind === kind)
      for (let j = 0; j < k; j++) {
        const a = rng.pick(mine)
        const [lon, lat] = this.around(rng, a.c[0], a.c[1], a.r * 0.75)
        const code = kind === 'weak' ? 'weak_coverage' : 'blind_spot'
        this.complain(rng, { scenario: code, underlying: code, lon, lat, at: this.timeAtHours(rng, 7, 23), phenomena: kind, cause: { what: `${kind} area`, lon: a.c[0], lat: a.c[1] } })
      }
    }
  }

  /** Planned sites (not built yet) where the signal is weak, and their complaints. */
  plannedSites(): void {
    const rng = this.root.fork('planned_site')
    const rows = ['id,name,radius_m,period,status,lon,lat']
    const spots: [number, number][] = []
    for (let i = 0; i < 5; i++) {
      const z = this.zone(rng, 200, 260)
      const road = nearestRoad(this.geo, z.c[0], z.c[1]).line.road
      rows.push(`P${i + 1},${road}新建站,250,2027Q1,已立项,${z.c[0]},${z.c[1]}`)
      spots.push(z.c)
    }
    this.planned = parseImport('planned-sites', { text: rows.join('\n'), format: 'csv' }, { crs: 'wgs84' }).rows
    const k = rng.poisson(0.8 * this.o.days)
    for (let j = 0; j < k; j++) {
      const c = rng.pick(spots)
      const [lon, lat] = this.around(rng, c[0], c[1], 200)
      this.complain(rng, { scenario: 'planned_site', underlying: 'planned_site', lon, lat, at: this.timeAtHours(rng, 7, 23), phenomena: 'planned', cause: { what: 'planned site', lon: c[0], lat: c[1] } })
    }
  }

  /** Coverage holes no object records: episodes of 1–3 complaints every 1.5–5 days. */
  hiddenHoles(): void {
    const rng = this.root.fork('hidden_hole')
    for (let i = 0; i < 6; i++) {
      const z = this.zone(rng, 100, 140)
      const underlying: CauseCode = rng.chance(0.6) ? 'weak_coverage' : 'blind_spot'
      this.holes++
      let t = this.start + rng.range(0, 2) * DAY
      while (t < this.end) {
        const episode = t + ((rng.range(8, 22) - this.localHour(t)) * HOUR)
        const k = rng.int(1, 3)
        for (let j = 0; j < k; j++) {
          const [lon, lat] = this.around(rng, z.c[0], z.c[1], z.r * 0.8)
          this.complain(rng, { scenario: 'hidden_hole', hole: `H${i + 1}`, underlying, lon, lat, at: episode + rng.range(0, 6) * HOUR, phenomena: underlying === 'weak_coverage' ? 'weak' : 'blind', cause: { what: `hidden hole H${i + 1}`, lon: z.c[0], lat: z.c[1] } })
        }
        t += rng.range(1.5, 5) * DAY
      }
    }
  }

  /** Complaints with no network cause (handset, indoor, the customer's own settings). */
  noNetworkCause(): void {
    const rng = this.root.fork('no_network_cause')
    const k = rng.poisson(6 * this.o.days)
    for (let j = 0; j < k; j++) {
      const [lon, lat] = this.freeRoadPoint(rng)
      this.complain(rng, { scenario: 'no_network_cause', underlying: 'unknown', lon, lat, at: this.timeAtHours(rng, 7, 23), phenomena: 'any', cause: null })
    }
  }

  finish(): Month {
    const byTime = <T extends { at: number }>(a: T, b: T) => a.at - b.at
    this.timeline.sort(byTime)
    this.complaints.sort((a, b) => a.callAt - b.callAt || a.id.localeCompare(b.id))
    return {
      geography: this.geo,
      seed: this.o.seed,
      days: this.o.days,
      start: this.start,
      end: this.end,
      snapshot: {
        sites: this.sites,
        cells: this.cells,
        alarms: [],
        cutovers: this.cutovers.map((c) => ({ ...c, actualStart: null, actualEnd: null })),
        coverage: this.coverage,
        plannedSites: this.planned,
        complaints: [],
      },
      timeline: this.timeline,
      complaints: this.complaints,
      alarms: this.alarms,
      cutovers: this.cutovers,
      hiddenHoles: this.holes,
    }
  }
}
