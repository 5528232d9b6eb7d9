/**
 * GET /api/events — server-sent events: `import` after every committed import ({kind, count, at}),
 * so open maps refresh their layers in place. A comment line every 25 s keeps proxies from closing
 * an idle stream; the streams are ended before the server closes (they would hold it open).
 */
import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { NetworkService } from '../../service/network-service.js'
import type { ImportEvent } from '../../service/events.js'

/** Keep-alive interval: below the 30–60 s idle timeouts of common proxies. */
const HEARTBEAT_MS = 25_000

export const eventRoutes: FastifyPluginAsyncTypebox<{ service: NetworkService }> = async (app, { service }) => {
  const open = new Set<() => void>()
  app.addHook('preClose', async () => {
    for (const end of [...open]) end()
  })

  app.get('/api/events', {
    schema: {
      tags: ['network'],
      summary: 'Server-sent events: `import` after every committed import (the map refreshes its layers)',
      produces: ['text/event-stream'],
      response: { 200: Type.String({ description: 'text/event-stream: `event: import` with data {kind, count, at}' }) },
    },
  }, (req, reply) => {
    reply.hijack()
    const res = reply.raw
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    })
    // The client reconnects after 3 s if the stream drops.
    res.write('retry: 3000\n\n')
    const onImport = (e: ImportEvent) => res.write(`event: import\ndata: ${JSON.stringify(e)}\n\n`)
    const events = service.events
    events.on('import', onImport)
    const beat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS)
    const end = () => {
      clearInterval(beat)
      events.off('import', onImport)
      open.delete(end)
      if (!res.writableEnded) res.end()
    }
    open.add(end)
    req.raw.on('close', end)
  })
}
