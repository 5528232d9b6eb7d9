/**
 * The in-memory network index the diagnosis and the map read: R-trees (rbush) over sites, cell reach,
 * coverage polygons, planned-site circles and area cutovers; alarms and cutovers by site and time;
 * complaints by space and time. Loaded from the store at start and kept in step with every import
 * through upsert(), which replaces a row by id everywhere it was indexed. Elements above the sites
 * (BSC, MSC, transmission ring; issue 9) are indexed from the sites' fields at load and with every site
 * upsert; their alarms and cutovers sit in the same by-site structures under the element's key.
 */
import RBush from 'rbush'
import type { DiagnosisOptions } from '../config/index.js'
import type {
  Alarm,
  Cell,
  Complaint,
  CoverageArea,
  Cutover,
  ElementType,
  ImportKind,
  KindRows,
  NetworkSnapshot,
  PlannedSite,
  Site,
  SiteState,
} from '../domain/types.js'
import { worse } from '../domain/types.js'
import { bboxAround, bearingDeg, distanceM } from '../geo/distance.js'
import { angleDiff } from '../geo/sector.js'
import { AlarmTimeline } from './alarm-timeline.js'
import { AreaTree } from './area-tree.js'
import type { BBox } from './bbox.js'
import { ComplaintIndex } from './complaint-index.js'
import { cutoverOverlaps, cutoverStart } from './cutover-window.js'
import { elementKey, ElementMembership, type SiteElement } from './elements.js'
import { cellReachBbox, omniReachBbox, reachM, servingScore, type ServingSite } from './serving.js'

export type { BBox } from './bbox.js'
export type { ServingSite } from './serving.js'
export type { SiteElement } from './elements.js'
export { elementKey } from './elements.js'

/** An upsert this large rebuilds the kind's R-tree with a bulk load instead of inserting row by row. */
const BULK_UPSERT = 5000

interface Entry<T> {
  minX: number
  minY: number
  maxX: number
  maxY: number
  item: T
}

/**
 * Where a site can serve: the union of its cells' reach bboxes (or its omni circle), the site, its
 * cells (empty = omnidirectional) and its longest reach. One entry per site, not per cell: a query
 * then computes the distance and bearing once per site and needs no de-duplication.
 */
interface ReachEntry {
  minX: number
  minY: number
  maxX: number
  maxY: number
  site: Site
  cells: readonly Cell[]
  reachM: number
  /** The elements the site hangs on, handed to its ServingSite (set again whenever the entry is rebuilt). */
  elements: readonly SiteElement[]
}

/** How many rows of each kind the index holds. */
export interface IndexCounts {
  sites: number
  cells: number
  alarms: number
  activeAlarms: number
  cutovers: number
  blindSpots: number
  plannedSites: number
  complaints: number
}

/** The spatial and temporal index over the network snapshot. */
export class NetworkIndex {
  readonly options: DiagnosisOptions
  private readonly sites = new Map<string, Site>()
  private readonly siteEntries = new Map<string, Entry<Site>>()
  private readonly siteTree = new RBush<Entry<Site>>()
  private readonly cells = new Map<string, Cell>()
  private readonly cellsBySite = new Map<string, Cell[]>()
  private readonly reachBySite = new Map<string, ReachEntry>()
  private readonly reachTree = new RBush<ReachEntry>()
  private readonly alarms = new AlarmTimeline()
  private readonly cutovers = new Map<string, Cutover>()
  /** Cutovers by the site they name, and by elementKey() of the element they name. */
  private readonly cutoversBySite = new Map<string, Cutover[]>()
  private readonly elements = new ElementMembership()
  private readonly areaCutovers = new AreaTree<Cutover>((c) => c.area)
  private readonly coverage = new AreaTree<CoverageArea>((a) => a.geometry)
  private readonly planned = new Map<string, Entry<PlannedSite>>()
  private readonly plannedTree = new RBush<Entry<PlannedSite>>()
  private readonly complaints = new ComplaintIndex()

  constructor(options: DiagnosisOptions) {
    this.options = options
  }

  /** Replaces the whole index with the snapshot (bulk loads; later rows win on duplicate ids). */
  load(s: NetworkSnapshot): void {
    this.sites.clear()
    for (const x of s.sites) this.sites.set(x.id, x)
    this.cells.clear()
    for (const x of s.cells) this.cells.set(x.id, x)
    this.rebuildSites()
    this.rebuildCells()
    this.alarms.load(s.alarms)
    for (const e of this.alarms.loadedElements()) this.elements.markEventful(e)
    this.cutovers.clear()
    for (const x of s.cutovers) this.cutovers.set(x.id, x)
    this.rebuildCutovers()
    this.coverage.load(s.coverage)
    this.planned.clear()
    for (const x of s.plannedSites) this.planned.set(x.id, plannedEntry(x))
    this.plannedTree.clear().load([...this.planned.values()])
    this.complaints.load(s.complaints)
  }

