/**
 * The unexplained clusters (突发性大面积投诉, suspected hidden fault): clusters where most complaints
 * have no alarm, cutover or coverage object behind them. Ranked by how many unexplained complaints
 * they hold, then by how fast they came (complaints per hour), so the likeliest live outage is first.
 */
import type { ClusterSummary } from './cluster-summary.js'

export interface UnexplainedCluster extends ClusterSummary {
  rank: number
  /** unexplained / count */
  share: number
  /** Unexplained complaints per hour of the cluster's span (a burst inside one hour counts as one hour). */
  perHour: number
}

export function unexplainedClusters(clusters: readonly ClusterSummary[], minShare: number, minCount: number): UnexplainedCluster[] {
  return clusters
    .filter((c) => c.unexplained >= minCount && c.unexplained / c.count >= minShare)
    .map((c) => ({ ...c, rank: 0, share: c.unexplained / c.count, perHour: c.unexplained / Math.max(1, (c.to - c.from) / 3600_000) }))
    .sort((a, b) => b.unexplained - a.unexplained || b.perHour - a.perHour || a.from - b.from)
    .map((c, i) => ({ ...c, rank: i + 1 }))
}
