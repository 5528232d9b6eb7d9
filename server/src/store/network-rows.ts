/**
 * The network's tables (sites, cells, alarms, cutovers, coverage, planned sites, features and the
 * complaints' rows) as the imports write them and the network index reads them: one repository per
 * kind (repos/index.ts), each write in one transaction with its change-log rows.
 */
import type { GroundFeature, ImportKind, KindRows, NetworkSnapshot } from '../domain/types.js'
import type { ChangeLog, Change } from './change-log.js'
import type { Db } from './db.js'
import { complaintsRepo, featuresRepo, reposByKind } from './repos/index.js'
import type { TableRepo, Tx } from './repos/table-repo.js'
import { pgp } from './db.js'
import { SQL } from './sql/index.js'
import type { KindChange } from './types.js'

const SNAPSHOT_MODE = new pgp.txMode.TransactionMode({ tiLevel: pgp.txMode.isolationLevel.repeatableRead, readOnly: true })

/** The imported tables' writes and reads; the Store delegates to it. */
export class NetworkRows {
  constructor(
    private readonly db: Db,
    private readonly changes: ChangeLog,
  ) {}

  /** Stores the rows of one import in one transaction: all of them or none. */
  async importRows<K extends ImportKind>(kind: K, rows: KindRows[K][]): Promise<void> {
    const repo = reposByKind[kind] as unknown as TableRepo<KindRows[K]>
    await this.db.tx(`import-${kind}`, async (t) => {
      await repo.upsert(t, rows)
      await this.changes.write(t, [{ topic: 'rows', kind, ids: rows.map((r) => (r as { id: string }).id) }])
    })
  }

  /** The current rows of a kind with these ids (the change feed re-reads what another instance changed). */
  async rowsByIds<K extends ImportKind>(kind: K, ids: readonly string[]): Promise<KindRows[K][]> {
    const repo = reposByKind[kind] as unknown as TableRepo<KindRows[K]>
    return repo.byIds(this.db, ids)
  }

  /**
   * Rows of several kinds written and removed in one transaction together with the caller's own writes:
   * `work` runs first in the transaction and returns the kind changes to make (and its result); any
   * failure rolls back all of it. Published network information (issue 9) uses this.
   */
  async changeRows<T>(work: (t: Tx) => Promise<{ result: T; changes: KindChange[] }>, event: string | null = null): Promise<{ result: T; changes: KindChange[] }> {
    return this.db.tx('change-rows', async (t) => {
      const r = await work(t)
      const logged: Change[] = []
      for (const c of r.changes) {
        const repo = reposByKind[c.kind] as unknown as TableRepo<{ id: string }>
        if (c.remove?.length) await repo.remove(t, c.remove)
        if (c.upsert?.length) await repo.upsert(t, c.upsert as { id: string }[])
        const ids = [...(c.remove ?? []), ...(c.upsert ?? []).map((x) => (x as { id: string }).id)]
        if (ids.length) logged.push({ topic: 'rows', kind: c.kind, ids, event })
      }
      await this.changes.write(t, logged)
      return r
    })
  }

  /**
   * Everything the network index needs, read in one REPEATABLE READ, READ ONLY transaction: every
   * table and every batch of a table as of one moment (a write committed meanwhile reaches the index
   * through the change feed, which starts from the head read before this).
   */
  async loadSnapshot(): Promise<NetworkSnapshot> {
    return this.db.tx({ tag: 'snapshot', mode: SNAPSHOT_MODE }, async (t) => ({
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

  /** A ground feature by id (e.g. a district to analyse). */
  async feature(id: string): Promise<GroundFeature | null> {
    const row = await this.db.oneOrNone(SQL.features.get, { id })
    return row ? featuresRepo.mapping.fromRow(row) : null
  }
}
