/**
 * The complaints the network index loads at start (Store.loadSnapshot: times read as epoch
 * milliseconds, no Date per row) equal the complaints the store returns one by one (timestamptz → Date),
 * on the store under test: times to the millisecond, nulls, arrays, the stored diagnosis, `settled`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Store, type StoredComplaint } from '../../../server/src/store/store.js'
import { tempStore, type TestStore } from '../../helpers/service.js'

let ts: TestStore
let store: Store
beforeAll(async () => { ts = await tempStore(); store = await Store.open(ts) })
afterAll(async () => { await store.close(); await ts.drop() })

describe('loadSnapshot() complaints', () => {
  it('are the complaints getComplaint() returns, oldest first', async () => {
    const at = Date.parse('2026-11-20T09:15:42.987+08:00')
    const a: StoredComplaint = {
      id: 'C-SNAP-1', occurredAt: at, reportedAt: at + 3_600_001, address: '天河直街 12 号', service: 'voice', phenomenon: 'no_signal',
      description: '室内无信号', vip: null, lon: 113.33, lat: 23.14, number: '13800001234', suggestedCause: 'cutover', cause: 'cutover',
      answer: '因为工程维护引起信号短暂中断', disposition: 'self', specialty: '无线-基站及配套', linkedSites: ['S1', 'S2'], createdAt: at + 3_600_999,
      diagnosis: { cause: { code: 'cutover' }, confidence: 0.91 },
    } as StoredComplaint
    const b: StoredComplaint = { ...a, id: 'C-SNAP-0', occurredAt: at - 1, reportedAt: null, number: null, cause: null, answer: null, linkedSites: [], diagnosis: null } as StoredComplaint
    await store.saveComplaint(a)
    await store.saveComplaint(b)
    const snap = (await store.loadSnapshot()).complaints
    expect(snap.map((c) => c.id)).toEqual(['C-SNAP-0', 'C-SNAP-1'])
    expect(snap[0]).toEqual(await store.getComplaint('C-SNAP-0'))
    expect(snap[1]).toEqual(await store.getComplaint('C-SNAP-1'))
    expect(snap[1].occurredAt).toBe(at)
    expect(snap[1].createdAt).toBe(at + 3_600_999)
  })
})
