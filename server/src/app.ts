/**
 * build(options) → a Fastify instance with every route, OpenAPI at /docs and the web app at /.
 * Tests call build() and use inject(); main.ts listens.
 */
import { join } from 'node:path'
import { existsSync } from 'node:fs'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import fastifyStatic from '@fastify/static'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { AppError } from './errors.js'
import type { NetworkService } from './service/network-service.js'
import { diagnoseRoutes } from './routes/diagnose/index.js'
import { complaintRoutes } from './routes/complaints/index.js'
import { workflowRoutes } from './routes/workflow/index.js'
import { figureRoutes } from './routes/figures/index.js'
import { importRoutes } from './routes/imports/index.js'
import { importHistoryRoutes } from './routes/imports/history.js'
import { importMappingRoutes } from './routes/imports/mappings.js'
import { searchRoutes } from './routes/search/index.js'
import { siteRoutes } from './routes/sites/index.js'
import { healthRoutes } from './routes/health/index.js'
import { areaRoutes } from './routes/areas/index.js'
import { tileRoutes } from './routes/tiles/index.js'
import { layerRoutes } from './routes/layers/index.js'
import { eventRoutes } from './routes/events/index.js'
import { analysisRoutes } from './routes/analysis/index.js'
import { warningRoutes } from './routes/warnings/index.js'
import { templateRoutes } from './routes/templates/index.js'
import { webappRoutes } from './routes/webapp/index.js'
import { webhookRoutes } from './routes/webhooks/index.js'
import { embedRoutes } from './routes/embed/index.js'
import { publishRoutes } from './routes/publish/index.js'
import { feedRoutes } from './routes/feeds/index.js'
import { networkRoutes } from './routes/network/index.js'
import cors from '@fastify/cors'
import underPressure from '@fastify/under-pressure'
import {
  DEFAULT_IMPORT_MAX_ROWS, defaultEmbedOptions, defaultPublishOptions, defaultSecurityOptions, defaultServerOptions, defaultWebhookOptions,
  type EmbedOptions, type PublishOptions, type SecurityOptions, type WebhookOptions,
} from './config/index.js'
import authPlugin from './auth/plugin.js'
import { auditHooks } from './auth/audit-hooks.js'
import { securityHeaders } from './auth/security-headers.js'
import { Users } from './auth/users.js'
import { Container } from './container.js'
import { unstorable as unstorableText } from './ingest/fields.js'

export const WEB_DIR = join(import.meta.dirname, '..', '..', 'web')

/** The first string (or key) holding NUL or a lone surrogate, as a message naming where; null if none. */
function unstorable(v: unknown, path: string, depth = 0): string | null {
  if (typeof v === 'string') return unstorableText(v) ? `${path}: text must not contain NUL characters or unpaired surrogates` : null
  if (v == null || typeof v !== 'object' || depth > 64) return null
  for (const [k, x] of Object.entries(v)) {
    if (unstorableText(k)) return `${path}: a key must not contain NUL characters or unpaired surrogates`
    const bad = unstorable(x, `${path}.${k}`, depth + 1)
    if (bad) return bad
  }
  return null
}

/** The first non-finite number (after schema coercion), as a message naming where; null if none. */
function nonFinite(v: unknown, path: string, depth = 0): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? null : `${path}: expected a finite number, got ${v}`
  if (v == null || typeof v !== 'object' || depth > 64) return null
  for (const [k, x] of Object.entries(v)) {
    const bad = nonFinite(x, `${path}.${k}`, depth + 1)
    if (bad) return bad
  }
  return null
}

/** The property a message of unstorable()/nonFinite() names ("body.area.lon: …" → lon; "body: …" → body). */
function fieldOfPath(message: string): string {
  const where = message.slice(0, message.indexOf(':'))
  return where.split('.').filter((p) => !/^\d+$/.test(p)).pop() ?? where
}

/** One AJV error as Fastify hands it over. */
interface AjvError {
  instancePath?: string
  keyword?: string
  params?: Record<string, unknown>
}

/**
 * The machine-readable part of a schema validation error, so a client can say in its own words what
 * was wrong where: `field` the property (the last name in the instance path, or the missing or extra
 * property the rule is about; the part of the request when the whole of it is wrong), `rule` the AJV
 * keyword (pattern, minLength, required, enum, type, maximum, format…), `in` the part of the request
 * (body, querystring, params, headers) and, for a nested property, `path` (its JSON pointer).
 */
export function validationDetails(errors: unknown, context: string | undefined): { field: string; rule: string; in?: string; path?: string } {
  const e = ((Array.isArray(errors) ? errors[0] : null) ?? {}) as AjvError
  const rule = e.keyword ?? 'invalid'
  const segments = (e.instancePath ?? '').split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
  const named = typeof e.params?.missingProperty === 'string' ? e.params.missingProperty
    : typeof e.params?.additionalProperty === 'string' ? e.params.additionalProperty : null
  const field = named ?? segments.filter((p) => !/^\d+$/.test(p)).pop() ?? context ?? 'body'
  const details: { field: string; rule: string; in?: string; path?: string } = { field, rule }
  if (context) details.in = context
  if (segments.length > 1) details.path = e.instancePath
  return details
}

