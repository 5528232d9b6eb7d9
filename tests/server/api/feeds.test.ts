/**
 * Issue 9 item 4 on both stores: an alarm file dropped into the NMS inbox is imported once and
 * POST /api/diagnose sees it within seconds; the same file again is a duplicate; a malformed one is
 * refused with its reason (row and field) and nothing of it is stored; GET /api/feeds shows all of it
 * to engineers (permission import), not to agents; the audit log names feed:inbox.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startService, type TestService } from '../../helpers/service.js'
import type { Feeds } from '../../../server/src/feeds/index.js'
import { alarmsCsv, drop, iso, seedSites, snapshot, startFeeds, until } from '../feeds/helpers.js'

let t: TestService
let feeds: Feeds
let inbox: string
let engineer: string

beforeAll(async () => {
  t = await startService()
  await seedSites(t)
  ;({ feeds, inbox } = await startFeeds(t))
  engineer = await t.tokenFor('engineer')
})
afterAll(async () => {
  await feeds?.stop()
  await t?.close()
})

const status = async (token = engineer) => {
  const res = await t.app.inject({ method: 'GET', url: '/api/feeds?limit=10', headers: { authorization: `Bearer ${token}` } })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}
const diagnose = async () => {
  const res = await t.app.inject({ method: 'POST', url: '/api/diagnose', payload: { lon: 113.3302, lat: 23.1352, occurredAt: iso(Date.now()), service: 'voice', phenomenon: 'no_signal' } })
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as { cause: { code: string }; evidence: { type: string; id: string }[] }
}

describe('NMS feeds through the API', () => {
  it('GET /api/feeds is for engineers and admins (permission import), with the inbox\'s state', async () => {
    const agent = await t.tokenFor('agent')
    const res = await t.app.inject({ method: 'GET', url: '/api/feeds', headers: { authorization: `Bearer ${agent}` } })
    expect(res.statusCode).toBe(403)
    const s = await status()
    expect(s).toMatchObject({ inbox: { dir: inbox, watching: true }, url: null, counts: { imported: 0, duplicate: 0, failed: 0, rows: 0 }, files: [], failures: [] })
    expect((await t.app.inject({ method: 'GET', url: '/api/feeds?limit=0' })).statusCode).toBe(400)
  })

  it('a dropped alarm file: imported once, diagnosed within seconds; the same file again is a duplicate', async () => {
    expect((await diagnose()).cause.code).not.toBe('site_fault')
    const csv = alarmsCsv([['PA1', 'S1']])
    drop(inbox, 'alarms/nms-1.csv', csv)
    const d = await until('POST /api/diagnose to see PA1', async () => {
      const d = await diagnose()
      return d.cause.code === 'site_fault' && d.evidence.some((e) => e.type === 'alarm' && e.id === 'PA1') ? d : null
    }, 8_000)
    expect(d.cause.code).toBe('site_fault')

    const stored = await snapshot(t)
    drop(inbox, 'alarms/nms-1-again.csv', csv)
    const s = await until('the duplicate listed', async () => { const s = await status(); return s.counts.duplicate === 1 ? s : null })
    expect(s.counts).toMatchObject({ imported: 1, duplicate: 1, failed: 0, rows: 1 })
    expect(s.files.map((f: { name: string; status: string }) => `${f.name} ${f.status}`)).toEqual(['alarms/nms-1-again.csv duplicate', 'alarms/nms-1.csv imported'])
    expect(await snapshot(t)).toBe(stored)

    const audit = await t.app.inject({ method: 'GET', url: '/api/audit?username=feed:inbox&limit=10' })
    expect(audit.json().map((a: { action: string }) => a.action).sort()).toEqual(['import', 'import_duplicate'])
  })

  it('a malformed file: set aside with its reason, nothing of it stored, listed among the failures', async () => {
    const before = await snapshot(t)
    drop(inbox, 'alarms-bad.csv', `id,site_id,kind,severity,raised_at,cleared_at\nPB1,S1,断站,critical,${iso(Date.now())},\nPB2,S9,断站,critical,${iso(Date.now())},\n`)
    const s = await until('the failure listed', async () => { const s = await status(); return s.failures.length ? s : null })
    expect(s.failures[0]).toMatchObject({ name: 'alarms-bad.csv', kind: 'alarms', status: 'failed', movedTo: 'failed/alarms-bad.csv' })
    expect(s.failures[0].reason).toMatch(/row 2, field "site_id".*S9/)
    expect(existsSync(join(inbox, 'failed', 'alarms-bad.csv.reason.txt'))).toBe(true)
    expect(await snapshot(t)).toBe(before)
    expect(s.counts).toMatchObject({ imported: 1, failed: 1 })
  })
})
