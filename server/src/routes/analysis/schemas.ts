/**
 * The body of POST /api/analysis. It stays with the server because its descriptions name the
 * service's defaults (config.ts); the replies are the contract's (contract/src/schemas/analysis.ts).
 */
import { Type } from 'typebox'
import { IsoTime } from '../../../../contract/src/schemas/common.js'
import { defaultAnalysisOptions as D } from '../../config/index.js'

const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 })
const Ring = Type.Array(Position, { minItems: 4, maxItems: 20_000 })
const Area = Type.Union([
  Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Ring, { minItems: 1, maxItems: 100 }) }),
  Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Array(Ring, { minItems: 1, maxItems: 100 }), { minItems: 1, maxItems: 100 }) }),
], { description: 'GeoJSON Polygon or MultiPolygon, WGS-84' })

export const AnalysisBody = Type.Object({
  area: Type.Optional(Area),
  district: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'id of a ground feature of type district' })),
  bbox: Type.Optional(Type.Array(Type.Number(), { minItems: 4, maxItems: 4, description: '[minLon, minLat, maxLon, maxLat]' })),
  from: IsoTime,
  to: IsoTime,
  limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, default: 1000, description: 'attributed complaints listed in the answer (all are analysed)' })),
  options: Type.Optional(Type.Object({
    clusterRadiusM: Type.Optional(Type.Number({ minimum: 10, maximum: 10_000, description: `default ${D.clusterRadiusM}` })),
    clusterWindowMin: Type.Optional(Type.Number({ minimum: 1, maximum: 7 * 24 * 60, description: `default ${D.clusterWindowMs / 60_000}` })),
    clusterMinPoints: Type.Optional(Type.Integer({ minimum: 2, maximum: 1000, description: `default ${D.clusterMinPoints}` })),
    densityCellM: Type.Optional(Type.Number({ minimum: 50, maximum: 50_000, description: `default ${D.densityCellM}` })),
  }, { additionalProperties: false })),
}, { additionalProperties: false })
