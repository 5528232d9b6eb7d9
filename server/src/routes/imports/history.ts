/**
 * GET /api/import-history — the committed imports, newest first, for the import page (数据导入): who,
 * when, what kind, how many, the file. Read from the audit log's `import` entries (web imports and the
 * CLI's), so it is the same record an admin sees in GET /api/audit, without the rest of the log:
 * engineers may import, but the audit log itself is admin-only.
 */
import { basename } from 'node:path'
import { Type, type Static } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AuditEntry, Users } from '../../auth/users.js'
import { errorReplies } from '../../../../contract/src/schemas/common.js'
import { ImportHistoryReply, type ImportHistoryItem } from '../../../../contract/src/schemas/imports.js'
import { XLSX_MEDIA_TYPE } from '../../ingest/xlsx.js'

type Item = Static<typeof ImportHistoryItem>
type Format = NonNullable<Item['format']>

/** The format an audited import was in: as the CLI recorded it, else from the file's extension or the Content-Type. */
function formatOf(details: Record<string, unknown>, filename: string | null): Format | undefined {
  if (details.format === 'csv' || details.format === 'xlsx' || details.format === 'geojson') return details.format
  const ext = /\.([a-z]+)$/i.exec(filename ?? '')?.[1]?.toLowerCase()
  if (ext === 'xlsx') return 'xlsx'
  if (ext === 'csv' || ext === 'txt') return 'csv'
  if (ext === 'geojson' || ext === 'json') return 'geojson'
  const type = typeof details.contentType === 'string' ? details.contentType.split(';')[0].trim().toLowerCase() : ''
  if (type === XLSX_MEDIA_TYPE) return 'xlsx'
  if (type === 'text/csv') return 'csv'
  if (type === 'application/geo+json' || type === 'application/json') return 'geojson'
  return undefined
}

const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0)

/** One audit entry as a history row; the HTTP route keeps `filename`, the CLI the file's path. */
export function historyItem(e: AuditEntry): Item {
  const d = e.details ?? {}
  const filename = typeof d.filename === 'string' && d.filename !== '' ? d.filename : typeof d.file === 'string' && d.file !== '' ? basename(d.file) : null
  const format = formatOf(d, filename)
  return {
    at: e.at, username: e.username, kind: e.target ?? '', imported: count(d.imported), skipped: count(d.skipped), filename,
    ...(format ? { format } : {}),
  }
}

export const importHistoryRoutes: FastifyPluginAsyncTypebox<{ users: Users }> = async (app, { users }) => {
  app.get('/api/import-history', {
    schema: {
      tags: ['import'],
      summary: 'The committed imports, newest first (who, when, kind, how many, the file): the audit log\'s import entries',
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })) }),
      response: { 200: ImportHistoryReply, ...errorReplies },
    },
  }, async (req) => (await users.auditLog({ action: 'import', limit: req.query.limit ?? 50 })).map(historyItem))
}
