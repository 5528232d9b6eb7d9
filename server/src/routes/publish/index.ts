/**
 * Published network information (网维信息发布, issue 9 item 3):
 *   GET    /api/publish/types               every information type (any logged-in user)
 *   POST   /api/publish/types               a new operator type (admin, 'publish:types'; audited)
 *   PATCH  /api/publish/types/:id           change a type (admin; audited)
 *   GET    /api/publish/objects?bbox=&type=&filter=&limit=   objects on the map ('network:read')
 *   GET    /api/publish/objects/:id         one object ('network:read')
 *   POST   /api/publish/objects             publish (engineers, 'publish'; audited)
 *   PATCH  /api/publish/objects/:id         edit (engineers; audited)
 *   DELETE /api/publish/objects/:id         withdraw (engineers; audited)
 * Registering these routes also starts the sweep that expires objects past their validTo.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { PublishOptions } from '../../config/index.js'
import type { NetworkService } from '../../service/network-service.js'
import type { Users } from '../../auth/users.js'
import { actor } from '../../auth/plugin.js'
import { parseBbox } from '../../service/params.js'
import { materialId, type InfoType, type PublishedObject, type PublishService } from '../../publish/index.js'
import { ErrorReply } from '../../../../contract/src/schemas/common.js'
import { EditBody, IdParams, ObjectReply, ObjectsQuery, PublishBody, TypeCreateBody, TypePatchBody, TypeReply } from '../../../../contract/src/schemas/publish.js'

const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply }
const iso = (t: number) => new Date(t).toISOString()

const typeView = (t: InfoType) => ({ ...t, createdAt: iso(t.createdAt), updatedAt: iso(t.updatedAt) })

function objectView(p: PublishService, o: PublishedObject): ObjectReply {
  const { materialisedKind, ...rest } = o
  return {
    ...rest,
    validFrom: iso(o.validFrom), validTo: o.validTo == null ? null : iso(o.validTo),
    live: p.isLive(o),
    diagnosis: materialisedKind ? { kind: materialisedKind, id: materialId(o.id) } : null,
    createdAt: iso(o.createdAt), updatedAt: iso(o.updatedAt),
  }
}

export const publishRoutes: FastifyPluginAsyncTypebox<{ users: Users; publish: PublishService }> = async (app, { users, publish }) => {
  await publish.ensureBuiltins()
  publish.startTimer(
    async (r) => {
      for (const id of r.expired) await users.audit({ action: 'publish_expired', target: id })
    },
    (err) => app.log.error({ err }, 'publish sweep failed'),
  )
  app.addHook('onClose', async () => publish.stopTimer())

  app.get('/api/publish/types', {
    schema: {
      tags: ['network'],
      summary: 'Information types of published network information (网维信息发布): built-in and the operator\'s own',
      response: { 200: Type.Object({ types: Type.Array(TypeReply) }), ...errors },
    },
  }, async () => ({ types: (await publish.types()).map(typeView) }))

  app.post('/api/publish/types', {
    schema: {
      tags: ['network'],
      summary: 'A new information type: name, fields, symbol, geometry and how the diagnosis reads it (admin; audited)',
      body: TypeCreateBody,
      response: { 201: TypeReply, ...errors },
    },
  }, async (req, reply) => {
    const who = actor(req)
    const t = await publish.createType(req.body, who.username)
    await users.audit({ ...who, action: 'publish_type_created', target: t.id, details: { name: t.name, diagnosisAs: t.diagnosisAs, fields: t.fields.length } })
    return reply.code(201).send(typeView(t))
  })

  app.patch('/api/publish/types/:id', {
    schema: {
      tags: ['network'],
      summary: 'Changes an information type (admin; audited). Built-in types change name and symbol only; the type\'s active objects follow at once',
      params: IdParams,
      body: TypePatchBody,
      response: { 200: TypeReply, ...errors },
    },
  }, async (req) => {
    const who = actor(req)
    const t = await publish.updateType(req.params.id, req.body, who.username)
    await users.audit({ ...who, action: 'publish_type_changed', target: t.id, details: { version: t.version, changed: Object.keys(req.body) } })
    return typeView(t)
  })

  app.get('/api/publish/objects', {
    schema: {
      tags: ['network'],
      summary: 'Published objects meeting a bbox (default: those valid now), newest first',
      querystring: ObjectsQuery,
      response: { 200: Type.Object({ objects: Type.Array(ObjectReply) }), ...errors },
    },
  }, async (req) => {
    const q = req.query
    const list = await publish.objects({ bbox: parseBbox(q.bbox), typeId: q.type, filter: q.filter, limit: q.limit ?? 2000 })
    return { objects: list.map((o) => objectView(publish, o)) }
  })

  app.get('/api/publish/objects/:id', {
    schema: { tags: ['network'], summary: 'One published object (any status)', params: IdParams, response: { 200: ObjectReply, ...errors } },
  }, async (req) => objectView(publish, await publish.object(req.params.id)))

  app.post('/api/publish/objects', {
    schema: {
      tags: ['network'],
      summary: 'Publishes an object on the map (engineers; audited): visible at once, used by the diagnosis while valid if its type says so',
      description: 'Fields are checked against the type (unknown keys, required ones, types, bounds), the geometry against its kind (Point or Polygon; ranges, closed rings, no self-intersection), and validTo must be after validFrom (default: now). Anything wrong → 400 naming it, nothing stored.',
      body: PublishBody,
      response: { 201: ObjectReply, ...errors },
    },
  }, async (req, reply) => {
    const who = actor(req)
    const o = await publish.publish(req.body, who.username)
    await users.audit({ ...who, action: 'publish_created', target: o.id, details: audited(o) })
    return reply.code(201).send(objectView(publish, o))
  })

  app.patch('/api/publish/objects/:id', {
    schema: {
      tags: ['network'],
      summary: 'Edits an active published object (engineers; audited); its row for the diagnosis is replaced at once',
      params: IdParams,
      body: EditBody,
      response: { 200: ObjectReply, ...errors },
    },
  }, async (req) => {
    const who = actor(req)
    const o = await publish.edit(req.params.id, req.body, who.username)
    await users.audit({ ...who, action: 'publish_changed', target: o.id, details: { ...audited(o), changed: Object.keys(req.body) } })
    return objectView(publish, o)
  })

  app.delete('/api/publish/objects/:id', {
    schema: {
      tags: ['network'],
      summary: 'Withdraws a published object (engineers; audited): kept for the record, gone from the map and the diagnosis at once',
      params: IdParams,
      response: { 200: ObjectReply, ...errors },
    },
  }, async (req) => {
    const who = actor(req)
    const o = await publish.withdraw(req.params.id, who.username)
    await users.audit({ ...who, action: 'publish_withdrawn', target: o.id, details: { typeId: o.typeId, version: o.version } })
    return objectView(publish, o)
  })
}

/** What the audit keeps of an object: its type, validity, version and what the diagnosis holds of it. */
function audited(o: PublishedObject): Record<string, unknown> {
  return {
    typeId: o.typeId, version: o.version, validFrom: iso(o.validFrom), validTo: o.validTo == null ? null : iso(o.validTo),
    geometry: o.geometry.type, diagnosis: o.materialisedKind, fields: Object.keys(o.fields),
  }
}
