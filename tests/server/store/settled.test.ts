/**
 * Whether a complaint's cause is settled, on the store under test: the migration's backfill of rows
 * written before the column existed (imported = settled; recorded = settled only when the last of its
 * field test / close / reopen steps is not a reopen), and an import keeping a complaint settled.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startService, type TestService } from '../../helpers/service.js'

let t: TestService
beforeAll(async () => { t = await startService() })
afterAll(async () => { await t.close() })

const MIGRATION = new URL('../../../server/src/store/migrations/012_settled.sql', import.meta.url)

describe('complaints.settled', () => {
  it('the migration backfills: no workflow → settled; recorded → settled by field test or close, unsettled by a later reopen', async () => {
    const db = t.service.store.db
    const cases: [string, string[], boolean][] = [
      ['M-IMPORTED', [], true],
      ['M-ANSWERED', ['receive', 'diagnose', 'answer'], false],
      ['M-TESTED', ['receive', 'diagnose', 'dispatch', 'field_test'], true],
      ['M-CLOSED', ['receive', 'diagnose', 'answer', 'close'], true],
      ['M-REOPENED', ['receive', 'diagnose', 'answer', 'close', 'reopen'], false],
      ['M-RECLOSED', ['receive', 'diagnose', 'answer', 'close', 'reopen', 'answer', 'close'], true],
    ]
    for (const [id, steps] of cases) {
      await db.none(
        `INSERT INTO complaints (id, occurred_at, address, service, phenomenon, description, lon, lat, linked_sites, created_at, cause)
         VALUES ($1, now(), '', 'voice', 'no_signal', '', 113.3, 23.1, '{}', now(), 'weak_coverage')`, [id])
      if (!steps.length) continue
      await db.none(`INSERT INTO complaint_workflow (complaint_id, status, received_at) VALUES ($1, 'diagnosed', now())`, [id])
      for (const [k, action] of steps.entries()) {
        await db.none(`INSERT INTO complaint_history (complaint_id, seq, action, to_status, at) VALUES ($1, $2, $3, 'x', now())`, [id, k + 1, action])
      }
    }
    // The rows as they were before the column: the backfill (the migration minus its ALTER) runs over them.
    const backfill = readFileSync(MIGRATION, 'utf8').replace(/ALTER TABLE[^;]*;/, '')
    await db.none(backfill)
    for (const [id, , settled] of cases) {
      expect((await t.service.store.getComplaint(id))!.settled, id).toBe(settled)
    }
  })

  it('imported complaints are settled, in the store and in the index', async () => {
    const csv = 'id,occurred_at,address,service,phenomenon,lon,lat,cause,answer\nH1,2026-11-20T10:00:00+08:00,天河直街,语音,无信号/忙音,113.3302,23.1351,weak_coverage,经过核实该处为弱覆盖区域。\n'
    const res = await t.app.inject({ method: 'POST', url: '/api/import/complaints', headers: { 'content-type': 'text/csv' }, payload: csv })
    expect(res.statusCode, res.body).toBe(200)
    expect((await t.service.store.getComplaint('H1'))!.settled).toBe(true)
    expect(t.service.index.complaint('H1')?.settled).toBe(true)
  })
})