/**
 * Masks mobile numbers wherever they appear in a logged string (URLs carry search text), also when
 * written with spaces or dashes (139 1234 5678, 139-1234-5678; in a URL %20 or +).
 */
export const redactNumbers = (s: string) => s.replace(/1[3-9]\d(?:(?:[ -]|%20|\+)?\d){8}/g, (m) => {
  const d = m.replace(/%20/g, '').replace(/\D/g, '')
  return `${d.slice(0, 3)}****${d.slice(-4)}`
})

export interface BuildOptions {
  service: NetworkService
  /** pino options, or false for silence (tests). */
  logger?: FastifyServerOptions['logger']
  /** The tile pyramid served at /tiles (main.ts: DATA_DIR/tiles; default ./var/tiles). */
  tilesDir?: string
  /** Users, tokens, sessions and the audit log (default: kept in the service's store). */
  users?: Users
  /** Limits and browser protections (defaults in config/security.ts). */
  security?: Partial<SecurityOptions>
  /** Rows one HTTP import may have (default in config/imports.ts). */
  importMaxRows?: number
  /** Retries of outgoing webhooks, for the container build() makes (defaults in config/webhooks.ts). */
  webhooks?: Partial<WebhookOptions>
  /** Published network information, for the container build() makes (defaults in config/publish.ts). */
  publish?: Partial<PublishOptions>
  /** Tokens of the embedded page (defaults in config/embed.ts). */
  embed?: Partial<EmbedOptions>
  /**
   * The instance's parts (main.ts builds it once: server/src/container.ts). Without it build() makes
   * one around `service` and `users` and stops it when the app closes.
   */
  container?: Container
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The parts this app serves (templates, published information, webhooks, …). */
    container: Container
  }
}

