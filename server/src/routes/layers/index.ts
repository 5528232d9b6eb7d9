/**
 * GET /api/layers/{coverage,planned,cutovers,cells}?bbox= — the map's overlay layers as GeoJSON, read
 * from the network index; GET /api/layers/features/:id and /api/layers/districts — ground-feature
 * geometries (a searched street to highlight, districts for the engineer's area picker).
 * Sites and complaints have their own routes (/api/sites, /api/complaints).
 */
import { Type, type Static } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { GroundFeature } from '../../domain/types.js'
import type { NetworkService } from '../../service/network-service.js'
import { parseBbox } from '../../service/params.js'
import { sectorPolygon } from '../../geo/sector.js'
import { AppError } from '../../errors.js'
import { errorReplies } from '../../../../contract/src/schemas/common.js'
import { FeatureCollectionReply, FeatureReply } from '../../../../contract/src/schemas/layers.js'
import { timeField } from '../diagnose/input.js'

const HOUR = 3600_000
/** Cutovers shown by default: those from a day ago to three days ahead (planned ones matter to agents). */
const CUTOVER_PAST_MS = 24 * HOUR
const CUTOVER_AHEAD_MS = 72 * HOUR
/** Cell sectors are asked for at street zoom; past this many the client should zoom in. */
const MAX_CELLS = 5000
/** The complaints layer's default window, and the most points it draws (the newest). */
const RECENT_COMPLAINTS_MS = 3 * 24 * HOUR
const MAX_COMPLAINTS = 5000

const BboxQuery = Type.Object({ bbox: Type.Optional(Type.String({ description: 'minLon,minLat,maxLon,maxLat (WGS-84); clamped to the world' })) })
const iso = (t: number | null) => (t == null ? null : new Date(t).toISOString())
type GeoFeature = Static<typeof FeatureReply>
const fc = (features: GeoFeature[], truncated?: boolean) => ({ type: 'FeatureCollection' as const, features, ...(truncated ? { truncated } : {}) })

