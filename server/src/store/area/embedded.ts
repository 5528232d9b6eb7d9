/**
 * Area queries on the embedded store (PGlite, no PostGIS): SQL narrows to the polygon's bbox and the
 * window (complaints/in-bbox-all.sql, newest first), the point-in-polygon test runs here. Every
 * complaint of the window in the bbox travels, which is fine at the scale one process serves.
 */
import { bbox as turfBbox } from '@turf/bbox'
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import type { AreaGeometry } from '../../domain/types.js'
import type { Db } from '../db.js'
import { complaintFromRow, featuresRepo, type StoredComplaint } from '../repos/index.js'
import type { Row } from '../repos/table-repo.js'
import { SQL } from '../sql/index.js'
import type { AreaQueries, AreaResult, DistrictCount } from './index.js'

/** The key a complaint is counted under by cause: the final cause, else the suggestion, else 'open' (as area-breakdown.sql). */
const causeKey = (c: { cause: string | null; suggestedCause: string | null }) => c.cause ?? c.suggestedCause ?? 'open'

export class EmbeddedAreaQueries implements AreaQueries {
  constructor(private readonly db: Db) {}

  async complaintsInArea(area: AreaGeometry, from: number, to: number, limit: number): Promise<AreaResult> {
    const hits = await this.inPolygon(area, turfBbox(area) as [number, number, number, number], from, to)
    const byCause: Record<string, number> = {}
    const byPhenomenon: Record<string, number> = {}
    for (const c of hits) {
      byCause[causeKey(c)] = (byCause[causeKey(c)] ?? 0) + 1
      byPhenomenon[c.phenomenon] = (byPhenomenon[c.phenomenon] ?? 0) + 1
    }
    return { total: hits.length, byCause, byPhenomenon, complaints: hits.slice(0, limit) }
  }

  async complaintsForAnalysis(area: AreaGeometry, from: number, to: number, limit: number): Promise<StoredComplaint[]> {
    return (await this.inPolygon(area, turfBbox(area) as [number, number, number, number], from, to)).slice(0, limit)
  }

  async districtCounts(from: number, to: number): Promise<DistrictCount[]> {
    const districts = await this.db.map(SQL.features.districts, [], (r: Row) => featuresRepo.mapping.fromRow(r))
    const out: DistrictCount[] = []
    for (const d of districts) {
      if (d.geometry.type !== 'Polygon' && d.geometry.type !== 'MultiPolygon') continue
      const hits = await this.inPolygon(d.geometry, d.bbox, from, to)
      out.push({ id: d.id, name: d.name, complaints: hits.length })
    }
    return out.sort((a, b) => b.complaints - a.complaints || a.id.localeCompare(b.id))
  }

  /** Every complaint in the window inside the polygon (whose bbox is `box`), newest first. */
  private async inPolygon(area: AreaGeometry, box: readonly number[], from: number, to: number): Promise<StoredComplaint[]> {
    const [minLon, minLat, maxLon, maxLat] = box
    const inBox = await this.db.map(SQL.complaints.inBboxAll, { minLon, minLat, maxLon, maxLat, from: new Date(from), to: new Date(to) }, complaintFromRow)
    return inBox.filter((c) => booleanPointInPolygon([c.lon, c.lat], area))
  }
}
