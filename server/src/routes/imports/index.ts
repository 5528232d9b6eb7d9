/**
 * POST /api/import/{kind} — GeoJSON or CSV, atomic (one bad row → 400 naming row and field, nothing
 * stored), idempotent by id, coordinates converted to WGS-84 from the `crs` the caller names.
 */
import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AppError } from '../../errors.js'
import { IMPORT_KINDS, type ImportKind } from '../../domain/types.js'
import { parseCrs } from '../../geo/crs.js'
import { decodeImportBody, detectFormat, type ImportOptions } from '../../ingest/index.js'
import { importMaxRows } from '../../config.js'
import type { NetworkService } from '../../service/network-service.js'
import { Crs, errorReplies } from '../../../../contract/src/schemas/common.js'
import { parseBbox, parsePairs } from '../../service/params.js'

export const importRoutes: FastifyPluginAsyncTypebox<{ service: NetworkService }> = async (app, { service }) => {
  // Inside this plugin every body is read as bytes: the importer decodes them (UTF-8, or GBK/GB18030 when
  // the charset or ?encoding= says so) and parses CSV and GeoJSON itself, reporting problems by row.
  // The body limit is the import limit of SecurityOptions, set on this route by the auth plugin.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body))

  app.post('/api/import/:kind', {
    schema: {
      tags: ['import'],
      summary: 'Import one kind of network data (GeoJSON or CSV), atomically',
      description: `kinds: ${IMPORT_KINDS.join(', ')}. Content-Type text/csv or application/geo+json (application/json accepted).`,
      params: Type.Object({ kind: Type.String() }),
      querystring: Type.Object({
        crs: Type.Optional(Crs),
        bbox: Type.Optional(Type.String({ description: 'minLon,minLat,maxLon,maxLat (WGS-84): rows outside are rejected or skipped' })),
        outside: Type.Optional(Type.Union([Type.Literal('reject'), Type.Literal('skip')], { default: 'reject' })),
        columns: Type.Optional(Type.String({ description: 'rename source columns, e.g. latitude:lat,address:name' })),
        defaults: Type.Optional(Type.String({ description: 'values for absent fields, e.g. tech:4G' })),
        encoding: Type.Optional(Type.String({ maxLength: 40, description: 'utf-8 (default), gbk, gb2312 or gb18030; or name it in the Content-Type charset' })),
      }),
      response: {
        200: Type.Object({
          kind: Type.String(), imported: Type.Integer(),
          skipped: Type.Array(Type.Object({ row: Type.Integer(), reason: Type.String() })),
        }),
        ...errorReplies,
        413: errorReplies[400],
        415: errorReplies[400],
      },
    },
  }, async (req) => {
    const kind = req.params.kind as ImportKind
    if (!IMPORT_KINDS.includes(kind)) throw new AppError('UNKNOWN_KIND', `unknown import kind "${req.params.kind}"; expected one of ${IMPORT_KINDS.join(', ')}`)
    const text = req.body == null ? '' : decodeImportBody(kind, req.body as Buffer, { contentType: req.headers['content-type'], encoding: req.query.encoding })
    if (!text.trim()) throw new AppError('VALIDATION', 'the body is empty: send a CSV (text/csv) or a GeoJSON FeatureCollection (application/geo+json)')
    const q = req.query
    const options: ImportOptions = {
      crs: parseCrs(q.crs ?? 'wgs84'),
      bbox: q.bbox ? parseBbox(q.bbox) : undefined,
      outside: q.outside,
      columns: parsePairs(q.columns, 'columns'),
      defaults: parsePairs(q.defaults, 'defaults'),
      maxRows: importMaxRows(),
    }
    const summary = await service.importText(kind, { text, format: detectFormat(req.headers['content-type'], text) }, options)
    req.log.info({ kind, imported: summary.imported, skipped: summary.skipped.length }, 'import committed')
    return summary
  })
}
