/** Replies of the import page's own routes (the import route's replies are in common.ts). */
import { Type } from 'typebox'

/** GET /api/import-history: one committed import, newest first (read from the audit log). */
export const ImportHistoryItem = Type.Object({
  at: Type.String({ description: 'when it was committed, ISO 8601' }),
  username: Type.Union([Type.String(), Type.Null()], { description: 'who: a user, or cli:<login> for the command line' }),
  kind: Type.String(),
  imported: Type.Integer(),
  skipped: Type.Integer(),
  filename: Type.Union([Type.String(), Type.Null()], { description: 'the file\'s name as uploaded (null when the caller named none)' }),
  format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('geojson'), Type.Literal('xlsx')])),
})
export const ImportHistoryReply = Type.Array(ImportHistoryItem)

/** GET/PUT /api/import-mappings: a saved column mapping of one source's files. */
export const ImportMappingReply = Type.Object({
  name: Type.String(),
  kind: Type.String(),
  columns: Type.Record(Type.String(), Type.String(), { description: 'source column → field (a name starting with "_": not imported)' }),
  defaults: Type.Record(Type.String(), Type.String(), { description: 'field → value for rows that leave it empty' }),
  crs: Type.Union([Type.String(), Type.Null()]),
  encoding: Type.Union([Type.String(), Type.Null()]),
  sheet: Type.Union([Type.String(), Type.Null()]),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String(),
})
