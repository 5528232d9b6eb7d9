/**
 * One repository per table. Each maps a domain type onto its columns; arrays are text[] and
 * geometries jsonb with their bbox beside them (so bbox filters run in SQL on every store).
 */
import { bbox } from '@turf/bbox'
import type { Geometry } from 'geojson'
import type {
  Alarm, Cell, Complaint, CoverageArea, Cutover, GroundFeature, PlannedSite, Site,
  CauseCode, Disposition, Phenomenon, Service, Severity, Specialty, AreaGeometry, ElementRef, ElementType,
} from '../../domain/types.js'
import { SQL } from '../sql/index.js'
import { asAlarmArray } from '../../index/alarm-columns.js'
import { readAlarmColumns } from './alarms-read.js'
import { TableRepo, date, ms, type Row, type Tx } from './table-repo.js'

const json = (name: string) => ({ name, mod: ':json' as const, cast: 'jsonb' })
const textArray = (name: string) => ({ name, cast: 'text[]' })
const ts = (name: string) => ({ name, cast: 'timestamptz' })
const BBOX_COLUMNS = ['min_lon', 'min_lat', 'max_lon', 'max_lat']

function bboxRow(g: Geometry | null): Row {
  if (!g) return { min_lon: null, min_lat: null, max_lon: null, max_lat: null }
  const [minLon, minLat, maxLon, maxLat] = bbox(g)
  return { min_lon: minLon, min_lat: minLat, max_lon: maxLon, max_lat: maxLat }
}
const s = (v: unknown) => v as string
const n = (v: unknown) => v as number

export const sitesRepo = new TableRepo<Site>({
  table: 'sites',
  columns: ['id', 'name', 'lon', 'lat', 'tech', 'type', 'bsc', 'msc', 'ring'],
  all: SQL.sites.all,
  toRow: (x) => ({ ...x, ring: x.ring ?? null }),
  fromRow: (r) => {
    const site: Site = { id: s(r.id), name: s(r.name), lon: n(r.lon), lat: n(r.lat), tech: r.tech as string | null, type: r.type as string | null, bsc: r.bsc as string | null, msc: r.msc as string | null }
    // `ring` only on sites that have one (issue 9): the rows of sites without stay as they were.
    if (r.ring != null) site.ring = s(r.ring)
    return site
  },
})

export const cellsRepo = new TableRepo<Cell>({
  table: 'cells',
  columns: ['id', 'site_id', 'azimuth', 'beamwidth', 'radius_m', 'tech'],
  all: SQL.cells.all,
  toRow: (x) => ({ id: x.id, site_id: x.siteId, azimuth: x.azimuth, beamwidth: x.beamwidth, radius_m: x.radiusM, tech: x.tech }),
  fromRow: (r) => ({ id: s(r.id), siteId: s(r.site_id), azimuth: n(r.azimuth), beamwidth: n(r.beamwidth), radiusM: n(r.radius_m), tech: r.tech as string | null }),
})

/**
 * Alarms: the full read (the network index at start, millions of rows at province scale) reads the
 * table in batches of joined columns straight into AlarmColumns (alarms-read.ts) and hands them on as
 * an Alarm[] (asAlarmArray): no pg row object and no Alarm object per row. The rows it reads map to the
 * same values fromRow gives.
 */
class AlarmsRepo extends TableRepo<Alarm> {
  override async all(t: Tx): Promise<Alarm[]> {
    return asAlarmArray(await readAlarmColumns(t))
  }
}

export const alarmsRepo = new AlarmsRepo({
  table: 'alarms',
  columns: ['id', 'site_id', 'kind', 'severity', ts('raised_at'), ts('cleared_at'), 'element_type', 'element_id'],
  toRow: (x) => ({
    id: x.id, site_id: x.element ? null : x.siteId, kind: x.kind, severity: x.severity, raised_at: date(x.raisedAt), cleared_at: date(x.clearedAt),
    element_type: x.element?.type ?? null, element_id: x.element?.id ?? null,
  }),
  fromRow: (r) => {
    const a: Alarm = { id: s(r.id), siteId: (r.site_id as string | null) ?? '', kind: s(r.kind), severity: r.severity as Severity, raisedAt: ms(r.raised_at)!, clearedAt: ms(r.cleared_at) }
    // An element alarm (issue 9) names its element; a site alarm keeps the shape it always had.
    if (r.element_type != null) a.element = { type: r.element_type as ElementType, id: s(r.element_id) }
    return a
  },
})

/** 'bsc:BSC12' ↔ { type, id }: how cutovers.element_ids holds elements. */
const elementText = (e: ElementRef) => `${e.type}:${e.id}`
const elementFromText = (t: string): ElementRef => {
  const i = t.indexOf(':')
  return { type: t.slice(0, i) as ElementType, id: t.slice(i + 1) }
}

export const cutoversRepo = new TableRepo<Cutover>({
  table: 'cutovers',
  columns: ['id', textArray('site_ids'), ts('planned_start'), ts('planned_end'), ts('actual_start'), ts('actual_end'), 'description', json('area'), ...BBOX_COLUMNS, textArray('element_ids')],
  all: SQL.cutovers.all,
  toRow: (x) => ({
    id: x.id, site_ids: x.siteIds, planned_start: date(x.plannedStart), planned_end: date(x.plannedEnd),
    actual_start: date(x.actualStart), actual_end: date(x.actualEnd), description: x.description, area: x.area, ...bboxRow(x.area),
    element_ids: (x.elements ?? []).map(elementText),
  }),
  fromRow: (r) => {
    const c: Cutover = {
      id: s(r.id), siteIds: r.site_ids as string[], plannedStart: ms(r.planned_start), plannedEnd: ms(r.planned_end),
      actualStart: ms(r.actual_start), actualEnd: ms(r.actual_end), description: s(r.description), area: (r.area as AreaGeometry | null) ?? null,
    }
    const elements = (r.element_ids as string[] | null) ?? []
    if (elements.length) c.elements = elements.map(elementFromText)
    return c
  },
})

