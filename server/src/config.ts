import { isIP } from 'node:net'
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
  /**
   * … and within this time of the occurrence, with the same phenomenon group and a settled cause, is
   * reused — for the transient causes (cutover, site_fault, mass_outage), whose event may be over after it.
   */
  knownIssueWindowMs: number
  /**
   * A settled coverage cause (weak_coverage, blind_spot, planned_site) lasts: it is reused this long
   * after the earlier complaint occurred.
   */
  knownIssueCoverageWindowMs: number
  /**
   * … and only within this distance (at most knownIssueRadiusM): a coverage hole is a place, so an old
   * settled cause speaks only for complaints close to it.
   */
  knownIssueCoverageRadiusM: number
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
  /**
   * Below this confidence (diagnosis/confidence.ts) an answer the agent would give at once ('self')
   * goes to field test with the "cause being checked" script instead; 0 turns it off.
   */
  lowConfidenceThreshold: number
  /**
   * An alarm that cleared within this time of being raised is a flap: it explains a complaint only when
   * the occurrence is within flapSlackMs of it (timeSlackMs is for outages people remember roughly).
   */
  flapMs: number
  flapSlackMs: number
  /**
   * A serving site this far or farther is not believed to serve the point when at least
   * nearerWorkingSites nearer serving sites work (no alarm or cutover that can cause the phenomenon):
   * in a dense network the phone camps on one of those.
   */
  farSiteM: number
  nearerWorkingSites: number
  /**
   * A blind spot or weak-coverage area whose edge is within this distance of the point still counts,
   * its score falling linearly to half at this distance (the address is often the street outside).
   * Off (0) by default: on the eval (README, Diagnosis quality) 60–150 m raised coverage recall but
   * raised confidently wrong self answers more (complaints with no network cause near an area).
   */
  coverageSlackM: number
}

export const defaultDiagnosisOptions: DiagnosisOptions = {
  defaultSiteRadiusM: 800,
  servingReach: 1.5,
  maxSiteDistanceM: 3000,
  timeSlackMs: 30 * 60_000,
  knownIssueRadiusM: 500,
  knownIssueWindowMs: 12 * 3600_000,
  knownIssueCoverageWindowMs: 30 * 24 * 3600_000,
  knownIssueCoverageRadiusM: 150,
  massOutageMinComplaints: 5,
  massOutageRadiusM: 1000,
  massOutageWindowMs: 2 * 3600_000,
  recentAlarmMs: 24 * 3600_000,
  offBeamReach: 0.15,
  cutoverAlarmSlackMs: 15 * 60_000,
  maxServingSites: 5,
  lowConfidenceThreshold: 0.6,
  flapMs: 5 * 60_000,
  flapSlackMs: 10 * 60_000,
  farSiteM: 600,
  nearerWorkingSites: 3,
  coverageSlackM: 0,
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
  /**
   * Addresses or CIDR ranges of the load balancers in front (e.g. 10.0.0.5, 10.0.0.0/24). A request
   * from one of them is taken to come from the client its X-Forwarded-For names, so the audit log and
   * the per-address limits (logins) see each client, not the balancer; from anywhere else the header
   * is ignored (a client cannot choose its own address). Empty: the header is never trusted.
   */
  trustProxy: string[]
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
  trustProxy: [],
  scryptN: 2 ** 17,
}

const list = (s: string | undefined) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean)

/** TRUST_PROXY: addresses or CIDR ranges; anything else is refused at start, naming the entry. */
function proxies(s: string | undefined): string[] {
  const out = list(s)
  for (const p of out) {
    const [addr, bits, extra] = p.split('/')
    const v = isIP(addr)
    const maxBits = v === 6 ? 128 : 32
    if (!v || extra !== undefined || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= maxBits))) {
      throw new Error(`TRUST_PROXY: expected IP addresses or CIDR ranges separated by commas (e.g. 10.0.0.5,10.1.0.0/16), got ${JSON.stringify(p)}`)
    }
  }
  return out
}

/**
 * A number from the environment: `def` when the variable is unset or empty, else its value × `unit`
 * when `ok` accepts the value, else an error naming the variable, what it must be and what it got.
 */
