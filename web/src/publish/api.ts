/** /api/publish as the web app uses it: information types and published objects (网维信息发布). */
import type { Static } from 'typebox'
import type { BBox } from '../api.js'
import type { FieldType } from '../../../contract/src/publish.js'
import type { FieldDef as FieldDefSchema, ObjectReply, PublishBody as PublishBodySchema, TypeReply } from '../../../contract/src/schemas/publish.js'
import { call as apiCall, bboxParam } from '../api.js'

export type { FieldType }
export type FieldDef = Static<typeof FieldDefSchema>
/** An information type as GET /api/publish/types lists it. */
export type InfoType = Static<typeof TypeReply>
/** A published object; its geometry is a Point or a Polygon, as its type says. */
export type Published = Static<typeof ObjectReply>
export type FieldValue = Published['fields'][string]
/** POST /api/publish/objects as the editor sends it: the schema leaves the geometry to the service's check, the editor only ever draws a Point or a Polygon. */
export type PublishBody = Omit<Static<typeof PublishBodySchema>, 'geometry'> & { geometry: GeoJSON.Point | GeoJSON.Polygon }

const call = <T>(path: string, method = 'GET', body?: unknown) => apiCall<T>(path, { method, body })
const q = bboxParam

export const publishApi = {
  types: () => call<{ types: InfoType[] }>('/api/publish/types').then((r) => r.types),
  objects: (b: BBox, filter: 'live' | 'active' = 'live') => call<{ objects: Published[] }>(`/api/publish/objects?bbox=${q(b)}&filter=${filter}`).then((r) => r.objects),
  publish: (body: PublishBody) => call<Published>('/api/publish/objects', 'POST', body),
  edit: (id: string, body: Omit<PublishBody, 'typeId'>) => call<Published>(`/api/publish/objects/${encodeURIComponent(id)}`, 'PATCH', body),
  withdraw: (id: string) => call<Published>(`/api/publish/objects/${encodeURIComponent(id)}`, 'DELETE'),
}