export const coverageRepo = new TableRepo<CoverageArea>({
  table: 'coverage_areas',
  columns: ['id', 'kind', 'description', 'reason', 'remedy', 'status', json('geometry'), ...BBOX_COLUMNS],
  all: SQL.coverage.all,
  toRow: (x) => ({ id: x.id, kind: x.kind, description: x.description, reason: x.reason, remedy: x.remedy, status: x.status, geometry: x.geometry, ...bboxRow(x.geometry) }),
  fromRow: (r) => ({ id: s(r.id), kind: r.kind as 'blind' | 'weak', description: s(r.description), reason: s(r.reason), remedy: s(r.remedy), status: s(r.status), geometry: r.geometry as AreaGeometry }),
})

export const plannedRepo = new TableRepo<PlannedSite>({
  table: 'planned_sites',
  columns: ['id', 'name', 'lon', 'lat', 'radius_m', 'period', 'status'],
  all: SQL.planned.all,
  toRow: (x) => ({ id: x.id, name: x.name, lon: x.lon, lat: x.lat, radius_m: x.radiusM, period: x.period, status: x.status }),
  fromRow: (r) => ({ id: s(r.id), name: s(r.name), lon: n(r.lon), lat: n(r.lat), radiusM: n(r.radius_m), period: s(r.period), status: s(r.status) }),
})

export const featuresRepo = new TableRepo<GroundFeature>({
  table: 'features',
  columns: ['id', 'name', textArray('aliases'), 'type', json('geometry'), 'lon', 'lat', ...BBOX_COLUMNS, 'users'],
  all: SQL.features.all,
  toRow: (x) => ({ id: x.id, name: x.name, aliases: x.aliases, type: x.type, geometry: x.geometry, lon: x.lon, lat: x.lat, min_lon: x.bbox[0], min_lat: x.bbox[1], max_lon: x.bbox[2], max_lat: x.bbox[3], users: x.users ?? null }),
  fromRow: (r) => ({
    id: s(r.id), name: s(r.name), aliases: r.aliases as string[], type: s(r.type), geometry: r.geometry as Geometry,
    lon: n(r.lon), lat: n(r.lat), bbox: [n(r.min_lon), n(r.min_lat), n(r.max_lon), n(r.max_lat)], users: (r.users as number | null) ?? null,
  }),
})

/** A complaint as stored: the domain fields plus the diagnosis shown to the agent. */
export interface StoredComplaint extends Complaint {
  diagnosis: unknown | null
}

/** Maps a complaints row to the domain type (shared by the repository and the finders). */
export function complaintFromRow(r: Row): StoredComplaint {
  return {
    id: s(r.id), occurredAt: ms(r.occurred_at)!, reportedAt: ms(r.reported_at), address: s(r.address), service: r.service as Service,
    phenomenon: r.phenomenon as Phenomenon, description: s(r.description), vip: r.vip as string | null, lon: n(r.lon), lat: n(r.lat),
    number: r.number as string | null, suggestedCause: r.suggested_cause as CauseCode | null, cause: r.cause as CauseCode | null,
    answer: r.answer as string | null, disposition: r.disposition as Disposition | null, specialty: r.specialty as Specialty | null,
    linkedSites: r.linked_sites as string[], createdAt: ms(r.created_at)!, diagnosis: r.diagnosis ?? null,
    ...(r.settled == null ? {} : { settled: r.settled === true }),
  }
}

/**
 * Complaints imported through this repository are settled by the column's default; `settled` is not
 * one of its columns, so an upsert never changes it: the workflow alone moves it (Store.saveComplaintWithWorkflow,
 * Store.applyWorkflowStep).
 */
export const complaintsRepo = new TableRepo<StoredComplaint>({
  table: 'complaints',
  columns: [
    'id', ts('occurred_at'), ts('reported_at'), 'address', 'service', 'phenomenon', 'description', 'vip', 'lon', 'lat', 'number',
    'suggested_cause', 'cause', 'answer', 'disposition', 'specialty', textArray('linked_sites'), json('diagnosis'), ts('created_at'),
  ],
  all: SQL.complaints.all,
  toRow: (x) => ({
    id: x.id, occurred_at: date(x.occurredAt), reported_at: date(x.reportedAt), address: x.address, service: x.service,
    phenomenon: x.phenomenon, description: x.description, vip: x.vip, lon: x.lon, lat: x.lat, number: x.number,
    suggested_cause: x.suggestedCause, cause: x.cause, answer: x.answer, disposition: x.disposition, specialty: x.specialty,
    linked_sites: x.linkedSites, diagnosis: x.diagnosis ?? null, created_at: date(x.createdAt),
  }),
  fromRow: complaintFromRow,
})

/** The repository of each import kind. */
export const reposByKind = {
  sites: sitesRepo,
  cells: cellsRepo,
  alarms: alarmsRepo,
  cutovers: cutoversRepo,
  'blind-spots': coverageRepo,
  'planned-sites': plannedRepo,
  features: featuresRepo,
  complaints: complaintsRepo,
} as const
