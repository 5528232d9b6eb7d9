/** /api/publish as the web app uses it: information types and published objects (网维信息发布). */
import type { Static } from 'typebox'
import type { BBox } from '../api.js'
import type { FieldType } from '../../../contract/src/publish.js'
import type { FieldDef as FieldDefSchema, ObjectReply, TypeReply } from '../../../contract/src/schemas/publish.js'
import { call as apiCall, bboxParam } from '../api.js'

export type { FieldType }
export type FieldDef = Static<typeof FieldDefSchema>
/** An information type as GET /api/publish/types lists it. */
export type InfoType = Static<typeof TypeReply>
export type FieldValue = string | number | boolean | null
/** A published object; its geometry is a Point or a Polygon, as its type says. */
export type Published = Omit<Static<typeof ObjectReply>, 'geometry'> & { geometry: GeoJSON.Point | GeoJSON.Polygon }
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
