/**
 * What ingest needs to know about one import kind: how to map a source row, and where the row lies.
 */
import type { ImportKind, KindRows } from '../../domain/types.js'
import type { FieldReader } from '../fields.js'
import type { BBox } from '../options.js'

/** Things a mapper may need besides the row. */
export interface MapContext {
  /** Epoch ms of the import (Complaint.createdAt). */
  now: number
}

/** The mapper and position of one kind. */
export interface KindSpec<K extends ImportKind> {
  /** Maps one source row; problems go to the reader, and a row with problems is dropped whatever this returns. */
  map(r: FieldReader, ctx: MapContext): KindRows[K]
  /** Where the row lies (WGS-84) for the bbox filter; null when the kind has no position of its own. */
  extent(row: KindRows[K]): BBox | null
  /** The field a position outside the bbox is reported on. */
  positionField: 'lon/lat' | 'geometry'
}

/** The extent of a point. */
export function pointExtent(row: { lon: number; lat: number }): BBox {
  return [row.lon, row.lat, row.lon, row.lat]
}
