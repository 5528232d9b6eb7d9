/**
 * Issue 9 item 4, the NMS inbox: a dropped alarm file is imported once (the same bytes again are a
 * duplicate) and the diagnosis sees the alarm within seconds; a malformed file is set aside in failed/
 * with a reason naming row and field and nothing of it stored; a file still being written is not taken
 * half; GBK files are decoded; every file is audited as feed:inbox.
 */
import { appendFileSync, existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startService, type TestService } from '../../helpers/service.js'
import type { ImportEvent } from '../../../server/src/service/events.js'
import { FeedStore, type Feeds } from '../../../server/src/feeds/index.js'
import { chinaDate } from '../../../server/src/feeds/names.js'
import { AT_S1, alarmsCsv, drop, iso, seedSites, snapshot, startFeeds, until, H } from './helpers.js'

let t: TestService
let feeds: Feeds
let inbox: string
let store: FeedStore
const events: ImportEvent[] = []

beforeAll(async () => {
  t = await startService()
  await seedSites(t)
  ;({ feeds, inbox } = await startFeeds(t))
  store = new FeedStore(t.service.store.db)
  t.service.events.on('import', (e) => events.push(e))
})
afterAll(async () => {
  await feeds?.stop()
  await t?.close()
})

const filesNamed = async (name: string) => (await store.recent({ limit: 500 })).filter((f) => f.name === name)
const audit = (action: string) => t.users.auditLog({ username: 'feed:inbox', action, limit: 100 })

