/** Schemas of the network routes: sites with their map state, the element tree and one element. */
import { Type } from 'typebox'
import type { Polygon } from 'geojson'
import type { AreaGeometry } from '../domain.js'
import { ELEMENT_TYPES, STATE_ORDER } from '../domain.js'
import { CauseCode, IsoTime } from './common.js'

const State = Type.Enum([...STATE_ORDER], {
  description: 'worst state of the node and everything under it, as the map\'s clusters: alarm > cutover > recent_alarm (黄灯闪烁) > normal',
})
const OwnState = Type.Enum([...STATE_ORDER], { description: 'from the element\'s own alarms and cutovers alone' })
const NullableString = Type.Union([Type.String(), Type.Null()])
const ByState = Type.Object({ alarm: Type.Integer(), cutover: Type.Integer(), recent_alarm: Type.Integer(), normal: Type.Integer() }, { description: 'sites per state' })
const Counts = Type.Object({ bscs: Type.Integer(), sites: Type.Integer(), cells: Type.Integer(), byState: ByState })
const CellNode = Type.Object({ id: Type.String(), azimuth: Type.Number(), beamwidth: Type.Number(), radiusM: Type.Number(), tech: NullableString })
const SiteNode = Type.Object({
  type: Type.Literal('site'), id: Type.String(), name: Type.String(), lon: Type.Number(), lat: Type.Number(), tech: NullableString,
  ring: NullableString, state: State, cells: Type.Array(CellNode),
})
const BscNode = Type.Object({
  type: Type.Literal('bsc'), id: Type.Union([Type.String(), Type.Null()], { description: 'null: sites of this MSC that name no BSC (未归属)' }),
  state: State, ownState: OwnState, counts: Counts,
  alsoUnder: Type.Array(Type.String(), { description: 'other MSCs this BSC is named under (a data problem, see orphans)' }),
  sites: Type.Array(SiteNode),
})
const MscNode = Type.Object({
  type: Type.Literal('msc'), id: Type.Union([Type.String(), Type.Null()], { description: 'null: sites that name no MSC (未归属)' }),
  state: State, ownState: OwnState, counts: Counts, bscs: Type.Array(BscNode),
})
const RingNode = Type.Object({ type: Type.Literal('ring'), id: Type.String(), state: State, ownState: OwnState, counts: Counts, sites: Type.Array(Type.String()) })

export const TreeReply = Type.Object({
  counts: Type.Object({ mscs: Type.Integer(), bscs: Type.Integer(), rings: Type.Integer(), sites: Type.Integer(), cells: Type.Integer(), byState: ByState }),
  state: State,
  mscs: Type.Array(MscNode),
  rings: Type.Array(RingNode),
  orphans: Type.Object({
    sitesWithoutBsc: Type.Array(Type.String()),
    sitesWithoutMsc: Type.Array(Type.String()),
    cellsWithoutSite: Type.Array(Type.Object({ id: Type.String(), siteId: Type.String() })),
    bscsUnderSeveralMscs: Type.Array(Type.Object({ id: Type.String(), mscs: Type.Array(Type.String()) })),
  }),
})

export const ElementParams = Type.Object({
  type: Type.String({ maxLength: 16, description: `one of ${ELEMENT_TYPES.join(', ')}` }),
  id: Type.String({ minLength: 1, maxLength: 128 }),
})
export const ElementQuery = Type.Object({
  from: Type.Optional(IsoTime), to: Type.Optional(IsoTime),
}, { additionalProperties: false, description: 'the window of the complaints inside the footprint (default: the last 7 days)' })

