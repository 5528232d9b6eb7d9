/**
 * The month under construction: the network (through the project's own importers), the alarms,
 * cutovers, areas and complaints the scenarios add, and the helpers they draw with. Every draw comes
 * from the Rng a scenario passes in, so each scenario's stream stays its own.
 */
import type { Alarm, CauseCode, Cell, CoverageArea, Cutover, Phenomenon, PlannedSite, Service, Site } from '../../server/src/domain/types.js'
import { destination, distanceM } from '../../server/src/geo/distance.js'
import { parseImport } from '../../server/src/ingest/index.js'
import { along, inBox, nearestRoad, randomRoadPoint, type Geography } from '../geography.js'
import type { Rng } from '../rng.js'
import type { Month, MonthOptions, TruthComplaint, WorldEvent } from './month.js'

export const MIN = 60_000
export const HOUR = 3600_000
export const DAY = 24 * HOUR
/** China time is UTC+8: local hour of an instant. */
export const CN = 8 * HOUR

const PHENOMENA_OF: Record<string, Partial<Record<Phenomenon, number>>> = {
  down: { no_signal: 4, cannot_connect: 2, no_data: 3, call_drop: 1 },
  board: { weak_signal: 3, call_drop: 3, slow_data: 2, cannot_connect: 1 },
  weak: { weak_signal: 4, call_drop: 3, slow_data: 3, cannot_connect: 1 },
  blind: { no_signal: 4, weak_signal: 2, no_data: 2, cannot_connect: 1 },
  planned: { weak_signal: 3, no_signal: 2, cannot_connect: 1 },
  hidden: { cannot_connect: 3, no_data: 3, call_drop: 2, slow_data: 1 },
  any: { call_drop: 3, slow_data: 3, weak_signal: 2, no_data: 2, cannot_connect: 2, no_signal: 1 },
}

/** The month being built: the network, what happens to it, and the complaints, with the helpers every scenario draws with. */
export class Builder {
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

  id(prefix: string): string {
    return `${prefix}${String(++this.seq).padStart(5, '0')}`
  }

  /** An instant uniformly in the month. */
  anyTime(rng: Rng): number {
    return this.start + rng.next() * (this.end - this.start)
  }

  /** An instant in the month at a local hour in [h0, h1). */
  timeAtHours(rng: Rng, h0: number, h1: number): number {
    const day = rng.int(0, Math.max(0, Math.round((this.end - this.start) / DAY) - 1))
    return this.start + day * DAY + rng.range(h0, h1) * HOUR
  }

  localHour(t: number): number {
    return (((t + CN) % DAY) + DAY) % DAY / HOUR
  }

  /** Records an alarm and the NMS timeline: raised (active), then cleared. */
  alarm(a: Alarm): void {
    this.alarms.push(a)
    this.timeline.push({ at: a.raisedAt, alarm: { ...a, clearedAt: null } })
    if (a.clearedAt != null) this.timeline.push({ at: a.clearedAt, alarm: a })
  }

  sitesOf(type: 'bsc' | 'ring', id: string): Site[] {
    return this.sites.filter((s) => (type === 'bsc' ? s.bsc : s.ring) === id)
  }

  /** A point served by the site: along one of its cells' beams, `d` metres out. */
  servedPoint(rng: Rng, site: Site, d: number): [number, number] {
    const cells = this.cellsOf.get(site.id) ?? []
    const az = cells.length ? rng.pick(cells).azimuth + rng.range(-30, 30) : rng.range(0, 360)
    return destination(site.lon, site.lat, d, az)
  }

  inZone(lon: number, lat: number, extra = 0): boolean {
    return this.zones.some((z) => distanceM(z.lon, z.lat, lon, lat) < z.r + extra)
  }

  /** A road point outside every area-like object (for complaints with no coverage cause). */
  freeRoadPoint(rng: Rng): [number, number] {
    for (let i = 0; i < 50; i++) {
      const p = randomRoadPoint(this.geo, rng).p
      if (!this.inZone(p[0], p[1], 30)) return p
    }
    return randomRoadPoint(this.geo, rng).p
  }

  /** A point within r metres of (lon, lat), uniformly over the disc. */
  around(rng: Rng, lon: number, lat: number, r: number): [number, number] {
    return destination(lon, lat, r * Math.sqrt(rng.next()), rng.range(0, 360))
  }

  /**
   * A customer's complaint about what happened at (lon, lat, at): when they call, what time and place
   * they state, the phenomenon; plus the pre-drawn settlement.
   */
  complain(
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
