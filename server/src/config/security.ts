/** Logins, sessions, request limits and browser protections. */
import { isIP } from 'node:net'
import { envNumber, list, type Env } from './env.js'

/** Limits and browser protections; environment variables in loadSecurityOptions. */
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

/** Security options from the environment (README "Configuration"). */
export function loadSecurityOptions(env: Env): SecurityOptions {
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
