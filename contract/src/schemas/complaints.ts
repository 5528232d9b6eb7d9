/** Schemas of the complaint routes. */
import { Type, type Static } from 'typebox'
import { CauseCode, DiagnoseFields, Disposition, IsoTime, Specialty } from './common.js'

/** A time limit the complaint breached (issue 8): late, or still open and past due. */
export const BreachReply = Type.Object({
  limit: Type.Union([Type.Literal('respond'), Type.Literal('answer'), Type.Literal('close')]),
  label: Type.String({ description: '响应超时 / 答复超时 / 结单超时' }),
  dueAt: Type.String(),
  doneAt: Type.Union([Type.String(), Type.Null()], { description: 'when the milestone came (late); null: not yet' }),
  overdueMs: Type.Number({ description: 'by how much (ms): until the milestone, or until now when it has not come' }),
  open: Type.Boolean({ description: 'not reached yet: the complaint is overdue now' }),
})

/** The workflow fields of a complaint view (issue 8); status null: imported as history, not tracked. */
export const WorkflowFields = {
  status: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'received diagnosed answered dispatched field_tested called_back closed reopened; null: not tracked' })),
  statusLabel: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: '已受理 已分析 已答复 已派单 已实测 已回访 已结单 已重开' })),
  ticket: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  repeatOf: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: '重复投诉: the first complaint of the chain this one repeats' })),
  team: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'the team it was last dispatched to' })),
  teamSpecialty: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  satisfied: Type.Optional(Type.Union([Type.Boolean(), Type.Null()], { description: "the last call-back's answer" })),
  overdue: Type.Optional(Type.Boolean({ description: 'a time limit has run out and its step has not been taken (超时)' })),
  breaches: Type.Optional(Type.Array(BreachReply)),
  allowedActions: Type.Optional(Type.Array(Type.String(), { description: 'the steps allowed from the status' })),
}

export const RecordComplaintBody = Type.Object({
  ...DiagnoseFields,
  id: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' })),
  reportedAt: Type.Optional(IsoTime),
  number: Type.Optional(Type.String({ maxLength: 20, pattern: '^[0-9 +*-]*$', description: "the customer's number; stored masked (138****1234)" })),
  vip: Type.Optional(Type.String({ maxLength: 20 })),
  cause: Type.Optional(CauseCode),
  answer: Type.Optional(Type.String({ maxLength: 4000 })),
  ticket: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[^\\u0000-\\u001f]+$', description: "the operator's own ticket number (工单号), stored with the workflow and sent with its status changes" })),
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
  ...WorkflowFields,
})

const Counts = Type.Record(Type.String(), Type.Integer())
/** POST /api/complaints/area: the stored complaints of an area and window (newest first) with their counts. */
export const AreaComplaintsReply = Type.Object({ total: Type.Integer(), byCause: Counts, byPhenomenon: Counts, complaints: Type.Array(ComplaintReply) })

export const ComplaintsQuery = Type.Object({
  bbox: Type.Optional(Type.String({ description: 'minLon,minLat,maxLon,maxLat (WGS-84); clamped to the world' })),
  from: Type.Optional(IsoTime),
  to: Type.Optional(IsoTime),
  limit: Type.Optional(Type.Integer({ minimum: 1, default: 1000, description: 'clamped to 10000' })),
})

/** The headers POST /api/complaints reads: an optional idempotency key, per user. */
export const RecordComplaintHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({
    minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$',
    description: 'Idempotency-Key: 8–128 of A–Z a–z 0–9 _ -. The first request with a key stores the complaint (201); a repeat by the same user with the same body stores nothing and answers the stored complaint (200, Idempotent-Replayed: true); the same key with another body answers 409 CONFLICT, details { reason: "idempotency_key_reused", id }.',
  })),
})

export const LookupQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 100, description: 'a complaint id (or a prefix of ≥ 9 characters), a ticket (or a prefix of ≥ 6), a number (≥ 7 digits, +86 allowed, compared as digits), its last 4 digits, or a part of the address (≥ 2 characters, not all digits)' }),
  limit: Type.Optional(Type.Integer({ minimum: 1, default: 10, description: 'clamped to 50' })),
})

export const LookupMatch = Type.Union([Type.Literal('id'), Type.Literal('ticket'), Type.Literal('number'), Type.Literal('number_tail'), Type.Literal('address')])

export const LookupItem = Type.Object({
  id: Type.String(),
  ticket: Type.Union([Type.String(), Type.Null()], { description: "the operator's ticket (工单号); null: none" }),
  occurredAt: Type.String(),
  reportedAt: Type.Union([Type.String(), Type.Null()]),
  address: Type.String(),
  phenomenon: Type.String(),
  service: Type.String(),
  number: Type.Union([Type.String(), Type.Null()], { description: 'masked (138****1234) unless the role may see whole numbers (complaint:number)' }),
  status: Type.Union([Type.String(), Type.Null()], { description: 'null: not tracked (imported as history)' }),
  statusLabel: Type.Union([Type.String(), Type.Null()]),
  suggestedCause: Type.Union([CauseCode, Type.Null()]),
  cause: Type.Union([CauseCode, Type.Null()]),
  lon: Type.Number(),
  lat: Type.Number(),
  match: LookupMatch,
}, { additionalProperties: false })

export const LookupReply = Type.Object({ items: Type.Array(LookupItem) }, { additionalProperties: false })
export type LookupReply = Static<typeof LookupReply>