  /**
   * Takes rows of a kind out of every structure they are indexed in (published objects withdrawn or
   * expired, issue 9). Unknown ids are ignored.
   */
  remove(kind: 'blind-spots' | 'cutovers' | 'planned-sites', ids: readonly string[]): void {
    for (const id of ids) {
      if (kind === 'blind-spots') this.coverage.remove(id)
      else if (kind === 'cutovers') {
        const old = this.cutovers.get(id)
        if (!old) continue
        this.unlistCutover(old)
        this.cutovers.delete(id)
        this.areaCutovers.remove(id)
      } else {
        const old = this.planned.get(id)
        if (!old) continue
        this.plannedTree.remove(old)
        this.planned.delete(id)
      }
    }
  }

  /**
   * Adds or replaces rows of one kind by id; a replaced row leaves every structure it was indexed in
   * (a site that moved takes its cells' reach along, an alarm re-imported with clearedAt closes).
   * Ground features are not held here (the gazetteer has them) and are ignored.
   */
  upsert<K extends ImportKind>(kind: K, rows: readonly KindRows[K][]): void {
    const bulk = rows.length >= BULK_UPSERT
    switch (kind) {
      case 'sites': {
        const r = rows as readonly Site[]
        if (bulk) {
          for (const x of r) this.sites.set(x.id, x)
          this.rebuildSites()
          this.rebuildReach()
        } else for (const x of r) this.upsertSite(x)
        break
      }
      case 'cells': {
        const r = rows as readonly Cell[]
        if (bulk) {
          for (const x of r) this.cells.set(x.id, x)
          this.rebuildCells()
        } else for (const x of r) this.upsertCell(x)
        break
      }
      case 'alarms':
        for (const x of rows as readonly Alarm[]) {
          this.alarms.upsert(x)
          if (x.element) this.elements.markEventful(x.element)
        }
        break
      case 'cutovers': {
        for (const x of rows as readonly Cutover[]) {
          const old = this.cutovers.get(x.id)
          this.cutovers.set(x.id, x)
          if (!bulk) this.indexCutover(x, old)
        }
        if (bulk) this.rebuildCutovers()
        break
      }
      case 'blind-spots': {
        const r = rows as readonly CoverageArea[]
        if (bulk) this.coverage.load([...this.coverage.items(), ...r])
        else for (const x of r) this.coverage.upsert(x)
        break
      }
      case 'planned-sites':
        for (const x of rows as readonly PlannedSite[]) {
          const old = this.planned.get(x.id)
          if (old && !bulk) this.plannedTree.remove(old)
          const e = plannedEntry(x)
          this.planned.set(x.id, e)
          if (!bulk) this.plannedTree.insert(e)
        }
        if (bulk) this.plannedTree.clear().load([...this.planned.values()])
        break
      case 'complaints':
        for (const x of rows as readonly Complaint[]) this.complaints.upsert(x)
        break
      default:
        break
    }
  }

  /** The site with this id. */
  site(id: string): Site | undefined {
    return this.sites.get(id)
  }

  /** Sites whose point lies in the bbox [minLon, minLat, maxLon, maxLat]. */
  sitesInBbox(b: BBox): Site[] {
    const hits = this.siteTree.search({ minX: b[0], minY: b[1], maxX: b[2], maxY: b[3] })
    const out: Site[] = new Array(hits.length)
    for (let i = 0; i < hits.length; i++) out[i] = hits[i].item
    return out
  }

