/** Schemas of the answer-script template replies (解释口径: /api/templates), read by the 口径管理 screen. */
import { Type } from 'typebox'
import { AnswerTemplateRef } from './common.js'

/** One saved version of a template. */
export const TemplateVersionReply = Type.Object({
  code: Type.String(),
  version: Type.Integer(),
  text: Type.String(),
  author: Type.String(),
  note: Type.String(),
  createdAt: Type.String(),
})

/** The diagnosis' template reference, without the slot values (these replies never carry them). */
export const TemplateRefReply = Type.Omit(AnswerTemplateRef, ['slots'])

const Summary = {
  code: Type.String(),
  cause: Type.String({ description: 'the cause code the template answers for' }),
  label: Type.String(),
  slots: Type.Array(Type.Object({ name: Type.String(), label: Type.String() }), { description: 'the {slots} this template may use' }),
  current: TemplateVersionReply,
  versions: Type.Integer({ description: 'how many versions there are' }),
}

/** A template with its current version (GET /api/templates lists them). */
export const TemplateSummaryReply = Type.Object(Summary)

/** GET /api/templates. */
export const TemplateListReply = Type.Object({ templates: Type.Array(TemplateSummaryReply) })

/** GET /api/templates/:code: the template with all its versions, newest first. */
export const TemplateDetailReply = Type.Object({ ...Summary, history: Type.Array(TemplateVersionReply) })

/** POST /api/templates/:code/preview: a text filled with a stored complaint's values; nothing saved. */
export const TemplatePreviewReply = Type.Object({
  code: Type.String(),
  complaintId: Type.String(),
  text: Type.String(),
  answer: Type.String(),
  missing: Type.Array(Type.String(), { description: 'slots the complaint has no value for (shown as {name})' }),
  slots: Type.Record(Type.String(), Type.String()),
  answeredWith: Type.Union([TemplateRefReply, Type.Null()]),
  given: Type.Union([Type.String(), Type.Null()], { description: 'the answer the customer was given' }),
})

/** A complaint to preview a template on (GET /api/templates/:code/complaints). */
export const TemplateComplaintReply = Type.Object({
  id: Type.String(),
  occurredAt: Type.String(),
  address: Type.String(),
  phenomenon: Type.String(),
  cause: Type.Union([Type.String(), Type.Null()]),
  template: Type.Union([TemplateRefReply, Type.Null()]),
})

/** GET /api/templates/:code/complaints. */
export const TemplateComplaintsReply = Type.Object({ complaints: Type.Array(TemplateComplaintReply) })
