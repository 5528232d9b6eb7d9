/** Schemas of the complaint workflow (steps, history) and of the figures of an area and period. */
import { Type } from 'typebox'
import { ACTION_LABELS, USER_ACTIONS, type UserAction } from '../workflow.js'
import { CauseCode, Specialty } from './common.js'

const Text = (max: number, description: string) => Type.String({ maxLength: max, pattern: '^[^\\u0000]*$', description })

/** The body of POST /api/complaints/:id/actions: one workflow step. */
export const ActionBody = Type.Object({
  // Unsafe only types the union: a union over a mapped array would read as never.
  action: Type.Unsafe<UserAction>(Type.Union(USER_ACTIONS.map((a) => Type.Literal(a)), { description: USER_ACTIONS.map((a) => `${a} ${ACTION_LABELS[a]}`).join(', ') })),
  note: Type.Optional(Text(4000, "free text of the step: the answer given, the field team's result (required for field_test), the call-back's outcome")),
  team: Type.Optional(Text(100, 'dispatch: the team (专业中心 or 分公司) it goes to (required)')),
  specialty: Type.Optional(Specialty),
  cause: Type.Optional(CauseCode),
  satisfied: Type.Optional(Type.Boolean({ description: 'call_back: the customer is satisfied (required)' })),
}, { additionalProperties: false })

/** One step of a complaint's history (GET /api/complaints/:id/history, and the step an action took). */
export const HistoryReply = Type.Object({
  seq: Type.Integer(), action: Type.String(), actionLabel: Type.String(), from: Type.Union([Type.String(), Type.Null()]), to: Type.String(), toLabel: Type.String(),
  by: Type.Union([Type.String(), Type.Null()]), at: Type.String(), note: Type.Union([Type.String(), Type.Null()]),
  data: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
})

/** GET /api/complaints/:id/history: the status now and every step that led there, oldest first. */
export const HistoryListReply = Type.Object({
  id: Type.String(), status: Type.Union([Type.String(), Type.Null()]), statusLabel: Type.Union([Type.String(), Type.Null()]), history: Type.Array(HistoryReply),
})

const Rate = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], { description: 'a share in [0, 1]; null when its denominator is 0' })

/** GET/POST /api/figures: the figures of an area and period. */
export const FiguresReply = Type.Object({
  from: Type.String(), to: Type.String(),
  total: Type.Integer({ description: 'complaints that occurred in the area and period' }),
  tracked: Type.Integer({ description: 'of them, recorded through the workflow (imported history has none)' }),
  closed: Type.Integer(),
  firstTimeResolution: Rate, dispatchRate: Rate, fieldTestRate: Rate, overdueRate: Rate, repeatRate: Rate,
  counts: Type.Object({ firstTime: Type.Integer(), dispatched: Type.Integer(), fieldTested: Type.Integer(), overdue: Type.Integer(), repeats: Type.Integer() }),
  per1000Users: Type.Union([Type.Number(), Type.Null()], { description: '千人投诉率 over the districts with known users that the area covers whole; null: none' }),
  districts: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), users: Type.Number(), complaints: Type.Integer(), per1000Users: Type.Number() })),
  byCause: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), count: Type.Integer() })),
  bySpecialty: Type.Array(Type.Object({ specialty: Type.String(), count: Type.Integer() })),
  byStatus: Type.Record(Type.String(), Type.Integer()),
  truncated: Type.Boolean(),
})
