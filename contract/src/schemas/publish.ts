/** Schemas of /api/publish: information types, published objects and their replies. */
import type { Point, Polygon } from 'geojson'
import { Type, type Static } from 'typebox'
import { DIAGNOSIS_AS, FIELD_TYPES, SHAPES } from '../publish.js'
import { IsoTime } from './common.js'

export const FieldDef = Type.Object({
  key: Type.String({ minLength: 1, maxLength: 40, description: 'the key in an object\'s fields: a-z, 0-9, _ (start with a letter)' }),
  label: Type.String({ minLength: 1, maxLength: 60, description: '中文 label shown in the form and the popup' }),
  type: Type.Enum([...FIELD_TYPES]),
  required: Type.Boolean({ default: false }),
  options: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50, description: 'select: the allowed values' })),
  min: Type.Optional(Type.Number({ description: 'number/integer: the least value' })),
  max: Type.Optional(Type.Number({ description: 'number/integer: the greatest value; text: the longest length (default 2000)' })),
}, { additionalProperties: false })

export const MapSymbol = Type.Object({
  color: Type.String({ maxLength: 7, description: '#rrggbb' }),
  shape: Type.Enum([...SHAPES], { description: 'the marker of a point type (polygons use the colour)' }),
}, { additionalProperties: false })

const DiagnosisAs = Type.Enum([...DIAGNOSIS_AS], {
  description: 'how the diagnosis reads objects of the type: none (shown only), blind_spot, weak_coverage (polygons), planned_site (points), cutover (polygons, needs required datetime fields start and end)',
})
const Geometry = Type.Enum(['point', 'polygon'])

export const TypeReply = Type.Object({
  id: Type.String(), name: Type.String(), geometry: Geometry, fields: Type.Array(FieldDef), symbol: MapSymbol,
  diagnosisAs: DiagnosisAs, builtin: Type.Boolean(), version: Type.Integer(),
  createdBy: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String(),
  updatedBy: Type.Union([Type.String(), Type.Null()]), updatedAt: Type.String(),
})

export const TypeCreateBody = Type.Object({
  id: Type.String({ minLength: 2, maxLength: 40, description: 'a-z, 0-9, _ (start with a letter); fixed once made' }),
  name: Type.String({ minLength: 1, maxLength: 40 }),
  geometry: Geometry,
  fields: Type.Array(FieldDef, { maxItems: 30 }),
  symbol: MapSymbol,
  diagnosisAs: Type.Optional(DiagnosisAs),
}, { additionalProperties: false })

export const TypePatchBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  geometry: Type.Optional(Geometry),
  fields: Type.Optional(Type.Array(FieldDef, { maxItems: 30 })),
  symbol: Type.Optional(MapSymbol),
  diagnosisAs: Type.Optional(DiagnosisAs),
}, { additionalProperties: false })

const FieldValue = Type.Union([Type.String({ maxLength: 4000 }), Type.Number(), Type.Boolean(), Type.Null()])
const Fields = Type.Record(Type.String({ maxLength: 60 }), FieldValue, { description: 'values of the type\'s fields by key; datetime as ISO 8601 (China time without an offset)' })
const GeoJsonGeometry = Type.Unknown({ description: 'a GeoJSON Point or Polygon in WGS-84, as the type says' })
const ValidTo = Type.Union([IsoTime, Type.Null()], { description: 'end of validity (exclusive); null: until withdrawn' })

export const PublishBody = Type.Object({
  typeId: Type.String({ minLength: 1, maxLength: 40 }),
  geometry: GeoJsonGeometry,
  fields: Fields,
  validFrom: Type.Optional(IsoTime),
  validTo: Type.Optional(ValidTo),
}, { additionalProperties: false })

export const EditBody = Type.Object({
  geometry: Type.Optional(GeoJsonGeometry),
  fields: Type.Optional(Fields),
  validFrom: Type.Optional(IsoTime),
  validTo: Type.Optional(ValidTo),
}, { additionalProperties: false })

export const ObjectReply = Type.Object({
  id: Type.String(),
  typeId: Type.String(),
  // Stored only after the service checked it against the type's geometry kind.
  geometry: Type.Unsafe<Point | Polygon>(Type.Unknown({ description: 'a GeoJSON Point or Polygon in WGS-84, as the type says' })),
  fields: Type.Record(Type.String(), FieldValue),
  validFrom: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
  status: Type.Enum(['active', 'withdrawn', 'expired']),
  live: Type.Boolean({ description: 'active and valid now: shown on the map and, if its type says so, used by the diagnosis' }),
  diagnosis: Type.Union([Type.Object({ kind: Type.String(), id: Type.String() }), Type.Null()], {
    description: 'the row the diagnosis holds of it now (kind table and id, e.g. blind-spots / pub:…), or null',
  }),
  version: Type.Integer(),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String(),
})

export const ObjectsQuery = Type.Object({
  bbox: Type.Optional(Type.String({ maxLength: 200, description: 'minLon,minLat,maxLon,maxLat (default: the world)' })),
  type: Type.Optional(Type.String({ maxLength: 40, description: 'only objects of this type' })),
  filter: Type.Optional(Type.Enum(['live', 'active', 'all'], { default: 'live', description: 'live: valid now; active: also upcoming; all: also withdrawn and expired' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 2000 })),
}, { additionalProperties: false })

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) })

export type ObjectReply = Static<typeof ObjectReply>
