/**
 * Issue 9 item 4, the polled URL: a tiny NMS over node:http answers an alarm export with an ETag; the
 * first poll imports it, the next sends If-None-Match and gets 304 (nothing imported), a changed export
 * is imported, a server without ETags answering the same bytes is de-duplicated by hash, the bearer
 * token is sent, and a malformed export is written to inbox/failed/ with its reason, nothing stored.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startService, type TestService } from '../../helpers/service.js'
import { FeedStore, type Feeds } from '../../../server/src/feeds/index.js'
import { UrlPoller } from '../../../server/src/feeds/url-poller.js'
import { AT_S1, alarmsCsv, memoryLog, seedSites, snapshot, startFeeds } from './helpers.js'

/** The NMS: path → [body, etag or null]; every request kept. */
const exports = new Map<string, [string, string | null]>()
const got: { path: string; headers: IncomingHttpHeaders }[] = []
let server: Server
let base = ''

let t: TestService
let feeds: Feeds
let inbox: string
let store: FeedStore

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/'
    got.push({ path, headers: req.headers })
    const e = exports.get(path.split('?')[0])
    if (!e) return void res.writeHead(404).end('no such export')
    const [body, etag] = e
    if (etag && req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end()
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', ...(etag ? { etag } : {}) }).end(body)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  exports.set('/nms/alarms.csv', [alarmsCsv([['UA1', 'S1']]), '"v1"'])

  t = await startService()
  await seedSites(t)
  // Polled once at start, then (for the test) only when asked.
  ;({ feeds, inbox } = await startFeeds(t, { url: `${base}/nms/alarms.csv?site=all`, urlKind: 'alarms', urlToken: 'nms-secret', urlIntervalMs: 3600_000 }))
  store = new FeedStore(t.service.store.db)
})
afterAll(async () => {
  await feeds?.stop()
  await t?.close()
  server?.closeAllConnections()
  await new Promise((r) => server?.close(r))
})

describe('the polled NMS URL', () => {
  it('imports the export, then asks with If-None-Match: 304 → nothing imported; a changed export is imported', async () => {
    await feeds.url!.idle()
    expect(got[0].path).toBe('/nms/alarms.csv?site=all')
    expect(got[0].headers.authorization).toBe('Bearer nms-secret')
    expect(got[0].headers['if-none-match']).toBeUndefined()
    expect(t.service.diagnose(AT_S1()).evidence.some((e) => e.type === 'alarm' && e.id === 'UA1')).toBe(true)
    const [f] = await store.recent({ limit: 10 })
    expect(f).toMatchObject({ source: 'url', name: `${base}/nms/alarms.csv`, status: 'imported', rows: 1 })
    expect(feeds.state().url).toMatchObject({ etag: '"v1"', lastStatus: 200, polls: 1 })

    const before = await snapshot(t)
    expect(await feeds.url!.poll()).toBe('not-modified')
    expect(got.at(-1)!.headers['if-none-match']).toBe('"v1"')
    expect(await snapshot(t)).toBe(before)
    expect(await store.counts()).toMatchObject({ imported: 1, duplicate: 0, failed: 0 })
    expect(feeds.state().url).toMatchObject({ notModified: 1, lastStatus: 304 })

    exports.set('/nms/alarms.csv', [alarmsCsv([['UA1', 'S1'], ['UA2', 'S2']]), '"v2"'])
    expect(await feeds.url!.poll()).toMatchObject({ status: 'imported', rows: 2 })
    expect(t.service.index.alarmsOf('S2').map((a) => a.id)).toEqual(['UA2'])
    expect(feeds.state().url!.etag).toBe('"v2"')
  })

  it('a server without ETags answering the same export again: de-duplicated by SHA-256, not imported again', async () => {
    exports.set('/plain.csv', [alarmsCsv([['UB1', 'S2']]), null])
    const poller = new UrlPoller({ url: `${base}/plain.csv`, kind: 'alarms', intervalMs: 3600_000, token: null, timeoutMs: 5_000, maxBytes: 1e6 }, feeds.pipeline, null, memoryLog())
    expect(await poller.poll()).toMatchObject({ status: 'imported', rows: 1 })
    expect(got.at(-1)!.headers.authorization).toBeUndefined()
    const before = await snapshot(t)
    const counts = await store.counts()
    expect(await poller.poll()).toMatchObject({ status: 'duplicate' })
    expect(await snapshot(t)).toBe(before)
    expect(await store.counts()).toEqual(counts)
    expect(poller.state()).toMatchObject({ duplicates: 1, polls: 2, etag: null })
  })

  it('a malformed export: written to inbox/failed/ with its reason (row and field), nothing stored, and not asked for again while unchanged', async () => {
    exports.set('/bad.csv', ['id,site_id,kind,severity,raised_at,cleared_at\nUC1,S1,断站,critical,yesterday,\n', '"b1"'])
    const log = memoryLog()
    const poller = new UrlPoller({ url: `${base}/bad.csv`, kind: 'alarms', intervalMs: 3600_000, token: null, timeoutMs: 5_000, maxBytes: 1e6 }, feeds.pipeline, feeds.inbox!.shelf, log)
    const before = await snapshot(t)
    const o = await poller.poll()
    expect(o).toMatchObject({ status: 'failed' })
    if (typeof o !== 'object' || o.status !== 'failed') throw new Error('not failed')
    expect(o.reason).toMatch(/row 1, field "raised_at"/)
    expect(o.movedTo).toMatch(/^failed\/url-alarms-\d{4}-\d\d-\d\d\.csv$/)
    expect(readFileSync(join(inbox, `${o.movedTo}.reason.txt`), 'utf8')).toMatch(/row 1, field "raised_at"/)
    expect(existsSync(join(inbox, o.movedTo!))).toBe(true)
    expect(await snapshot(t)).toBe(before)
    expect(poller.state().lastError).toMatch(/raised_at/)
    expect(await poller.poll()).toBe('not-modified')
    const audit = await t.users.auditLog({ username: 'feed:url', action: 'import_failed', limit: 10 })
    expect(audit).toHaveLength(1)
  })

  it('an answer that is not 2xx or 304 is an error kept in the state, nothing recorded', async () => {
    const poller = new UrlPoller({ url: `${base}/missing.csv`, kind: 'alarms', intervalMs: 3600_000, token: null, timeoutMs: 5_000, maxBytes: 1e6 }, feeds.pipeline, null, memoryLog())
    const counts = await store.counts()
    expect(await poller.poll()).toBe('error')
    expect(poller.state()).toMatchObject({ lastStatus: 404, lastError: 'HTTP 404' })
    expect(await store.counts()).toEqual(counts)
  })

  it('refuses a bad FEED_URL or FEED_URL_KIND at start, naming the variable', () => {
    const make = (url: string, kind = 'alarms') => () => new UrlPoller({ url, kind, intervalMs: 1000, token: null, timeoutMs: 1000, maxBytes: 1 }, feeds.pipeline, null, memoryLog())
    expect(make('ftp://nms/x.csv')).toThrow(/FEED_URL: expected an http\(s\) URL/)
    expect(make('http://user:pw@nms/x.csv')).toThrow(/FEED_URL_TOKEN/)
    expect(make('http://nms/x.csv', 'alarm')).toThrow(/FEED_URL_KIND: expected one of/)
  })
})
