/**
 * The configuration: every default as documented (README "Configuration"), each group read from the
 * environment handed in, malformed values refused naming the variable, and only the entry points
 * (main.ts, the CLIs) reading process.env.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../server/src/config/index.js'

const ROOT = join(import.meta.dirname, '..', '..', '..')

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const c = loadConfig({})
    expect({ port: c.port, host: c.host, dataDir: c.dataDir, demo: c.demo, demoShiftToNow: c.demoShiftToNow, logLevel: c.logLevel, drainMs: c.drainMs })
      .toEqual({ port: 8080, host: '0.0.0.0', dataDir: './var', demo: true, demoShiftToNow: true, logLevel: 'info', drainMs: 1500 })
    expect({ databaseUrl: c.databaseUrl, poolMax: c.poolMax, statementTimeoutMs: c.statementTimeoutMs }).toEqual({ databaseUrl: null, poolMax: 10, statementTimeoutMs: 15_000 })
    expect(c.security).toMatchObject({ bodyLimit: 1024 ** 2, importBodyLimit: 256 * 1024 ** 2, rateLimitPerMin: 1200, loginRateLimitPerMin: 10, requestTimeoutMs: 120_000, sessionTtlMs: 12 * 3600_000, secureCookies: false, scryptN: 131072, trustProxy: [], corsOrigins: [], frameAncestors: [] })
    expect(c.importMaxRows).toBe(200_000)
    expect(c.webhooks).toEqual({ maxAttempts: 10, baseDelayMs: 30_000, maxDelayMs: 3600_000, timeoutMs: 10_000, pollMs: 15_000, concurrency: 4 })
    expect(c.embed).toEqual({ tokenTtlS: 3600, maxTokenTtlS: 43200 })
    expect(c.workflow).toEqual({ respondMs: 15 * 60_000, answerMs: 24 * 3600_000, closeMs: 72 * 3600_000, repeatRadiusM: 500, repeatPlaceWindowMs: 72 * 3600_000, repeatNumberWindowMs: 30 * 24 * 3600_000 })
    expect(c.publish).toEqual({ sweepMs: 60_000, plannedRadiusM: 500 })
    expect(c.feeds.inbox).toBe('./var/inbox')
    expect(c.diagnosis).toMatchObject({ defaultSiteRadiusM: 800, timeSlackMs: 30 * 60_000, knownIssueRadiusM: 500, knownIssueWindowMs: 12 * 3600_000, massOutageMinComplaints: 5, massOutageRadiusM: 1000, massOutageWindowMs: 2 * 3600_000, lowConfidenceThreshold: 0.6 })
  })

  it('reads every group from the environment it is given, in the documented units', () => {
    const c = loadConfig({
      PORT: '9000', DATA_DIR: '/srv/tousu', DATABASE_URL: 'postgres://x/y', DB_POOL_MAX: '20', STATEMENT_TIMEOUT_MS: '5000', DEMO: '0', DRAIN_MS: '0',
      SECURE_COOKIES: '1', CORS_ORIGINS: 'https://a.example, https://b.example', IMPORT_MAX_ROWS: '5000', WEBHOOK_MAX_ATTEMPTS: '3',
      EMBED_TOKEN_TTL_S: '60', RESPOND_LIMIT_MIN: '30', REPEAT_NUMBER_WINDOW_D: '7', FEED_URL_INTERVAL_S: '5', PUBLISH_SWEEP_MS: '0',
      SELF_ANSWER_MIN_CONFIDENCE: '0.85',
    })
    expect([c.port, c.dataDir, c.databaseUrl, c.poolMax, c.statementTimeoutMs, c.demo, c.drainMs]).toEqual([9000, '/srv/tousu', 'postgres://x/y', 20, 5000, false, 0])
    expect(c.security.secureCookies).toBe(true)
    expect(c.security.corsOrigins).toEqual(['https://a.example', 'https://b.example'])
    expect(c.importMaxRows).toBe(5000)
    expect(c.webhooks.maxAttempts).toBe(3)
    expect(c.embed.tokenTtlS).toBe(60)
    expect(c.workflow.respondMs).toBe(30 * 60_000)
    expect(c.workflow.repeatNumberWindowMs).toBe(7 * 24 * 3600_000)
    expect(c.feeds.urlIntervalMs).toBe(5000)
    expect(c.feeds.inbox).toBe('/srv/tousu/inbox')
    expect(c.publish.sweepMs).toBe(0)
    expect(c.diagnosis.lowConfidenceThreshold).toBe(0.85)
    expect(c.diagnosis.timeSlackMs).toBe(30 * 60_000)
  })

  it('refuses a malformed value, naming the variable, what it must be and what it got', () => {
    expect(() => loadConfig({ WEBHOOK_MAX_ATTEMPTS: '0' })).toThrow('WEBHOOK_MAX_ATTEMPTS must be an integer ≥ 1; got "0"')
    expect(() => loadConfig({ BODY_LIMIT: '-1' })).toThrow('BODY_LIMIT must be a non-negative number; got "-1"')
    expect(() => loadConfig({ ANSWER_LIMIT_H: 'soon' })).toThrow('ANSWER_LIMIT_H must be a positive number; got "soon"')
    expect(() => loadConfig({ EMBED_TOKEN_TTL_S: '1.5' })).toThrow('EMBED_TOKEN_TTL_S must be a positive integer (seconds); got "1.5"')
    expect(() => loadConfig({ IMPORT_MAX_ROWS: '0' })).toThrow('IMPORT_MAX_ROWS must be a positive integer; got "0"')
    expect(() => loadConfig({ SELF_ANSWER_MIN_CONFIDENCE: '85' })).toThrow('SELF_ANSWER_MIN_CONFIDENCE must be a number from 0 to 1; got "85"')
    expect(() => loadConfig({ TRUST_PROXY: 'balancer' })).toThrow(/^TRUST_PROXY: expected IP addresses or CIDR ranges/)
  })
})

describe('who reads the environment', () => {
  it('only the entry points (main.ts, the CLIs) read process.env; every other module receives options', () => {
    const entry = new Set(['server/src/main.ts'])
    const readers: string[] = []
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name)
        if (e.isDirectory()) walk(p)
        else if (e.name.endsWith('.ts')) {
          const rel = relative(ROOT, p)
          // Comments may name process.env; code may not. Strip // and /* */ comments first.
          const code = readFileSync(p, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1')
          if (/process\.env/.test(code) && !entry.has(rel) && !rel.startsWith('server/src/cli/') && !rel.startsWith('tile-builder/bin/')) readers.push(rel)
        }
      }
    }
    walk(join(ROOT, 'server', 'src'))
    walk(join(ROOT, 'tile-builder', 'src'))
    expect(readers).toEqual([])
  })
})
