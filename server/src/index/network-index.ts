/**
 * The in-memory network index the diagnosis and the map read: one facade over one structure per kind
 * of row — sites and cell reach (site-index.ts), alarms by site and time (alarm-timeline.ts), cutovers
 * by site, element and area (cutover-index.ts), coverage polygons (area-tree.ts), planned-site circles
 * (planned-site-index.ts), complaints in space and time (complaint-index.ts) — and the elements above
 * the sites (BSC, MSC, transmission ring; elements.ts), indexed from the sites' fields, whose alarms and
 * cutovers sit in the same by-site structures under the element's key. Loaded from the store at start
 * and kept in step with every import through upsert(), which replaces a row by id everywhere it was
 * indexed. The facade holds no rows itself; it routes each call to its structure and combines them
 * only where a question spans several (siteState).
 */
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
import { AlarmTimeline } from './alarm-timeline.js'
import { AreaTree } from './area-tree.js'
import type { BBox } from './bbox.js'
import { ComplaintIndex } from './complaint-index.js'
import { CutoverIndex } from './cutover-index.js'
import { elementKey, ElementMembership, type SiteElement } from './elements.js'
import { PlannedSiteIndex } from './planned-site-index.js'
import type { ServingSite } from './serving.js'
import { SiteIndex } from './site-index.js'

export type { BBox } from './bbox.js'
export type { ServingSite } from './serving.js'
export type { SiteElement } from './elements.js'
export { elementKey } from './elements.js'

/** An upsert this large rebuilds the kind's R-tree with a bulk load instead of inserting row by row. */
const BULK_UPSERT = 5000

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
  /** Shared by the site, alarm and cutover structures: sites name elements, alarms and cutovers mark them eventful. */
  private readonly elements = new ElementMembership()
  private readonly network: SiteIndex
  private readonly alarms = new AlarmTimeline()
  private readonly cutovers = new CutoverIndex(this.elements)
  private readonly coverage = new AreaTree<CoverageArea>((a) => a.geometry)
  private readonly planned = new PlannedSiteIndex()
  private readonly complaints = new ComplaintIndex()

  constructor(options: DiagnosisOptions) {
    this.options = options
    this.network = new SiteIndex(options, this.elements)
  }

  /** Replaces the whole index with the snapshot (bulk loads; later rows win on duplicate ids). */
  load(s: NetworkSnapshot): void {
    this.network.load(s.sites, s.cells)
    this.alarms.load(s.alarms)
    for (const e of this.alarms.loadedElements()) this.elements.markEventful(e)
    this.cutovers.load(s.cutovers)
    this.coverage.load(s.coverage)
    this.planned.load(s.plannedSites)
    this.complaints.load(s.complaints)
  }

  /**
   * Takes rows of a kind out of every structure they are indexed in (published objects withdrawn or
   * expired). Unknown ids are ignored.
   */
  remove(kind: 'blind-spots' | 'cutovers' | 'planned-sites', ids: readonly string[]): void {
    for (const id of ids) {
      if (kind === 'blind-spots') this.coverage.remove(id)
      else if (kind === 'cutovers') this.cutovers.remove(id)
      else this.planned.remove(id)
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
      case 'sites':
        this.network.upsertSites(rows as readonly Site[], bulk)
        break
      case 'cells':
        this.network.upsertCells(rows as readonly Cell[], bulk)
        break
      case 'alarms':
        for (const x of rows as readonly Alarm[]) {
          this.alarms.upsert(x)
          if (x.element) this.elements.markEventful(x.element)
        }
        break
      case 'cutovers':
        this.cutovers.upsert(rows as readonly Cutover[], bulk)
        break
      case 'blind-spots': {
        const r = rows as readonly CoverageArea[]
        if (bulk) this.coverage.load([...this.coverage.items(), ...r])
        else for (const x of r) this.coverage.upsert(x)
        break
      }
      case 'planned-sites':
        this.planned.upsert(rows as readonly PlannedSite[], bulk)
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
    return this.network.site(id)
  }

  /** Sites whose point lies in the bbox [minLon, minLat, maxLon, maxLat]. */
  sitesInBbox(b: BBox): Site[] {
    return this.network.inBbox(b)
  }

  /**
   * Sites whose cells can serve the point, best first: score (distance relative to reach, discounted
   * off the main beam; see serving.ts), then distance. A site without cells is omnidirectional with
   * defaultSiteRadiusM. A near site facing away ranks below a farther one facing the point.
   */
  servingSites(lon: number, lat: number): ServingSite[] {
    return this.network.serving(lon, lat)
  }

  /** Cells of the site (empty for an omnidirectional site). */
  cellsOf(siteId: string): readonly Cell[] {
    return this.network.cellsOf(siteId)
  }

  // ——— elements above the sites ———

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
    return this.network.sitesOfElement(type, id)
  }

  /** Alarms on the element itself (not on its sites) overlapping [from, to], by raisedAt. */
  elementAlarms(type: ElementType, id: string, from?: number, to?: number): Alarm[] {
    return this.alarms.query(elementKey(type, id), from ?? -Infinity, to ?? Infinity)
  }

  /** Cutovers naming the element itself overlapping [from, to], by start. */
  elementCutovers(type: ElementType, id: string, from = -Infinity, to = Infinity): Cutover[] {
    return this.cutovers.of(elementKey(type, id), from, to)
  }

  /** Every site and every cell (the network-element tree). */
  allSites(): IterableIterator<Site> {
    return this.network.allSites()
  }
  allCells(): IterableIterator<Cell> {
    return this.network.allCells()
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
    return this.cutovers.of(siteId, from, to)
  }

  /** Area cutovers whose polygon contains the point and whose window overlaps [t, to] (default: the instant t). */
  cutoversAt(lon: number, lat: number, t: number, to = t): Cutover[] {
    return this.cutovers.at(lon, lat, t, to)
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
    return this.planned.at(lon, lat)
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
    if (this.cutovers.of(siteId, now, now).length > 0) return 'cutover'
    return recent.length > 0 ? 'recent_alarm' : 'normal'
  }

  /** Row counts by kind. */
  counts(): IndexCounts {
    return {
      sites: this.network.siteCount,
      cells: this.network.cellCount,
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
    return this.network.cell(id)
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
    return this.planned.inBbox(b)
  }
  areaCutoversInBbox(b: BBox): Cutover[] {
    return this.cutovers.inBbox(b)
  }
  complaintsInBbox(b: BBox, from?: number, to?: number): Complaint[] {
    return this.complaints.inBbox(b, from, to)
  }
}