describe('the NMS inbox', () => {
  it('creates the inbox with its kinds\' folders, done/ and failed/', () => {
    for (const d of ['alarms', 'cutovers', 'done', 'failed']) expect(existsSync(join(inbox, d)), d).toBe(true)
  })

  it('imports a dropped alarm file once; the diagnosis at that site sees the alarm within seconds; the same file again is a duplicate', async () => {
    const before = t.service.diagnose(AT_S1())
    expect(before.cause.code).not.toBe('site_fault')
    const csv = alarmsCsv([['FA1', 'S1']])
    drop(inbox, 'alarms/nms-0001.csv', csv)

    // A bounded wait (until() fails the test after 8 s): the diagnosis finds the alarm as soon as the file is imported.
    const d = await until('the diagnosis to see FA1', () => {
      const d = t.service.diagnose(AT_S1())
      return d.cause.code === 'site_fault' && d.evidence.some((e) => e.type === 'alarm' && e.id === 'FA1') ? d : null
    }, 8_000)
    expect(d.evidence.find((e) => e.type === 'alarm')?.id).toBe('FA1')
    // The map hears of it (the /api/events stream is fed by this event).
    expect(events.some((e) => e.kind === 'alarms' && e.count === 1)).toBe(true)

    const [f] = await until('the file recorded as imported', async () => (await filesNamed('alarms/nms-0001.csv')).filter((x) => x.status === 'imported' && x.movedTo))
    expect(f).toMatchObject({ source: 'inbox', kind: 'alarms', rows: 1, movedTo: `done/${chinaDate(Date.now())}/nms-0001.csv` })
    expect(existsSync(join(inbox, 'alarms', 'nms-0001.csv'))).toBe(false)
    expect(readFileSync(join(inbox, f.movedTo!), 'utf8')).toBe(csv)
    expect((await audit('import')).some((a) => a.target === 'alarms' && (a.details as { file: string }).file === 'alarms/nms-0001.csv')).toBe(true)

    // The NMS sends the same export again, under another name: not imported a second time.
    const stored = await snapshot(t)
    const nEvents = events.length
    drop(inbox, 'alarms-resent.csv', csv)
    const [dup] = await until('the duplicate recorded', async () => (await filesNamed('alarms-resent.csv')).filter((x) => x.movedTo))
    expect(dup).toMatchObject({ status: 'duplicate', kind: 'alarms', rows: null })
    expect(dup.reason).toContain('alarms/nms-0001.csv')
    expect(dup.sha256).toBe(f.sha256)
    expect(await snapshot(t)).toBe(stored)
    expect(events.length).toBe(nEvents)
    expect((await store.counts())).toMatchObject({ imported: 1, duplicate: 1 })
    expect((await audit('import_duplicate')).length).toBe(1)
    expect(existsSync(join(inbox, 'alarms-resent.csv'))).toBe(false)
  })

  it('sets a malformed file aside in failed/ with a reason naming row and field, and stores nothing of it', async () => {
    const before = await snapshot(t)
    const nEvents = events.length
    // Row 1 is fine, row 2 has a time that is not one: the whole file is refused.
    const csv = 'id,site_ids,planned_start,planned_end,actual_start,actual_end,description\n'
      + `FK1,S1,${iso(Date.now() + H)},${iso(Date.now() + 3 * H)},,,夜间割接\n`
      + `FK2,S2,明天晚上,${iso(Date.now() + 3 * H)},,,夜间割接\n`
    drop(inbox, 'cutovers/plan-7.csv', csv)
    const reasonFile = join(inbox, 'failed', 'plan-7.csv.reason.txt')
    await until('the reason file', () => existsSync(reasonFile) && existsSync(join(inbox, 'failed', 'plan-7.csv')))
    const reason = readFileSync(reasonFile, 'utf8')
    expect(reason).toMatch(/row 2, field "planned_start"/)
    expect(reason).toContain('nothing of it was stored')
    expect(readFileSync(join(inbox, 'failed', 'plan-7.csv'), 'utf8')).toBe(csv)
    expect(existsSync(join(inbox, 'cutovers', 'plan-7.csv'))).toBe(false)

    const [f] = await until('the failure recorded', async () => (await filesNamed('cutovers/plan-7.csv')).filter((x) => x.finishedAt))
    expect(f).toMatchObject({ status: 'failed', kind: 'cutovers', movedTo: 'failed/plan-7.csv' })
    expect(f.reason).toMatch(/row 2, field "planned_start"/)
    expect(await snapshot(t)).toBe(before)
    expect(events.length).toBe(nEvents)
    expect((await audit('import_failed')).some((a) => /planned_start/.test(String((a.details as { reason: string }).reason)))).toBe(true)
  })

  it('sets aside a file whose kind neither its folder nor its name tells', async () => {
    drop(inbox, 'export-20261123.csv', alarmsCsv([['FA9', 'S1']]))
    const reasonFile = join(inbox, 'failed', 'export-20261123.csv.reason.txt')
    await until('the reason file', () => existsSync(reasonFile))
    expect(readFileSync(reasonFile, 'utf8')).toMatch(/cannot tell the import kind.*alarms\//)
    expect(t.service.index.counts()).toMatchObject({ alarms: 1 })
  })

  it('never takes a file still being written: not under *.tmp, and not while its size keeps changing', async () => {
    // Under its temporary name it is left alone, however long it waits.
    const tmp = join(inbox, 'alarms', 'batch-2.csv.tmp')
    writeFileSync(tmp, alarmsCsv([['FA2', 'S2']]))
    const written = Date.now()
    // A scan 1 s (5× the settle time) after it was written has seen it and left it.
    await until('a scan long after the file was written', () => Date.parse(feeds.state().inbox!.lastScanAt ?? '') > written + 1_000)
    expect(existsSync(tmp)).toBe(true)
    expect(await filesNamed('alarms/batch-2.csv')).toEqual([])

    // A writer that does not rename: rows appended every 60 ms (well inside the 200 ms settle time).
    const path = join(inbox, 'alarms', 'slow-3.csv')
    const rows = Array.from({ length: 12 }, (_, i): [string, string] => [`FS${i}`, i % 2 ? 'S1' : 'S2'])
    const all = alarmsCsv(rows).split('\n')
    writeFileSync(path, all[0] + '\n')
    for (const line of all.slice(1).filter(Boolean)) {
      await new Promise((r) => setTimeout(r, 60))
      appendFileSync(path, line + '\n')
    }
    const [f] = await until('the slow file imported', async () => (await filesNamed('alarms/slow-3.csv')).filter((x) => x.status === 'imported'))
    expect(f.rows).toBe(12)
    expect(await filesNamed('alarms/slow-3.csv')).toHaveLength(1)
    const ids = new Set([...t.service.index.alarmsOf('S1', Date.now() - H, Date.now()), ...t.service.index.alarmsOf('S2', Date.now() - H, Date.now())].map((a) => a.id))
    expect(rows.filter(([id]) => !ids.has(id))).toEqual([])

    // Renamed at last: taken.
    renameSync(tmp, join(inbox, 'alarms', 'batch-2.csv'))
    await until('the renamed file imported', async () => (await filesNamed('alarms/batch-2.csv')).filter((x) => x.status === 'imported'))
  })

  it('decodes a GBK export named *.gbk.csv, and refuses one that does not say, naming the way out', async () => {
    // 断站 in GBK; the file as Excel on a Chinese Windows writes it.
    const gbk = Buffer.concat([
      Buffer.from(`id,site_id,kind,severity,raised_at,cleared_at\nFG1,S2,`), Buffer.from('b6cfd5be', 'hex'), Buffer.from(`,critical,${iso(Date.now() - 60_000)},\n`),
    ])
    drop(inbox, 'alarms/gbk-4.gbk.csv', gbk)
    await until('the GBK file imported', async () => (await filesNamed('alarms/gbk-4.gbk.csv')).filter((x) => x.status === 'imported'))
    const alarm = t.service.index.alarmsOf('S2', Date.now() - H, Date.now()).find((a) => a.id === 'FG1')
    expect(alarm?.kind).toBe('断站')

    const unmarked = Buffer.concat([gbk.subarray(0, gbk.indexOf('FG1')), Buffer.from('FG2'), gbk.subarray(gbk.indexOf('FG1') + 3)])
    drop(inbox, 'alarms/gbk-5.csv', unmarked)
    const reasonFile = join(inbox, 'failed', 'gbk-5.csv.reason.txt')
    await until('the reason file', () => existsSync(reasonFile))
    expect(readFileSync(reasonFile, 'utf8')).toMatch(/not UTF-8.*\*\.gbk\.csv.*FEED_ENCODING=gbk/s)
    expect(t.service.index.alarmsOf('S2', Date.now() - H, Date.now()).some((a) => a.id === 'FG2')).toBe(false)
  })

  it('files done/ by date and never overwrites: a second failure of the same name is numbered', async () => {
    drop(inbox, 'cutovers/plan-7.csv', 'id,site_ids\nFK3,NOPE\n')
    await until('the second failure', () => existsSync(join(inbox, 'failed', 'plan-7-2.csv.reason.txt')))
    expect(readFileSync(join(inbox, 'failed', 'plan-7-2.csv.reason.txt'), 'utf8')).toMatch(/field "/)
    expect(readdirSync(join(inbox, 'done', chinaDate(Date.now())))).toEqual(expect.arrayContaining(['nms-0001.csv', 'alarms-resent.csv', 'slow-3.csv']))
  })

  it('stops: watchers closed, nothing taken afterwards', async () => {
    await feeds.stop()
    drop(inbox, 'alarms/late-6.csv', alarmsCsv([['FL1', 'S1']]))
    await new Promise((r) => setTimeout(r, 1_000))
    expect(existsSync(join(inbox, 'alarms', 'late-6.csv'))).toBe(true)
    expect(await filesNamed('alarms/late-6.csv')).toEqual([])
  })
})