  /**
   * Sites whose cells can serve the point, best first: score (distance relative to reach, discounted
   * off the main beam; see serving.ts), then distance. A site without cells is omnidirectional with
   * defaultSiteRadiusM. A near site facing away ranks below a farther one facing the point.
   */
  servingSites(lon: number, lat: number): ServingSite[] {
    const o = this.options
    const hits = this.reachTree.search({ minX: lon, minY: lat, maxX: lon, maxY: lat })
    const out: ServingSite[] = []
    for (let i = 0; i < hits.length; i++) {
      const { site, cells, reachM, elements } = hits[i]
      const d = distanceM(site.lon, site.lat, lon, lat)
      if (d >= reachM) continue
      const bearing = bearingDeg(site.lon, site.lat, lon, lat)
      if (cells.length === 0) {
        const score = servingScore(d, 0, 360, o.defaultSiteRadiusM, o)
        if (score > 0) out.push({ site, distanceM: d, bearing, facing: true, score, cellId: null, elements })
        continue
      }
      let best = 0
      let bestCell: Cell | null = null
      let facing = false
      for (let k = 0; k < cells.length; k++) {
        const c = cells[k]
        const off = angleDiff(bearing, c.azimuth)
        const score = servingScore(d, off, c.beamwidth, c.radiusM, o)
        if (score > best) {
          best = score
          bestCell = c
          facing = d === 0 || c.beamwidth >= 360 || off <= c.beamwidth / 2
        }
      }
      if (bestCell) out.push({ site, distanceM: d, bearing, facing, score: best, cellId: bestCell.id, elements })
    }
    if (out.length > 1) out.sort(byScore)
    return out
  }

  /** Cells of the site (empty for an omnidirectional site). */
  cellsOf(siteId: string): readonly Cell[] {
    return this.cellsBySite.get(siteId) ?? []
  }

  // ——— elements above the sites (issue 9) ———

  /** The elements the site hangs on (ring, BSC, MSC — those it names), with their index keys. */
  elementsOf(siteId: string): readonly SiteElement[] {
    return this.elements.of(siteId)
  }

  /** Whether some site names this element. */
  hasElement(type: ElementType, id: string): boolean {
    return this.elements.has(type, id)
  }