export const layerRoutes: FastifyPluginAsyncTypebox<{ service: NetworkService }> = async (app, { service }) => {
  const reads = service.reads

  // Ground features with geometry, loaded from the store on first use and again after a features import.
  let features: Promise<Map<string, GroundFeature>> | null = null
  const onImport = ({ kind }: { kind: string }) => {
    if (kind === 'features') features = null
  }
  service.events.on('import', onImport)
  app.addHook('onClose', async () => {
    service.events.off('import', onImport)
  })
  const featureMap = () => (features ??= service.features().then((all) => new Map(all.map((f) => [f.id, f]))))
  const featureView = (f: GroundFeature): GeoFeature => ({
    type: 'Feature' as const, id: f.id, geometry: f.geometry,
    properties: { id: f.id, name: f.name, aliases: f.aliases, type: f.type, lon: f.lon, lat: f.lat, bbox: f.bbox },
  })

  app.get('/api/layers/coverage', {
    schema: { tags: ['network'], summary: 'Blind spots (盲点) and weak-coverage areas (弱覆盖) meeting the bbox', querystring: BboxQuery, response: { 200: FeatureCollectionReply, ...errorReplies } },
  }, async (req) => fc(reads.coverageInBbox(parseBbox(req.query.bbox)).map((a): GeoFeature => ({
    type: 'Feature', id: a.id, geometry: a.geometry,
    properties: { id: a.id, kind: a.kind, description: a.description, reason: a.reason, remedy: a.remedy, status: a.status },
  }))))

  app.get('/api/layers/planned', {
    schema: { tags: ['network'], summary: 'Planned sites (规划基站) in the bbox, with the radius they will cover', querystring: BboxQuery, response: { 200: FeatureCollectionReply, ...errorReplies } },
  }, async (req) => fc(reads.plannedInBbox(parseBbox(req.query.bbox)).map((p): GeoFeature => ({
    type: 'Feature', id: p.id, geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
    properties: { id: p.id, name: p.name, radius_m: p.radiusM, period: p.period, status: p.status },
  }))))

  app.get('/api/layers/cutovers', {
    schema: {
      tags: ['network'],
      summary: 'Cutovers (割接) in a window (default: a day ago to three days ahead): area polygons, or the points of their sites',
      querystring: Type.Object({ ...BboxQuery.properties, from: Type.Optional(Type.String()), to: Type.Optional(Type.String()) }),
      response: { 200: FeatureCollectionReply, ...errorReplies },
    },
  }, async (req) => {
    const now = Date.now()
    const from = req.query.from ? timeField('from', req.query.from) : now - CUTOVER_PAST_MS
    const to = req.query.to ? timeField('to', req.query.to) : now + CUTOVER_AHEAD_MS
    const b = parseBbox(req.query.bbox)
    return fc(reads.cutoversInBbox(b, from, to).map(({ cutover: c, points }): GeoFeature => {
      const state = c.actualEnd != null && c.actualEnd <= now ? 'done' : (c.actualStart ?? c.plannedStart ?? Infinity) <= now ? 'running' : 'planned'
      return {
        type: 'Feature', id: c.id,
        geometry: c.area ?? { type: 'MultiPoint', coordinates: points },
        properties: {
          id: c.id, description: c.description, site_ids: c.siteIds, state,
          planned_start: iso(c.plannedStart), planned_end: iso(c.plannedEnd), actual_start: iso(c.actualStart), actual_end: iso(c.actualEnd),
        },
      }
    }))
  })

  app.get('/api/layers/cells', {
    schema: { tags: ['network'], summary: 'Cell sectors (小区扇区) of the sites in the bbox, as wedges', querystring: BboxQuery, response: { 200: FeatureCollectionReply, ...errorReplies } },
  }, async (req) => {
    const { cells, truncated } = reads.cellsInBbox(parseBbox(req.query.bbox), MAX_CELLS)
    return fc(cells.map(({ site: s, cell: c }): GeoFeature => ({
      type: 'Feature', id: c.id,
      geometry: sectorPolygon({ lon: s.lon, lat: s.lat, azimuth: c.azimuth, beamwidth: c.beamwidth, radiusM: c.radiusM }, 32),
      properties: { id: c.id, site_id: s.id, site_name: s.name, azimuth: c.azimuth, beamwidth: c.beamwidth, radius_m: c.radiusM, tech: c.tech },
    })), truncated)
  })

  app.get('/api/layers/complaints', {
    schema: {
      tags: ['complaints'],
      summary: 'Complaints in the bbox and window (default: the last 3 days) as points, from the in-memory index (the map\'s layer; the full records are at /api/complaints)',
      querystring: Type.Object({ ...BboxQuery.properties, from: Type.Optional(Type.String()), to: Type.Optional(Type.String()) }),
      response: { 200: FeatureCollectionReply, ...errorReplies },
    },
  }, async (req) => {
    const now = Date.now()
    const to = req.query.to ? timeField('to', req.query.to) : now + HOUR
    const from = req.query.from ? timeField('from', req.query.from) : now - RECENT_COMPLAINTS_MS
    const list = reads.complaintsInBbox(parseBbox(req.query.bbox), from, to)
    const out = list.length > MAX_COMPLAINTS ? list.sort((a, b) => b.occurredAt - a.occurredAt).slice(0, MAX_COMPLAINTS) : list
    return fc(out.map((c): GeoFeature => ({
      type: 'Feature', id: c.id, geometry: { type: 'Point', coordinates: [c.lon, c.lat] },
      properties: { id: c.id, occurred_at: iso(c.occurredAt), address: c.address, phenomenon: c.phenomenon, cause: c.cause, suggested_cause: c.suggestedCause },
    })), list.length > MAX_COMPLAINTS)
  })

  app.get('/api/layers/features/:id', {
    schema: {
      tags: ['search'], summary: 'One ground feature (地物) with its geometry, to highlight a search hit',
      params: Type.Object({ id: Type.String({ maxLength: 128 }) }), response: { 200: FeatureReply, ...errorReplies },
    },
  }, async (req) => {
    const f = (await featureMap()).get(req.params.id)
    if (!f) throw new AppError('NOT_FOUND', `no ground feature with id "${req.params.id}"`)
    return featureView(f)
  })

  app.get('/api/layers/districts', {
    schema: { tags: ['search'], summary: 'District polygons (type district), for the engineer\'s area picker', response: { 200: FeatureCollectionReply, ...errorReplies } },
  }, async () => fc([...(await featureMap()).values()].filter((f) => f.type === 'district').map(featureView)))
}
