/**
 * The publish_types and publish_objects tables (migration 009). SQL in store/sql/publish with named parameters;
 * every method takes the connection or transaction to run on, so that an object's change and its
 * materialised kind row are written in one transaction (NetworkService.changeRows).
 */
import { bbox } from '@turf/bbox'
import type { Tx } from './table-repo.js'
import { SQL as ALL } from '../sql/index.js'
import type { InfoType, MaterialKind, PublishStatus, PublishedObject } from '../../publish/types.js'

const SQL = ALL.publish

type Row = Record<string, unknown>
const ms = (v: unknown) => (v as Date).getTime()

function typeFromRow(r: Row): InfoType {
  return {
    id: r.id as string, name: r.name as string, geometry: r.geometry as InfoType['geometry'], fields: r.fields as InfoType['fields'],
    symbol: r.symbol as InfoType['symbol'], diagnosisAs: r.diagnosis_as as InfoType['diagnosisAs'], builtin: r.builtin as boolean,
    version: r.version as number, createdBy: r.created_by as string | null, createdAt: ms(r.created_at),
    updatedBy: r.updated_by as string | null, updatedAt: ms(r.updated_at),
  }
}

function objectFromRow(r: Row): PublishedObject {
  return {
    id: r.id as string, typeId: r.type_id as string, geometry: r.geometry as PublishedObject['geometry'], fields: r.fields as PublishedObject['fields'],
    validFrom: ms(r.valid_from), validTo: r.valid_to == null ? null : ms(r.valid_to), status: r.status as PublishStatus,
    materialisedKind: r.materialised_kind as MaterialKind | null, version: r.version as number,
    createdBy: r.created_by as string | null, createdAt: ms(r.created_at), updatedBy: r.updated_by as string | null, updatedAt: ms(r.updated_at),
  }
}

function objectParams(o: Omit<PublishedObject, 'version' | 'createdBy' | 'createdAt' | 'updatedBy' | 'updatedAt'>, by: string | null, at: number) {
  const [minLon, minLat, maxLon, maxLat] = bbox(o.geometry)
  return {
    id: o.id, typeId: o.typeId, geometry: o.geometry, minLon, minLat, maxLon, maxLat, fields: o.fields,
    validFrom: new Date(o.validFrom), validTo: o.validTo == null ? null : new Date(o.validTo), status: o.status,
    materialisedKind: o.materialisedKind, by, at: new Date(at),
  }
}

type TypeDef = Pick<InfoType, 'id' | 'name' | 'geometry' | 'fields' | 'symbol' | 'diagnosisAs'>

/** Which objects a bbox query returns: valid now, active (also upcoming), or every status. */
export type ObjectFilter = 'live' | 'active' | 'all'

export const publishStore = {
  types: (t: Tx) => t.map(SQL.typesAll, {}, typeFromRow),
  type: async (t: Tx, id: string) => {
    const r = await t.oneOrNone(SQL.typesGet, { id })
    return r ? typeFromRow(r) : null
  },
  /** Inserts a type; null when the id is taken. */
  insertType: async (t: Tx, d: TypeDef, builtin: boolean, by: string | null, at: number) => {
    const r = await t.oneOrNone(SQL.typesInsert, { ...d, builtin, by, at: new Date(at) })
    return r ? typeFromRow(r) : null
  },
  updateType: async (t: Tx, d: TypeDef, by: string | null, at: number) => typeFromRow(await t.one(SQL.typesUpdate, { ...d, by, at: new Date(at) })),
  countObjects: async (t: Tx, typeId: string) => (await t.one<{ n: number }>(SQL.typesCountObjects, { id: typeId })).n,

  object: async (t: Tx, id: string, forUpdate = false) => {
    const r = await t.oneOrNone(forUpdate ? SQL.objectsGetForUpdate : SQL.objectsGet, { id })
    return r ? objectFromRow(r) : null
  },
  insertObject: async (t: Tx, o: Parameters<typeof objectParams>[0], by: string | null, at: number) => objectFromRow(await t.one(SQL.objectsInsert, objectParams(o, by, at))),
  updateObject: async (t: Tx, o: Parameters<typeof objectParams>[0], by: string | null, at: number) => objectFromRow(await t.one(SQL.objectsUpdate, objectParams(o, by, at))),
  objectsInBbox: (t: Tx, q: { bbox: [number, number, number, number]; typeId: string | null; filter: ObjectFilter; at: number; limit: number }) => {
    const [minLon, minLat, maxLon, maxLat] = q.bbox
    const statuses = q.filter === 'all' ? ['active', 'withdrawn', 'expired'] : ['active']
    return t.map(SQL.objectsInBbox, { minLon, minLat, maxLon, maxLat, statuses, typeId: q.typeId, live: q.filter === 'live', at: new Date(q.at), limit: q.limit }, objectFromRow)
  },
  dueIds: (t: Tx, at: number, limit: number) => t.map(SQL.objectsDue, { at: new Date(at), limit }, (r: Row) => r.id as string),
  idsOfType: (t: Tx, typeId: string) => t.map(SQL.objectsOfType, { id: typeId }, (r: Row) => r.id as string),
}
