/**
 * The network index's read of the alarms table (repos/alarms-read.ts): batches of heap pages with
 * joined columns give exactly the rows the row-by-row mapping gives — ids, sites, element alarms,
 * kinds, severities, times to the millisecond, active alarms — on the store under test, for a table
 * of many batches, and a value holding the separator falls back to rows without losing or garbling any.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Alarm } from '../../../server/src/domain/types.js'
import { alarmColumnsOf } from '../../../server/src/index/alarm-columns.js'
import { readAlarmColumns } from '../../../server/src/store/repos/alarms-read.js'
import { alarmsRepo } from '../../../server/src/store/repos/index.js'
import { Store } from '../../../server/src/store/store.js'
import { tempStore, type TestStore } from '../../helpers/service.js'

let ts: TestStore
let store: Store

beforeAll(async () => {
  ts = await tempStore()
  store = await Store.open(ts)
})
afterAll(async () => {
  await store.close()
  await ts.drop()
})

const base = Date.parse('2026-11-20T08:00:00.123+08:00')
function alarm(i: number): Alarm {
  const a: Alarm = {
    id: `A-${String(i).padStart(5, '0')}`, siteId: `S${i % 37}`, kind: ['断站', '退服', '传输中断'][i % 3], severity: (['critical', 'major', 'minor', 'warning'] as const)[i % 4],
    raisedAt: base + i * 61_001, clearedAt: i % 5 === 0 ? null : base + i * 61_001 + 3_600_007,
  }
  if (i % 11 === 0) return { ...a, siteId: '', element: { type: 'bsc', id: `BSC${i % 3}` } }
  return a
}

/** What the row mapping makes of the table, by id. */
async function byRows(): Promise<Map<string, Alarm>> {
  const rows = await store.db.any('SELECT * FROM alarms')
  return new Map(rows.map((r) => {
    const a = alarmsRepo.mapping.fromRow(r)
    return [a.id, a]
  }))
}

describe('reading the alarms table in batches', () => {
  it('gives every row as the row mapping does, over many one-page batches and from loadSnapshot()', async () => {
    const alarms = Array.from({ length: 3000 }, (_, i) => alarm(i))
    await store.importRows('alarms', alarms)
    const expected = await byRows()
    const cols = await store.db.tx((t) => readAlarmColumns(t, 1))
    expect(cols.length).toBe(3000)
    const got = new Map(Array.from({ length: cols.length }, (_, r) => [cols.ids[r], cols.materialise(r)]))
    expect(got).toEqual(expected)
    // Storage order, not id order: the index sorts per site; the set of rows is what matters.
    const snap = await store.loadSnapshot()
    const snapCols = alarmColumnsOf(snap.alarms)!
    expect(snapCols.length).toBe(3000)
    expect(new Set(snapCols.ids)).toEqual(new Set(expected.keys()))
    expect(alarms.filter((a) => a.clearedAt == null).every((a) => got.get(a.id)!.clearedAt === null)).toBe(true)
    expect(got.get('A-00011')!.element).toEqual({ type: 'bsc', id: 'BSC2' })
  })

  it('a value holding the separator (U+001F) sends its batch through the row-by-row read, losing nothing', async () => {
    await store.importRows('alarms', [{ ...alarm(5000), id: 'A-odd', kind: '断站\u001f二次' }])
    const expected = await byRows()
    const cols = await store.db.tx((t) => readAlarmColumns(t, 4))
    const got = new Map(Array.from({ length: cols.length }, (_, r) => [cols.ids[r], cols.materialise(r)]))
    expect(got.size).toBe(expected.size)
    expect(got).toEqual(expected)
    expect(got.get('A-odd')!.kind).toBe('断站\u001f二次')
  })
})
