/**
 * Keeps the in-memory network index and the gazetteer in step with the store: every write goes to the
 * store first, in one transaction, and only after it committed into the index and gazetteer; then open
 * maps are told through an `import` event. Rows another instance changed are read back from the store,
 * so applying a change twice, or late, is harmless.
 */
import type { GroundFeature, ImportKind, KindRows, Site } from '../domain/types.js'
import type { NetworkIndex } from '../index/network-index.js'
import type { Gazetteer } from '../search/index.js'
import type { KindChange, Store } from '../store/store.js'
import type { Tx } from '../store/repos/table-repo.js'
import type { NetworkEvents } from './events.js'
import { featureEntry, fillGazetteer, siteEntry } from './gazetteer-entries.js'

/** The kinds whose rows can be removed again (published network information). */
export type RemovableKind = 'blind-spots' | 'planned-sites' | 'cutovers'

/** Writes through the store and then brings the index, the gazetteer and open maps in step. */
export class IndexUpkeep {
  constructor(
    private readonly store: Store,
    private readonly index: NetworkIndex,
    private readonly gazetteer: Gazetteer,
    private readonly events: NetworkEvents,
  ) {}

  /** Stores already-validated rows in one transaction and updates the in-memory indexes after commit. */
  async importRows<K extends ImportKind>(kind: K, rows: KindRows[K][]): Promise<void> {
    await this.store.importRows(kind, rows)
    this.apply(kind, rows)
    this.events.emit('import', { kind, count: rows.length, at: Date.now() })
  }

  /**
   * The removal counterpart of importRows: deletes rows of a kind by id in one transaction, then takes
   * them out of the index and tells open maps. Only the kinds the index can take rows out of.
   */
  async removeRows(kind: RemovableKind, ids: string[], event: string | null = kind): Promise<number> {
    const { result } = await this.changeRows(async () => ({ result: ids.length, changes: [{ kind, remove: ids }] }), event)
    return result
  }

  /**
   * Writes and removes rows of several kinds in one transaction together with the caller's own writes
   * (`work`, e.g. the published-information table), then brings the index and gazetteer in step and
   * emits one `import` event of kind `event` when something changed (the map refreshes on it; null: the
   * caller tells it itself).
   */
  async changeRows<T>(work: (t: Tx) => Promise<{ result: T; changes: KindChange[] }>, event: string | null): Promise<{ result: T; changes: KindChange[] }> {
    const r = await this.store.changeRows(work, event)
    let count = 0
    for (const c of r.changes) {
      if (c.remove?.length) this.index.remove(c.kind as RemovableKind, c.remove)
      if (c.upsert?.length) this.apply(c.kind, c.upsert as never)
      count += (c.remove?.length ?? 0) + (c.upsert?.length ?? 0)
    }
    if (event != null && r.changes.length) this.events.emit('import', { kind: event, count, at: Date.now() })
    return r
  }

  /**
   * Brings the index and gazetteer in step with rows another instance changed (the change feed):
   * their current state is read from the store, so applying a change twice, or late, is harmless;
   * ids no longer stored are taken out. Open maps are told, as after an import here.
   */
  async refreshRows(kind: ImportKind, ids: readonly string[], event: string | null): Promise<void> {
    if (kind === 'complaints') return this.refreshComplaints(ids)
    const rows = await this.store.rowsByIds(kind, ids)
    if (rows.length) this.apply(kind, rows as never)
    const found = new Set(rows.map((r) => (r as { id: string }).id))
    const gone = ids.filter((id) => !found.has(id))
    if (gone.length && (kind === 'blind-spots' || kind === 'planned-sites' || kind === 'cutovers')) this.index.remove(kind, gone)
    this.events.emit('import', { kind: event ?? kind, count: ids.length, at: Date.now() })
  }

  /** Complaints another instance recorded or moved on: their current state into the index. */
  async refreshComplaints(ids: readonly string[]): Promise<void> {
    const rows = await this.store.complaintsByIds(ids)
    if (rows.length) this.index.upsert('complaints', rows)
  }

  /**
   * Rebuilds the index and gazetteer from the store in place (the change feed fell behind its
   * retention): the same objects, so nothing holding them keeps a stale copy.
   */
  async reload(): Promise<void> {
    const [snapshot, features] = await Promise.all([this.store.loadSnapshot(), this.store.features()])
    this.index.load(snapshot)
    fillGazetteer(this.gazetteer, features, this.index)
    this.events.emit('import', { kind: 'reload', count: 0, at: Date.now() })
  }

  /** Committed rows into the index; ground features and sites into the gazetteer as well. */
  private apply<K extends ImportKind>(kind: K, rows: KindRows[K][]): void {
    if (kind === 'features') {
      this.gazetteer.upsert((rows as GroundFeature[]).map(featureEntry))
      return
    }
    this.index.upsert(kind as Exclude<ImportKind, 'features'>, rows as never)
    if (kind === 'sites') this.gazetteer.upsert((rows as Site[]).map(siteEntry))
  }
}
