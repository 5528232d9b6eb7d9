/**
 * Every option of the service with its default, in one place. Environment variables override the
 * defaults at start (see README "Configuration"); tests pass overrides to build().
 */
export interface Config {
  /** HTTP port; 8080 as CONTRACT.md says. */
  port: number
  /** Interface to listen on. */
  host: string
  /** Where the embedded database (and later tiles, tokens) live. */
  dataDir: string
  /** postgres://… selects PostgreSQL + PostGIS instead of the embedded database. */
  databaseUrl: string | null
  /** PostgreSQL connection pool size (the embedded database always uses one connection). */
  dbPoolMax: number
  /** statement_timeout on PostgreSQL: no query runs longer than this. */
  statementTimeoutMs: number
  /** Load the invented demo district on first start when the store is empty. */
  demo: boolean
  /** Shift the demo's times so that its worked example happened two hours ago (keeps the demo "live"). */
  demoShiftToNow: boolean
  /** Log level for pino. */
  logLevel: string
  diagnosis: DiagnosisOptions
}

/** Radii, windows and thresholds of the diagnosis. */
export interface DiagnosisOptions {
  /** Radius of a site without cells (treated as omnidirectional); an urban macro cell is ~0.5–1 km. */
  defaultSiteRadiusM: number
  /** How far beyond its nominal radius a cell is still considered as possibly serving (×radius). */
  servingReach: number
  /** A site further than this is never evidence, whatever its cells claim. */
  maxSiteDistanceM: number
  /** An alarm or cutover still counts if it ended this long before the occurrence (customers misremember times). */
  timeSlackMs: number
  /** Step 1: an earlier complaint within this distance … */
  knownIssueRadiusM: number
  /** … and within this time of the occurrence, with the same phenomenon group and a final cause, is reused. */
  knownIssueWindowMs: number
  /** mass_outage: at least this many complaints … */
  massOutageMinComplaints: number
  /** … within this radius … */
  massOutageRadiusM: number
  /** … within this window before the occurrence, with no alarm or cutover behind them. */
  massOutageWindowMs: number
  /** A site whose alarm was raised or cleared this long before now is shown as recently alarmed (篇3: 黄灯闪烁). */
  recentAlarmMs: number
  /** Outside its main beam a cell still serves near the site (side/back lobes): this fraction of its reach. */
  offBeamReach: number
  /** An alarm raised this long before a cutover window opens (or after it closes) is still put down to the cutover. */
  cutoverAlarmSlackMs: number
  /** How many serving sites a diagnosis lists (and the complaint links), best first. */
  maxServingSites: number
}

export const defaultDiagnosisOptions: DiagnosisOptions = {
  defaultSiteRadiusM: 800,
  servingReach: 1.5,
  maxSiteDistanceM: 3000,
  timeSlackMs: 30 * 60_000,
  knownIssueRadiusM: 500,
  knownIssueWindowMs: 12 * 3600_000,
  massOutageMinComplaints: 5,
  massOutageRadiusM: 1000,
  massOutageWindowMs: 2 * 3600_000,
  recentAlarmMs: 24 * 3600_000,
  offBeamReach: 0.15,
  cutoverAlarmSlackMs: 15 * 60_000,
  maxServingSites: 5,
}

/** Reads the configuration from the environment, falling back to the documented defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: env.PORT ? Number(env.PORT) : 8080,
    host: env.HOST ?? '0.0.0.0',
    dataDir: env.DATA_DIR ?? './var',
    databaseUrl: env.DATABASE_URL || null,
    dbPoolMax: env.DB_POOL_MAX ? Number(env.DB_POOL_MAX) : 10,
    statementTimeoutMs: env.STATEMENT_TIMEOUT_MS ? Number(env.STATEMENT_TIMEOUT_MS) : 15_000,
    demo: env.DEMO !== '0',
    demoShiftToNow: env.DEMO_SHIFT !== '0',
    logLevel: env.LOG_LEVEL ?? 'info',
    diagnosis: { ...defaultDiagnosisOptions },
  }
}

/** Batch analysis (POST /api/analysis), surge warnings (GET /api/warnings) and their thresholds. */
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
