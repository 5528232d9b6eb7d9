/**
 * The embedded complaint page (issue 8, 篇3 §3.3 投诉辅助记录组件): GET /embed serves web/embed.html to
 * an iframe of the operator's customer-service system, and POST /api/embed/tokens gives that system a
 * short-lived token for an agent, which the page uses as its Bearer token (a cross-site iframe gets
 * no SameSite=Strict session cookie, and a bearer token needs no CSRF token).
 *
 * Framing: the page may be framed only by the origin named in `origin=`, which must be one of
 * FRAME_ANCESTORS; the page posts its messages to that origin only (never '*').
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { EmbedOptions } from '../../config/index.js'
import { AppError } from '../../errors.js'
import { actor } from '../../auth/plugin.js'
import type { Users } from '../../auth/users.js'
import { ErrorReply, IsoTime, Lat, Lon, Phenomenon, Service } from '../../../../contract/src/schemas/common.js'
import { EMBED_MESSAGES } from '../../../../contract/src/embed.js'

const EMBED_HTML = join(import.meta.dirname, '..', '..', '..', '..', 'web', 'embed.html')
/** Where the page's HTML takes the origin it may post to. */
const ORIGIN_PLACEHOLDER = '{{TOUSU_PARENT_ORIGIN}}'

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** An origin as browsers write it (scheme://host[:port], no path), or null. */
function asOrigin(s: string): string | null {
  try {
    const u = new URL(s)
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === s ? u.origin : null
  } catch {
    return null
  }
}

export const EmbedQuery = Type.Object({
  origin: Type.String({ maxLength: 200, description: 'the framing system\'s origin (scheme://host[:port]); must be one of FRAME_ANCESTORS. Messages go to it only.' }),
  address: Type.Optional(Type.String({ maxLength: 500, description: 'the customer\'s address; geocoded with /api/search when lon/lat are absent' })),
  lon: Type.Optional(Lon),
  lat: Type.Optional(Lat),
  phenomenon: Type.Optional(Phenomenon),
  ticket: Type.Optional(Type.String({ maxLength: 64, pattern: '^[A-Za-z0-9_.:/-]+$', description: 'the host\'s own ticket number, echoed in every message' })),
  occurredAt: Type.Optional(IsoTime),
  service: Type.Optional(Service),
  description: Type.Optional(Type.String({ maxLength: 4000 })),
})

export const embedRoutes: FastifyPluginAsyncTypebox<{ users: Users; frameAncestors: string[]; options: EmbedOptions }> = async (app, { users, frameAncestors, options }) => {
  const allowed = new Set(frameAncestors.map(asOrigin).filter((o): o is string => o != null))
  let html: string | null = null

  app.get('/embed', {
    schema: {
      tags: ['integration'],
      summary: 'The complaint page for an iframe of the customer-service system (HTML; token in the URL fragment #token=…)',
      description: EMBED_MESSAGES,
      querystring: EmbedQuery,
      produces: ['text/html'],
      response: { 200: Type.String({ description: 'text/html' }), 400: ErrorReply, 403: ErrorReply },
    },
  }, async (req, reply) => {
    const q = req.query
    if ((q.lon == null) !== (q.lat == null)) throw new AppError('VALIDATION', 'lon and lat go together: give both or neither')
    const origin = asOrigin(q.origin)
    if (!origin) throw new AppError('VALIDATION', `origin must be an origin like https://crm.example.com (scheme, host, port; no path); got ${JSON.stringify(q.origin)}`)
    if (!allowed.has(origin)) {
      throw new AppError('FORBIDDEN', `origin ${origin} may not embed this page: allowed are ${allowed.size ? [...allowed].join(', ') : 'none (set FRAME_ANCESTORS)'}`)
    }
    html ??= readFileSync(EMBED_HTML, 'utf8')
    // The page may be framed by that origin only, whatever else FRAME_ANCESTORS allows.
    const csp = String(reply.raw.getHeader('content-security-policy') ?? '')
    const directives = csp.split(';').map((d) => d.trim()).filter((d) => d && !d.startsWith('frame-ancestors'))
    reply.raw.setHeader('content-security-policy', [...directives, `frame-ancestors ${origin}`].join(';'))
    reply.raw.removeHeader('x-frame-options')
    reply.header('cache-control', 'no-store')
    return reply.type('text/html; charset=utf-8').send(html.replaceAll(ORIGIN_PLACEHOLDER, escapeAttr(origin)))
  })

  app.post('/api/embed/tokens', {
    schema: {
      tags: ['integration'],
      summary: 'A short-lived token for an agent, for the embedded page (put it in the iframe URL as #token=…)',
      description: 'Called by the customer-service system with its own token (permission embed:issue: engineers and admins). '
        + 'The user must be an agent (a token for a stronger role could not come from here). '
        + `Lifetime \`ttl\` seconds (default EMBED_TOKEN_TTL_S, ${options.tokenTtlS}; at most EMBED_TOKEN_MAX_TTL_S, ${options.maxTokenTtlS}).`,
      body: Type.Object({
        username: Type.String({ minLength: 1, maxLength: 64, description: 'the agent working in the embedded page' }),
        ttl: Type.Optional(Type.Integer({ minimum: 60, description: 'seconds' })),
      }, { additionalProperties: false }),
      response: {
        201: Type.Object({ id: Type.String(), token: Type.String(), username: Type.String(), expiresAt: Type.String() }),
        400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply,
      },
    },
  }, async (req, reply) => {
    const { username } = req.body
    const ttl = req.body.ttl ?? options.tokenTtlS
    if (ttl > options.maxTokenTtlS) throw new AppError('VALIDATION', `ttl must be at most ${options.maxTokenTtlS} s (EMBED_TOKEN_MAX_TTL_S); got ${ttl}`)
    const user = await users.get(username)
    if (!user) throw new AppError('NOT_FOUND', `no user ${username}`)
    if (user.disabled) throw new AppError('VALIDATION', `user ${username} is disabled`)
    if (user.role !== 'agent') throw new AppError('VALIDATION', `embed tokens are for agents; ${username} is ${user.role}`)
    const t = await users.issueToken(username, `embed (by ${req.principal?.username ?? '?'})`, ttl * 1000)
    await users.audit({ ...actor(req), action: 'embed_token_issued', target: username, details: { id: t.id, ttl } })
    return reply.code(201).send({ id: t.id, token: t.token, username, expiresAt: t.expiresAt! })
  })
}