const Ref = Type.Object({ type: Type.Enum([...ELEMENT_TYPES]), id: Type.String() })
export const ElementReply = Type.Object({
  type: Type.Enum([...ELEMENT_TYPES]), id: Type.String(), state: State, ownState: OwnState,
  sites: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), lon: Type.Number(), lat: Type.Number(), bsc: NullableString, msc: NullableString, ring: NullableString, state: State })),
  related: Type.Array(Ref, { description: 'MSCs above a BSC, BSCs below an MSC; the BSCs and MSCs of a ring\'s sites' }),
  alarms: Type.Array(Type.Object({ id: Type.String(), kind: Type.String(), severity: Type.String(), raisedAt: Type.String(), clearedAt: NullableString, active: Type.Boolean() }), { description: 'the element\'s own alarms of the last 7 days' }),
  cutovers: Type.Array(Type.Object({ id: Type.String(), description: Type.String(), plannedStart: NullableString, plannedEnd: NullableString, actualStart: NullableString, actualEnd: NullableString }), { description: 'cutovers on the element within 7 days either side of now' }),
  footprint: Type.Object({
    type: Type.Literal('Feature'),
    properties: Type.Object({ type: Type.String(), id: Type.String(), sites: Type.Integer(), method: Type.String() }),
    geometry: Type.Unsafe<Polygon>(Type.Unknown({ description: 'GeoJSON Polygon (WGS-84)' })),
  }),
  complaints: Type.Object({
    from: Type.String(), to: Type.String(), count: Type.Integer({ description: 'complaints inside the footprint in the window' }),
    list: Type.Array(Type.Object({ id: Type.String(), occurredAt: Type.String(), phenomenon: Type.String(), cause: NullableString, suggestedCause: NullableString, address: Type.String(), lon: Type.Number(), lat: Type.Number() }), { description: 'newest first, at most 200' }),
  }),
})

const SiteMapState = Type.Enum(['alarm', 'cutover', 'recent_alarm', 'normal'], {
  description: 'alarm: active alarm; cutover: inside a cutover window; recent_alarm: alarmed in the last 24 h (黄灯闪烁)',
})
const Nullable = (t: ReturnType<typeof Type.String>) => Type.Union([t, Type.Null()])
/** The fields of a site as GET /api/sites lists it and GET /api/sites/:id starts with. */
export const SiteBase = {
  id: Type.String(), name: Type.String(), lon: Type.Number(), lat: Type.Number(),
  tech: Nullable(Type.String()), type: Nullable(Type.String()), bsc: Nullable(Type.String()), msc: Nullable(Type.String()), state: SiteMapState,
  ring: Type.Optional(Nullable(Type.String({ description: 'the transmission ring 传输环 the site hangs on (issue 9)' }))),
}
/** A site of GET /api/sites. */
export const SiteReply = Type.Object(SiteBase)

const Element = Type.Object({ type: Type.Enum([...ELEMENT_TYPES]), id: Type.String() })
const Severity = Type.Enum(['critical', 'major', 'minor', 'warning'])

/** GET /api/sites/:id: a site with its cells, the alarms and cutovers of the last week, the complaints around it. */
export const SiteDetailReply = Type.Object({
  ...SiteBase,
  cells: Type.Array(Type.Object({ id: Type.String(), siteId: Type.String(), azimuth: Type.Number(), beamwidth: Type.Number(), radiusM: Type.Number(), tech: NullableString })),
  alarms: Type.Array(Type.Object({
    id: Type.String(), siteId: Type.String({ description: "'' for an alarm on an element above the site" }),
    element: Type.Optional(Type.Union([Element, Type.Null()], { description: 'the BSC, MSC or ring the alarm is on, when not the site itself' })),
    kind: Type.String(), severity: Severity, raisedAt: Type.String(), clearedAt: NullableString, active: Type.Boolean(),
  }), { description: 'the site\'s own alarms and those of the ring, BSC and MSC it hangs on, of the last 7 days' }),
  cutovers: Type.Array(Type.Object({
    id: Type.String(), siteIds: Type.Array(Type.String()), elements: Type.Optional(Type.Array(Element)),
    plannedStart: NullableString, plannedEnd: NullableString, actualStart: NullableString, actualEnd: NullableString,
    description: Type.String(),
    area: Type.Unsafe<AreaGeometry | null>(Type.Unknown({ description: 'GeoJSON Polygon or MultiPolygon (WGS-84), or null' })),
  }), { description: 'cutovers on the site or its elements within 7 days either side of now' }),
  complaints: Type.Array(Type.Object({ id: Type.String(), occurredAt: Type.String(), phenomenon: Type.String(), cause: Type.Union([CauseCode, Type.Null()]), address: Type.String() }), {
    description: 'complaints within 1 km of the last 7 days, at most 50',
  }),
})
