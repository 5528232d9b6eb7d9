/**
 * GET /api/warnings?from&to — early warnings of mass outages: per-site complaint surges against the
 * site's own baseline for that hour of the week, with no alarm or cutover behind them (analysis/warnings.ts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { NetworkService } from '../../service/network-service.js'
import { defaultAnalysisOptions } from '../../config/index.js'
import { errorReplies } from '../../../../contract/src/schemas/common.js'
import { readWindow } from '../analysis/batch.js'
import { WarningsReply, WindowQuery } from '../../../../contract/src/schemas/analysis.js'

const iso = (t: number) => new Date(t).toISOString()

export const warningRoutes: FastifyPluginAsyncTypebox<{ service: NetworkService }> = async (app, { service }) => {
  app.get('/api/warnings', {
    schema: {
      tags: ['network'],
      summary: `Complaint surges per site with no alarm or cutover behind them (default: the last ${defaultAnalysisOptions.warningLookbackMs / 3600_000} h)`,
      querystring: WindowQuery,
      response: { 200: WarningsReply, ...errorReplies },
    },
  }, async (req) => {
    const o = defaultAnalysisOptions
    const now = Date.now()
    const [from, to] = readWindow(req.query.from ?? iso(now - o.warningLookbackMs), req.query.to ?? iso(now))
    // The in-memory complaint index holds every complaint: the baseline weeks come from there, no query.
    const warnings = service.reads.warnings(from, to, o)
    return { from: iso(from), to: iso(to), warnings: warnings.map((w) => ({ ...w, type: 'surge' as const, from: iso(w.from), to: iso(w.to) })) }
  })
}
