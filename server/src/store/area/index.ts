/**
 * The queries over an area (a polygon) whose answer depends on what the database can do: PostGIS runs
 * the point-in-polygon test, the count and the breakdowns in SQL over a GiST index; the embedded
 * PGlite has no PostGIS, so a bbox filter runs in SQL and the polygon test in the service. Both give
 * the same answer (tests/server/store/area.test.ts runs on each). The store picks one implementation
 * when it opens; no caller asks which kind of store it has.
 */
import type { AreaGeometry } from '../../domain/types.js'
import type { Db, StoreKind } from '../db.js'
import type { StoredComplaint } from '../repos/index.js'
import { EmbeddedAreaQueries } from './embedded.js'
import { PostgisAreaQueries } from './postgis.js'

/** Complaints in an area and window: how many, broken down, and the newest `limit` of them. */
export interface AreaResult {
  total: number
  byCause: Record<string, number>
  byPhenomenon: Record<string, number>
  complaints: StoredComplaint[]
}

/** Complaints per district in a window. */
export interface DistrictCount {
  id: string
  name: string
  complaints: number
}

/** The area queries, one implementation per kind of store. Times are epoch ms, windows [from, to). */
export interface AreaQueries {
  /** Complaints in a polygon and window: the total, by cause and by phenomenon, and the newest `limit`. */
  complaintsInArea(area: AreaGeometry, from: number, to: number, limit: number): Promise<AreaResult>
  /** Every complaint in a polygon and window, newest first, at most `limit` (the batch analysis' input). */
  complaintsForAnalysis(area: AreaGeometry, from: number, to: number, limit: number): Promise<StoredComplaint[]>
  /** Complaints per district (features of type district) in a window, most first, then by id. */
  districtCounts(from: number, to: number): Promise<DistrictCount[]>
}

/** The area queries for a store of this kind. */
export function areaQueries(db: Db, kind: StoreKind): AreaQueries {
  return kind === 'postgres' ? new PostgisAreaQueries(db) : new EmbeddedAreaQueries(db)
}
