/** Schemas shared by several routes: errors, points, times, diagnosis output. */
import { Type, type Static } from 'typebox'
import { CAUSE_CODES, ELEMENT_TYPES, PHENOMENA, SPECIALTIES } from '../domain.js'

export const ErrorReply = Type.Object(
  { code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) },
  { $id: 'ErrorReply', description: 'Every error: a stable code and a message saying what was expected and what came.' },
)

/** The error replies every route may give, for OpenAPI. */
export const errorReplies = { 400: ErrorReply, 404: ErrorReply, 500: ErrorReply } as const

export const Lon = Type.Number({ minimum: -180, maximum: 180, description: 'longitude, degrees' })
export const Lat = Type.Number({ minimum: -90, maximum: 90, description: 'latitude, degrees' })
/** A coordinate system's name, with no default (where a default comes from elsewhere, e.g. a saved mapping). */
export const CrsName = Type.Union([Type.Literal('wgs84'), Type.Literal('gcj02'), Type.Literal('bd09')])
export const Crs = Type.Union(CrsName.anyOf, { default: 'wgs84' })
export const IsoTime = Type.String({ minLength: 10, maxLength: 40, description: 'ISO 8601; without an offset it is China time (+08:00)' })
export const Phenomenon = Type.String({
  minLength: 1, maxLength: 40,
  description: `a code (${Object.keys(PHENOMENA).join(', ')}) or its Chinese label (${Object.values(PHENOMENA).join('、')})`,
})
export const Service = Type.Union([Type.Literal('voice'), Type.Literal('data')])
export const CauseCode = Type.Enum([...CAUSE_CODES])
export const Specialty = Type.Enum([...SPECIALTIES])
export const Disposition = Type.Union([Type.Literal('self'), Type.Literal('dispatch'), Type.Literal('field_test')])
export const Cause = Type.Object({ code: CauseCode, label: Type.String() })

export const Evidence = Type.Object({
  type: Type.Enum(['alarm', 'cutover', 'site', 'blind_spot', 'planned_site', 'complaint']),
  id: Type.String(),
  distance_m: Type.Number(),
  why: Type.String(),
  name: Type.Optional(Type.String()),
  element: Type.Optional(Type.Object({ type: Type.Enum([...ELEMENT_TYPES]), id: Type.String() }, {
    description: 'the BSC, MSC or transmission ring whose alarm or cutover this is, when not the serving site\'s own (issue 9)',
  })),
})

/** Which answer template (解释口径) and version an answer came from (issue 8; additive). */
export const AnswerTemplateRef = Type.Object({
  code: Type.String({ description: "template key, e.g. 'cutover.cleared' (GET /api/templates)" }),
  version: Type.Union([Type.Integer(), Type.Null()], { description: 'null: an earlier complaint\'s answer reused word for word, not a template' }),
  reusedFrom: Type.Optional(Type.String({ description: 'known_issue: the earlier complaint whose answer was reused' })),
  slots: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'the values the template was filled with' })),
})

export const Candidate = Type.Object({
  cause: Cause, score: Type.Number(), rankReason: Type.String(), answer: Type.String(),
  template: Type.Optional(AnswerTemplateRef),
  disposition: Disposition, specialty: Specialty, evidence: Type.Array(Evidence),
})

export const DiagnosisReply = Type.Object({
  cause: Cause,
  answer: Type.String({ description: 'the answer script (解释口径) to read to the customer' }),
  template: Type.Optional(AnswerTemplateRef),
  disposition: Disposition,
  specialty: Specialty,
  evidence: Type.Array(Evidence),
  candidates: Type.Array(Candidate),
  servingSites: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), distance_m: Type.Number(), facing: Type.Boolean() })),
  confidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'how likely the cause is the true one (0–1, two decimals), calibrated on the eval' })),
  lowConfidence: Type.Optional(Type.Boolean({ description: 'confidence below the threshold: a self answer became a field test with the "cause being checked" script; cause is the suggestion' })),
})

/** The fields shared by a diagnose request and a recorded complaint. */
export const DiagnoseFields = {
  lon: Lon,
  lat: Lat,
  crs: Type.Optional(Crs),
  occurredAt: IsoTime,
  service: Service,
  phenomenon: Phenomenon,
  address: Type.Optional(Type.String({ maxLength: 500 })),
  description: Type.Optional(Type.String({ maxLength: 4000 })),
}
export const DiagnoseBody = Type.Object(DiagnoseFields, { additionalProperties: false })
export type DiagnoseBody = Static<typeof DiagnoseBody>

/** A row problem of an import: data row, field, message; XLSX adds the sheet and the Excel row. */
export const RowProblemReply = Type.Object({
  row: Type.Integer(), field: Type.String(), message: Type.String(),
  sheet: Type.Optional(Type.String()), excelRow: Type.Optional(Type.Integer()),
})

/** The answer of a committed import. */
export const ImportSummaryReply = Type.Object({
  kind: Type.String(), imported: Type.Integer(),
  skipped: Type.Array(Type.Object({ row: Type.Integer(), reason: Type.String() })),
})

/** The answer of an import's dry run (`dryRun=true`): what would be imported; nothing is stored. */
export const ImportPreviewReply = Type.Object({
  dryRun: Type.Literal(true),
  kind: Type.String(),
  format: Type.Union([Type.Literal('csv'), Type.Literal('geojson'), Type.Literal('xlsx')]),
  sheet: Type.Optional(Type.String()),
  sheets: Type.Optional(Type.Array(Type.String())),
  rows: Type.Integer({ description: 'data rows in the file' }),
  valid: Type.Integer({ description: 'rows that would be stored (0 when there is any problem: an import is all or nothing)' }),
  replaces: Type.Union([Type.Integer(), Type.Null()], { description: 'of those, rows whose id is already stored (replaced); null when the kind cannot tell' }),
  mapping: Type.Array(Type.Object({
    source: Type.String(),
    field: Type.Union([Type.String(), Type.Null()]),
    how: Type.Union([Type.Literal('contract'), Type.Literal('renamed'), Type.Literal('alias'), Type.Literal('unused')]),
  })),
  sample: Type.Array(Type.Object({}, { additionalProperties: true }), { description: 'the first rows as they would be stored' }),
  skipped: Type.Array(Type.Object({ row: Type.Integer(), reason: Type.String() })),
  problems: Type.Array(RowProblemReply),
})

/** The answer of POST /api/import-guess: the kinds that read the file's header, best first. */
export const ImportGuessReply = Type.Object({
  kind: Type.Union([Type.String(), Type.Null()], { description: 'the best kind; null when no kind reads any column' }),
  candidates: Type.Array(Type.Object({ kind: Type.String(), fields: Type.Array(Type.String()) })),
  format: Type.Union([Type.Literal('csv'), Type.Literal('geojson'), Type.Literal('xlsx')]),
  sheet: Type.Optional(Type.String()),
  sheets: Type.Optional(Type.Array(Type.String())),
})
