/** The database: the embedded one in DATA_DIR, or PostgreSQL + PostGIS. */
import type { Env } from './env.js'

/** Field names as server/src/store/db.ts StoreOptions reads them, so a Config can be handed to the store as it is. */
export interface DatabaseOptions {
  /** postgres://… selects PostgreSQL + PostGIS instead of the embedded database; null: embedded. DATABASE_URL. */
  databaseUrl: string | null
  /** PostgreSQL connection pool size (the embedded database always uses one connection). DB_POOL_MAX. */
  poolMax: number
  /** statement_timeout on PostgreSQL: no query runs longer than this. STATEMENT_TIMEOUT_MS. */
  statementTimeoutMs: number
}

export const defaultDatabaseOptions: DatabaseOptions = {
  databaseUrl: null,
  poolMax: 10,
  statementTimeoutMs: 15_000,
}

/** Database options from the environment, else the defaults above. */
export function loadDatabaseOptions(env: Env): DatabaseOptions {
  const d = defaultDatabaseOptions
  return {
    databaseUrl: env.DATABASE_URL || d.databaseUrl,
    poolMax: env.DB_POOL_MAX ? Number(env.DB_POOL_MAX) : d.poolMax,
    statementTimeoutMs: env.STATEMENT_TIMEOUT_MS ? Number(env.STATEMENT_TIMEOUT_MS) : d.statementTimeoutMs,
  }
}
