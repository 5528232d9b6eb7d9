/**
 * Roles and what each may do (issue 7). Every route of the API is named here with the permission it
 * needs; a route missing from ROUTE_POLICY stops the service at start, so none is ever open by accident.
 */

import type { Role } from '../../../contract/src/roles.js'

export { ROLES, ROLE_LABELS, type Role } from '../../../contract/src/roles.js'

export const PERMISSIONS = [
  'network:read', //      the map, sites, layers, search, warnings, live events
  'diagnose', //          POST /api/diagnose
  'complaint:record', //  POST /api/complaints
  'complaint:read', //    list and read complaints (numbers masked)
  'complaint:number', //  see customers' full numbers in the API (field tests and call-backs need them)
  'complaint:workflow', // workflow steps of the customer-facing side: answer, call back, close, reopen
  'complaint:dispatch', // workflow steps of the network side: dispatch to a team, enter a field test's result
  'analysis', //          batch analysis, area analysis, precision, district figures
  'export', //            server-side exports (audited)
  'export:number', //     exports that include customers' full numbers
  'import', //            network data and complaint files
  'users', //             users, tokens, the audit log
  'templates', //         answer-script templates
  'tiles:build', //       tile builds
  'embed:issue', //       short-lived agent tokens for the page embedded in the customer-service system
  'webhooks', //          outgoing webhook subscriptions and their deliveries
  'publish', //           publish, edit and withdraw network information on the map (网维信息发布)
  'publish:types', //     define the operator's information types (name, fields, symbol, how the diagnosis reads them)
] as const
export type Permission = (typeof PERMISSIONS)[number]

const AGENT: Permission[] = ['network:read', 'diagnose', 'complaint:record', 'complaint:read', 'complaint:workflow']
const ENGINEER: Permission[] = [...AGENT, 'complaint:dispatch', 'complaint:number', 'analysis', 'export', 'import', 'embed:issue', 'publish']
const ADMIN: Permission[] = [...ENGINEER, 'export:number', 'users', 'templates', 'tiles:build', 'webhooks', 'publish:types']

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  agent: new Set(AGENT),
  engineer: new Set(ENGINEER),
  admin: new Set(ADMIN),
}

export const can = (role: Role | undefined, p: Permission) => role != null && ROLE_PERMISSIONS[role].has(p)

/** 'public': anyone, logged in or not. 'session': any logged-in user. Otherwise the permission needed. */
export type RouteRule = 'public' | 'session' | Permission

/**
 * `METHOD url` (Fastify's route pattern) → rule. Public: the login itself, health, the base map, the
 * web app's files and the API docs. Everything else needs a user.
 */
export const ROUTE_POLICY: Record<string, RouteRule> = {
  'GET /health': 'public',
  'GET /ready': 'public',
  'GET /tiles.json': 'public',
  'GET /tiles/:z/:x/:y.png': 'public',
  'GET /tiles/:z/:x/:y.webp': 'public',
  'GET /assets/:file': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/auth/session': 'public',
  'GET /api/auth/me': 'session',
  'POST /api/auth/password': 'session',

  'GET /api/search': 'network:read',
  'GET /api/sites': 'network:read',
  'GET /api/sites/:id': 'network:read',
  'GET /api/layers/coverage': 'network:read',
  'GET /api/layers/planned': 'network:read',
  'GET /api/layers/cutovers': 'network:read',
  'GET /api/layers/cells': 'network:read',
  'GET /api/layers/complaints': 'complaint:read',
  'GET /api/layers/features/:id': 'network:read',
  'GET /api/layers/districts': 'network:read',
  'GET /api/events': 'network:read',
  'GET /api/warnings': 'network:read',
  'GET /api/network/tree': 'network:read',
  'GET /api/network/elements/:type/:id': 'network:read',

  'POST /api/diagnose': 'diagnose',
  'POST /api/complaints': 'complaint:record',
  'GET /api/complaints': 'complaint:read',
  'GET /api/complaints/:id': 'complaint:read',
  'GET /api/complaints/lookup': 'complaint:read',
  'GET /api/complaints/export': 'export',
  'GET /api/complaints/overdue': 'complaint:read',
  'GET /api/complaints/:id/history': 'complaint:read',
  // Each step needs its own permission too (routes/workflow: answer/call_back/close/reopen complaint:workflow, dispatch/field_test complaint:dispatch).
  'POST /api/complaints/:id/actions': 'complaint:workflow',
  'GET /api/figures': 'analysis',
  'POST /api/figures': 'analysis',

  'POST /api/complaints/area': 'analysis',
  'GET /api/districts/stats': 'analysis',
  'POST /api/analysis': 'analysis',
  'POST /api/analysis/area': 'analysis',
  'GET /api/analysis/precision': 'analysis',

  'POST /api/import/:kind': 'import',
  'POST /api/import-guess': 'import',
  'GET /api/import-mappings': 'import',
  'PUT /api/import-mappings/:name': 'import',
  'DELETE /api/import-mappings/:name': 'import',
  'GET /api/import-history': 'import',
  'GET /api/feeds': 'import',

  'GET /api/users': 'users',
  'POST /api/users': 'users',
  'PATCH /api/users/:username': 'users',
  'GET /api/users/:username/tokens': 'users',
  'POST /api/users/:username/tokens': 'users',
  'DELETE /api/users/:username/tokens/:id': 'users',
  'GET /api/audit': 'users',

  'GET /api/templates': 'templates',
  'GET /api/templates/:code': 'templates',
  'PUT /api/templates/:code': 'templates',
  'POST /api/templates/:code/preview': 'templates',
  'GET /api/templates/:code/complaints': 'templates',

  // Integration with the customer-service system (issue 8): the page is public, its API calls carry the embed token.
  'GET /embed': 'public',
  'POST /api/embed/tokens': 'embed:issue',
  'POST /api/webhooks': 'webhooks',
  'GET /api/webhooks': 'webhooks',
  'DELETE /api/webhooks/:id': 'webhooks',
  'GET /api/webhooks/:id/deliveries': 'webhooks',

  // Published network information (issue 9 item 3): everyone sees it, engineers publish, admins define types.
  'GET /api/publish/types': 'session',
  'POST /api/publish/types': 'publish:types',
  'PATCH /api/publish/types/:id': 'publish:types',
  'GET /api/publish/objects': 'network:read',
  'GET /api/publish/objects/:id': 'network:read',
  'POST /api/publish/objects': 'publish',
  'PATCH /api/publish/objects/:id': 'publish',
  'DELETE /api/publish/objects/:id': 'publish',
}

/** The rule for a route, or undefined when the route is not an API route and is static (web app, docs). */
export function ruleFor(method: string, url: string): RouteRule | undefined {
  const rule = ROUTE_POLICY[`${method} ${url}`]
  if (rule) return rule
  if (method === 'HEAD') return ROUTE_POLICY[`GET ${url}`]
  if (url === '/' || url === '/*' || url.startsWith('/docs')) return 'public'
  return undefined
}