function envNumber(env: NodeJS.ProcessEnv, name: string, def: number, ok: (n: number) => boolean, mustBe: string, unit = 1): number {
  const v = env[name]
  if (v == null || v === '') return def
  const n = Number(v)
  if (!ok(n)) throw new Error(`${name} must be ${mustBe}; got ${JSON.stringify(v)}`)
  return n * unit
}

/** An integer ≥ `min` from the environment (see envNumber). */
const envInt = (env: NodeJS.ProcessEnv, name: string, def: number, min: number, unit = 1) =>
  envNumber(env, name, def, (n) => Number.isSafeInteger(n) && n >= min, `an integer ≥ ${min}`, unit)

/** Security options from the environment (README "Configuration"). */
export function loadSecurityOptions(env: NodeJS.ProcessEnv = process.env): SecurityOptions {
  const num = (name: string, d: number) => envNumber(env, name, d, (n) => Number.isFinite(n) && n >= 0, 'a non-negative number')
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
    trustProxy: proxies(env.TRUST_PROXY),
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
  return envNumber(env, 'IMPORT_MAX_ROWS', DEFAULT_IMPORT_MAX_ROWS, (n) => Number.isSafeInteger(n) && n >= 1, 'a positive integer')
}

/**
 * Outgoing webhooks (issue 8): how a delivery is retried. Attempt n+1 waits baseDelayMs·2^(n-1), never
 * more than maxDelayMs; after maxAttempts the delivery is marked failed. The defaults give a receiver
 * that is down about three hours to come back (30 s, 1, 2, 4, 8, 16, 32 min, then hourly).
 * Environment: WEBHOOK_MAX_ATTEMPTS, WEBHOOK_BASE_DELAY_MS, WEBHOOK_MAX_DELAY_MS, WEBHOOK_TIMEOUT_MS, WEBHOOK_POLL_MS,
 * WEBHOOK_CONCURRENCY.
 */
export interface WebhookOptions {
  /** Attempts per delivery, the first included; then it is marked failed. */
  maxAttempts: number
  /** Wait before the second attempt; doubles with each further one. */
  baseDelayMs: number
  /** The longest wait between two attempts. */
  maxDelayMs: number
  /** One attempt waits this long for the receiver's answer (then it counts as a network error). */
  timeoutMs: number
  /** Pending deliveries written by another process on the same database are looked for this often. */
  pollMs: number
  /** Deliveries sent at the same time. */
  concurrency: number
}

export const defaultWebhookOptions: WebhookOptions = {
  maxAttempts: 10,
  baseDelayMs: 30_000,
  maxDelayMs: 3600_000,
  timeoutMs: 10_000, // a receiver that needs longer should answer 202 and work afterwards
  pollMs: 15_000,
  concurrency: 4,
}

/** Webhook options from the environment, else the defaults above. */
export function loadWebhookOptions(env: NodeJS.ProcessEnv = process.env): WebhookOptions {
  const d = defaultWebhookOptions
  const int = (name: string, def: number, min: number) => envInt(env, name, def, min)
  return {
    maxAttempts: int('WEBHOOK_MAX_ATTEMPTS', d.maxAttempts, 1),
    baseDelayMs: int('WEBHOOK_BASE_DELAY_MS', d.baseDelayMs, 0),
    maxDelayMs: int('WEBHOOK_MAX_DELAY_MS', d.maxDelayMs, 0),
    timeoutMs: int('WEBHOOK_TIMEOUT_MS', d.timeoutMs, 1),
    pollMs: int('WEBHOOK_POLL_MS', d.pollMs, 10),
    concurrency: int('WEBHOOK_CONCURRENCY', d.concurrency, 1),
  }
}

/**
 * The embedded complaint page (GET /embed, issue 8): lifetime of the tokens POST /api/embed/tokens
 * issues. Origins allowed to frame it are SecurityOptions.frameAncestors (FRAME_ANCESTORS).
 * Environment: EMBED_TOKEN_TTL_S, EMBED_TOKEN_MAX_TTL_S.
 */
export interface EmbedOptions {
  /** A token's lifetime when the caller names none: one call and its follow-up. */
  tokenTtlS: number
  /** The longest lifetime a caller may ask for: one shift. */
  maxTokenTtlS: number
}

