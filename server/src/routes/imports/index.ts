/**
 * POST /api/import/{kind} — GeoJSON, CSV or XLSX, atomic (one bad row → 400 naming row and field, nothing
 * stored), idempotent by id, coordinates converted to WGS-84 from the `crs` the caller names.
 * `dryRun=true` answers what would be imported (the column mapping, the first rows as stored, every
 * problem) and stores nothing.
 */
import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AppError } from '../../errors.js'
import { IMPORT_KINDS, type ImportKind } from '../../domain/types.js'
import { parseCrs } from '../../geo/crs.js'
import type { ImportOptions } from '../../ingest/index.js'
import { isEmptyInput, readImportBody } from '../../ingest/body.js'
import { guessKind } from '../../ingest/guess.js'
import { headerOf } from '../../ingest/preview.js'
import type { NetworkService } from '../../service/network-service.js'
import type { ImportMappings } from '../../service/import-mappings.js'
import { CrsName, errorReplies, ImportGuessReply, ImportPreviewReply, ImportSummaryReply } from '../../../../contract/src/schemas/common.js'
import { parseBbox, parsePairs } from '../../service/params.js'

/** `maxRows`: rows one request may have (config/imports.ts); more → 413 naming the cap and the count. */
export const importRoutes: FastifyPluginAsyncTypebox<{ service: NetworkService; mappings: ImportMappings; maxRows: number }> = async (app, { service, mappings, maxRows }) => {
  // Inside this plugin every body is read as bytes: the importer decodes them (UTF-8, or GBK/GB18030 when
  // the charset or ?encoding= says so) and parses CSV and GeoJSON itself, reporting problems by row.
  // The body limit is the import limit of SecurityOptions, set on this route by the auth plugin.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body))

  app.post('/api/import-guess', {
    schema: {
      tags: ['import'],
      summary: 'Which kind a file is, from its column names (the import page preselects it); reads nothing into the store',
      querystring: Type.Object({
        encoding: Type.Optional(Type.String({ maxLength: 40 })),
        sheet: Type.Optional(Type.String({ maxLength: 100 })),
        filename: Type.Optional(Type.String({ maxLength: 255 })),
      }),
      response: { 200: ImportGuessReply, ...errorReplies, 413: errorReplies[400], 415: errorReplies[400] },
    },
  }, async (req) => {
    const body = req.body == null ? Buffer.alloc(0) : (req.body as Buffer)
    if (body.length === 0) throw new AppError('VALIDATION', 'the body is empty: send the file to look at')
    const q = req.query
    const input = await readImportBody('import', body, { contentType: req.headers['content-type'], encoding: q.encoding, filename: q.filename, sheet: q.sheet })
    // Only a worksheet's header row depends on the kind (the first row naming two of its fields); a CSV
    // or GeoJSON header is read once, not once per kind.
    const options = { crs: 'wgs84' as const }
    const fixed = input.format === 'xlsx' ? null : headerOf('sites', input, options)
    const candidates = guessKind((kind) => fixed ?? headerOf(kind, input, options))
    return {
      kind: candidates[0]?.kind ?? null,
      candidates,
      format: input.format,
      ...(input.format === 'xlsx' ? { sheet: input.sheet, sheets: input.sheets ?? [input.sheet] } : {}),
    }
  })

  app.post('/api/import/:kind', {
    schema: {
      tags: ['import'],
      summary: 'Import one kind of network data (CSV, XLSX or GeoJSON), atomically; dryRun=true answers what would be imported',
      description: `kinds: ${IMPORT_KINDS.join(', ')}. Content-Type text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet or application/geo+json (application/json accepted).`,
      params: Type.Object({ kind: Type.String() }),
      querystring: Type.Object({
        crs: Type.Optional(CrsName), // no schema default: a saved mapping's CRS applies when the request names none
        bbox: Type.Optional(Type.String({ description: 'minLon,minLat,maxLon,maxLat (WGS-84): rows outside are rejected or skipped' })),
        outside: Type.Optional(Type.Union([Type.Literal('reject'), Type.Literal('skip')], { default: 'reject' })),
        columns: Type.Optional(Type.String({ description: 'rename source columns, e.g. latitude:lat,address:name' })),
        defaults: Type.Optional(Type.String({ description: 'values for absent fields, e.g. tech:4G' })),
        encoding: Type.Optional(Type.String({ maxLength: 40, description: 'utf-8 (default), gbk, gb2312 or gb18030; or name it in the Content-Type charset' })),
        sheet: Type.Optional(Type.String({ maxLength: 100, description: 'XLSX: the sheet by name or 1-based number (default: the first)' })),
        filename: Type.Optional(Type.String({ maxLength: 255, description: 'the uploaded file\'s name: its extension (.xlsx, .csv, .geojson) says the format; kept in the audit log' })),
        dryRun: Type.Optional(Type.Boolean({ default: false, description: 'validate and answer what would be imported; store nothing' })),
        mapping: Type.Optional(Type.String({ maxLength: 64, description: 'a saved mapping (GET /api/import-mappings): its columns, defaults, CRS, encoding and sheet, under what this request says itself' })),
      }),
      response: {
        200: Type.Union([ImportSummaryReply, ImportPreviewReply]),
        ...errorReplies,
        413: errorReplies[400],
        415: errorReplies[400],
      },
    },
  }, async (req) => {
    const kind = req.params.kind as ImportKind
    if (!IMPORT_KINDS.includes(kind)) throw new AppError('UNKNOWN_KIND', `unknown import kind "${req.params.kind}"; expected one of ${IMPORT_KINDS.join(', ')}`)
    const q = req.query
    const body = req.body == null ? Buffer.alloc(0) : (req.body as Buffer)
    if (body.length === 0) throw new AppError('VALIDATION', 'the body is empty: send a CSV (text/csv), an XLSX workbook or a GeoJSON FeatureCollection (application/geo+json)')
    // A saved mapping is the base; what the request names itself wins.
    const saved = q.mapping ? await mappings.get(q.mapping) : null
    if (saved && saved.kind !== kind) throw new AppError('VALIDATION', `mapping: "${saved.name}" is a mapping of ${saved.kind}, not of ${kind}`, { field: 'mapping', rule: 'enum' })
    const encoding = q.encoding ?? saved?.encoding ?? undefined
    const sheet = q.sheet ?? saved?.sheet ?? undefined
    const input = await readImportBody(kind, body, { contentType: req.headers['content-type'], encoding, filename: q.filename, sheet })
    if (isEmptyInput(input)) throw new AppError('VALIDATION', 'the file is empty: send a CSV (text/csv), an XLSX workbook or a GeoJSON FeatureCollection (application/geo+json)')
    const options: ImportOptions = {
      crs: parseCrs(q.crs ?? saved?.crs ?? 'wgs84'),
      bbox: q.bbox ? parseBbox(q.bbox) : undefined,
      outside: q.outside,
      columns: merged(saved?.columns, parsePairs(q.columns, 'columns')),
      defaults: merged(saved?.defaults, parsePairs(q.defaults, 'defaults')),
      maxRows,
    }
    if (q.dryRun) return { dryRun: true as const, ...service.previewImport(kind, input, options) }
    const summary = await service.importText(kind, input, options)
    req.log.info({ kind, imported: summary.imported, skipped: summary.skipped.length }, 'import committed')
    return summary
  })
}

/** A saved mapping's pairs under the request's own (the request wins per key); undefined when neither has any. */
function merged(saved: Record<string, string> | undefined, given: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!saved || Object.keys(saved).length === 0) return given
  return { ...saved, ...given }
}