  /** The sites hanging on the element, by id. */
  sitesOfElement(type: ElementType, id: string): Site[] {
    const out: Site[] = []
    for (const sid of this.elements.sites(type, id)) {
      const site = this.sites.get(sid)
      if (site) out.push(site)
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }

  /** Alarms on the element itself (not on its sites) overlapping [from, to], by raisedAt. */
  elementAlarms(type: ElementType, id: string, from?: number, to?: number): Alarm[] {
    return this.alarms.query(elementKey(type, id), from ?? -Infinity, to ?? Infinity)
  }

  /** Cutovers naming the element itself overlapping [from, to], by start. */
  elementCutovers(type: ElementType, id: string, from = -Infinity, to = Infinity): Cutover[] {
    return this.cutoversOf(elementKey(type, id), from, to)
  }

  /** Every site and every cell (the network-element tree). */
  allSites(): IterableIterator<Site> {
    return this.sites.values()
  }
  allCells(): IterableIterator<Cell> {
    return this.cells.values()
  }

  /**
   * Alarms of the site — or, given an element's key (SiteElement.key, elementKey()), of the element —
   * whose window [raisedAt, clearedAt ?? ∞] overlaps [from, to], by raisedAt.
   */
  alarmsOf(siteId: string, from?: number, to?: number): Alarm[] {
    return this.alarms.query(siteId, from ?? -Infinity, to ?? Infinity)
  }

  /** Cutovers naming the site (or, given an element's key, the element) whose window (planned ∪ actual) overlaps [from, to], by start. */
  cutoversOf(siteId: string, from = -Infinity, to = Infinity): Cutover[] {
    const list = this.cutoversBySite.get(siteId)
    const out: Cutover[] = []
    if (!list) return out
    for (let i = 0; i < list.length; i++) if (cutoverOverlaps(list[i], from, to)) out.push(list[i])
    return out
  }

  /** Area cutovers whose polygon contains the point and whose window overlaps [t, to] (default: the instant t). */
  cutoversAt(lon: number, lat: number, t: number, to = t): Cutover[] {
    const hits = this.areaCutovers.at(lon, lat)
    const out: Cutover[] = []
    for (const c of hits) if (cutoverOverlaps(c, t, to)) out.push(c)
    return out
  }

  /** Blind spots and weak-coverage areas containing the point. */
  coverageAt(lon: number, lat: number): CoverageArea[] {
    return this.coverage.at(lon, lat)
  }

  /** Coverage areas not containing the point whose edge is within radiusM of it, nearest first. */
  coverageNear(lon: number, lat: number, radiusM: number): { item: CoverageArea; distanceM: number }[] {
    return this.coverage.near(lon, lat, radiusM)
  }

  /** Planned sites whose circle (radiusM around the point) covers the point. */
  plannedAt(lon: number, lat: number): PlannedSite[] {
    const hits = this.plannedTree.search({ minX: lon, minY: lat, maxX: lon, maxY: lat })
    const out: PlannedSite[] = []
    for (let i = 0; i < hits.length; i++) {
      const p = hits[i].item
      if (distanceM(p.lon, p.lat, lon, lat) <= p.radiusM) out.push(p)
    }
    return out
  }

  /** Complaints within radiusM of the point that occurred in [from, to], in no set order. */
  complaintsNear(lon: number, lat: number, radiusM: number, from: number, to: number): Complaint[] {
    return this.complaints.near(lon, lat, radiusM, from, to)
  }

  /**
   * The map colour of a site at `now`: 'alarm' (an alarm active now), else 'cutover' (inside a cutover
   * window), else 'recent_alarm' (an alarm raised or cleared within recentAlarmMs: 篇3's 黄灯闪烁),
   * else 'normal' — the worst of the site's own and those of the ring, BSC and MSC it hangs on (a site
   * whose BSC is down is down for its customers).
   */
  siteState(siteId: string, now: number): SiteState {
    let state = this.stateOf(siteId, now)
    for (const e of this.elements.of(siteId)) {
      if (state === 'alarm') break
      if (!e.eventful) continue
      state = worse(state, this.stateOf(e.key, now))
    }
    return state
  }

  /** The state of the element from its own alarms and cutovers, as siteState() gives a site's. */
  elementOwnState(type: ElementType, id: string, now: number): SiteState {
    return this.stateOf(elementKey(type, id), now)
  }

  /** siteState() by index key (a site id or an element's key). */
  private stateOf(siteId: string, now: number): SiteState {
    const recent = this.alarms.query(siteId, now - this.options.recentAlarmMs, now)
    for (let i = 0; i < recent.length; i++) {
      const c = recent[i].clearedAt
      if (c == null || c > now) return 'alarm'
    }
    if (this.cutoversOf(siteId, now, now).length > 0) return 'cutover'
    return recent.length > 0 ? 'recent_alarm' : 'normal'
  }

  /** Row counts by kind. */
  counts(): IndexCounts {
    return {
      sites: this.sites.size,
      cells: this.cells.size,
      alarms: this.alarms.size,
      activeAlarms: this.alarms.activeCount,
      cutovers: this.cutovers.size,
      blindSpots: this.coverage.size,
      plannedSites: this.planned.size,
      complaints: this.complaints.size,
    }
  }

  /** The cell / alarm / cutover / complaint with this id (for the map's detail panels). */
  cell(id: string): Cell | undefined {
    return this.cells.get(id)
  }
  alarm(id: string): Alarm | undefined {
    return this.alarms.get(id)
  }
  cutover(id: string): Cutover | undefined {
    return this.cutovers.get(id)
  }
  complaint(id: string): Complaint | undefined {
    return this.complaints.get(id)
  }

  /** Map layers: coverage polygons, planned sites, area cutovers, complaints intersecting the bbox. */
  coverageInBbox(b: BBox): CoverageArea[] {
    return this.coverage.inBbox(b)
  }
  plannedInBbox(b: BBox): PlannedSite[] {
    return this.plannedTree.search({ minX: b[0], minY: b[1], maxX: b[2], maxY: b[3] }).map((e) => e.item)
  }
  areaCutoversInBbox(b: BBox): Cutover[] {
    return this.areaCutovers.inBbox(b)
  }
  complaintsInBbox(b: BBox, from?: number, to?: number): Complaint[] {
    return this.complaints.inBbox(b, from, to)
  }

  // ——— maintenance ———

  private upsertSite(s: Site): void {
    const old = this.siteEntries.get(s.id)
    if (old) this.siteTree.remove(old)
    this.sites.set(s.id, s)
    this.elements.upsert(s)
    const e = pointEntry(s)
    this.siteEntries.set(s.id, e)
    this.siteTree.insert(e)
    this.reindexReach(s.id)
  }

  private upsertCell(c: Cell): void {
    const old = this.cells.get(c.id)
    if (old) {
      const list = this.cellsBySite.get(old.siteId)
      if (list) {
        const i = list.indexOf(old)
        if (i >= 0) list.splice(i, 1)
        if (list.length === 0) this.cellsBySite.delete(old.siteId)
      }
    }
    this.cells.set(c.id, c)
    pushTo(this.cellsBySite, c.siteId, c)
    if (old && old.siteId !== c.siteId) this.reindexReach(old.siteId)
    this.reindexReach(c.siteId)
  }

  /** Re-places the reach entry of one site (its cells changed, or it moved, appeared). */
  private reindexReach(siteId: string): void {
    const old = this.reachBySite.get(siteId)
    if (old) {
      this.reachTree.remove(old)
      this.reachBySite.delete(siteId)
    }
    const site = this.sites.get(siteId)
    if (!site) return
    const e = this.reachEntry(site)
    this.reachBySite.set(siteId, e)
    this.reachTree.insert(e)
  }

  private rebuildSites(): void {
    this.siteEntries.clear()
    for (const s of this.sites.values()) this.siteEntries.set(s.id, pointEntry(s))
    this.siteTree.clear().load([...this.siteEntries.values()])
    this.elements.load(this.sites.values())
  }

  private rebuildCells(): void {
    this.cellsBySite.clear()
    for (const c of this.cells.values()) pushTo(this.cellsBySite, c.siteId, c)
    this.rebuildReach()
  }

  private rebuildReach(): void {
    this.reachBySite.clear()
    for (const site of this.sites.values()) this.reachBySite.set(site.id, this.reachEntry(site))
    this.reachTree.clear().load([...this.reachBySite.values()])
  }

  /** The reach entry of a site from its current cells. */
  private reachEntry(site: Site): ReachEntry {
    const cells = this.cellsBySite.get(site.id) ?? []
    if (cells.length === 0) {
      const b = omniReachBbox(site, this.options)
      return { minX: b[0], minY: b[1], maxX: b[2], maxY: b[3], site, cells, reachM: reachM(this.options.defaultSiteRadiusM, this.options), elements: this.elements.of(site.id) }
    }
    let minX = Infinity
    let minY = Infinity
    let maxX = -Infinity
    let maxY = -Infinity
    let reach = 0
    for (const c of cells) {
      const b = cellReachBbox(site, c, this.options)
      if (b[0] < minX) minX = b[0]
      if (b[1] < minY) minY = b[1]
      if (b[2] > maxX) maxX = b[2]
      if (b[3] > maxY) maxY = b[3]
      const r = reachM(c.radiusM, this.options)
      if (r > reach) reach = r
    }
    return { minX, minY, maxX, maxY, site, cells, reachM: reach, elements: this.elements.of(site.id) }
  }

  private rebuildCutovers(): void {
    this.cutoversBySite.clear()
    for (const c of this.cutovers.values()) {
      for (const id of cutoverKeys(c)) pushTo(this.cutoversBySite, id, c)
      for (const e of c.elements ?? []) this.elements.markEventful(e)
    }
    for (const list of this.cutoversBySite.values()) list.sort(byStart)
    this.areaCutovers.load([...this.cutovers.values()])
  }

  /** Takes a cutover out of the per-site/element lists. */
  private unlistCutover(old: Cutover): void {
    for (const key of cutoverKeys(old)) {
      const list = this.cutoversBySite.get(key)
      if (!list) continue
      const i = list.indexOf(old)
      if (i >= 0) list.splice(i, 1)
      if (list.length === 0) this.cutoversBySite.delete(key)
    }
  }

  /** Indexes one cutover (already in this.cutovers), removing the version `old` it replaces. */
  private indexCutover(c: Cutover, old: Cutover | undefined): void {
    if (old) this.unlistCutover(old)
    for (const e of c.elements ?? []) this.elements.markEventful(e)
    for (const id of cutoverKeys(c)) {
      pushTo(this.cutoversBySite, id, c)
      this.cutoversBySite.get(id)!.sort(byStart)
    }
    this.areaCutovers.upsert(c)
  }
}

function pointEntry<T extends { lon: number; lat: number }>(item: T): Entry<T> {
  return { minX: item.lon, minY: item.lat, maxX: item.lon, maxY: item.lat, item }
}

function plannedEntry(p: PlannedSite): Entry<PlannedSite> {
  const b = bboxAround(p.lon, p.lat, p.radiusM)
  return { minX: b[0], minY: b[1], maxX: b[2], maxY: b[3], item: p }
}

function byScore(a: ServingSite, b: ServingSite): number {
  return b.score - a.score || a.distanceM - b.distanceM
}

function pushTo<T>(m: Map<string, T[]>, key: string, v: T): void {
  const list = m.get(key)
  if (list) list.push(v)
  else m.set(key, [v])
}

/** The keys a cutover is indexed under: the sites it names and the elements it names (elementKey). */
function cutoverKeys(c: Cutover): string[] {
  if (!c.elements?.length) return c.siteIds
  return [...c.siteIds, ...c.elements.map((e) => elementKey(e.type, e.id))]
}

function byStart(a: Cutover, b: Cutover): number {
  const x = cutoverStart(a)
  const y = cutoverStart(b)
  return x < y ? -1 : x > y ? 1 : 0
}
