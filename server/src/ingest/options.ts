/**
 * Options of an import and their defaults, in one place.
 */
import type { Crs } from '../geo/crs.js'
import { defaultDiagnosisOptions } from '../config/index.js'

/** [minLon, minLat, maxLon, maxLat] in WGS-84 degrees. */
export type BBox = [number, number, number, number]

/** How to read an import: the source CRS, column renames, a bounding box for dirt, field defaults. */
export interface ImportOptions {
  /** What the coordinates are in; output is always WGS-84. */
  crs: Crs
  /** Rename source columns/properties before mapping, e.g. { latitude: 'lat', address: 'name' }. Matched case-insensitively. */
  columns?: Record<string, string>
  /** [minLon,minLat,maxLon,maxLat] in WGS-84 after conversion: rows whose position falls outside are … */
  bbox?: BBox
  /** … a problem ('reject', the default: the import fails) or left out and listed in `skipped` ('skip'). */
  outside?: 'reject' | 'skip'
  /** Values for absent/empty fields, keyed by CONTRACT field name, e.g. { tech: '4G' }. */
  defaults?: Record<string, string>
  /** Epoch ms stamped as Complaint.createdAt; defaults to the time of the call. */
  now?: number
  /**
   * Data rows the import may have; more → PAYLOAD_TOO_LARGE (413) naming the cap and the count,
   * before the rows are mapped. Unset = no cap (the CLI); HTTP imports pass config's importMaxRows().
   */
  maxRows?: number
}

/** Built-in values for fields whose domain type is not nullable but which files often leave out. */
export const FIELD_DEFAULTS = {
  /** A cell without an azimuth is taken as omnidirectional. */
  omniBeamwidth: 360,
  /** Horizontal beamwidth of a directional cell when only its azimuth is known: a typical 3-sector macro antenna is 60–65°. */
  sectorBeamwidth: 65,
  /** Radius of a cell or a planned site when none is given: the diagnosis' default site radius. */
  radiusM: defaultDiagnosisOptions.defaultSiteRadiusM,
} as const

/** Error messages echo at most this many characters of a bad value. */
export const MAX_ECHO_CHARS = 60
