/**
 * Domain types and their Chinese labels, shared by the server's stages (ingest → store → index →
 * diagnosis → answers → routes) and the web app. Coordinates are always WGS-84 lon/lat in degrees;
 * times are epoch milliseconds (UTC). Pure data: nothing here reaches for Node or the DOM.
 */
import type { Geometry, MultiPolygon, Polygon } from 'geojson'

/** Cause codes of CONTRACT.md, in the order the diagnosis prefers them when evidence is equally strong. */
export const CAUSE_CODES = [
  'known_issue',
  'cutover',
  'site_fault',
  'mass_outage',
  'blind_spot',
  'weak_coverage',
  'planned_site',
  'unknown',
] as const
export type CauseCode = (typeof CAUSE_CODES)[number]

/** Chinese labels of the cause codes, as agents see them. */
export const CAUSE_LABELS: Record<CauseCode, string> = {
  known_issue: '同类投诉已知原因',
  cutover: '工程维护/割接',
  site_fault: '基站故障告警',
  mass_outage: '突发性大面积投诉(疑似隐性故障)',
  blind_spot: '盲点',
  weak_coverage: '弱覆盖',
  planned_site: '已纳入建设规划',
  unknown: '原因待查(需实测)',
}

/** Phenomena of a network complaint (003: 语音类 / 数据类). Code → Chinese label. */
export const PHENOMENA = {
  no_signal: '无信号/忙音',
  weak_signal: '信号弱/不稳定',
  cannot_connect: '有信号无法接通',
  call_drop: '掉话',
  no_data: '无法上网',
  slow_data: '网速慢',
} as const
export type Phenomenon = keyof typeof PHENOMENA

export type Service = 'voice' | 'data'
export type Disposition = 'self' | 'dispatch' | 'field_test'
export const SPECIALTIES = ['无线-基站及配套', '无线-核心网', '交换', '无线网优', '数据核心网'] as const
export type Specialty = (typeof SPECIALTIES)[number]

/** A bounding box: [minLon, minLat, maxLon, maxLat], WGS-84 degrees. */
export type BBox = [number, number, number, number]

export type Severity = 'critical' | 'major' | 'minor' | 'warning'
export type AreaGeometry = Polygon | MultiPolygon

/** A base station 基站. A site without cells is treated as omnidirectional with the default radius. */
export interface Site {
  id: string
  name: string
  lon: number
  lat: number
  tech: string | null
  type: string | null
  bsc: string | null
  msc: string | null
  /** The transmission ring 传输环 the site hangs on; present only when known (issue 9). */
  ring?: string | null
}

/**
 * Network elements above a site (issue 9): BSC, MSC, and the transmission ring 传输环 a site hangs on.
 * The tree is MSC → BSC → site → cell; rings are a second grouping of the same sites.
 */
export const ELEMENT_TYPES = ['bsc', 'msc', 'ring'] as const
export type ElementType = (typeof ELEMENT_TYPES)[number]
/** An element by type and id (the id is what the sites' `bsc`/`msc`/`ring` fields hold). */
export interface ElementRef {
  type: ElementType
  id: string
}
/** How agents name each element type. */
export const ELEMENT_LABELS: Record<ElementType, string> = { bsc: 'BSC', msc: 'MSC', ring: '传输环' }

/** A cell 小区 (sector) of a site. beamwidth 360 = omnidirectional. */
export interface Cell {
  id: string
  siteId: string
  azimuth: number
  beamwidth: number
  radiusM: number
  tech: string | null
}

/**
 * An alarm 告警 on a site — or, with `element`, on a BSC, an MSC or a transmission ring (siteId is then
 * ''); clearedAt null = still active.
 */
export interface Alarm {
  id: string
  siteId: string
  /** The element above the sites the alarm is on; absent for a site alarm (issue 9). */
  element?: ElementRef | null
  kind: string
  severity: Severity
  raisedAt: number
  clearedAt: number | null
}

/** A cutover / maintenance window 割接 / 工程维护, on sites and/or an area. */
export interface Cutover {
  id: string
  siteIds: string[]
  /** Elements the work is on (every site under them is affected); absent or empty when none (issue 9). */
  elements?: ElementRef[]
  plannedStart: number | null
  plannedEnd: number | null
  actualStart: number | null
  actualEnd: number | null
  description: string
  area: AreaGeometry | null
}

