/**
 * Who may call what (issue 7): authenticates every request (a bearer token, or a session cookie with
 * its CSRF token on anything that changes state), enforces ROUTE_POLICY, audits what must be
 * audited, and serves the login, user, token and audit routes.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import cookie from '@fastify/cookie'
import rateLimit from '@fastify/rate-limit'
import { Type } from 'typebox'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { AppError } from '../errors.js'
import { ROLES, ROLE_LABELS, ROLE_PERMISSIONS, can, ruleFor, type Permission, type Role, type RouteRule } from './roles.js'
import type { Principal, Users } from './users.js'
import { ErrorReply } from '../../../contract/src/schemas/common.js'
import { AuditEntryReply, IssuedTokenReply, SessionReply, SessionStateReply, TokenInfoReply, UserReply } from '../../../contract/src/schemas/auth.js'
import { CSRF_HEADER } from '../../../contract/src/csrf.js'

export const SESSION_COOKIE = 'tousu_sid'
export { CSRF_HEADER }
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller, or null (public routes only). */
    principal: Principal | null
  }
  interface FastifyContextConfig {
    /** Filled from ROUTE_POLICY at registration. */
    rule?: RouteRule
  }
}

export interface AuthPluginOptions {
  users: Users
  sessionTtlMs: number
  secureCookies: boolean
  loginRateLimitPerMin: number
  rateLimitPerMin: number
  importBodyLimit: number
}

/** Whether the caller may do `p` (for routes that vary what they show by role). */
export const allowed = (req: FastifyRequest, p: Permission) => can(req.principal?.role, p)

/** The audit fields of a request: who, from where. */
export const actor = (req: FastifyRequest) => ({ username: req.principal?.username ?? null, role: req.principal?.role ?? null, ip: req.ip })

const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply }

const me = (p: Principal) => ({
  user: { username: p.username, role: p.role, roleLabel: ROLE_LABELS[p.role] },
  permissions: [...ROLE_PERMISSIONS[p.role]],
  csrfToken: p.csrf ?? null,
})

