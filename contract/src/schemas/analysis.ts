/** Replies of the batch analysis routes (POST /api/analysis, GET /api/analysis/precision, GET /api/warnings) and their window query. */
import { Type, type TSchema } from 'typebox'
import { CauseCode, IsoTime } from './common.js'

/** Complaints per BSC / MSC / transmission ring (issue 9), most first. */
const ElementCounts = Type.Array(Type.Object({
  id: Type.String(), sites: Type.Integer({ description: 'sites of the element with complaints' }), count: Type.Integer(), unexplained: Type.Integer(),
  elementFault: Type.Integer({ description: 'complaints put down to an alarm or cutover on the element itself' }),
}))

/** A count per code; generic so that a cause-code count keeps the CauseCode type. */
const Count = <Code extends TSchema>(code: Code) => Type.Object({ code, label: Type.String(), count: Type.Integer() })
const SiteRef = Type.Object({ id: Type.String(), name: Type.String(), count: Type.Integer() })
export const ClusterReply = Type.Object({
  id: Type.Integer(), count: Type.Integer(), unexplained: Type.Integer(), lon: Type.Number(), lat: Type.Number(),
  radius_m: Type.Number(), from: Type.String(), to: Type.String(), site: Type.Union([SiteRef, Type.Null()]),
  byCause: Type.Record(Type.String(), Type.Integer()), complaintIds: Type.Array(Type.String()),
})

export const AnalysisReply = Type.Object({
  total: Type.Integer({ description: 'complaints analysed' }),
  truncated: Type.Boolean({ description: 'the area held more complaints than the service analyses at once: only the newest were' }),
  breakdown: Type.Object({
    byCause: Type.Array(Count(CauseCode), { description: 're-derived at each complaint\'s own time' }),
    byFinalCause: Type.Array(Count(CauseCode), { description: 'the cause agents or field tests settled on' }),
    byPhenomenon: Type.Array(Count(Type.String())),
    bySite: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), count: Type.Integer(), unexplained: Type.Integer() })),
    byHour: Type.Array(Type.Integer(), { description: '24 counts by hour of the day, China time' }),
    // Issue 9: complaints grouped by the element their site hangs on (additive).
    byBsc: Type.Optional(ElementCounts), byMsc: Type.Optional(ElementCounts), byRing: Type.Optional(ElementCounts),
  }),
  density: Type.Object({
    cellM: Type.Number(),
    cells: Type.Array(Type.Array(Type.Number(), { minItems: 3, maxItems: 3 }), { description: '[lon, lat, count] of non-empty cells, densest first' }),
  }),
  clusters: Type.Array(ClusterReply, { description: 'spatio-temporal DBSCAN clusters, largest first (at most 200)' }),
  unexplainedClusters: Type.Array(Type.Intersect([ClusterReply, Type.Object({ rank: Type.Integer(), share: Type.Number(), perHour: Type.Number() })]), {
    description: 'clusters mostly without alarm, cutover or coverage object behind them: suspected hidden faults, ranked',
  }),
  complaints: Type.Array(Type.Object({
    id: Type.String(), siteId: Type.Union([Type.String(), Type.Null()]), distance_m: Type.Union([Type.Number(), Type.Null()]),
    cause: CauseCode, finalCause: Type.Union([CauseCode, Type.Null()]), cluster: Type.Union([Type.Integer(), Type.Null()]),
  })),
})

export const WindowQuery = Type.Object({ from: Type.Optional(IsoTime), to: Type.Optional(IsoTime) }, { additionalProperties: false })

export const PrecisionReply = Type.Object({
  total: Type.Integer(), agreement: Type.Union([Type.Number(), Type.Null()]),
  causes: Type.Array(Type.Object({
    code: CauseCode, label: Type.String(), truePositives: Type.Integer(), falsePositives: Type.Integer(), falseNegatives: Type.Integer(),
    precision: Type.Union([Type.Number(), Type.Null()]), recall: Type.Union([Type.Number(), Type.Null()]),
  })),
  confusion: Type.Array(Type.Object({ suggested: CauseCode, final: CauseCode, n: Type.Integer() })),
})

export const WarningsReply = Type.Object({
  from: Type.String(), to: Type.String(),
  warnings: Type.Array(Type.Object({
    type: Type.Literal('surge'), siteId: Type.String(), siteName: Type.String(), lon: Type.Number(), lat: Type.Number(),
    from: Type.String(), to: Type.String(), count: Type.Integer(), baselineMean: Type.Number(), baselineSd: Type.Number(),
    threshold: Type.Number(), complaintIds: Type.Array(Type.String()),
  })),
})