export const defaultEmbedOptions: EmbedOptions = { tokenTtlS: 3600, maxTokenTtlS: 12 * 3600 }

/** Embed options from the environment, else the defaults above. */
export function loadEmbedOptions(env: NodeJS.ProcessEnv = process.env): EmbedOptions {
  const d = defaultEmbedOptions
  const int = (name: string, def: number) => envNumber(env, name, def, (n) => Number.isSafeInteger(n) && n >= 1, 'a positive integer (seconds)')
  return { tokenTtlS: int('EMBED_TOKEN_TTL_S', d.tokenTtlS), maxTokenTtlS: int('EMBED_TOKEN_MAX_TTL_S', d.maxTokenTtlS) }
}

/**
 * The complaint's workflow (issue 8): time limits and repeat-complaint (重复投诉) linking. Environment:
 * RESPOND_LIMIT_MIN, ANSWER_LIMIT_H, CLOSE_LIMIT_H, REPEAT_RADIUS_M, REPEAT_PLACE_WINDOW_H, REPEAT_NUMBER_WINDOW_D.
 */
export interface WorkflowOptions {
  /** From receipt to the first response (the analysis): seeds 001 "15分钟响应". */
  respondMs: number
  /** From receipt to the first answer to the customer: 001 "24小时初步反馈" (000 also: "24小时内处理好用户障碍"). */
  answerMs: number
  /** From receipt to the close: 001 "72小时闭环解决". */
  closeMs: number
  /** A complaint within this distance of an earlier one with the same phenomenon group … */
  repeatRadiusM: number
  /** … reported at most this long before it (open, or closed since — and so recently) is a repeat of it. */
  repeatPlaceWindowMs: number
  /** A complaint from the same number reported at most this long after an earlier one is a repeat of it. */
  repeatNumberWindowMs: number
}

export const defaultWorkflowOptions: WorkflowOptions = {
  respondMs: 15 * 60_000,
  answerMs: 24 * 3600_000,
  closeMs: 72 * 3600_000,
  repeatRadiusM: 500, // = knownIssueRadiusM: the footprint in which the diagnosis reuses an earlier cause
  repeatPlaceWindowMs: 72 * 3600_000, // the close limit: a place complained of again before the first is closed out
  // The seeds name no window for a repeat by the same customer; 30 days is the operators' usual
  // "30天内重复投诉" measure (one billing month).
  repeatNumberWindowMs: 30 * 24 * 3600_000,
}

/** Workflow options from the environment, else the defaults above. */
export function loadWorkflowOptions(env: NodeJS.ProcessEnv = process.env): WorkflowOptions {
  const num = (name: string, unitMs: number, d: number) => envNumber(env, name, d, (n) => Number.isFinite(n) && n > 0, 'a positive number', unitMs)
  const d = defaultWorkflowOptions
  return {
    respondMs: num('RESPOND_LIMIT_MIN', 60_000, d.respondMs),
    answerMs: num('ANSWER_LIMIT_H', 3600_000, d.answerMs),
    closeMs: num('CLOSE_LIMIT_H', 3600_000, d.closeMs),
    repeatRadiusM: num('REPEAT_RADIUS_M', 1, d.repeatRadiusM),
    repeatPlaceWindowMs: num('REPEAT_PLACE_WINDOW_H', 3600_000, d.repeatPlaceWindowMs),
    repeatNumberWindowMs: num('REPEAT_NUMBER_WINDOW_D', 24 * 3600_000, d.repeatNumberWindowMs),
  }
}

/**
 * Feeds from the network management system (网管数据交互, issue 9): a watched inbox folder and an
 * optional polled URL for alarm and cutover exports (README "Feeds"). Environment: FEED_INBOX,
 * FEED_SCAN_MS, FEED_SETTLE_MS, FEED_ENCODING, FEED_CRS, FEED_MAX_BYTES, FEED_URL, FEED_URL_KIND,
 * FEED_URL_INTERVAL_S, FEED_URL_TOKEN, FEED_URL_TIMEOUT_MS.
 */
