/** Schemas of the complaint routes. */
import { Type, type Static } from 'typebox'
import { CauseCode, DiagnoseFields, Disposition, IsoTime, Specialty } from '../schemas.js'

export const RecordComplaintBody = Type.Object({
  ...DiagnoseFields,
  id: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' })),
  reportedAt: Type.Optional(IsoTime),
  number: Type.Optional(Type.String({ maxLength: 20, pattern: '^[0-9 +*-]*$', description: "the customer's number; stored masked (138****1234)" })),
  vip: Type.Optional(Type.String({ maxLength: 20 })),
  cause: Type.Optional(CauseCode),
  answer: Type.Optional(Type.String({ maxLength: 4000 })),
}, { additionalProperties: false })
export type RecordComplaintBody = Static<typeof RecordComplaintBody>

export const ComplaintReply = Type.Object({
  id: Type.String(),
  occurredAt: Type.String(),
  reportedAt: Type.Union([Type.String(), Type.Null()]),
  address: Type.String(),
  service: Type.String(),
  phenomenon: Type.String(),
  description: Type.String(),
  vip: Type.Union([Type.String(), Type.Null()]),
  lon: Type.Number(),
  lat: Type.Number(),
  number: Type.Union([Type.String(), Type.Null()], { description: 'masked' }),
  suggestedCause: Type.Union([CauseCode, Type.Null()]),
  cause: Type.Union([CauseCode, Type.Null()], { description: 'the final cause; null while open' }),
  overridden: Type.Boolean({ description: 'the agent chose another cause than the suggested one' }),
  answer: Type.Union([Type.String(), Type.Null()]),
  disposition: Type.Union([Disposition, Type.Null()]),
  specialty: Type.Union([Specialty, Type.Null()]),
  linkedSites: Type.Array(Type.String()),
  createdAt: Type.String(),
})

export const ComplaintsQuery = Type.Object({
  bbox: Type.Optional(Type.String({ description: 'minLon,minLat,maxLon,maxLat (WGS-84); clamped to the world' })),
  from: Type.Optional(IsoTime),
  to: Type.Optional(IsoTime),
  limit: Type.Optional(Type.Integer({ minimum: 1, default: 1000, description: 'clamped to 10000' })),
})
