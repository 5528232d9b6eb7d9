/**
 * Any table of the schema, named by the database's own catalog rather than by a repository: what
 * the store-to-store copy (cli/migrate-store.ts) needs to enumerate, count, empty and copy every
 * table, including tables a later migration adds. Table, column, sequence and cursor names reach
 * SQL only through pg-promise's identifier formatting (`:name`), never as text spliced in.
 */
import { pgp } from '../db.js'
import { SQL } from '../sql/index.js'
import type { Tx } from './table-repo.js'

/** A column as the catalog describes it. */
export interface CatalogColumn {
  table_name: string
  column_name: string
  is_generated: string
  identity_generation: string | null
  udt_name: string
}

/** Every method runs on the connection or transaction it is given. */
export const catalog = {
  tables: (q: Tx) => q.map(SQL.catalog.tables, [], (r: { table_name: string }) => r.table_name),
  columns: (q: Tx) => q.any<CatalogColumn>(SQL.catalog.columns),
  foreignKeys: (q: Tx) => q.any<{ child: string; parent: string }>(SQL.catalog.foreignKeys),
  primaryKeys: (q: Tx) => q.any<{ table_name: string; column_name: string }>(SQL.catalog.primaryKeys),
  sequences: (q: Tx) => q.map(SQL.catalog.sequences, [], (r: { sequence_name: string }) => r.sequence_name),
  /** Each column with the sequence that feeds it (null: none), schema-qualified as pg_get_serial_sequence gives it. */
  ownedSequences: (q: Tx) => q.any<{ table_name: string; column_name: string; seq: string | null }>(SQL.catalog.ownedSequences),
  /** A sequence's last value and whether it was ever used. */
  sequencePosition: (q: Tx, sequence: string) => q.one<{ last_value: string; is_called: boolean }>(SQL.catalog.sequencePosition, { sequence }),
  /** setval(sequence, value, isCalled); `sequence` is a regclass text (quoted where needed). */
  setSequence: (q: Tx, sequence: string, value: number, isCalled: boolean) => q.one(SQL.catalog.setSequence, { sequence, value, isCalled }),
  count: async (q: Tx, table: string) => (await q.one<{ n: number }>(SQL.catalog.count, { table })).n,
  /** Rows of `table` where `column` is not null. */
  countColumn: async (q: Tx, table: string, column: string) => (await q.one<{ n: number }>(SQL.catalog.countColumn, { table, column })).n,
  maxColumn: async (q: Tx, table: string, column: string) => (await q.one<{ m: number | null }>(SQL.catalog.maxColumn, { table, column })).m,
  /** Empties the tables (CASCADE: and the tables referencing them) and restarts their sequences. */
  truncate: (q: Tx, tables: readonly string[]) => q.none(SQL.catalog.truncate, { tables: [...tables] }),
  /** Lifts the statement timeout for the rest of the transaction. */
  noStatementTimeout: (q: Tx) => q.none(SQL.catalog.noStatementTimeout),
  /** Opens `cursor` over `table`'s `columns`, each as its text form, in `orderBy` order when given. */
  declareAsText: (q: Tx, cursor: string, table: string, columns: readonly string[], orderBy: readonly string[]) => {
    // The one list SQL cannot take as a parameter: each catalog column, escaped, cast to text.
    const textColumns = columns.map((c) => `${pgp.as.name(c)}::text AS ${pgp.as.name(c)}`).join(', ')
    return orderBy.length
      ? q.none(SQL.catalog.declareAsTextOrdered, { cursor, table, textColumns, orderBy: [...orderBy] })
      : q.none(SQL.catalog.declareAsText, { cursor, table, textColumns })
  },
  fetch: (q: Tx, cursor: string, rows: number) => q.any(SQL.catalog.fetch, { cursor, rows }),
  close: (q: Tx, cursor: string) => q.none(SQL.catalog.close, { cursor }),
  /** Inserts `rows` into `table` over `columns`; `overriding` keeps ids of a GENERATED ALWAYS identity column. */
  insert: (q: Tx, table: string, columns: readonly string[], rows: readonly object[], overriding: boolean) => {
    const values = pgp.helpers.values([...rows], new pgp.helpers.ColumnSet([...columns], { table }))
    return q.none(overriding ? SQL.catalog.insertValuesOverriding : SQL.catalog.insertValues, { table, columns: [...columns], values })
  },
}
