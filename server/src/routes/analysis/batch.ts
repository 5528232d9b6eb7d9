/**
 * POST /api/analysis — the engineer's batch analysis of an area (polygon, district or bbox) and window;
 * GET /api/analysis/precision — rule precision and recall from settled complaints.
 * The area and window filter runs in the store (in PostGIS there); everything else in analysis/.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AreaGeometry } from '../../domain/types.js'
import { CAUSE_CODES, type CauseCode } from '../../domain/types.js'
import type { NetworkService } from '../../service/network-service.js'
import { AppError } from '../../errors.js'
import { defaultAnalysisOptions } from '../../config/index.js'
import { errorReplies } from '../../../../contract/src/schemas/common.js'
import { timeField } from '../diagnose/input.js'
import { toColumns } from '../../analysis/columns.js'
import { densityCells } from '../../analysis/grid-density.js'
import { precisionRecall, type CausePair } from '../../analysis/precision.js'
import type { ClusterSummary } from '../../analysis/cluster-summary.js'
import { AnalysisReply, PrecisionReply, WindowQuery } from '../../../../contract/src/schemas/analysis.js'
import { AnalysisBody } from './schemas.js'

/** Complaints one request analyses at most (newest first): the rest is reported as truncated. */
export const MAX_ANALYSED = 200_000
/** Windows longer than this are refused (a year of a city's complaints is what an engineer asks for). */
const MAX_WINDOW_MS = 366 * 24 * 3600_000
const iso = (t: number) => new Date(t).toISOString()

/** Reads and checks a [from, to] window. */
export function readWindow(from: string, to: string): [number, number] {
  const f = timeField('from', from), t = timeField('to', to)
  if (f > t) throw new AppError('VALIDATION', `from must not be after to, got from=${from} to=${to}`)
  if (t - f > MAX_WINDOW_MS) throw new AppError('VALIDATION', `the window may span at most 366 days, got ${((t - f) / 86_400_000).toFixed(0)} days`)
  return [f, t]
}

function bboxArea(b: number[]): AreaGeometry {
  const [minLon, minLat, maxLon, maxLat] = b
  if (!(minLon < maxLon && minLat < maxLat && minLon >= -180 && maxLon <= 180 && minLat >= -90 && maxLat <= 90)) {
    throw new AppError('VALIDATION', `bbox: expected [minLon, minLat, maxLon, maxLat] in WGS-84 with min < max, got ${b.join(',')}`)
  }
  return { type: 'Polygon', coordinates: [[[minLon, minLat], [maxLon, minLat], [maxLon, maxLat], [minLon, maxLat], [minLon, minLat]]] }
}

export const batchAnalysisRoutes: FastifyPluginAsyncTypebox<{ service: NetworkService }> = async (app, { service }) => {
  app.post('/api/analysis', {
    schema: {
      tags: ['complaints'],
      summary: 'Batch analysis of an area and window: attribution at each complaint\'s own time, breakdowns, density, spatio-temporal clusters, unexplained clusters',
      body: AnalysisBody,
      response: { 200: AnalysisReply, ...errorReplies },
    },
  }, async (req) => {
    const b = req.body
    const given = [b.area, b.district, b.bbox].filter((x) => x !== undefined).length
    if (given !== 1) throw new AppError('VALIDATION', `give exactly one of area (GeoJSON Polygon), district (id) or bbox, got ${given}`)
    const [from, to] = readWindow(b.from, b.to)
    const area = b.bbox ? bboxArea(b.bbox) : await service.resolveArea({ area: b.area, district: b.district })
    const rows = await service.complaintsForAnalysis(area, from, to, MAX_ANALYSED + 1)
    const truncated = rows.length > MAX_ANALYSED
    if (truncated) rows.length = MAX_ANALYSED
    const o = b.options ?? {}
    // The schema's bounds do not hold for a coerced "Infinity" (ajv skips them on non-finite numbers).
    for (const [name, v] of [['limit', b.limit], ...Object.entries(o)] as [string, unknown][]) {
      if (v !== undefined && !Number.isFinite(v)) throw new AppError('VALIDATION', `${name === 'limit' ? '' : 'options.'}${name}: expected a finite number, got ${String(v)}`)
    }
    const options = {
      ...defaultAnalysisOptions,
      ...(o.clusterRadiusM !== undefined ? { clusterRadiusM: o.clusterRadiusM } : {}),
      ...(o.clusterWindowMin !== undefined ? { clusterWindowMs: o.clusterWindowMin * 60_000 } : {}),
      ...(o.clusterMinPoints !== undefined ? { clusterMinPoints: o.clusterMinPoints } : {}),
      ...(o.densityCellM !== undefined ? { densityCellM: o.densityCellM } : {}),
    }
    const cols = toColumns(rows)
    const { analysis: a, sites } = service.reads.analyse(cols, options)
    req.log.info({ complaints: cols.n, timings: a.timings }, 'analysis')
    const cluster = (c: ClusterSummary) => ({
      id: c.id, count: c.count, unexplained: c.unexplained, lon: c.lon, lat: c.lat, radius_m: Math.round(c.radiusM),
      from: iso(c.from), to: iso(c.to), site: c.site, byCause: c.byCause as Record<string, number>, complaintIds: [...c.members].map((i) => cols.ids[i]),
    })
    const limit = b.limit ?? 1000
    const complaints = []
    for (let i = 0; i < Math.min(limit, cols.n); i++) {
      const s = a.attribution.site[i], l = a.clustering.label[i], f = cols.finalCause[i]
      complaints.push({
        id: cols.ids[i], siteId: s >= 0 ? sites.ids[s] : null, distance_m: s >= 0 ? Math.round(a.attribution.distanceM[i]) : null,
        cause: CAUSE_CODES[a.attribution.cause[i]], finalCause: f >= 0 ? CAUSE_CODES[f] : null, cluster: l >= 0 ? l : null,
      })
    }
    return {
      total: cols.n,
      truncated,
      breakdown: a.breakdown,
      density: { cellM: options.densityCellM, cells: densityCells(a.density, 5000) },
      clusters: a.clusters.slice(0, 200).map(cluster),
      unexplainedClusters: a.unexplained.slice(0, 100).map((c) => ({ ...cluster(c), rank: c.rank, share: c.share, perHour: c.perHour })),
      complaints,
    }
  })

  app.get('/api/analysis/precision', {
    schema: {
      tags: ['complaints'],
      summary: 'Precision and recall of each suggested cause against the final cause agents and field tests settled on',
      querystring: WindowQuery,
      response: { 200: PrecisionReply, ...errorReplies },
    },
  }, async (req) => {
    const now = Date.now()
    const [from, to] = readWindow(req.query.from ?? iso(now - 30 * 86_400_000), req.query.to ?? iso(now))
    const known = new Set<string>(CAUSE_CODES)
    const pairs = (await service.settledCausePairs(from, to))
      .filter((p) => known.has(p.suggested) && known.has(p.final)) as unknown as CausePair[]
    return precisionRecall(pairs.map((p) => ({ suggested: p.suggested as CauseCode, final: p.final as CauseCode, n: Number(p.n) })))
  })
}
