/**
 * The answer-script templates (解释口径, issue 8 item 5), admin only ('templates' permission):
 *   GET  /api/templates                      every template with its current version
 *   GET  /api/templates/:code                one template with all its versions, newest first
 *   PUT  /api/templates/:code                {text, note?, baseVersion?} → a new version, current at once (audited)
 *   POST /api/templates/:code/preview        {text?, complaintId} → the text filled on a stored complaint, nothing saved
 *   GET  /api/templates/:code/complaints     recent complaints to preview on (those of the template's cause first)
 * Every diagnosis names the template version its answer came from (`template: {code, version}`),
 * stored with the complaint's diagnosis (GET /api/complaints/:id → diagnosis.template).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { NetworkService } from '../../service/network-service.js'
import type { Users } from '../../auth/users.js'
import { actor } from '../../auth/plugin.js'
import type { AnswerTemplates } from '../../answers/templates.js'
import { MAX_TEMPLATE_CHARS } from '../../answers/answer-book.js'
import { ErrorReply } from '../../../../contract/src/schemas/common.js'
import { TemplateComplaintsReply, TemplateDetailReply, TemplateListReply, TemplatePreviewReply, TemplateVersionReply } from '../../../../contract/src/schemas/templates.js'

const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply, 500: ErrorReply } as const

const Code = Type.Object({ code: Type.String({ minLength: 1, maxLength: 64, description: "template key, e.g. 'cutover.cleared'" }) })

const TemplateText = Type.String({ maxLength: MAX_TEMPLATE_CHARS * 2, description: `the script; {slot} placeholders; lines are joined (at most ${MAX_TEMPLATE_CHARS} characters)` })

export const templateRoutes: FastifyPluginAsyncTypebox<{ service: NetworkService; users: Users; templates: AnswerTemplates }> = async (app, { service, users, templates }) => {

  app.get('/api/templates', {
    schema: {
      tags: ['templates'],
      summary: 'Every answer-script template (解释口径) with its current version',
      response: { 200: TemplateListReply, ...errors },
    },
  }, async () => ({ templates: await templates.list() }))

  app.get('/api/templates/:code', {
    schema: {
      tags: ['templates'],
      summary: 'One template with all its versions, newest first',
      params: Code,
      response: { 200: TemplateDetailReply, ...errors },
    },
  }, async (req) => templates.history(req.params.code))

  app.put('/api/templates/:code', {
    schema: {
      tags: ['templates'],
      summary: 'Save a new version of a template; every diagnosis from now on uses it (audited)',
      description: 'An unknown {slot} or an empty text is refused (400, naming every unknown slot), as is a text equal to the current one. With baseVersion, a save over a version that is no longer current is refused (409).',
      params: Code,
      body: Type.Object({
        text: TemplateText,
        note: Type.Optional(Type.String({ maxLength: 1000, description: 'why it changed (修改说明)' })),
        baseVersion: Type.Optional(Type.Integer({ minimum: 1, description: 'the version the edit started from' })),
      }, { additionalProperties: false }),
      response: { 200: TemplateVersionReply, ...errors },
    },
  }, async (req) => {
    const who = actor(req)
    const saved = await templates.save(req.params.code, req.body, who.username ?? 'unknown')
    await users.audit({ ...who, action: 'template', target: saved.code, details: { version: saved.version, note: saved.note, chars: saved.text.length } })
    return saved
  })

  app.post('/api/templates/:code/preview', {
    schema: {
      tags: ['templates'],
      summary: 'A template text (default: the current version) filled with the values of a stored complaint; nothing is saved',
      params: Code,
      body: Type.Object({
        text: Type.Optional(TemplateText),
        complaintId: Type.String({ minLength: 1, maxLength: 200 }),
      }, { additionalProperties: false }),
      response: { 200: TemplatePreviewReply, ...errors },
    },
  }, async (req) => {
    const complaint = await service.getComplaint(req.body.complaintId)
    return templates.preview(req.params.code, complaint, req.body.text)
  })

  app.get('/api/templates/:code/complaints', {
    schema: {
      tags: ['templates'],
      summary: 'Recent complaints to preview a template on: those answered with a template of its cause first',
      params: Code,
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) }),
      response: { 200: TemplateComplaintsReply, ...errors },
    },
  }, async (req) => ({ complaints: await templates.complaintsFor(req.params.code, req.query.limit ?? 20) }))
}
