/**
 * The audit trail of what changes data or lets it out (issue 7): every import, every agent override of
 * the suggested cause, every export — who, what, when — written when the request succeeded, before
 * the answer leaves.
 */
import type { FastifyInstance, FastifyRequest, onSendHookHandler } from 'fastify'
import type { Users } from './users.js'
import { actor } from './plugin.js'

type Audited = (req: FastifyRequest, body: Record<string, unknown>) => { action: string; target?: string; details: Record<string, unknown> } | null

const AUDITED: Record<string, Audited> = {
  // A dry run stores nothing and is not an import; the import page's history reads these entries.
  'POST /api/import/:kind': (req, body) => body.dryRun === true ? null : ({
    action: 'import',
    target: String((req.params as { kind: string }).kind),
    details: {
      imported: body.imported, skipped: Array.isArray(body.skipped) ? body.skipped.length : 0, query: req.query,
      contentType: req.headers['content-type'] ?? null, bytes: Number(req.headers['content-length'] ?? 0),
      filename: (req.query as { filename?: string }).filename ?? null,
    },
  }),
  'PUT /api/import-mappings/:name': (_req, body) => ({ action: 'import_mapping_saved', target: String(body.name), details: { kind: body.kind, columns: body.columns, defaults: body.defaults, crs: body.crs, encoding: body.encoding, sheet: body.sheet } }),
  'DELETE /api/import-mappings/:name': (req) => ({ action: 'import_mapping_removed', target: String((req.params as { name: string }).name), details: {} }),
  'POST /api/complaints': (_req, body) => body.overridden
    ? { action: 'override', target: String(body.id), details: { suggested: body.suggestedCause, final: body.cause } }
    : null,
  'GET /api/complaints/export': (req, body) => ({ action: 'export', target: 'complaints', details: { query: req.query, rows: body.rows } }),
}

/**
 * Hooks the audit onto the audited routes only (registered after this call): every other route has no
 * onSend hook of ours at all — the global hook it replaces ran, and awaited, on every request.
 */
export function auditHooks(app: FastifyInstance, users: Users) {
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    const audited = methods.map((m) => AUDITED[`${m} ${route.url}`]).find((a) => a != null)
    if (!audited) return
    const onSend: onSendHookHandler = async (req, reply, payload) => {
      if (reply.statusCode >= 300) return payload
      // Exports stream CSV: they put their row count in a header instead of a JSON body.
      let body: Record<string, unknown> = {}
      if (typeof payload === 'string' && payload.startsWith('{')) body = JSON.parse(payload) as Record<string, unknown>
      const rows = reply.getHeader('x-row-count')
      if (rows != null) body.rows = Number(rows)
      const entry = audited(req, body)
      if (entry) await users.audit({ ...actor(req), ...entry })
      return payload
    }
    const given = route.onSend == null ? [] : Array.isArray(route.onSend) ? route.onSend : [route.onSend]
    route.onSend = [...given, onSend]
  })
}
