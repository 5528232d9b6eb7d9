/**
 * GET /api/feeds — the NMS feeds (issue 9) for engineers: the inbox and URL poller's live state, files
 * per outcome, the latest files and the latest failures with their reasons. Read-only; the feeds
 * themselves run in the instance's container (server/src/feeds, started by main.ts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FeedStore } from '../../feeds/index.js'
import { ErrorReply } from '../../../../contract/src/schemas/common.js'
import { FeedsQuery, FeedsReply } from '../../../../contract/src/schemas/feeds.js'

export const feedRoutes: FastifyPluginAsyncTypebox<{ files: FeedStore }> = async (app, { files: store }) => {

  app.get('/api/feeds', {
    schema: {
      tags: ['import'],
      summary: 'Status of the feeds from the network management system: inbox, polled URL, latest files and failures',
      description: 'Files dropped into the inbox (DATA_DIR/inbox: alarms/, cutovers/ or <kind>-*.csv; write *.tmp, then rename) are imported '
        + 'atomically, once per content (SHA-256); refused ones go to inbox/failed/ with <name>.reason.txt. See README "Feeds".',
      querystring: FeedsQuery,
      response: { 200: FeedsReply, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply },
    },
  }, async (req) => {
    const live = app.container.feeds?.state() ?? { inbox: null, url: null }
    const [counts, files, failures] = await Promise.all([
      store.counts(), store.recent({ limit: req.query.limit }), store.recent({ limit: req.query.limit, status: 'failed' }),
    ])
    return { ...live, counts, files, failures }
  })
}
