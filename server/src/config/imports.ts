import { envNumber, type Env } from './env.js'

/**
 * Rows one HTTP import (POST /api/import/{kind}) may have: a city's sites or a month of complaints
 * fit, a runaway export does not. More → 413 naming the cap and the count, nothing stored. The CLI
 * import (npm run import) has no cap. Environment: IMPORT_MAX_ROWS.
 */
export const DEFAULT_IMPORT_MAX_ROWS = 200_000

/** The HTTP import row cap from the environment (IMPORT_MAX_ROWS), else DEFAULT_IMPORT_MAX_ROWS. */
export function importMaxRows(env: Env): number {
  return envNumber(env, 'IMPORT_MAX_ROWS', DEFAULT_IMPORT_MAX_ROWS, (n) => Number.isSafeInteger(n) && n >= 1, 'a positive integer')
}