/** Builds the HTTP application around an already started service. */
export async function build({ service, logger = false, tilesDir = join(defaultServerOptions.dataDir, 'tiles'), ...opts }: BuildOptions): Promise<FastifyInstance> {
  const sec: SecurityOptions = { ...defaultSecurityOptions, ...opts.security }
  const users = opts.container?.users ?? opts.users ?? new Users(service.store.db, { scryptN: sec.scryptN, sessionTtlMs: sec.sessionTtlMs })
  const container = opts.container ?? (await Container.create({ service, users, webhooks: { ...defaultWebhookOptions, ...opts.webhooks }, publish: { ...defaultPublishOptions, ...opts.publish } }))
  const app = Fastify({
    bodyLimit: sec.bodyLimit,
    requestTimeout: sec.requestTimeoutMs,
    // Node enforces requestTimeout only when headersTimeout (60 s by default) is not longer, and checks
    // only every connectionsCheckingInterval (30 s by default): keep both in step with a short timeout.
    ...(sec.requestTimeoutMs > 0 ? {
      http: {
        headersTimeout: Math.min(60_000, sec.requestTimeoutMs),
        connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(sec.requestTimeoutMs / 5))),
      },
    } : {}),
    // JSON with __proto__ or constructor.prototype keys is refused (400), never merged into objects.
    ...(sec.trustProxy.length ? { trustProxy: sec.trustProxy } : {}),
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    logger: logger === false ? false : {
      ...(typeof logger === 'object' ? logger : {}),
      // Customers' numbers never reach the logs: bodies are not logged, and these paths are censored.
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.number', 'number'], censor: '[redacted]' },
      serializers: {
        req: (req) => ({ method: req.method, url: redactNumbers(req.url), remoteAddress: req.ip }),
      },
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>()
  app.decorate('container', container)
  // A container made here is this app's: its background work stops with the app.
  if (!opts.container) app.addHook('onClose', async () => container.stop())

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string; validation?: unknown }, req, reply) => {
    if (err instanceof AppError) {
      return reply.code(err.statusCode).send({ code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) })
    }
    if (err.validation) return reply.code(400).send({ code: 'VALIDATION', message: err.message, details: validationDetails(err.validation, (err as { validationContext?: string }).validationContext) })
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500
    if (status === 500) req.log.error({ err }, 'unexpected error')
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : status === 500 ? 'INTERNAL' : 'BAD_REQUEST'
    return reply.code(status).send({ code, message: status === 500 ? 'internal error' : err.message })
  })
  // Text PostgreSQL cannot store (NUL, lone surrogates) and numbers ajv coerced to ±Infinity (it skips
  // minimum/maximum on them) are refused here, for every route, naming the field.
  // Synchronous hooks (done, not async): no promise and no extra microtask turn on every request.
  app.addHook('preValidation', (req, _reply, done) => {
    const bad = unstorable(req.params, 'path') ?? unstorable(req.query, 'query') ?? (Buffer.isBuffer(req.body) ? null : unstorable(req.body, 'body'))
    done(bad ? new AppError('VALIDATION', bad, { field: fieldOfPath(bad), rule: 'storable' }) : undefined)
  })
  app.addHook('preHandler', (req, _reply, done) => {
    const bad = nonFinite(req.query, 'query') ?? nonFinite(req.params, 'path') ?? (Buffer.isBuffer(req.body) ? null : nonFinite(req.body, 'body'))
    done(bad ? new AppError('VALIDATION', bad, { field: fieldOfPath(bad), rule: 'finite' }) : undefined)
  })
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ code: 'NOT_FOUND', message: `no route ${req.method} ${req.url.split('?')[0]}` }))

  // Overload: 503 with Retry-After rather than an ever-growing queue.
  await app.register(underPressure, {
    maxEventLoopDelay: sec.maxEventLoopDelayMs,
    maxHeapUsedBytes: sec.maxHeapUsedBytes,
    retryAfter: 10,
    pressureHandler: (_req, reply, type, value) => {
      // Sent as text: the route's own response schema for 503 (GET /health has one) must not serialize it.
      const body = JSON.stringify({ code: 'OVERLOADED', message: `service under pressure (${type}: ${value}); retry in 10 s` })
      reply.code(503).header('retry-after', '10').type('application/json; charset=utf-8').send(body)
    },
  })
  // helmet's headers, computed once at start (auth/security-headers.ts): @fastify/helmet rebuilt them per request.
  securityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Leaflet positions map panes with style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Only /embed may be framed by the ticketing system (FRAME_ANCESTORS): it sets its own per request.
        frameAncestors: ["'self'"],
        // Served over plain HTTP on an intranet too: upgrading would break every request there.
        upgradeInsecureRequests: null,
      },
    },
    frameguard: { action: 'sameorigin' },
    crossOriginEmbedderPolicy: false,
  })
  await app.register(cors, { origin: sec.corsOrigins.length ? sec.corsOrigins : false, credentials: true })
  await app.register(authPlugin, {
    users, sessionTtlMs: sec.sessionTtlMs, secureCookies: sec.secureCookies, loginRateLimitPerMin: sec.loginRateLimitPerMin,
    rateLimitPerMin: sec.rateLimitPerMin, importBodyLimit: sec.importBodyLimit,
  })
  auditHooks(app, users)

  await app.register(swagger, {
    openapi: {
      info: { title: '网络投诉 GIS 支撑系统 API', version: '0.1.0', description: 'Network-complaint diagnosis: import, diagnose, record, search. See CONTRACT.md.' },
      tags: [
        { name: 'auth' }, { name: 'users' }, { name: 'diagnosis' }, { name: 'complaints' }, { name: 'import' }, { name: 'search' }, { name: 'network' }, { name: 'health' }, { name: 'tiles' },
        { name: 'integration', description: 'The embedded complaint page (GET /embed, its postMessage messages) and outgoing webhooks signed with HMAC-SHA256' },
      ],
    },
  })
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true })

  for (const routes of [diagnoseRoutes, complaintRoutes, areaRoutes, searchRoutes, siteRoutes, healthRoutes]) {
    await app.register(routes, { service })
  }
  await app.register(importRoutes, { service, mappings: container.importMappings, maxRows: opts.importMaxRows ?? DEFAULT_IMPORT_MAX_ROWS })
  await app.register(importMappingRoutes, { mappings: container.importMappings })
  // The import page's history (who imported what, when): the audit log's import entries.
  await app.register(importHistoryRoutes, { users })
  await app.register(tileRoutes, { tilesDir })
  for (const routes of [layerRoutes, eventRoutes, analysisRoutes, warningRoutes, workflowRoutes, figureRoutes]) await app.register(routes, { service })
  await app.register(templateRoutes, { service, users, templates: container.templates })
  // Integration with the customer-service system (issue 8): the embedded page and outgoing webhooks.
  await app.register(embedRoutes, { users, frameAncestors: sec.frameAncestors, options: { ...defaultEmbedOptions, ...opts.embed } })
  await app.register(webhookRoutes, { users, hooks: container.webhooks(app.log) })
  // Feeds from the network management system (issue 9): their status; main.ts runs them.
  await app.register(feedRoutes, { files: container.feedFiles })
  // The network-element tree and element pages (issue 9).
  await app.register(networkRoutes, { service })
  // Published network information (issue 9 item 3): types, objects, and the sweep that expires them.
  await app.register(publishRoutes, { users, publish: container.publish })
  await app.register(webappRoutes)
  if (existsSync(WEB_DIR)) await app.register(fastifyStatic, { root: WEB_DIR, prefix: '/', index: ['index.html'] })
  return app
}
