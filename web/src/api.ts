/** The service's HTTP API as the web app uses it (JSON in, JSON out, errors as Error with the server's message). */
import type { CauseCode, Disposition, SiteState } from './labels.js'

export type BBox = [number, number, number, number]

export interface SearchHit { id: string; name: string; type: string; lon: number; lat: number; bbox: BBox }
export interface SiteView { id: string; name: string; lon: number; lat: number; tech: string | null; type: string | null; bsc: string | null; msc: string | null; state: SiteState }
export interface SiteDetail extends SiteView {
  cells: { id: string; azimuth: number; beamwidth: number; radiusM: number; tech: string | null }[]
  alarms: { id: string; kind: string; severity: string; raisedAt: string; clearedAt: string | null; active: boolean }[]
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
}
export interface DiagnoseRequest { lon: number; lat: number; occurredAt: string; service: 'voice' | 'data'; phenomenon: string; address?: string; description?: string }
export interface ComplaintView {
  id: string; occurredAt: string; reportedAt: string | null; address: string; service: string; phenomenon: string; description: string
  vip: string | null; lon: number; lat: number; number: string | null; suggestedCause: CauseCode | null; cause: CauseCode | null
  overridden: boolean; answer: string | null; disposition: Disposition | null; specialty: string | null; linkedSites: string[]; createdAt: string
}
export interface GeoFeature { type: 'Feature'; id?: string; geometry: GeoJSON.Geometry; properties: Record<string, unknown> }
export interface GeoCollection { type: 'FeatureCollection'; features: GeoFeature[]; truncated?: boolean }
export interface AreaAnalysis {
  total: number
  truncated: boolean
  complaints: (ComplaintView & { attributedCause: CauseCode })[]
  byCause: { code: CauseCode; label: string; count: number }[]
  byPhenomenon: { code: string; label: string; count: number }[]
  topSites: { id: string; name: string; state: SiteState; count: number }[]
  hotspots: { lon: number; lat: number; count: number; radius_m: number; complaintIds: string[] }[]
}

async function call<T>(path: string, init?: { method?: string; body?: unknown; signal?: AbortSignal }): Promise<T> {
  const res = await fetch(path, {
    method: init?.method ?? (init?.body ? 'POST' : 'GET'),
    headers: init?.body ? { 'content-type': 'application/json' } : {},
    body: init?.body ? JSON.stringify(init.body) : undefined,
    signal: init?.signal,
  })
  const json = await res.json().catch(() => ({}))
  if (!res.ok) throw new Error((json as { message?: string }).message ?? `${res.status} ${res.statusText}`)
  return json as T
}

const q = (b: BBox) => b.map((x) => x.toFixed(6)).join(',')

export const api = {
  search: (text: string, signal?: AbortSignal) => call<SearchHit[]>(`/api/search?q=${encodeURIComponent(text)}&limit=8`, { signal }),
  sites: (b: BBox) => call<SiteView[]>(`/api/sites?bbox=${q(b)}`),
  site: (id: string) => call<SiteDetail>(`/api/sites/${encodeURIComponent(id)}`),
  feature: (id: string) => call<GeoFeature>(`/api/layers/features/${encodeURIComponent(id)}`),
  districts: () => call<GeoCollection>('/api/layers/districts'),
  layer: (name: 'coverage' | 'planned' | 'cutovers' | 'cells' | 'complaints', b: BBox) => call<GeoCollection>(`/api/layers/${name}?bbox=${q(b)}`),
  complaints: (b: BBox, from: string, to: string) => call<ComplaintView[]>(`/api/complaints?bbox=${q(b)}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&limit=2000`),
  complaint: (id: string) => call<ComplaintView>(`/api/complaints/${encodeURIComponent(id)}`),
  diagnose: (r: DiagnoseRequest) => call<Diagnosis>('/api/diagnose', { body: r }),
  record: (r: DiagnoseRequest & { number?: string; cause: CauseCode; answer: string }) => call<ComplaintView>('/api/complaints', { body: r }),
  analyse: (area: GeoJSON.Polygon | GeoJSON.MultiPolygon, from: string, to: string) => call<AreaAnalysis>('/api/analysis/area', { body: { area, from, to } }),
}
