/** Schemas of the map layers (/api/layers/*): GeoJSON features in WGS-84. */
import type { Geometry } from 'geojson'
import { Type } from 'typebox'

/** One map feature; its properties are those of its layer. */
export const FeatureReply = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.Optional(Type.String()),
  geometry: Type.Unsafe<Geometry>(Type.Unknown({ description: 'GeoJSON geometry (WGS-84)' })),
  properties: Type.Record(Type.String(), Type.Unknown()),
})

/** A layer's features; `truncated` when more met the bbox than the layer draws. */
export const FeatureCollectionReply = Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(FeatureReply), truncated: Type.Optional(Type.Boolean()) })
