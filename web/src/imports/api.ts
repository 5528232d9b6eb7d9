/**
 * The import routes as the import page calls them: the file's raw bytes as the body (never parsed in the
 * browser), its name and the page's choices in the query. The commit goes through XMLHttpRequest, the
 * one browser API that reports upload progress.
 */
import type { Static } from 'typebox'
import type { ImportGuessReply, ImportPreviewReply, ImportSummaryReply } from '../../../contract/src/schemas/common.js'
import type { ImportHistoryItem } from '../../../contract/src/schemas/imports.js'
import { call } from '../api.js'
import { csrfHeaders } from '../auth.js'
import { ApiError, type ErrorBody } from '../errors.js'

export type ImportGuess = Static<typeof ImportGuessReply>
export type ImportPreview = Static<typeof ImportPreviewReply>
export type ImportSummary = Static<typeof ImportSummaryReply>
export type ImportHistoryRow = Static<typeof ImportHistoryItem>
export type ImportProblem = ImportPreview['problems'][number]

/** The Content-Type of a file the import route reads: by its extension first (browsers often give none for .geojson or .csv). */
export function contentTypeOf(file: File): string {
  const ext = /\.([a-z]+)$/i.exec(file.name)?.[1]?.toLowerCase()
  if (ext === 'xlsx') return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  if (ext === 'csv' || ext === 'txt') return 'text/csv'
  if (ext === 'geojson' || ext === 'json') return 'application/geo+json'
  return file.type || 'application/octet-stream'
}

/** What the page sends besides the file: every value is a query parameter of the import route. */
export interface ImportChoices {
  crs: 'wgs84' | 'gcj02' | 'bd09'
  /** CSV only: '' for the server's default (UTF-8). */
  encoding: string
  /** XLSX only: '' for the first sheet. */
  sheet: string
  /** `columns=`: source column → field, as the server's "src:field,src2:field2". */
  columns: string
  /** `defaults=`: "field:value,…". */
  defaults: string
}

function query(file: File, c: Partial<ImportChoices>, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ filename: file.name, ...extra })
  for (const [k, v] of Object.entries(c)) if (v) q.set(k, v)
  return q.toString()
}

const send = (file: File) => ({ 'content-type': contentTypeOf(file), ...csrfHeaders() })

/** POST /api/import-guess: which kind the file is (its sheets too, for a workbook). Stores nothing. */
export const guessImport = (file: File, c: { encoding: string; sheet: string }) =>
  rawPost<ImportGuess>(`/api/import-guess?${query(file, c)}`, file)

/** POST /api/import/{kind}?dryRun=true: what would be imported. Stores nothing. */
export const previewImport = (kind: string, file: File, c: ImportChoices) =>
  rawPost<ImportPreview>(`/api/import/${encodeURIComponent(kind)}?${query(file, c, { dryRun: 'true' })}`, file)

/** GET /api/import-history: the committed imports, newest first. */
export const importHistory = (limit = 20) => call<ImportHistoryRow[]>(`/api/import-history?limit=${limit}`)

/** A POST of the file's bytes, with call()'s error handling (ApiError with the Chinese text). */
async function rawPost<T>(path: string, file: File): Promise<T> {
  let res: Response
  try {
    res = await fetch(path, { method: 'POST', headers: send(file), body: file, credentials: 'same-origin' })
  } catch (err) {
    throw new ApiError(0, { code: 'NETWORK', message: (err as Error).message })
  }
  const json = await res.json().catch(() => ({}))
  if (!res.ok) throw new ApiError(res.status, json as ErrorBody)
  return json as T
}

/**
 * POST /api/import/{kind}: the real import, all rows or none. `onProgress` gets the uploaded fraction
 * (0..1) while the body is sent, then null once the server has it all and is checking and writing.
 */
export function commitImport(kind: string, file: File, c: ImportChoices, onProgress: (sent: number | null) => void): Promise<ImportSummary> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `/api/import/${encodeURIComponent(kind)}?${query(file, c)}`)
    for (const [k, v] of Object.entries(send(file))) xhr.setRequestHeader(k, v)
    xhr.responseType = 'json'
    xhr.upload.addEventListener('progress', (e) => onProgress(e.lengthComputable && e.total > 0 ? e.loaded / e.total : 0))
    xhr.upload.addEventListener('load', () => onProgress(null))
    xhr.addEventListener('load', () => {
      const body = (xhr.response ?? {}) as unknown
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as ImportSummary)
      else reject(new ApiError(xhr.status, body as ErrorBody))
    })
    xhr.addEventListener('error', () => reject(new ApiError(0, { code: 'NETWORK', message: 'the upload failed' })))
    xhr.addEventListener('abort', () => reject(new ApiError(0, { code: 'NETWORK', message: 'the upload was aborted' })))
    xhr.send(file)
  })
}
