/**
 * The service's HTTP API as the web app uses it (JSON in, JSON out, errors as Error with the server's
 * message). Reply types are the server's own schemas (contract/src/schemas), read with Static<>.
 */
import type { Static } from 'typebox'
import type { BBox } from '../../contract/src/domain.js'
import type { AnalysisReply, ClusterReply, WarningsReply as WarningsSchema } from '../../contract/src/schemas/analysis.js'
import type { Candidate as CandidateSchema, DiagnoseBody, DiagnosisReply, Evidence as EvidenceSchema } from '../../contract/src/schemas/common.js'
import type { AreaComplaintsReply, ComplaintReply, LookupItem } from '../../contract/src/schemas/complaints.js'
import type { FeatureCollectionReply, FeatureReply } from '../../contract/src/schemas/layers.js'
import type { SiteDetailReply, SiteReply } from '../../contract/src/schemas/network.js'
import type { SearchHit as SearchHitSchema } from '../../contract/src/schemas/search.js'
import type { CauseCode } from './labels.js'
import { csrfHeaders } from './auth.js'
import { ApiError, type ErrorBody } from './errors.js'

export type { BBox }

export type SearchHit = Static<typeof SearchHitSchema> & { bbox: BBox }
export type SiteView = Static<typeof SiteReply>
/** GET /api/sites/:id. */
export type SiteDetail = Static<typeof SiteDetailReply>
export type Evidence = Static<typeof EvidenceSchema>
export type Candidate = Static<typeof CandidateSchema>
export type Diagnosis = Static<typeof DiagnosisReply>
/** The body of POST /api/diagnose as the web sends it (WGS-84, so without crs). */
export type DiagnoseRequest = Omit<Static<typeof DiagnoseBody>, 'crs'>
export type ComplaintView = Static<typeof ComplaintReply>
/** GET /api/complaints/lookup: a complaint found by its id, the operator's ticket, the customer's phone (whole or last four) or its address. */
export type ComplaintHit = Static<typeof LookupItem>
/** A feature of a map layer (GET /api/layers/*). */
export type GeoFeature = Static<typeof FeatureReply>
export type GeoCollection = Static<typeof FeatureCollectionReply>
/** A complaint as the engineer's screen lists and exports it: the stored complaint and its attribution by POST /api/analysis. */
export type AnalysedComplaint = ComplaintView & Pick<AttributedComplaint, 'siteId' | 'distance_m' | 'cluster'> & { attributedCause: AttributedComplaint['cause'] }

/** A request of POST /api/analysis: exactly one of area, district or bbox. */
export type AnalysisArea = { area: GeoJSON.Polygon | GeoJSON.MultiPolygon } | { district: string } | { bbox: BBox }
export type BatchAnalysis = Static<typeof AnalysisReply>
export type CauseCount = BatchAnalysis['breakdown']['byCause'][number]
/** A spatio-temporal cluster of POST /api/analysis; `site` is the site most of it is attributed to. */
export type StCluster = Static<typeof ClusterReply>
/** A cluster mostly without alarm, cutover or coverage object behind it (a suspected hidden fault), ranked. */
export type UnexplainedCluster = BatchAnalysis['unexplainedClusters'][number]
/** One complaint as POST /api/analysis attributes it (at its own time). */
export type AttributedComplaint = BatchAnalysis['complaints'][number]
/** POST /api/complaints/area: the stored complaints of an area and window (newest first). */
export type AreaComplaints = Static<typeof AreaComplaintsReply>
/** GET /api/warnings: site-hours with a complaint surge and no alarm or cutover behind them. */
export type WarningsReply = Static<typeof WarningsSchema>
export type SurgeWarning = WarningsReply['warnings'][number]

/**
 * One JSON call of the API (the session's CSRF header on every call). A non-2xx answer throws an
 * ApiError whose message is the Chinese text for people (errors.ts); a failed connection throws one
 * too, so a screen shows `err.message` as it is. An abort passes through as the AbortError it is.
 */
export async function call<T>(path: string, init?: { method?: string; body?: unknown; signal?: AbortSignal; headers?: Record<string, string> }): Promise<T> {
  let res: Response
  try {
    res = await fetch(path, {
      method: init?.method ?? (init?.body ? 'POST' : 'GET'),
      headers: { ...(init?.body ? { 'content-type': 'application/json' } : {}), ...csrfHeaders(), ...init?.headers },
      body: init?.body ? JSON.stringify(init.body) : undefined,
      signal: init?.signal,
    })
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err
    throw new ApiError(0, { code: 'NETWORK', message: (err as Error).message })
  }
  const json = await res.json().catch(() => ({}))
  if (!res.ok) throw new ApiError(res.status, json as ErrorBody)
  return json as T
}

/** A bbox as the API's `bbox=` parameter. */
export const bboxParam = (b: BBox) => b.map((x) => x.toFixed(6)).join(',')
const q = bboxParam

export const api = {
  search: (text: string, signal?: AbortSignal) => call<SearchHit[]>(`/api/search?q=${encodeURIComponent(text)}&limit=8`, { signal }),
  lookup: (text: string, signal?: AbortSignal) => call<{ items: ComplaintHit[] }>(`/api/complaints/lookup?q=${encodeURIComponent(text)}&limit=6`, { signal }),
  sites: (b: BBox) => call<SiteView[]>(`/api/sites?bbox=${q(b)}`),
  site: (id: string) => call<SiteDetail>(`/api/sites/${encodeURIComponent(id)}`),
  feature: (id: string) => call<GeoFeature>(`/api/layers/features/${encodeURIComponent(id)}`),
  districts: () => call<GeoCollection>('/api/layers/districts'),
  layer: (name: 'coverage' | 'planned' | 'cutovers' | 'cells' | 'complaints', b: BBox) => call<GeoCollection>(`/api/layers/${name}?bbox=${q(b)}`),
  complaints: (b: BBox, from: string, to: string) => call<ComplaintView[]>(`/api/complaints?bbox=${q(b)}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&limit=2000`),
  complaint: (id: string) => call<ComplaintView>(`/api/complaints/${encodeURIComponent(id)}`),
  diagnose: (r: DiagnoseRequest) => call<Diagnosis>('/api/diagnose', { body: r }),
  /** Records a complaint; `key` (one per call) makes a retry or a double click store it once (Idempotency-Key). */
  record: (r: DiagnoseRequest & { number?: string; cause: CauseCode; answer: string }, key?: string) =>
    call<ComplaintView>('/api/complaints', { body: r, ...(key ? { headers: { 'idempotency-key': key } } : {}) }),
  analysis: (where: AnalysisArea, from: string, to: string, limit: number) => call<BatchAnalysis>('/api/analysis', { body: { ...where, from, to, limit } }),
  complaintsInArea: (where: { area: GeoJSON.Polygon | GeoJSON.MultiPolygon } | { district: string }, from: string, to: string, limit: number) =>
    call<AreaComplaints>('/api/complaints/area', { body: { ...where, from, to, limit } }),
  warnings: () => call<WarningsReply>('/api/warnings'),
}
