/**
 * The whole alarms table into AlarmColumns, for the network index at start (5,000,000 rows at
 * province scale). Each statement reads the alarms of BATCH_PAGES heap pages with every column joined
 * into one value (sql/alarms/batch.sql): the driver parses nine values per batch, not eight per row,
 * and the times arrive as raw float8 bytes. The next batch is asked for before this one is unpacked,
 * so PostgreSQL and this process work at the same time. The rows map to the values alarmsRepo.fromRow
 * gives a row of the table, in storage order.
 */
import type { ElementType } from '../../domain/types.js'
import { AlarmColumns } from '../../index/alarm-columns.js'
import { pgp } from '../db.js'
import { SQL } from '../sql/index.js'
import type { Tx } from './table-repo.js'

/** Heap pages per statement: ~80,000 alarms, ~8 MB of joined text. */
export const BATCH_PAGES = 1024
const SEP = '\x1f'

interface Batch {
  n: number
  ids: string | null
  site_ids: string | null
  element_types: string | null
  element_ids: string | null
  kinds: string | null
  severities: string | null
  raised: Buffer | null
  cleared: Buffer | null
}

/**
 * Reads every alarm into columns, `pages` heap pages per statement, in storage order (the index sorts
 * each site's alarms itself: AlarmTimeline.load). Run it in a REPEATABLE READ transaction for one
 * snapshot of the whole table.
 */
export async function readAlarmColumns(t: Tx, pages = BATCH_PAGES): Promise<AlarmColumns> {
  const cols = new AlarmColumns(1 << 16)
  const { pages: total } = await t.one<{ pages: number }>(SQL.alarms.pages)
  const ask = (from: number) => t.one<Batch>(SQL.alarms.batch, { from, to: from + pages })
  let pending = total > 0 ? ask(0) : null
  for (let from = 0; pending; from += pages) {
    const b = await pending
    // Ask for the next batch first: PostgreSQL reads it while this one is unpacked.
    pending = from + pages < total ? ask(from + pages) : null
    if (b.n > 0 && !unpack(b, cols)) {
      // A value held the separator: this batch row by row instead (same pages).
      const text = pgp.as.format(SQL.alarms.range, { from, to: from + pages })
      const rows = (await t.any(new pgp.ParameterizedQuery({ text, rowMode: 'array' }))) as unknown as unknown[][]
      for (const r of rows) {
        cols.push(r[0] as string, (r[1] as string | null) ?? '', r[2] as ElementType | null, r[3] as string | null, r[4] as string, r[5] as string, r[6] as number, r[7] as number | null)
      }
    }
  }
  cols.trim()
  return cols
}

/**
 * Appends the batch's rows, or appends nothing and returns false when a column does not split into
 * exactly `n` items (a value that held the separator).
 */
function unpack(b: Batch, cols: AlarmColumns): boolean {
  const { n } = b
  const split = (s: string | null) => (s ?? '').split(SEP)
  const ids = split(b.ids)
  const sites = split(b.site_ids)
  const types = split(b.element_types)
  const elements = split(b.element_ids)
  const kinds = split(b.kinds)
  const severities = split(b.severities)
  const raised = b.raised
  const cleared = b.cleared
  if (
    ids.length !== n || sites.length !== n || types.length !== n || elements.length !== n || kinds.length !== n || severities.length !== n ||
    !raised || !cleared || raised.length !== n * 8 || cleared.length !== n * 8
  ) return false
  const rv = new DataView(raised.buffer, raised.byteOffset, raised.length)
  const cv = new DataView(cleared.buffer, cleared.byteOffset, cleared.length)
  for (let i = 0; i < n; i++) {
    const type = types[i]
    const c = cv.getFloat64(i * 8)
    cols.push(
      ids[i], sites[i], type === '' ? null : (type as ElementType), type === '' ? null : elements[i],
      kinds[i], severities[i], rv.getFloat64(i * 8), c === c ? c : null,
    )
  }
  return true
}
