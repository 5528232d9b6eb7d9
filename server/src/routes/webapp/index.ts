/**
 * GET /assets/{file} — the bundled browser app (app.js, app.css, chunks), built in memory by
 * web/build/bundle.ts on first need: when the server starts listening (so the first visitor does not
 * wait) or on the first request (tests that only inject never pay for it). index.html is static in web/.
 */
import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { bundleWeb, type Asset } from '../../../../web/build/bundle.js'

// One bundle per process: every app instance serves the same files.
let bundle: Promise<Map<string, Asset>> | null = null
const assets = () => (bundle ??= bundleWeb().catch((err) => {
  bundle = null
  throw err
}))

export const webappRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onListen', async () => {
    assets().catch((err) => app.log.error({ err }, 'web app bundle failed'))
  })

  app.get('/assets/:file', {
    schema: {
      tags: ['health'], summary: 'The web app\'s bundled script and style', hide: true,
      params: Type.Object({ file: Type.String({ pattern: '^[A-Za-z0-9_-]+\\.(js|css|txt)$', maxLength: 80 }) }),
    },
  }, async (req, reply) => {
    const a = (await assets()).get(req.params.file)
    if (!a) return reply.code(404).send({ code: 'NOT_FOUND', message: `no asset "${req.params.file}"` })
    // The names are stable (app.js), so revalidate by ETag rather than cache blindly across upgrades.
    reply.header('etag', a.etag).header('cache-control', 'no-cache')
    if (req.headers['if-none-match'] === a.etag) return reply.code(304).send()
    return reply.type(a.type).send(a.body)
  })
}
