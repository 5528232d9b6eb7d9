/**
 * Every error the service answers with: a stable code, its HTTP status and a message that says what
 * was expected and what came. Routes throw AppError; the error handler renders `{ code, message }`.
 */
export const ERRORS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  OVERLOADED: 503,
  VALIDATION: 400,
  IMPORT_INVALID: 400,
  UNKNOWN_KIND: 404,
  NOT_FOUND: 404,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  CONFLICT: 409,
  STORE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const
export type ErrorCode = keyof typeof ERRORS

/** An error with a code, an HTTP status and optional details (e.g. the row and field of a bad import). */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly statusCode: number
  readonly details?: Record<string, unknown>
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message)
    this.code = code
    this.statusCode = ERRORS[code]
    this.details = details
  }
}

/** A problem in one row of an import: which row (1-based data row, header excluded), which field, what was wrong. */
export interface RowProblem {
  row: number
  field: string
  message: string
  /** XLSX: the worksheet and the row's number as Excel shows it (header included). */
  sheet?: string
  excelRow?: number
}

/** Raised by ingest when a file cannot be imported; carries every problem found (first one in the message). */
export class ImportError extends AppError {
  readonly problems: RowProblem[]
  constructor(kind: string, problems: RowProblem[]) {
    const first = problems[0]
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : ''
    const excel = first.sheet !== undefined ? `sheet "${first.sheet}"${first.excelRow !== undefined ? `, Excel row ${first.excelRow}` : ''}` : ''
    const where = first.row > 0
      ? `row ${first.row}${excel ? ` (${excel})` : ''}, field "${first.field}"`
      : `${excel ? `${excel}, ` : ''}field "${first.field}"`
    super('IMPORT_INVALID', `${kind}: ${where}: ${first.message}${more}`, { problems: problems.slice(0, 50) })
    this.problems = problems
  }
}