async function authPlugin(app: FastifyInstance, o: AuthPluginOptions) {
  const { users } = o
  await app.register(cookie)
  app.decorateRequest('principal', null)

  // Every route gets its rule now; an API route nobody named is a startup error, not an open door.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    for (const method of methods) {
      const rule = ruleFor(method, route.url)
      if (rule === undefined && method !== 'HEAD' && method !== 'OPTIONS' && (route.url.startsWith('/api') || route.url.startsWith('/tiles'))) {
        throw new Error(`route ${method} ${route.url} has no entry in ROUTE_POLICY (server/src/auth/roles.ts)`)
      }
      route.config = { ...(route.config ?? {}), rule: rule ?? 'public' }
      // The base map, the web app's files and health are not counted: one map pan loads dozens of tiles.
      if ((rule ?? 'public') === 'public' && method === 'GET') route.config.rateLimit = false
      if (route.url === '/api/import/:kind' || route.url === '/api/import-guess') route.bodyLimit = o.importBodyLimit
    }
  })

  app.addHook('onRequest', async (req) => {
    req.principal = await authenticate(req, users)
    // Fastify builds a new routeOptions object on every read: read it once.
    const route = req.routeOptions
    const rule = route.config.rule ?? 'public'
    if (req.principal?.via === 'session' && !SAFE_METHODS.has(req.method) && route.url !== '/api/auth/login') {
      const sent = req.headers[CSRF_HEADER]
      if (sent !== req.principal.csrf) throw new AppError('FORBIDDEN', `missing or wrong ${CSRF_HEADER} header: a cookie session must send the CSRF token it got at login`)
    }
    if (rule === 'public') return
    if (!req.principal) throw new AppError('UNAUTHORIZED', 'log in (POST /api/auth/login) or send Authorization: Bearer <token>')
    if (rule !== 'session' && !can(req.principal.role, rule)) {
      throw new AppError('FORBIDDEN', `role ${req.principal.role} may not ${req.method} ${route.url} (needs ${rule})`)
    }
  })

  // Per user once authenticated (preHandler runs after onRequest), per address before.
  await app.register(rateLimit, {
    global: true,
    hook: 'preHandler',
    max: o.rateLimitPerMin,
    timeWindow: 60_000,
    keyGenerator: (req) => (req.principal ? `u|${req.principal.username}` : `ip|${req.ip}`),
    errorResponseBuilder: (_req, ctx) => new AppError('RATE_LIMITED', `more than ${ctx.max} requests in ${ctx.after}: retry after ${Math.ceil(ctx.ttl / 1000)} s`),
  })

  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  const setSession = (reply: FastifyReply, req: FastifyRequest, sid: string, maxAgeS: number) =>
    reply.setCookie(SESSION_COOKIE, sid, { path: '/', httpOnly: true, sameSite: 'strict', secure: o.secureCookies || req.protocol === 'https', maxAge: maxAgeS })

  api.post('/api/auth/login', {
    config: { rateLimit: { max: o.loginRateLimitPerMin, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `login|${req.ip}|${(req.body as { username?: string })?.username ?? ''}` } },
    schema: {
      tags: ['auth'], summary: 'Log in with name and password: sets the session cookie, returns the CSRF token',
      body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false }),
      response: { 200: SessionReply, ...errors },
    },
  }, async (req, reply) => {
    const user = await users.verify(req.body.username, req.body.password)
    if (!user) {
      await users.audit({ action: 'login_failed', target: req.body.username.slice(0, 64), ip: req.ip })
      throw new AppError('UNAUTHORIZED', 'wrong username or password')
    }
    const s = await users.openSession(user.username)
    setSession(reply, req, s.sid, Math.floor(o.sessionTtlMs / 1000))
    await users.audit({ username: user.username, role: user.role, action: 'login', ip: req.ip })
    return me({ username: user.username, role: user.role, via: 'session', csrf: s.csrf })
  })

  api.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'Ends the session (the cookie is cleared)', response: { 204: Type.Null() } } }, async (req, reply) => {
    const sid = req.cookies[SESSION_COOKIE]
    if (sid) await users.closeSession(sid)
    if (req.principal) await users.audit({ ...actor(req), action: 'logout' })
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.code(204).send(null)
  })

  // The browser's first question. Signed out is an answer, not an error: 200 with signedIn false, so a
  // first visit leaves no failed request in the console (GET /api/auth/me keeps its 401 for programs).
  api.get('/api/auth/session', {
    schema: {
      tags: ['auth'], summary: 'Whether this browser is signed in, and as whom (never 401)',
      response: { 200: SessionStateReply },
    },
  }, async (req) => (req.principal ? { signedIn: true as const, ...me(req.principal) } : { signedIn: false as const }))

  api.get('/api/auth/me', { schema: { tags: ['auth'], summary: 'Who is logged in, with which permissions', response: { 200: SessionReply, 401: ErrorReply } } }, async (req) => me(req.principal!))

  api.post('/api/auth/password', {
    schema: {
      tags: ['auth'], summary: 'Changes the caller’s own password (ends their other sessions)',
      body: Type.Object({ current: Type.String({ maxLength: 256 }), password: Type.String({ maxLength: 256 }) }, { additionalProperties: false }),
      response: { 204: Type.Null(), ...errors },
    },
  }, async (req, reply) => {
    const p = req.principal!
    const u = await users.get(p.username)
    // A token-only user (hasPassword false) proves itself by the token; anyone else by the current password.
    if (u?.hasPassword && !(await users.verify(p.username, req.body.current))) throw new AppError('FORBIDDEN', 'the current password is wrong')
    // Every other session ends; the one making the change goes on.
    await users.update(p.username, { password: req.body.password }, p.via === 'session' ? req.cookies[SESSION_COOKIE] : undefined)
    await users.audit({ ...actor(req), action: 'password_changed', target: p.username })
    return reply.code(204).send(null)
  })

  api.get('/api/users', { schema: { tags: ['users'], summary: 'Every user (admin)', response: { 200: Type.Array(UserReply), ...errors } } }, async () => users.list())

  api.post('/api/users', {
    schema: {
      tags: ['users'], summary: 'Creates a user (admin)',
      body: Type.Object({
        username: Type.String({ maxLength: 64 }), role: Type.Enum([...ROLES]), password: Type.Optional(Type.String({ maxLength: 256 })), displayName: Type.Optional(Type.String({ maxLength: 64 })),
      }, { additionalProperties: false }),
      response: { 201: UserReply, ...errors },
    },
  }, async (req, reply) => {
    const u = await users.create({ ...req.body, role: req.body.role as Role })
    await users.audit({ ...actor(req), action: 'user_created', target: u.username, details: { role: u.role } })
    return reply.code(201).send(u)
  })

  api.patch('/api/users/:username', {
    schema: {
      tags: ['users'], summary: 'Changes a user’s role, name, password or disabled flag (admin)',
      params: Type.Object({ username: Type.String({ maxLength: 64 }) }),
      body: Type.Object({
        role: Type.Optional(Type.Enum([...ROLES])), password: Type.Optional(Type.String({ maxLength: 256 })), displayName: Type.Optional(Type.String({ maxLength: 64 })), disabled: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
      response: { 200: UserReply, ...errors },
    },
  }, async (req) => {
    const b = req.body
    const u = await users.update(req.params.username, { ...b, role: b.role as Role | undefined })
    const changed = Object.keys(b).map((k) => (k === 'password' ? 'password' : `${k}=${String(b[k as keyof typeof b])}`))
    await users.audit({ ...actor(req), action: 'user_changed', target: u.username, details: { changed } })
    return u
  })

  api.get('/api/users/:username/tokens', {
    schema: { tags: ['users'], summary: 'A user’s API tokens (never the secrets)', params: Type.Object({ username: Type.String({ maxLength: 64 }) }), response: { 200: Type.Array(TokenInfoReply), ...errors } },
  }, async (req) => users.tokens(req.params.username))

  api.post('/api/users/:username/tokens', {
    schema: {
      tags: ['users'], summary: 'Issues an API token for a program; the token is in this answer only',
      params: Type.Object({ username: Type.String({ maxLength: 64 }) }),
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
      response: { 201: IssuedTokenReply, ...errors },
    },
  }, async (req, reply) => {
    const t = await users.issueToken(req.params.username, req.body.name)
    await users.audit({ ...actor(req), action: 'token_issued', target: req.params.username, details: { id: t.id, name: req.body.name } })
    return reply.code(201).send(t)
  })

  api.delete('/api/users/:username/tokens/:id', {
    schema: { tags: ['users'], summary: 'Revokes a token', params: Type.Object({ username: Type.String({ maxLength: 64 }), id: Type.String({ maxLength: 64 }) }), response: { 204: Type.Null(), ...errors } },
  }, async (req, reply) => {
    await users.revokeToken(req.params.username, req.params.id)
    await users.audit({ ...actor(req), action: 'token_revoked', target: req.params.username, details: { id: req.params.id } })
    return reply.code(204).send(null)
  })

  api.get('/api/audit', {
    schema: {
      tags: ['users'], summary: 'The audit log, newest first (admin)',
      querystring: Type.Object({
        from: Type.Optional(Type.String({ maxLength: 40 })), to: Type.Optional(Type.String({ maxLength: 40 })),
        action: Type.Optional(Type.String({ maxLength: 40 })), username: Type.Optional(Type.String({ maxLength: 64 })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 200 })),
      }),
      response: { 200: Type.Array(AuditEntryReply), ...errors },
    },
  }, async (req) => {
    const q = req.query
    const time = (name: string, v?: string) => {
      if (v == null) return undefined
      const t = Date.parse(v)
      if (Number.isNaN(t)) throw new AppError('VALIDATION', `${name} must be an ISO 8601 time; got ${JSON.stringify(v)}`)
      return t
    }
    return users.auditLog({ from: time('from', q.from), to: time('to', q.to), action: q.action, username: q.username, limit: q.limit ?? 200 })
  })
}

/** A bearer token when one is sent (a wrong one is refused, never ignored), else the session cookie. */
async function authenticate(req: FastifyRequest, users: Users): Promise<Principal | null> {
  const h = req.headers.authorization
  if (h) {
    const m = /^Bearer\s+(\S{10,200})$/i.exec(h)
    if (!m) throw new AppError('UNAUTHORIZED', 'Authorization must be "Bearer <token>"')
    const p = await users.byToken(m[1])
    if (!p) throw new AppError('UNAUTHORIZED', 'unknown or revoked token')
    return p
  }
  const sid = req.cookies?.[SESSION_COOKIE]
  if (!sid || sid.length > 200) return null
  return users.bySession(sid)
}

export default fp(authPlugin, { name: 'tousu-auth' })