export interface FeedOptions {
  /** The inbox folder; null: no inbox. Default DATA_DIR/inbox; FEED_INBOX=off turns it off. */
  inbox: string | null
  /** The inbox is scanned this often even without a file-system event (fs.watch misses some, e.g. on NFS). */
  scanMs: number
  /** A file is taken only once its size and modification time have stayed the same this long. */
  settleMs: number
  /** Encoding of files that do not say (a `.gbk.csv` name says GBK): utf-8, gbk, gb2312 or gb18030. */
  encoding: string
  /** What the files' coordinates are in (cutover areas, sites): wgs84, gcj02 or bd09. */
  crs: string
  /** A larger file is set aside unread (the HTTP import's body limit). */
  maxBytes: number
  /** A URL answering a CSV or GeoJSON export, polled with If-None-Match; null: none. */
  url: string | null
  /** The import kind of what the URL answers. */
  urlKind: string
  /** The URL is polled this often. */
  urlIntervalMs: number
  /** Sent as Authorization: Bearer … to the URL; null: none. */
  urlToken: string | null
  /** One poll waits this long for the whole answer. */
  urlTimeoutMs: number
}

export const defaultFeedOptions: Omit<FeedOptions, 'inbox'> = {
  scanMs: 5_000, // the fallback only: fs.watch usually wakes the watcher at once
  settleMs: 1_000, // the NMS's writer pausing longer than this mid-file must write to *.tmp and rename
  encoding: 'utf-8',
  crs: 'wgs84',
  maxBytes: 256 * 1024 * 1024, // = the HTTP import's body limit
  url: null,
  urlKind: 'alarms',
  urlIntervalMs: 60_000,
  urlToken: null,
  urlTimeoutMs: 30_000,
}

/** Feed options from the environment (the inbox under `dataDir` by default), else the defaults above. */
export function loadFeedOptions(env: NodeJS.ProcessEnv = process.env, dataDir = env.DATA_DIR ?? './var'): FeedOptions {
  const d = defaultFeedOptions
  const int = (name: string, def: number, min: number, unit = 1) => envInt(env, name, def, min, unit)
  const inbox = env.FEED_INBOX === 'off' ? null : env.FEED_INBOX || `${dataDir.replace(/\/+$/, '')}/inbox`
  return {
    inbox,
    scanMs: int('FEED_SCAN_MS', d.scanMs, 100),
    settleMs: int('FEED_SETTLE_MS', d.settleMs, 0),
    encoding: env.FEED_ENCODING || d.encoding,
    crs: env.FEED_CRS || d.crs,
    maxBytes: int('FEED_MAX_BYTES', d.maxBytes, 1),
    url: env.FEED_URL || null,
    urlKind: env.FEED_URL_KIND || d.urlKind,
    urlIntervalMs: int('FEED_URL_INTERVAL_S', d.urlIntervalMs, 1, 1000), // default already in ms; the variable is in seconds
    urlToken: env.FEED_URL_TOKEN || null,
    urlTimeoutMs: int('FEED_URL_TIMEOUT_MS', d.urlTimeoutMs, 100),
  }
}

/**
 * Published network information (网维信息发布, issue 9 item 3). Environment: PUBLISH_SWEEP_MS,
 * PUBLISH_PLANNED_RADIUS_M.
 */
export interface PublishOptions {
  /**
   * How often the service looks for published objects whose validity started or ended (0: never — call
   * sweep() yourself). An expired object leaves the diagnosis at the latest this long after its validTo.
   */
  sweepMs: number
  /** Coverage radius of a published planned site whose type has no radius_m value (an urban macro cell). */
  plannedRadiusM: number
}

export const defaultPublishOptions: PublishOptions = { sweepMs: 60_000, plannedRadiusM: 500 }

/** Publish options from the environment, else the defaults above. */
export function loadPublishOptions(env: NodeJS.ProcessEnv = process.env): PublishOptions {
  const d = defaultPublishOptions
  return { sweepMs: envInt(env, 'PUBLISH_SWEEP_MS', d.sweepMs, 0), plannedRadiusM: envInt(env, 'PUBLISH_PLANNED_RADIUS_M', d.plannedRadiusM, 1) }
}
