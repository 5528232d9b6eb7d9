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

/** Logins, limits and browser protections (issue 7). Environment variables in loadSecurityOptions. */
export interface SecurityOptions {
  /** Body size of every request but imports. */
  bodyLimit: number
  /** Body size of POST /api/import/{kind} (a city's network, or a month of complaints, in one file). */
  importBodyLimit: number
  /** Requests per minute per user (per address before login); above it → 429 with Retry-After. */
  rateLimitPerMin: number
  /** Login attempts per minute per address and name (password guessing). */
  loginRateLimitPerMin: number
  /** The whole request must arrive within this time (slow-loris); 0 = no limit. */
  requestTimeoutMs: number
  /** Above this event-loop delay the service answers 503 (under pressure) instead of queueing without end. */
  maxEventLoopDelayMs: number
  /** Above this heap use → 503. */
  maxHeapUsedBytes: number
  /** Origins allowed to call the API from a browser on another site (CORS); none by default. */
  corsOrigins: string[]
  /** Origins allowed to frame the web app (CSP frame-ancestors), e.g. the ticketing system's embed. */
  frameAncestors: string[]
  /** Browser session lifetime. */
  sessionTtlMs: number
  /** Mark the session cookie Secure (set when served over HTTPS, directly or behind a proxy). */
  secureCookies: boolean
  /** scrypt cost N for new password hashes. */
  scryptN: number
}

export const defaultSecurityOptions: SecurityOptions = {
  bodyLimit: 1024 * 1024,
  importBodyLimit: 256 * 1024 * 1024,
  rateLimitPerMin: 1200, // 20/s sustained per user: a busy agent's map makes a few requests a second
  loginRateLimitPerMin: 10,
  requestTimeoutMs: 120_000,
  maxEventLoopDelayMs: 1000,
  maxHeapUsedBytes: 4 * 1024 ** 3,
  corsOrigins: [],
  frameAncestors: [],
  sessionTtlMs: 12 * 3600_000, // one shift
  secureCookies: false,
  scryptN: 2 ** 17,
}

const list = (s: string | undefined) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean)

/** Security options from the environment (README "Configuration"). */
export function loadSecurityOptions(env: NodeJS.ProcessEnv = process.env): SecurityOptions {
  const num = (name: string, d: number) => {
    const v = env[name]
    if (v == null || v === '') return d
    const n = Number(v)
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number; got ${JSON.stringify(v)}`)
    return n
  }
  const d = defaultSecurityOptions
  return {
    bodyLimit: num('BODY_LIMIT', d.bodyLimit),
    importBodyLimit: num('IMPORT_BODY_LIMIT', d.importBodyLimit),
    rateLimitPerMin: num('RATE_LIMIT_PER_MIN', d.rateLimitPerMin),
    loginRateLimitPerMin: num('LOGIN_RATE_LIMIT_PER_MIN', d.loginRateLimitPerMin),
    requestTimeoutMs: num('REQUEST_TIMEOUT_MS', d.requestTimeoutMs),
    maxEventLoopDelayMs: num('MAX_EVENT_LOOP_DELAY_MS', d.maxEventLoopDelayMs),
    maxHeapUsedBytes: num('MAX_HEAP_USED_BYTES', d.maxHeapUsedBytes),
    corsOrigins: list(env.CORS_ORIGINS),
    frameAncestors: list(env.FRAME_ANCESTORS),
    sessionTtlMs: num('SESSION_TTL_MS', d.sessionTtlMs),
    secureCookies: env.SECURE_COOKIES === '1',
    scryptN: num('SCRYPT_N', d.scryptN),
  }
}

/**
 * Rows one HTTP import (POST /api/import/{kind}) may have: a city's sites or a month of complaints
 * fit, a runaway export does not. More → 413 naming the cap and the count, nothing stored. The CLI
 * import (npm run import) has no cap. Environment: IMPORT_MAX_ROWS.
 */
export const DEFAULT_IMPORT_MAX_ROWS = 200_000

/** The HTTP import row cap from the environment (IMPORT_MAX_ROWS), else DEFAULT_IMPORT_MAX_ROWS. */
export function importMaxRows(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.IMPORT_MAX_ROWS
  if (v == null || v === '') return DEFAULT_IMPORT_MAX_ROWS
  const n = Number(v)
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`IMPORT_MAX_ROWS must be a positive integer; got ${JSON.stringify(v)}`)
  return n
}
