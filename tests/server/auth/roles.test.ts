/**
 * Issue 7 item 1, roles: every entry of ROUTE_POLICY called anonymously and as each role. Anonymous →
 * 401 on everything not public; a role without the permission → 403 with nothing stored or changed; a
 * role with it → served. And the other way round: every API route the app registers is named in
 * ROUTE_POLICY, and an unnamed one cannot even be registered.
 */
import type { FastifyInstance, InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../../server/src/app.js'
import { ROLES, ROLE_PERMISSIONS, ROUTE_POLICY, type Role } from '../../../server/src/auth/roles.js'
import { STORE, startService, type TestService } from '../../helpers/service.js'
import { COMPLAINT, SITES_CSV, seed, snapshot } from './helpers.js'

let t: TestService
const tokens = {} as Record<Role, string>
const PASSWORD = 'matrix-password-1'
let n = 0

beforeAll(async () => {
  t = await startService()
  await seed(t)
  for (const role of ROLES) tokens[role] = await t.tokenFor(role, `m-${role}`)
  await t.userWith('agent', PASSWORD, 'm-login')
  await t.users.create({ username: 'm-target', role: 'agent' })
  const rec = await t.app.inject({ method: 'POST', url: '/api/complaints', payload: { ...COMPLAINT, id: 'C-matrix' } })
  expect(rec.statusCode, rec.body).toBe(201)
})
afterAll(async () => { await t?.close() })

const WINDOW = { from: '2026-11-01T00:00:00+08:00', to: '2026-11-30T00:00:00+08:00' }
const POLYGON = { type: 'Polygon', coordinates: [[[113.3, 23.1], [113.4, 23.1], [113.4, 23.2], [113.3, 23.2], [113.3, 23.1]]] }
const json = (method: 'POST' | 'PATCH' | 'PUT', url: string, body: unknown): InjectOptions => ({ method, url, payload: body as object })

/**
 * A plausible request per policy entry, and what a caller allowed to make it gets: 2xx unless
 * `allowed` says otherwise (no tile pyramid in a test → 404; an asset name the schema refuses → 400,
 * so the test never pays for bundling the web app).
 */
const REQUESTS: Record<string, { req: () => Promise<InjectOptions> | InjectOptions; allowed?: number }> = {
  'GET /health': { req: () => ({ url: '/health' }) },
  // A test service on PostgreSQL follows no change feed (main.ts starts it): it is rightly not ready.
  'GET /ready': { req: () => ({ url: '/ready' }), allowed: STORE === 'postgis' ? 503 : 200 },
  'GET /tiles.json': { req: () => ({ url: '/tiles.json' }), allowed: 404 },
  'GET /tiles/:z/:x/:y.png': { req: () => ({ url: '/tiles/12/3337/1780.png' }), allowed: 404 },
  'GET /tiles/:z/:x/:y.webp': { req: () => ({ url: '/tiles/12/3337/1780.webp' }), allowed: 404 },
  'GET /assets/:file': { req: () => ({ url: '/assets/no-such-asset' }), allowed: 400 },
  'POST /api/auth/login': { req: () => json('POST', '/api/auth/login', { username: 'm-login', password: PASSWORD }) },
  'POST /api/auth/logout': { req: () => ({ method: 'POST', url: '/api/auth/logout' }) },
  'GET /api/auth/session': { req: () => ({ url: '/api/auth/session' }) },
  'GET /api/auth/me': { req: () => ({ url: '/api/auth/me' }) },
  // The matrix users have no password (token only): a token proves who they are.
  'POST /api/auth/password': { req: () => json('POST', '/api/auth/password', { current: '', password: `new-password-${++n}` }) },

  'GET /api/search': { req: () => ({ url: `/api/search?q=${encodeURIComponent('白马')}` }) },
  'GET /api/sites': { req: () => ({ url: '/api/sites' }) },
  'GET /api/sites/:id': { req: () => ({ url: '/api/sites/S1' }) },
  'GET /api/layers/coverage': { req: () => ({ url: '/api/layers/coverage' }) },
  'GET /api/layers/planned': { req: () => ({ url: '/api/layers/planned' }) },
  'GET /api/layers/cutovers': { req: () => ({ url: '/api/layers/cutovers' }) },
  'GET /api/layers/cells': { req: () => ({ url: '/api/layers/cells' }) },
  'GET /api/layers/complaints': { req: () => ({ url: '/api/layers/complaints' }) },
  'GET /api/layers/features/:id': { req: () => ({ url: '/api/layers/features/D1' }) },
  'GET /api/layers/districts': { req: () => ({ url: '/api/layers/districts' }) },
  // Issue 9: the network-element tree and one element.
  'GET /api/network/tree': { req: () => ({ url: '/api/network/tree' }) },
  'GET /api/network/elements/:type/:id': { req: () => ({ url: '/api/network/elements/bsc/BSC1' }) },
  // Server-sent events never end: the answer is read as a stream and dropped after its head.
  'GET /api/events': { req: () => ({ url: '/api/events', payloadAsStream: true }) },
  'GET /api/warnings': { req: () => ({ url: '/api/warnings' }) },

  'POST /api/diagnose': { req: () => json('POST', '/api/diagnose', COMPLAINT) },
  'POST /api/complaints': { req: () => json('POST', '/api/complaints', COMPLAINT) },
  'GET /api/complaints': { req: () => ({ url: '/api/complaints' }) },
  'GET /api/complaints/:id': { req: () => ({ url: '/api/complaints/C-matrix' }) },
  'GET /api/complaints/lookup': { req: () => ({ url: '/api/complaints/lookup?q=C-matrix' }) },
  'GET /api/complaints/export': { req: () => ({ url: `/api/complaints/export?${new URLSearchParams(WINDOW)}` }) },

  'POST /api/complaints/area': { req: () => json('POST', '/api/complaints/area', { district: 'D1', ...WINDOW }) },
  'GET /api/districts/stats': { req: () => ({ url: `/api/districts/stats?${new URLSearchParams(WINDOW)}` }) },
  'POST /api/analysis': { req: () => json('POST', '/api/analysis', { bbox: [113, 23, 114, 24], ...WINDOW }) },
  'POST /api/analysis/area': { req: () => json('POST', '/api/analysis/area', { area: POLYGON, ...WINDOW }) },
  'GET /api/analysis/precision': { req: () => ({ url: '/api/analysis/precision' }) },

  'POST /api/import/:kind': { req: () => ({ method: 'POST', url: '/api/import/sites', headers: { 'content-type': 'text/csv' }, payload: SITES_CSV }) },
  'GET /api/import-mappings': { req: () => ({ url: '/api/import-mappings' }) },
  'PUT /api/import-mappings/:name': { req: () => ({ method: 'PUT', url: '/api/import-mappings/roles-probe', payload: { kind: 'sites', columns: { 站号: 'id' } } }) },
  'DELETE /api/import-mappings/:name': { req: async () => { await t.app.inject(json('PUT', '/api/import-mappings/to-remove', { kind: 'sites' })); return { method: 'DELETE', url: '/api/import-mappings/to-remove' } } },
  'POST /api/import-guess': { req: () => ({ method: 'POST', url: '/api/import-guess', headers: { 'content-type': 'text/csv' }, payload: SITES_CSV }) },
  'GET /api/import-history': { req: () => ({ url: '/api/import-history?limit=5' }) },

  'GET /api/users': { req: () => ({ url: '/api/users' }) },
  'POST /api/users': { req: () => json('POST', '/api/users', { username: `m-new-${++n}`, role: 'agent' }) },
  'PATCH /api/users/:username': { req: () => json('PATCH', '/api/users/m-target', { displayName: `目标${++n}` }) },
  'GET /api/users/:username/tokens': { req: () => ({ url: '/api/users/m-target/tokens' }) },
  'POST /api/users/:username/tokens': { req: () => json('POST', '/api/users/m-target/tokens', { name: `matrix ${++n}` }) },
  'DELETE /api/users/:username/tokens/:id': {
    req: async () => ({ method: 'DELETE', url: `/api/users/m-target/tokens/${(await t.users.issueToken('m-target', `to revoke ${++n}`)).id}` }),
  },
  'GET /api/audit': { req: () => ({ url: '/api/audit' }) },
  // Issue 8: the workflow (each call on a complaint of its own, so every allowed caller finds it answerable).
  'GET /api/complaints/overdue': { req: () => ({ url: '/api/complaints/overdue' }) },
  'GET /api/complaints/:id/history': { req: () => ({ url: '/api/complaints/C-matrix/history' }) },
  'POST /api/complaints/:id/actions': {
    req: async () => {
      const id = `C-wf-${++n}`
      const rec = await t.app.inject({ method: 'POST', url: '/api/complaints', payload: { ...COMPLAINT, id } })
      expect(rec.statusCode, rec.body).toBe(201)
      return json('POST', `/api/complaints/${id}/actions`, { action: 'answer', note: '矩阵' })
    },
  },
  'GET /api/figures': { req: () => ({ url: `/api/figures?from=${encodeURIComponent(WINDOW.from)}&to=${encodeURIComponent(WINDOW.to)}` }) },
  'POST /api/figures': { req: () => json('POST', '/api/figures', { area: POLYGON, ...WINDOW }) },
  // Issue 9: the feeds' status.
  'GET /api/feeds': { req: () => ({ url: '/api/feeds' }) },
  // Issue 8: the answer-script knowledge base (admin).
  'GET /api/templates': { req: () => ({ url: '/api/templates' }) },
  'GET /api/templates/:code': { req: () => ({ url: '/api/templates/unknown' }) },
  'PUT /api/templates/:code': { req: () => ({ method: 'PUT', url: '/api/templates/unknown', payload: { text: `矩阵${++n}:{address}`, note: 'matrix' } }) },
  'POST /api/templates/:code/preview': { req: () => json('POST', '/api/templates/unknown/preview', { complaintId: 'C-matrix' }) },
  'GET /api/templates/:code/complaints': { req: () => ({ url: '/api/templates/unknown/complaints' }) },
  // Issue 8: integration (the embedded page, its tokens, webhooks).
  'GET /embed': { req: () => ({ url: '/embed?origin=not-an-origin' }), allowed: 400 },
  'POST /api/embed/tokens': { req: () => json('POST', '/api/embed/tokens', { username: 'm-target' }) },
  'POST /api/webhooks': { req: () => json('POST', '/api/webhooks', { url: 'http://127.0.0.1:9/hook' }) },
  'GET /api/webhooks': { req: () => ({ url: '/api/webhooks' }) },
  'DELETE /api/webhooks/:id': { req: async () => ({ method: 'DELETE', url: `/api/webhooks/${(await t.app.inject(json('POST', '/api/webhooks', { url: 'http://127.0.0.1:9/x' }))).json().id}` }) },
  'GET /api/webhooks/:id/deliveries': { req: async () => ({ url: `/api/webhooks/${(await t.app.inject(json('POST', '/api/webhooks', { url: 'http://127.0.0.1:9/y' }))).json().id}/deliveries` }) },
  // Issue 9 item 3: published network information (objects made by the admin before each call).
  'GET /api/publish/types': { req: () => ({ url: '/api/publish/types' }) },
  'POST /api/publish/types': { req: () => json('POST', '/api/publish/types', { id: `m_type_${++n}`, name: '矩阵', geometry: 'point', fields: [], symbol: { color: '#000000', shape: 'pin' } }) },
  'PATCH /api/publish/types/:id': { req: () => json('PATCH', '/api/publish/types/blind_spot', { symbol: { color: '#c0392b', shape: 'circle' } }) },
  'GET /api/publish/objects': { req: () => ({ url: '/api/publish/objects?bbox=113,23,114,24' }) },
  'GET /api/publish/objects/:id': { req: async () => ({ url: `/api/publish/objects/${await publishedId()}` }) },
  'POST /api/publish/objects': { req: () => json('POST', '/api/publish/objects', PUBLISHED) },
  'PATCH /api/publish/objects/:id': { req: async () => json('PATCH', `/api/publish/objects/${await publishedId()}`, { fields: { description: `矩阵${++n}` } }) },
  'DELETE /api/publish/objects/:id': { req: async () => ({ method: 'DELETE', url: `/api/publish/objects/${await publishedId()}` }) },
}

/** A blind spot to publish, and one published by the admin (for the routes that need an object). */
const PUBLISHED = { typeId: 'blind_spot', geometry: POLYGON, fields: { description: '矩阵盲点' } }
const publishedId = async () => (await t.app.inject(json('POST', '/api/publish/objects', PUBLISHED))).json().id as string

type Caller = 'anonymous' | Role
const CALLERS: Caller[] = ['anonymous', ...ROLES]

async function call(caller: Caller, req: InjectOptions) {
  const headers = { ...(req.headers ?? {}), authorization: caller === 'anonymous' ? '' : `Bearer ${tokens[caller]}` }
  const res = await t.app.inject({ ...req, headers })
  // The event stream stays open: read its head, then let it go.
  if ((req as { payloadAsStream?: boolean }).payloadAsStream) {
    const stream = res.stream()
    const body = res.statusCode === 200 ? '' : await new Promise<string>((resolve) => {
      let s = ''
      stream.on('data', (c: Buffer) => (s += c)).on('end', () => resolve(s)).on('error', () => resolve(s))
    })
    stream.destroy()
    return { statusCode: res.statusCode, body, json: () => JSON.parse(body) as { code: string } }
  }
  return res
}

describe('ROUTE_POLICY × {anonymous, agent, engineer, admin}', () => {
  it('has a request for every policy entry and no other', () => {
    expect(Object.keys(REQUESTS).sort()).toEqual(Object.keys(ROUTE_POLICY).sort())
  })

  for (const [key, rule] of Object.entries(ROUTE_POLICY)) {
    it(`${key} (${rule})`, async () => {
      const [method, url] = key.split(' ')
      expect(t.app.hasRoute({ method: method as 'GET', url }), `${key} is in ROUTE_POLICY but no such route is registered`).toBe(true)
      for (const caller of CALLERS) {
        const req = await REQUESTS[key].req()
        const before = await snapshot(t)
        const res = await call(caller, req)
        const what = `${caller} → ${key}: ${res.statusCode} ${res.body.slice(0, 300)}`
        if (rule === 'public') {
          expect([401, 403], what).not.toContain(res.statusCode)
        } else if (caller === 'anonymous') {
          expect(res.statusCode, what).toBe(401)
          expect(res.json().code, what).toBe('UNAUTHORIZED')
          expect(await snapshot(t), `${what}: something changed`).toBe(before)
        } else if (rule !== 'session' && !ROLE_PERMISSIONS[caller].has(rule)) {
          expect(res.statusCode, what).toBe(403)
          expect(res.json().code, what).toBe('FORBIDDEN')
          expect(await snapshot(t), `${what}: something changed`).toBe(before)
        } else {
          expect([401, 403], what).not.toContain(res.statusCode)
        }
        // Every caller allowed in (anyone on a public route) gets the route's real answer.
        const allowedIn = rule === 'public' || (caller !== 'anonymous' && (rule === 'session' || ROLE_PERMISSIONS[caller].has(rule)))
        if (allowedIn) {
          if (REQUESTS[key].allowed) expect(res.statusCode, what).toBe(REQUESTS[key].allowed)
          else expect(res.statusCode, what).toBeLessThan(300)
        }
      }
    })
  }

  it('denies by role as the issue says: agents neither analyse, export, import nor manage users; engineers do all but users', () => {
    const needs = (p: string) => Object.entries(ROUTE_POLICY).filter(([, r]) => r === p).map(([k]) => k)
    expect(needs('import')).toContain('POST /api/import/:kind')
    expect(needs('users')).toEqual(expect.arrayContaining(['GET /api/users', 'POST /api/users', 'GET /api/audit']))
    expect([...ROLE_PERMISSIONS.agent].sort()).toEqual(['complaint:read', 'complaint:record', 'complaint:workflow', 'diagnose', 'network:read'])
    // Dispatching to a team and entering a field test's result are the network side's (issue 8).
    expect(ROLE_PERMISSIONS.agent.has('complaint:dispatch')).toBe(false)
    expect(ROLE_PERMISSIONS.engineer.has('complaint:dispatch')).toBe(true)
    for (const p of ['analysis', 'export', 'import']) {
      expect(ROLE_PERMISSIONS.agent.has(p as never)).toBe(false)
      expect(ROLE_PERMISSIONS.engineer.has(p as never)).toBe(true)
    }
    for (const p of ['users', 'templates', 'tiles:build', 'export:number']) expect(ROLE_PERMISSIONS.engineer.has(p as never)).toBe(false)
    for (const p of ROLE_PERMISSIONS.engineer) expect(ROLE_PERMISSIONS.admin.has(p)).toBe(true)
  })
})

/** The app's routes as "METHOD /url", read from printRoutes() (HEAD and OPTIONS left out). */
function registeredRoutes(app: FastifyInstance): string[] {
  const out = new Set<string>()
  const stack: string[] = []
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (.*?) \(([A-Z, ]+)\)$/.exec(line)
    if (!m) continue
    stack.length = m[1].length / 4
    const path = stack.join('') + m[2]
    stack.push(m[2])
    for (const method of m[3].split(',').map((s) => s.trim())) if (method !== 'HEAD' && method !== 'OPTIONS') out.add(`${method} ${path}`)
  }
  return [...out]
}