/** A blind spot 盲点 or weak-coverage area 弱覆盖. */
export interface CoverageArea {
  id: string
  kind: 'blind' | 'weak'
  description: string
  reason: string
  remedy: string
  status: string
  geometry: AreaGeometry
}

/** A planned site 规划基站, covering a circle of radiusM around its point. */
export interface PlannedSite {
  id: string
  name: string
  lon: number
  lat: number
  radiusM: number
  period: string
  status: string
}

/** A ground feature 地物 of the gazetteer: street, building, compound, landmark, district. */
export interface GroundFeature {
  id: string
  name: string
  aliases: string[]
  type: string
  geometry: Geometry
  /** A representative point on the feature (for a line: a point on it; for a polygon: inside it). */
  lon: number
  lat: number
  bbox: BBox
  /** Users (subscribers) of a district, when known: the denominator of 千人投诉率 (issue 8). */
  users?: number | null
}

/** A complaint 投诉工单. `cause` is the final cause (agent or field test); null while open. */
export interface Complaint {
  id: string
  occurredAt: number
  reportedAt: number | null
  address: string
  service: Service
  phenomenon: Phenomenon
  description: string
  vip: string | null
  lon: number
  lat: number
  /** Customer number, already masked (138****1234). */
  number: string | null
  suggestedCause: CauseCode | null
  cause: CauseCode | null
  answer: string | null
  disposition: Disposition | null
  specialty: Specialty | null
  linkedSites: string[]
  createdAt: number
  /**
   * Whether `cause` is settled: true when the complaint was imported as history, its cause was found
   * by a field test, or it was closed (结单); false while the cause is only the diagnosis' suggestion
   * as recorded (and again after a reopen). Absent counts as not settled. Only settled causes are
   * reused by later diagnoses (known_issue).
   */
  settled?: boolean
}

/** What the agent knows when asking for a diagnosis (already in WGS-84). */
export interface DiagnoseInput {
  lon: number
  lat: number
  occurredAt: number
  service: Service
  phenomenon: Phenomenon
  address?: string
  description?: string
}

export type EvidenceType = 'alarm' | 'cutover' | 'site' | 'blind_spot' | 'planned_site' | 'complaint'

/** One fact behind a cause: which object, how far, and why it counts. */
export interface Evidence {
  type: EvidenceType
  id: string
  distance_m: number
  why: string
  /** Optional display name (site name, area description). */
  name?: string
  /** The element (BSC/MSC/ring) whose alarm or cutover this is, when not the site's own (issue 9). */
  element?: ElementRef
}

/** A cause considered by the diagnosis, with its score and why it ranked there. */
export interface Candidate {
  cause: { code: CauseCode; label: string }
  score: number
  rankReason: string
  answer: string
  disposition: Disposition
  specialty: Specialty
  evidence: Evidence[]
}

/** The answer of POST /api/diagnose (CONTRACT.md). */
export interface Diagnosis {
  cause: { code: CauseCode; label: string }
  answer: string
  disposition: Disposition
  specialty: Specialty
  evidence: Evidence[]
  candidates: Candidate[]
  /** Sites that serve the point, nearest / best-facing first (linked to the complaint when recorded). */
  servingSites: { id: string; name: string; distance_m: number; facing: boolean }[]
  /** How likely the chosen cause is the true one, 0–1 (two decimals), calibrated on the eval (diagnosis/confidence.ts). */
  confidence?: number
  /**
   * The confidence was below lowConfidenceThreshold: an answer the agent would have given at once goes
   * to field test with the "cause being checked" script; `cause` stays the suggestion.
   */
  lowConfidence?: boolean
}

/** Display state of a site on the map (篇3: a recently alarmed site "黄灯闪烁"). */
export type SiteState = 'alarm' | 'cutover' | 'recent_alarm' | 'normal'

/** Map states from worst to best, the order the map's clusters and the tree take the worst in. */
export const STATE_ORDER: readonly SiteState[] = ['alarm', 'cutover', 'recent_alarm', 'normal']

/** The worse of two states. */
export function worse(a: SiteState, b: SiteState): SiteState {
  return STATE_ORDER.indexOf(a) <= STATE_ORDER.indexOf(b) ? a : b
}
