/**
 * A repository over one table: bulk idempotent upsert (INSERT … ON CONFLICT (id) DO UPDATE, generated
 * by pg-promise's helpers from a fixed column set, never from request text) and a full read.
 */
import type pgPromise from 'pg-promise'
import type { IBaseProtocol } from 'pg-promise'
import { pgp } from '../db.js'

export type Row = Record<string, unknown>
export type Tx = IBaseProtocol<unknown>

/** How one domain type maps onto its table. */
export interface TableMapping<T> {
  table: string
  /** Column names, `id` first. Columns ending in `:json` are cast to jsonb, `::text[]` to arrays. */
  columns: (string | pgPromise.IColumnConfig<Row>)[]
  all: pgPromise.QueryFile
  toRow(item: T): Row
  fromRow(row: Row): T
}

// Rows per INSERT statement: large enough to amortise round trips, small enough to keep statements modest.
const BATCH = 1000

export class TableRepo<T extends { id: string }> {
  private readonly cs: pgPromise.ColumnSet<Row>
  private readonly onConflict: string

  constructor(readonly mapping: TableMapping<T>) {
    this.cs = new pgp.helpers.ColumnSet(mapping.columns, { table: mapping.table })
    this.onConflict =
      ' ON CONFLICT (id) DO UPDATE SET ' + this.cs.assignColumns({ from: 'EXCLUDED', skip: 'id' }) + ', updated_at = now()'
  }

  /** Inserts or replaces the items by id, inside the caller's transaction. */
  async upsert(t: Tx, items: T[]): Promise<void> {
    for (let i = 0; i < items.length; i += BATCH) {
      const rows = items.slice(i, i + BATCH).map((x) => this.mapping.toRow(x))
      await t.none(pgp.helpers.insert(rows, this.cs) + this.onConflict)
    }
  }

  /** Deletes the rows with these ids, inside the caller's transaction; resolves with how many went. */
  async remove(t: Tx, ids: readonly string[]): Promise<number> {
    if (!ids.length) return 0
    const r = await t.result('DELETE FROM $1:name WHERE id IN ($2:csv)', [this.mapping.table, [...ids]])
    return r.rowCount
  }

  /** The rows with these ids (any order), mapped to the domain type. */
  async byIds(t: Tx, ids: readonly string[]): Promise<T[]> {
    if (!ids.length) return []
    return t.map('SELECT * FROM $1:name WHERE id IN ($2:csv)', [this.mapping.table, [...ids]], (r: Row) => this.mapping.fromRow(r))
  }

  /** Every row of the table, mapped to the domain type. */
  async all(t: Tx): Promise<T[]> {
    return t.map(this.mapping.all, [], (r: Row) => this.mapping.fromRow(r))
  }
}

/** Epoch ms or null from a timestamptz column. */
export const ms = (v: unknown): number | null => (v == null ? null : (v as Date).getTime())
/** Date or null for a timestamptz parameter. */
export const date = (v: number | null): Date | null => (v == null ? null : new Date(v))
