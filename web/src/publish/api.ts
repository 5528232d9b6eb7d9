/** /api/publish as the web app uses it: information types and published objects (网维信息发布). */
import type { BBox } from '../api.js'
import { call as apiCall, bboxParam } from '../api.js'

export type FieldType = 'text' | 'textarea' | 'number' | 'integer' | 'boolean' | 'datetime' | 'select'
export interface FieldDef { key: string; label: string; type: FieldType; required: boolean; options?: string[]; min?: number; max?: number }
export interface InfoType {
  id: string; name: string; geometry: 'point' | 'polygon'; fields: FieldDef[]
  symbol: { color: string; shape: 'circle' | 'square' | 'triangle' | 'diamond' | 'star' | 'pin' }
  diagnosisAs: 'none' | 'blind_spot' | 'weak_coverage' | 'planned_site' | 'cutover'; builtin: boolean; version: number
}
export type FieldValue = string | number | boolean | null
export interface Published {
  id: string; typeId: string; geometry: GeoJSON.Point | GeoJSON.Polygon; fields: Record<string, FieldValue>
  validFrom: string; validTo: string | null; status: 'active' | 'withdrawn' | 'expired'; live: boolean
  diagnosis: { kind: string; id: string } | null; version: number
  createdBy: string | null; createdAt: string; updatedBy: string | null; updatedAt: string
}
export interface PublishBody { typeId: string; geometry: GeoJSON.Point | GeoJSON.Polygon; fields: Record<string, FieldValue>; validFrom?: string; validTo?: string | null }

const call = <T>(path: string, method = 'GET', body?: unknown) => apiCall<T>(path, { method, body })
const q = bboxParam

export const publishApi = {
  types: () => call<{ types: InfoType[] }>('/api/publish/types').then((r) => r.types),
  objects: (b: BBox, filter: 'live' | 'active' = 'live') => call<{ objects: Published[] }>(`/api/publish/objects?bbox=${q(b)}&filter=${filter}`).then((r) => r.objects),
  publish: (body: PublishBody) => call<Published>('/api/publish/objects', 'POST', body),
  edit: (id: string, body: Omit<PublishBody, 'typeId'>) => call<Published>(`/api/publish/objects/${encodeURIComponent(id)}`, 'PATCH', body),
  withdraw: (id: string) => call<Published>(`/api/publish/objects/${encodeURIComponent(id)}`, 'DELETE'),
}
