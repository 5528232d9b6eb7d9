/** The import_mappings table (migration 013): saved column mappings by source. SQL in store/sql/import_mappings. */
import { SQL } from '../sql/index.js'
import type { Tx } from './table-repo.js'

/** An import_mappings row as stored. */
export interface ImportMappingRow {
  name: string
  kind: string
  columns: Record<string, string>
  defaults: Record<string, string>
  crs: string | null
  encoding: string | null
  sheet: string | null
  updated_by: string | null
  updated_at: Date
}

/** Every method runs on the connection or transaction it is given. */
export const importMappingsRepo = {
  all: (q: Tx) => q.any<ImportMappingRow>(SQL.importMappings.all),
  get: (q: Tx, name: string) => q.oneOrNone<ImportMappingRow>(SQL.importMappings.get, { name }),
  upsert: (q: Tx, m: { name: string; kind: string; columns: Record<string, string>; defaults: Record<string, string>; crs: string | null; encoding: string | null; sheet: string | null; updatedBy: string | null }) =>
    q.one<ImportMappingRow>(SQL.importMappings.upsert, m),
  /** False when there was no mapping of that name. */
  remove: async (q: Tx, name: string) => (await q.result(SQL.importMappings.remove, { name })).rowCount > 0,
}
