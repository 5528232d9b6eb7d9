/** The service's HTTP API as the web app uses it (JSON in, JSON out, errors as Error with the server's message). */
import type { CauseCode, Disposition, SiteState } from './labels.js'
import { csrfHeaders } from './auth.js'
import { ApiError, type ErrorBody } from './errors.js'

export type BBox = [number, number, number, number]

export interface SearchHit { id: string; name: string; type: string; lon: number; lat: number; bbox: BBox }
export interface SiteView { id: string; name: string; lon: number; lat: number; tech: string | null; type: string | null; bsc: string | null; msc: string | null; state: SiteState }
export interface SiteDetail extends SiteView {
  cells: { id: string; azimuth: number; beamwidth: number; radiusM: number; tech: string | null }[]
  alarms: { id: string; kind: string; severity: string; raisedAt: string; clearedAt: string | null; active: boolean; element?: { type: string; id: string } | null }[]
  cutovers: { id: string; description: string; plannedStart: string | null; plannedEnd: string | null; actualStart: string | null; actualEnd: string | null }[]
  complaints: { id: string; occurredAt: string; phenomenon: string; cause: CauseCode | null; address: string }[]
}
export interface Evidence { type: string; id: string; distance_m: number; why: string; name?: string }
export interface Candidate { cause: { code: CauseCode; label: string }; score: number; rankReason: string; answer: string; disposition: Disposition; specialty: string; evidence: Evidence[] }
export interface Diagnosis {
  cause: { code: CauseCode; label: string }
  answer: string
  disposition: Disposition
  specialty: string
  evidence: Evidence[]
  candidates: Candidate[]
  servingSites: { id: string; name: string; distance_m: number; facing: boolean }[]
  /** How likely the cause is right, 0–1 (calibrated); absent from an older server. */
  confidence?: number
  /** Below the threshold: the answer is the field-test script and the cause is being checked. */
  lowConfidence?: boolean
}
export interface DiagnoseRequest { lon: number; lat: number; occurredAt: string; service: 'voice' | 'data'; phenomenon: string; address?: string; description?: string }
export interface ComplaintView {
  id: string; occurredAt: string; reportedAt: string | null; address: string; service: string; phenomenon: string; description: string
  vip: string | null; lon: number; lat: number; number: string | null; suggestedCause: CauseCode | null; cause: CauseCode | null
  overridden: boolean; answer: string | null; disposition: Disposition | null; specialty: string | null; linkedSites: string[]; createdAt: string
}
/** GET /api/complaints/lookup: a complaint found by its id, the operator's ticket, the customer's phone (whole or last four) or its address. */
export interface ComplaintHit {
  id: string; ticket: string | null; occurredAt: string; reportedAt: string | null; address: string; phenomenon: string; service: string
  number: string | null; status: string | null; statusLabel: string | null; suggestedCause: CauseCode | null; cause: CauseCode | null
  lon: number; lat: number; match: 'id' | 'ticket' | 'number' | 'number_tail' | 'address'
}
export interface GeoFeature { type: 'Feature'; id?: string; geometry: GeoJSON.Geometry; properties: Record<string, unknown> }
export interface GeoCollection { type: 'FeatureCollection'; features: GeoFeature[]; truncated?: boolean }
/** A complaint as the engineer's screen lists and exports it: the stored complaint and its attribution by POST /api/analysis. */
export type AnalysedComplaint = ComplaintView & { attributedCause: CauseCode; siteId: string | null; distance_m: number | null; cluster: number | null }

/** A request of POST /api/analysis: exactly one of area, district or bbox. */
export type AnalysisArea = { area: GeoJSON.Polygon | GeoJSON.MultiPolygon } | { district: string } | { bbox: BBox }
export interface CauseCount { code: CauseCode; label: string; count: number }
/** A spatio-temporal cluster of POST /api/analysis; `site` is the site most of it is attributed to. */
export interface StCluster {
  id: number; count: number; unexplained: number; lon: number; lat: number; radius_m: number; from: string; to: string
  site: { id: string; name: string; count: number } | null
  byCause: Record<string, number>
  complaintIds: string[]
}
/** A cluster mostly without alarm, cutover or coverage object behind it (a suspected hidden fault), ranked. */
export interface UnexplainedCluster extends StCluster { rank: number; share: number; perHour: number }
/** One complaint as POST /api/analysis attributes it (at its own time). */
export interface AttributedComplaint { id: string; siteId: string | null; distance_m: number | null; cause: CauseCode; finalCause: CauseCode | null; cluster: number | null }
export interface BatchAnalysis {
  total: number
  truncated: boolean
  breakdown: {
    byCause: CauseCount[]
    byFinalCause: CauseCount[]
    byPhenomenon: { code: string; label: string; count: number }[]
    bySite: { id: string; name: string; count: number; unexplained: number }[]
    byHour: number[]
  }
  density: { cellM: number; cells: [number, number, number][] }
  clusters: StCluster[]
  unexplainedClusters: UnexplainedCluster[]
  complaints: AttributedComplaint[]
}
/** POST /api/complaints/area: the stored complaints of an area and window (newest first). */
export interface AreaComplaints { total: number; byCause: Record<string, number>; byPhenomenon: Record<string, number>; complaints: ComplaintView[] }
/** GET /api/warnings: a site-hour with a complaint surge and no alarm or cutover behind it. */
export interface SurgeWarning {
  type: 'surge'; siteId: string; siteName: string; lon: number; lat: number; from: string; to: string
  count: number; baselineMean: number; baselineSd: number; threshold: number; complaintIds: string[]
}
export interface WarningsReply { from: string; to: string; warnings: SurgeWarning[] }

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
