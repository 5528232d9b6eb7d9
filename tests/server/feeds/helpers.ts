/**
 * Shared by the feed tests: a service with two sites, its feeds on a fresh inbox with short settle and
 * scan times, a bounded wait, and how the NMS is told to write (a *.tmp name, then a rename).
 */
import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { expect } from 'vitest'
import { defaultFeedOptions, type FeedOptions } from '../../../server/src/config/index.js'
import type { FeedLog } from '../../../server/src/feeds/index.js'
import type { TestService } from '../../helpers/service.js'

export const H = 3600_000
export const iso = (t: number) => new Date(t).toISOString()

/** Two sites 2 km apart (S1 白马花园, S2 天河站), no alarms yet. */
export const SITES = 'id,name,tech,type,lon,lat\nS1,白马花园,4G,宏站,113.3300,23.1350\nS2,天河站,5G,宏站,113.3500,23.1350\n'

export async function seedSites(t: TestService): Promise<void> {
  const res = await t.app.inject({ method: 'POST', url: '/api/import/sites', headers: { 'content-type': 'text/csv' }, payload: SITES })
  expect(res.statusCode, res.body).toBe(200)
}

/** A log that keeps what it is told (and prints nothing). */
export function memoryLog(): FeedLog & { lines: { level: string; obj: object; msg: string }[] } {
  const lines: { level: string; obj: object; msg: string }[] = []
  const at = (level: string) => (obj: object, msg: string) => void lines.push({ level, obj, msg })
  return { lines, info: at('info'), warn: at('warn'), error: at('error') }
}

/** Starts the service's feeds on a new inbox (settle 200 ms, scan 400 ms unless overridden). */
export async function startFeeds(t: TestService, over: Partial<FeedOptions> = {}) {
  const inbox = mkdtempSync(join(tmpdir(), 'tousu-inbox-'))
  const log = memoryLog()
  const feeds = await t.app.container.startFeeds({ ...defaultFeedOptions, inbox, scanMs: 400, settleMs: 200, ...over }, log)
  return { feeds, inbox, log }
}

/** Writes `content` as the NMS should: under a .tmp name, then renamed to `rel` inside the inbox. */
export function drop(inbox: string, rel: string, content: string | Buffer): void {
  const to = join(inbox, rel)
  mkdirSync(dirname(to), { recursive: true })
  writeFileSync(`${to}.tmp`, content)
  renameSync(`${to}.tmp`, to)
}

export { until } from '../../helpers/wait.js'

/** Everything stored, as counts (store rows per kind and the in-memory index). */
export async function snapshot(t: TestService): Promise<string> {
  return JSON.stringify({ store: await t.service.store.counts(), index: t.service.index.counts() })
}

/** An alarms CSV: one active 断站 alarm per [id, site] raised `ago` ms before now. */
export const alarmsCsv = (rows: [string, string][], ago = 10 * 60_000) =>
  'id,site_id,kind,severity,raised_at,cleared_at\n' + rows.map(([id, site]) => `${id},${site},断站,critical,${iso(Date.now() - ago)},`).join('\n') + '\n'

/** A complaint of no signal right now at S1 (white horse garden), as the diagnosis takes it. */
export const AT_S1 = () => ({ lon: 113.3302, lat: 23.1352, occurredAt: Date.now(), service: 'voice' as const, phenomenon: 'no_signal' as const })
