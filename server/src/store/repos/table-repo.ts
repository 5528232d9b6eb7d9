/**
 * A repository over one table: bulk idempotent upsert (INSERT … ON CONFLICT (id) DO UPDATE, generated
 * by pg-promise's helpers from a fixed column set, never from request text) and a full read.
 */
import type pgPromise from 'pg-promise'
import type { IBaseProtocol } from 'pg-promise'
import { pgp } from '../db.js'
import { SQL } from '../sql/index.js'

export type Row = Record<string, unknown>
export type Tx = IBaseProtocol<unknown>

/** How one domain type maps onto its table. */
export interface TableMapping<T> {
  table: string
  /** Column names, `id` first. Columns ending in `:json` are cast to jsonb, `::text[]` to arrays. */
  columns: (string | pgPromise.IColumnConfig<Row>)[]
  /** The full read, row by row (absent where the repository reads the table its own way). */
  all?: pgPromise.QueryFile
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
    const r = await t.result(SQL.table.remove, { table: this.mapping.table, ids: [...ids] })
    return r.rowCount
  }

  /** The rows with these ids (any order), mapped to the domain type. */
  async byIds(t: Tx, ids: readonly string[]): Promise<T[]> {
    if (!ids.length) return []
    return t.map(SQL.table.byIds, { table: this.mapping.table, ids: [...ids] }, (r: Row) => this.mapping.fromRow(r))
  }

  /**
   * Every row of the table, mapped to the domain type, in the order of the mapping's query. Read through
   * a cursor (readWithCursor): the network index's tables are large at province scale.
   */
  async all(t: Tx): Promise<T[]> {
    if (!this.mapping.all) throw new Error(`${this.mapping.table}: no row-by-row full read (its repository overrides all())`)
    const out: T[] = []
    await readWithCursor(t, this.mapping.all, (rows) => {
      for (let i = 0; i < rows.length; i++) out.push(this.mapping.fromRow(rows[i]))
    })
    return out
  }
}

/** Rows per FETCH when a table is read through a cursor: big enough to amortise round trips, small in memory. */
const FETCH_ROWS = 20_000

/**
 * Reads a query's rows through a cursor, `FETCH_ROWS` at a time, each row an object by column name,
 * handing each batch to `onRows`. Runs in a transaction (a savepoint inside the caller's): the cursor
 * reads one snapshot, each FETCH is a statement of its own (so the statement timeout bounds one batch,
 * not the whole table) and only one batch of pg rows is held at a time.
 */
export async function readWithCursor(t: Tx, query: pgPromise.QueryFile, onRows: (rows: Row[]) => void): Promise<void> {
  await t.tx('cursor', async (c) => {
    await c.none(SQL.cursor.planAll)
    await c.none(SQL.cursor.declare, { query })
    const fetch = pgp.as.format(SQL.cursor.fetch, { rows: FETCH_ROWS })
    for (;;) {
      const rows = (await c.result(fetch)).rows as Row[]
      if (rows.length) onRows(rows)
      if (rows.length < FETCH_ROWS) break
    }
    await c.none(SQL.cursor.close)
  })
}

/** Epoch ms or null from a timestamptz column (a Date, or already epoch ms where the query says so). */
export const ms = (v: unknown): number | null => (v == null ? null : typeof v === 'number' ? v : (v as Date).getTime())
/** Date or null for a timestamptz parameter. */
export const date = (v: number | null): Date | null => (v == null ? null : new Date(v))
