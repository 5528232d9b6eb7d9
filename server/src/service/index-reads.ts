/**
 * What the read-only routes ask of this instance's network index: map layers, early warnings, the
 * batch analysis' network side, the network-element tree. The routes call these, never the index
 * itself, so the index stays the container's (kept in step with the other instances by the change
 * feed) and a route cannot write to it or depend on its structures.
 */
import type { AnalysisOptions, DiagnosisOptions } from '../config/index.js'
import { analyse, type Analysis } from '../analysis/analyse.js'
import type { ComplaintColumns } from '../analysis/columns.js'
import { siteTable, type SiteTable } from '../analysis/site-table.js'
import { surgeWarnings, type SurgeWarning } from '../analysis/warnings.js'
import type { Cell, Complaint, CoverageArea, Cutover, ElementType, PlannedSite, Site, SiteState } from '../domain/types.js'
import { WORLD, type BBox } from '../index/bbox.js'
import type { NetworkIndex } from '../index/network-index.js'
import { elementDetail, treeOf, type ElementDetail, type NetworkTree } from '../network-tree/index.js'

const WEEK_MS = 7 * 24 * 3600_000

export class IndexReads {
  constructor(
    private readonly index: NetworkIndex,
    private readonly options: DiagnosisOptions,
  ) {}

  /** Blind spots and weak-coverage areas meeting the bbox. */
  coverageInBbox(b: BBox): CoverageArea[] {
    return this.index.coverageInBbox(b)
  }

  /** Planned sites in the bbox. */
  plannedInBbox(b: BBox): PlannedSite[] {
    return this.index.plannedInBbox(b)
  }

  /**
   * Cutovers whose window meets [from, to]: those of the sites in the bbox and the area cutovers meeting
   * it, each once, with the points of its sites.
   */
  cutoversInBbox(b: BBox, from: number, to: number): { cutover: Cutover; points: [number, number][] }[] {
    const index = this.index
    const seen = new Map<string, Cutover>()
    for (const s of index.sitesInBbox(b)) for (const c of index.cutoversOf(s.id, from, to)) seen.set(c.id, c)
    for (const c of index.areaCutoversInBbox(b)) {
      const start = c.actualStart ?? c.plannedStart ?? -Infinity
      const end = c.actualEnd ?? c.plannedEnd ?? Infinity
      if (start <= to && end >= from) seen.set(c.id, c)
    }
    return [...seen.values()].map((cutover) => ({
      cutover,
      points: cutover.siteIds.map((id) => index.site(id)).filter((s) => s !== undefined).map((s): [number, number] => [s.lon, s.lat]),
    }))
  }

  /** The cells of the sites in the bbox with their site, at most `max` (truncated: there were more). */
  cellsInBbox(b: BBox, max: number): { cells: { site: Site; cell: Cell }[]; truncated: boolean } {
    const cells: { site: Site; cell: Cell }[] = []
    for (const site of this.index.sitesInBbox(b)) {
      for (const cell of this.index.cellsOf(site.id)) {
        if (cells.length >= max) return { cells, truncated: true }
        cells.push({ site, cell })
      }
    }
    return { cells, truncated: false }
  }

  /** Complaints in the bbox that occurred in [from, to] (the whole history is held in the index). */
  complaintsInBbox(b: BBox, from: number, to: number): Complaint[] {
    return this.index.complaintsInBbox(b, from, to)
  }

  /** Per-site complaint surges in [from, to] against the site's own baseline weeks, with no event behind them. */
  warnings(from: number, to: number, o: AnalysisOptions): SurgeWarning[] {
    const complaints = this.index.complaintsInBbox(WORLD, from - o.surgeBaselineWeeks * WEEK_MS, to)
    return surgeWarnings(complaints, siteTable(this.index.sitesInBbox(WORLD)), this.index, from, to, this.options, o)
  }

  /**
   * The batch analysis of complaints (attribution to sites and causes, clusters, density) against the
   * network, with the site table its attribution's site numbers index.
   */
  analyse(cols: ComplaintColumns, o: AnalysisOptions): { analysis: Analysis; sites: SiteTable } {
    const sites = siteTable(this.index.sitesInBbox(WORLD))
    return { analysis: analyse(cols, sites, this.index, this.options, o), sites }
  }

  /** The id of the site that best serves the point, or null. */
  servingSiteId(lon: number, lat: number): string | null {
    return this.index.servingSites(lon, lat)[0]?.site.id ?? null
  }

  /** A site's name and its state now ('normal' and its id for a site no longer held). */
  siteSummary(id: string, now: number): { name: string; state: SiteState } {
    const site = this.index.site(id)
    return site ? { name: site.name, state: this.index.siteState(id, now) } : { name: id, state: 'normal' }
  }

  /** The network-element tree (MSC → BSC → site → cell, rings) with states now. */
  tree(now: number): NetworkTree {
    return treeOf(this.index, now)
  }

  /** One element's sites, footprint, state, events and complaints; null when no site hangs on it. */
  element(type: ElementType, id: string, window: { from: number; to: number; now: number }): ElementDetail | null {
    return elementDetail(this.index, type, id, window)
  }
}
