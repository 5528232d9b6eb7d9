/** Batch analysis (POST /api/analysis) and surge warnings (GET /api/warnings). No environment variables. */

/** Thresholds of the clusters, the density grid and the surges. */
export interface AnalysisOptions {
  /** Spatio-temporal clusters: complaints within this distance … */
  clusterRadiusM: number
  /** … and this time of each other are neighbours (DBSCAN eps in space and in time) … */
  clusterWindowMs: number
  /** … and a cluster core needs this many complaints in its neighbourhood, itself included (DBSCAN minPts). */
  clusterMinPoints: number
  /** A cluster is "unexplained" (suspected hidden fault) when at least this share of it has no network object behind it. */
  unexplainedMinShare: number
  /** Cell size of the complaint density grid for the heat map. */
  densityCellM: number
  /** Surges: a site-hour is compared with the same hour of the week over this many previous weeks … */
  surgeBaselineWeeks: number
  /** … and is a surge when its count is at least mean + k·σ of that baseline … */
  surgeK: number
  /** … with σ never taken below this (a flat baseline of 0 would otherwise make 1 complaint a surge) … */
  surgeMinSigma: number
  /** … and at least this many complaints in the hour. */
  surgeMinCount: number
  /** GET /api/warnings looks this far back by default. */
  warningLookbackMs: number
}

export const defaultAnalysisOptions: AnalysisOptions = {
  clusterRadiusM: 500, // the same order as the diagnosis' mass-outage radius, a little tighter: one site's footprint
  clusterWindowMs: 3600_000, // an outage is felt within the hour
  clusterMinPoints: 5, // = massOutageMinComplaints
  unexplainedMinShare: 0.8,
  densityCellM: 500,
  surgeBaselineWeeks: 4, // a month of history, one value per week for the same hour of the week
  surgeK: 3,
  surgeMinSigma: 1,
  surgeMinCount: 5,
  warningLookbackMs: 24 * 3600_000,
}