describe('every API route has a policy', () => {
  it('names every registered route under /api and /tiles in ROUTE_POLICY', () => {
    const routes = registeredRoutes(t.app)
    // The parser sees the routes (a broken parse would make the check below vacuous).
    expect(routes).toEqual(expect.arrayContaining(['POST /api/diagnose', 'GET /api/users/:username/tokens', 'DELETE /api/users/:username/tokens/:id', 'GET /health']))
    const guarded = routes.filter((r) => / \/(api|tiles)/.test(r))
    expect(guarded.length).toBeGreaterThan(30)
    expect(guarded.filter((r) => !(r in ROUTE_POLICY))).toEqual([])
  })

  it('refuses to register an API route that ROUTE_POLICY does not name', async () => {
    const app = await build({ service: t.service, users: t.users })
    try {
      const handler = async () => ({ open: true })
      expect(() => app.get('/api/stray', handler)).toThrow(/ROUTE_POLICY/)
      expect(() => app.post('/api/users/:username/stray', handler)).toThrow(/ROUTE_POLICY/)
      expect(() => app.get('/tiles/stray', handler)).toThrow(/ROUTE_POLICY/)
      // A known URL with a method nobody named is as stray as an unknown URL.
      expect(() => app.delete('/api/complaints/:id', handler)).toThrow(/ROUTE_POLICY/)
      await app.ready()
      const res = await app.inject({ url: '/api/stray' })
      expect(res.statusCode).toBe(404)
    } finally {
      await app.close()
    }
  })
})
