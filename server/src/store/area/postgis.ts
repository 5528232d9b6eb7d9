/**
 * Area queries on PostgreSQL + PostGIS: the polygon filter, the count and the breakdowns run in the
 * database over the GiST index of migrations/postgis, and only `limit` complaints travel.
 */
import type { AreaGeometry } from '../../domain/types.js'
import type { Db } from '../db.js'
import { complaintFromRow, type StoredComplaint } from '../repos/index.js'
import { SQL } from '../sql/index.js'
import type { AreaQueries, AreaResult, DistrictCount } from './index.js'

export class PostgisAreaQueries implements AreaQueries {
  constructor(private readonly db: Db) {}

  async complaintsInArea(area: AreaGeometry, from: number, to: number, limit: number): Promise<AreaResult> {
    const params = { area: JSON.stringify(area), from: new Date(from), to: new Date(to), limit }
    return this.db.task('area', async (t) => {
      const complaints = await t.map(SQL.postgis.complaintsInArea, params, complaintFromRow)
      const rows = await t.any<{ dim: string; key: string; n: number }>(SQL.postgis.areaBreakdown, params)
      const byCause: Record<string, number> = {}
      const byPhenomenon: Record<string, number> = {}
      let total = 0
      for (const r of rows) {
        if (r.dim === 'cause') { byCause[r.key] = r.n; total += r.n } else byPhenomenon[r.key] = r.n
      }
      return { total, byCause, byPhenomenon, complaints }
    })
  }

  async complaintsForAnalysis(area: AreaGeometry, from: number, to: number, limit: number): Promise<StoredComplaint[]> {
    return this.db.map(SQL.postgis.complaintsInArea, { area: JSON.stringify(area), from: new Date(from), to: new Date(to), limit }, complaintFromRow)
  }

  async districtCounts(from: number, to: number): Promise<DistrictCount[]> {
    return this.db.any<DistrictCount>(SQL.postgis.districtCounts, { from: new Date(from), to: new Date(to) })
  }
}
