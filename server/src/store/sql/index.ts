/** The .sql files of this folder as pg-promise QueryFiles, loaded once per process. */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pgPromise from 'pg-promise'

const here = dirname(fileURLToPath(import.meta.url))

function sql(file: string): pgPromise.QueryFile {
  const qf = new pgPromise.QueryFile(join(here, file), { minify: true })
  if (qf.error) throw qf.error
  return qf
}

export const SQL = {
  counts: sql('counts.sql'),
  sites: { all: sql('sites/all.sql') },
  cells: { all: sql('cells/all.sql') },
  alarms: { all: sql('alarms/all.sql') },
  cutovers: { all: sql('cutovers/all.sql') },
  coverage: { all: sql('coverage/all.sql') },
  planned: { all: sql('planned/all.sql') },
  features: { all: sql('features/all.sql'), districts: sql('features/districts.sql'), get: sql('features/get.sql') },
  complaints: { all: sql('complaints/all.sql'), find: sql('complaints/find.sql'), get: sql('complaints/get.sql'), inBboxAll: sql('complaints/in-bbox-all.sql'), settledPairs: sql('complaints/settled-pairs.sql'),
    lookup: sql('complaints/lookup.sql'), idempotencyClaim: sql('complaints/idempotency-claim.sql'), idempotencyGet: sql('complaints/idempotency-get.sql') },
  /** The complaint workflow (issue 8): status, history, repeats, overdue candidates, districts' users. */
  workflow: {
    getForUpdate: sql('workflow/get-for-update.sql'), upsert: sql('workflow/upsert.sql'), addHistory: sql('workflow/add-history.sql'),
    history: sql('workflow/history.sql'), of: sql('workflow/of.sql'), settle: sql('workflow/settle.sql'), settled: sql('workflow/settled.sql'),
    repeatCandidates: sql('workflow/repeat-candidates.sql'), openDue: sql('workflow/open-due.sql'), districtsUsers: sql('features/districts-users.sql'),
    complaintsByIds: sql('workflow/complaints-by-ids.sql'),
  },
  /** Queries only PostgreSQL + PostGIS runs (the embedded store answers them in the service). */
  postgis: {
    complaintsInArea: sql('postgis/complaints-in-area.sql'),
    areaBreakdown: sql('postgis/area-breakdown.sql'),
    districtCounts: sql('postgis/district-counts.sql'),
  },
}
