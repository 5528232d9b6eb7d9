/**
 * analyse(): the whole batch analysis of complaints already cut to an area and window — attribution
 * (site and cause at each complaint's own time), breakdowns, density grid, spatio-temporal clusters and
 * the unexplained ones. Plain functions over typed arrays; routes, the CLI and the bench call this.
 */
import type { AnalysisOptions, DiagnosisOptions } from '../config/index.js'
import { attribute, type Attribution, type NetworkLookup } from './attribute.js'
import { breakdown, type Breakdown } from './breakdown.js'
import { summariseClusters, type ClusterSummary } from './cluster-summary.js'
import { stDbscan, type Clustering } from './clusters.js'
import type { ComplaintColumns } from './columns.js'
import { densityGrid, type DensityGrid } from './grid-density.js'
import type { SiteTable } from './site-table.js'
import { unexplainedClusters, type UnexplainedCluster } from './unexplained.js'

export interface Analysis {
  attribution: Attribution
  breakdown: Breakdown
  density: DensityGrid
  clustering: Clustering
  clusters: ClusterSummary[]
  unexplained: UnexplainedCluster[]
  /** Milliseconds per stage, for the bench and the logs. */
  timings: Record<'attribution' | 'breakdown' | 'density' | 'clustering' | 'summary', number>
}

export function analyse(cols: ComplaintColumns, sites: SiteTable, net: NetworkLookup, d: DiagnosisOptions, o: AnalysisOptions): Analysis {
  let t = performance.now()
  const lap = () => { const now = performance.now(), ms = now - t; t = now; return ms }
  const attribution = attribute(cols, sites, net, d)
  const tAttr = lap()
  const b = breakdown(cols, attribution, sites)
  const tBreak = lap()
  const density = densityGrid(cols.lonLat, o.densityCellM)
  const tDens = lap()
  const clustering = stDbscan(cols.lonLat, cols.time, { radiusM: o.clusterRadiusM, windowMs: o.clusterWindowMs, minPoints: o.clusterMinPoints })
  const tClu = lap()
  const clusters = summariseClusters(cols, attribution, clustering, sites)
  const unexplained = unexplainedClusters(clusters, o.unexplainedMinShare, o.clusterMinPoints)
  const tSum = lap()
  return {
    attribution, breakdown: b, density, clustering, clusters, unexplained,
    timings: { attribution: tAttr, breakdown: tBreak, density: tDens, clustering: tClu, summary: tSum },
  }
}
