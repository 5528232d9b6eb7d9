/**
 * Sites and their cells in space: an R-tree of site points (the map) and an R-tree of where each site
 * can serve (the diagnosis). One reach entry per site, not per cell: a query computes the distance
 * and bearing once per site and needs no de-duplication. Replacing a site or a cell re-places the
 * reach of every site it touched (a site that moved takes its cells' reach along).
 */
import RBush from 'rbush'
import type { DiagnosisOptions } from '../config/index.js'
import type { Cell, ElementType, Site } from '../domain/types.js'
import { bearingDeg, distanceM } from '../geo/distance.js'
import { angleDiff } from '../geo/sector.js'
import type { BBox, BoxEntry } from './bbox.js'
import type { ElementMembership, SiteElement } from './elements.js'
import { dropFrom, pushTo } from './list-map.js'
import { cellReachBbox, omniReachBbox, reachM, servingScore, type ServingSite } from './serving.js'

/**
 * Where a site can serve: the union of its cells' reach bboxes (or its omni circle), the site, its
 * cells (empty = omnidirectional) and its longest reach.
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

/** Sites, cells and the reach of each site, by id and in space. */
export class SiteIndex {
  private readonly sites = new Map<string, Site>()
  private readonly siteEntries = new Map<string, BoxEntry<Site>>()
  private readonly siteTree = new RBush<BoxEntry<Site>>()
  private readonly cells = new Map<string, Cell>()
  private readonly cellsBySite = new Map<string, Cell[]>()
  private readonly reachBySite = new Map<string, ReachEntry>()
  private readonly reachTree = new RBush<ReachEntry>()

  /**
   * @param elements kept in step with the sites here (a site names its ring, BSC and MSC); shared
   * with the alarm and cutover indexes, which mark elements eventful.
   */
  constructor(
    private readonly options: DiagnosisOptions,
    private readonly elements: ElementMembership,
  ) {}

  /** Number of sites held. */
  get siteCount(): number {
    return this.sites.size
  }

  /** Number of cells held. */
  get cellCount(): number {
    return this.cells.size
  }

  /** Replaces everything (bulk loads; later rows win on duplicate ids). */
  load(sites: readonly Site[], cells: readonly Cell[]): void {
    this.sites.clear()
    for (const x of sites) this.sites.set(x.id, x)
    this.cells.clear()
    for (const x of cells) this.cells.set(x.id, x)
    this.rebuildSites()
    this.rebuildCells()
  }

  /** Adds or replaces sites by id; `bulk` rebuilds the trees with one bulk load instead. */
  upsertSites(rows: readonly Site[], bulk: boolean): void {
    if (bulk) {
      for (const x of rows) this.sites.set(x.id, x)
      this.rebuildSites()
      this.rebuildReach()
    } else for (const x of rows) this.upsertSite(x)
  }

  /** Adds or replaces cells by id (a cell may move to another site); `bulk` rebuilds instead. */
  upsertCells(rows: readonly Cell[], bulk: boolean): void {
    if (bulk) {
      for (const x of rows) this.cells.set(x.id, x)
      this.rebuildCells()
    } else for (const x of rows) this.upsertCell(x)
  }

  /** The site with this id. */
  site(id: string): Site | undefined {
    return this.sites.get(id)
  }

  /** The cell with this id. */
  cell(id: string): Cell | undefined {
    return this.cells.get(id)
  }

  /** Every site. */
  allSites(): IterableIterator<Site> {
    return this.sites.values()
  }

  /** Every cell. */
  allCells(): IterableIterator<Cell> {
    return this.cells.values()
  }

  /** Cells of the site (empty for an omnidirectional site). */
  cellsOf(siteId: string): readonly Cell[] {
    return this.cellsBySite.get(siteId) ?? []
  }

  /** Sites whose point lies in the bbox. */
  inBbox(b: BBox): Site[] {
    const hits = this.siteTree.search({ minX: b[0], minY: b[1], maxX: b[2], maxY: b[3] })
    const out: Site[] = new Array(hits.length)
    for (let i = 0; i < hits.length; i++) out[i] = hits[i].item
    return out
  }

  /** The sites hanging on the element, sorted by id. */
  sitesOfElement(type: ElementType, id: string): Site[] {
    const out: Site[] = []
    for (const sid of this.elements.sites(type, id)) {
      const site = this.sites.get(sid)
      if (site) out.push(site)
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }

  /**
   * Sites whose cells can serve the point, best first: score (distance relative to reach, discounted
   * off the main beam; see serving.ts), then distance. A site without cells is omnidirectional with
   * defaultSiteRadiusM. The diagnosis calls this once per complaint: one pass over the tree's hits,
   * one object per serving site and nothing else allocated.
   */
  serving(lon: number, lat: number): ServingSite[] {
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
    if (old) dropFrom(this.cellsBySite, old.siteId, old)
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
    const o = this.options
    const cells = this.cellsBySite.get(site.id) ?? []
    if (cells.length === 0) {
      const b = omniReachBbox(site, o)
      return { minX: b[0], minY: b[1], maxX: b[2], maxY: b[3], site, cells, reachM: reachM(o.defaultSiteRadiusM, o), elements: this.elements.of(site.id) }
    }
    let minX = Infinity
    let minY = Infinity
    let maxX = -Infinity
    let maxY = -Infinity
    let reach = 0
    for (const c of cells) {
      const b = cellReachBbox(site, c, o)
      if (b[0] < minX) minX = b[0]
      if (b[1] < minY) minY = b[1]
      if (b[2] > maxX) maxX = b[2]
      if (b[3] > maxY) maxY = b[3]
      const r = reachM(c.radiusM, o)
      if (r > reach) reach = r
    }
    return { minX, minY, maxX, maxY, site, cells, reachM: reach, elements: this.elements.of(site.id) }
  }
}

function pointEntry(s: Site): BoxEntry<Site> {
  return { minX: s.lon, minY: s.lat, maxX: s.lon, maxY: s.lat, item: s }
}

function byScore(a: ServingSite, b: ServingSite): number {
  return b.score - a.score || a.distanceM - b.distanceM
}
