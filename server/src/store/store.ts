/**
 * The store: the one place that talks to the database. Routes and services never write SQL; they
 * call these methods. The same code runs on the embedded PGlite and on PostgreSQL + PostGIS.
 */
import type { ImportKind, KindRows, NetworkSnapshot, GroundFeature } from '../domain/types.js'
import { openDb, type Db, type StoreKind, type StoreOptions } from './db.js'
import { migrate } from './migrate.js'
import { SQL } from './sql/index.js'
import { reposByKind, complaintsRepo, complaintFromRow, featuresRepo, type StoredComplaint } from './repos/index.js'
import type { TableRepo } from './repos/table-repo.js'

export type { StoredComplaint } from './repos/index.js'

/** A bbox + time window query over complaints, already clamped by the caller. */
export interface ComplaintQuery {
  bbox: [number, number, number, number]
  from: number
  to: number
  limit: number
}

export class Store {
  private constructor(
    readonly db: Db,
    readonly kind: StoreKind,
    private readonly closeDb: () => Promise<void>,
  ) {}

  /** Opens the database named by the options and brings its schema up to date. */
  static async open(opts: StoreOptions): Promise<Store> {
    const opened = await openDb(opts)
    await migrate(opened.db, opened.kind)
    return new Store(opened.db, opened.kind, opened.close)
  }

  /** Stores the rows of one import in one transaction: all of them or none. */
  async importRows<K extends ImportKind>(kind: K, rows: KindRows[K][]): Promise<void> {
    const repo = reposByKind[kind] as unknown as TableRepo<KindRows[K]>
    await this.db.tx(`import-${kind}`, (t) => repo.upsert(t, rows))
  }

  /** Everything the network index needs, read in one snapshot transaction. */
  async loadSnapshot(): Promise<NetworkSnapshot> {
    return this.db.tx('snapshot', async (t) => ({
      sites: await reposByKind.sites.all(t),
      cells: await reposByKind.cells.all(t),
      alarms: await reposByKind.alarms.all(t),
      cutovers: await reposByKind.cutovers.all(t),
      coverage: await reposByKind['blind-spots'].all(t),
      plannedSites: await reposByKind['planned-sites'].all(t),
      complaints: await complaintsRepo.all(t),
    }))
  }

  /** Every ground feature (for the gazetteer). */
  async features(): Promise<GroundFeature[]> {
    return featuresRepo.all(this.db)
  }

  /** Row counts per kind. */
  async counts(): Promise<Record<ImportKind, number>> {
    return this.db.one(SQL.counts)
  }

  /** Inserts or replaces one complaint; resolves once it is committed. */
  async saveComplaint(c: StoredComplaint): Promise<void> {
    await this.db.tx('complaint', (t) => complaintsRepo.upsert(t, [c]))
  }

  async getComplaint(id: string): Promise<StoredComplaint | null> {
    const row = await this.db.oneOrNone(SQL.complaints.get, { id })
    return row ? complaintFromRow(row) : null
  }

  /** Complaints in a bbox and window, newest first; the filter runs in the database. */
  async findComplaints(q: ComplaintQuery): Promise<StoredComplaint[]> {
    const [minLon, minLat, maxLon, maxLat] = q.bbox
    return this.db.map(
      SQL.complaints.find,
      { minLon, minLat, maxLon, maxLat, from: new Date(q.from), to: new Date(q.to), limit: q.limit },
      complaintFromRow,
    )
  }

  /** Round-trip time of a trivial query, for /health. */
  async ping(): Promise<number> {
    const t0 = performance.now()
    await this.db.one('SELECT 1 AS ok')
    return performance.now() - t0
  }

  async close(): Promise<void> {
    await this.closeDb()
  }
}
