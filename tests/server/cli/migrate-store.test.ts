/**
 * `npm run migrate-store`: an embedded installation (the demo, plus a complaint with a workflow step, a user
 * with a token, an answer-template edit, a webhook and a published object) moved into a throw-away PostgreSQL
 * + PostGIS database, then the service started on it answers as before. The command needs both stores
 * whatever the project, so this file does the same in the embedded and the postgis project (TEST_STORE is
 * not read): the source is always embedded, the target always PostgreSQL (TEST_PG_URL: a maintenance URL).
 */
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../../server/src/cli/migrate-store.js'
import { DEMO_ANCHOR, DEMO_DIR } from '../../../server/src/demo/load-demo.js'
import { Users } from '../../../server/src/auth/users.js'
import type { Db } from '../../../server/src/store/db.js'
import { startService, tempDataDir, type TestService } from '../../helpers/service.js'

const ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL })
  await c.connect()
  try { await c.query(sql) } finally { await c.end() }
}

interface Scenario { name: string; lon: number; lat: number; occurredAt: string; service: string; phenomenon: string; address?: string }
const worked = (JSON.parse(readFileSync(join(DEMO_DIR, 'scenarios.json'), 'utf8')) as { scenarios: Scenario[] }).scenarios.find((s) => s.name === 'worked_example')!
const NOW = Date.now()
const shifted = (iso: string) => new Date(Date.parse(iso) + (NOW - DEMO_ANCHOR)).toISOString()
const workedBody = { lon: worked.lon, lat: worked.lat, occurredAt: shifted(worked.occurredAt), service: worked.service, phenomenon: worked.phenomenon, address: worked.address }

/** Rows per table of the store's schema (every base table but the migrations' bookkeeping). */
async function tableCounts(db: Db): Promise<Record<string, number>> {
  const tables = await db.map(`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
    AND table_name NOT IN ('schema_migrations', 'spatial_ref_sys') ORDER BY table_name`, [], (r: { table_name: string }) => r.table_name)
  const out: Record<string, number> = {}
  for (const t of tables) out[t] = (await db.one(`SELECT count(*) AS n FROM "${t}"`)).n
  return out
}

/** Runs the command in this process and keeps what it printed. */
async function run(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

/** PGlite boots, the demo loads and whole stores are copied: generous limits for a loaded 2-core machine. */
const SLOW = 240_000
/** No 503 OVERLOADED from the event-loop check: PGlite's boot blocks the loop, and this test is about the data. */
const CALM = { maxEventLoopDelayMs: 0 }
const dataDir = tempDataDir()
const dbName = `tousu_migrate_${randomBytes(6).toString('hex')}`
const targetUrl = (() => { const u = new URL(ADMIN_URL); u.pathname = `/${dbName}`; return u.toString() })()

let source: TestService
let sourceRunning = false
/** Stops the embedded service (once), as an operator does before moving its store. */
async function stopSource() {
  if (sourceRunning) await source.stop()
  sourceRunning = false
}
let target: TestService | null = null
const before = {
  counts: {} as Record<string, number>,
  diagnosis: null as Record<string, unknown> | null,
  complaintId: '',
  history: null as unknown,
  engineerToken: '',
  templateText: '',
  webhookId: '',
  publishedId: '',
  maxAuditId: 0,
}

beforeAll(async () => {
  source = await startService({ store: { dataDir, databaseUrl: null, drop: async () => {} }, demo: true, now: NOW, security: CALM })
  sourceRunning = true
  const inject = (method: string, url: string, payload?: object) =>
    source.app.inject({ method: method as 'GET', url, ...(payload ? { payload } : {}) })

  // A webhook first, so the complaint below leaves deliveries in its outbox (port 9: nobody listens, they stay pending).
  const hook = await inject('POST', '/api/webhooks', { url: 'http://127.0.0.1:9/tousu', description: '工单系统' })
  expect(hook.statusCode, hook.body).toBe(201)
  before.webhookId = hook.json().id

  const c = await inject('POST', '/api/complaints', { ...workedBody, number: '13800001234', ticket: 'GD-MIGRATE-1' })
  expect(c.statusCode, c.body).toBe(201)
  before.complaintId = c.json().id
  const step = await inject('POST', `/api/complaints/${before.complaintId}/actions`, { action: 'answer', note: '已告知客户割接已结束' })
  expect(step.statusCode, step.body).toBe(200)

  before.engineerToken = await source.tokenFor('engineer', 'eng-zhang')

  const tpl = await inject('PUT', '/api/templates/unknown', { text: '您好,{address}的问题已记录,迁移后仍在。', note: 'migrate-store test' })
  expect(tpl.statusCode, tpl.body).toBe(200)
  before.templateText = tpl.json().text

  const d = 0.002
  const [lon, lat] = [113.345, 23.145] // a corner of the demo district away from the worked example
  const pub = await inject('POST', '/api/publish/objects', {
    typeId: 'blind_spot',
    geometry: { type: 'Polygon', coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] },
    fields: { description: '迁移测试停车场', reason: '物业', remedy: '室分', status: '协调中' },
  })
  expect(pub.statusCode, pub.body).toBe(201)
  before.publishedId = pub.json().id

  // The reference is what the embedded service answers after a restart, its index loaded from the store as
  // the service on PostgreSQL loads it. (On 2026-12-04 the index built up import by import during the demo load
  // left the cleared 断站 alarm AL0001 out of the worked example's evidence, the reloaded one has it: an index
  // matter, not the copy's.)
  await source.stop()
  source = await startService({ store: { dataDir, databaseUrl: null, drop: async () => {} }, security: CALM })
  const diag = await source.app.inject({ method: 'POST', url: '/api/diagnose', payload: workedBody })
  expect(diag.statusCode, diag.body).toBe(200)
  before.diagnosis = diag.json()
  before.history = (await source.app.inject({ url: `/api/complaints/${before.complaintId}/history` })).json()
  before.maxAuditId = (await source.service.store.db.one('SELECT max(id) AS m FROM audit_log')).m
  before.counts = await tableCounts(source.service.store.db)
  await admin(`CREATE DATABASE ${dbName}`) // the name is generated above, never input
}, SLOW)

afterAll(async () => {
  await target?.stop()
  await stopSource()
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
  rmSync(dataDir, { recursive: true, force: true })
}, SLOW)

describe('npm run migrate-store', () => {
  it('exits 2 naming the option that is wrong', async () => {
    const cases: [string[], RegExp][] = [
      [[], /--from is required/],
      [['--from', dataDir], /--to is required/],
      [['--from', join(dataDir, 'nothing-here'), '--to', targetUrl], /--from .*nothing-here holds no embedded store/],
      [['--from', dataDir, '--to', 'http://example.com/db'], /--to must be a postgres/],
      [['--from', dataDir, '--to', 'not a url'], /--to is not a URL/],
      [['--from', dataDir, '--to', targetUrl, '--batch-size', '0'], /--batch-size must be/],
      [['--from', dataDir, '--to', targetUrl, '--bogus'], /--bogus/],
    ]
    for (const [argv, message] of cases) {
      const r = await run(...argv)
      expect(r.code, argv.join(' ')).toBe(2)
      expect(r.err).toMatch(message)
    }
  }, SLOW)

  it('refuses while the service runs on the DATA_DIR, and copies nothing', async () => {
    const r = await run('--from', dataDir, '--to', targetUrl)
    expect(r.code).toBe(1)
    expect(r.err).toContain(`DATA_DIR ${dataDir} is in use by process ${process.pid}`)
    expect(r.err).toContain('nothing was copied')
    await stopSource()
  }, SLOW)

  it('copies every table in one transaction, prints the rows per table and verifies the counts', async () => {
    await stopSource()
    const r = await run('--from', dataDir, '--to', targetUrl, '--batch-size', '7')
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    for (const [table, n] of Object.entries(before.counts)) expect(r.out).toMatch(new RegExp(`^  ${table} +${n} rows`, 'm'))
    expect(r.out).toMatch(/sites +49 rows; geom \(geometry, computed by the target\): 49 non-null/)
    expect(r.out).toMatch(/verified: \d+ tables, \d+ rows, every count equals the source's/)
    expect(r.out).toContain(`${join(dataDir, 'tiles')} and ${join(dataDir, 'admin.token')} are files, not rows: they stay where they are`)
    // The complaint, its history, the user and token, the template, the webhook, its outbox and the object: all there.
    for (const t of ['complaints', 'complaint_history', 'complaint_workflow', 'users', 'api_tokens', 'answer_templates', 'webhooks', 'webhook_deliveries', 'publish_objects', 'audit_log']) {
      expect(before.counts[t], t).toBeGreaterThan(0)
    }
  }, SLOW)

  it('refuses the now non-empty target without --force, changing nothing; replaces it with --force', async () => {
    const again = await run('--from', dataDir, '--to', targetUrl)
    expect(again.code).toBe(1)
    expect(again.err).toMatch(/the target is not empty: .*complaints \(\d+\).*Pass --force/)
    const target = new pg.Client({ connectionString: targetUrl })
    await target.connect()
    try {
      expect(Number((await target.query('SELECT count(*) AS n FROM complaints')).rows[0].n)).toBe(before.counts.complaints)
    } finally {
      await target.end()
    }
    const forced = await run('--from', dataDir, '--to', targetUrl, '--force')
    expect(forced.err).toBe('')
    expect(forced.code).toBe(0)
    expect(forced.out).toContain('--force: replaced the contents of')
  }, SLOW)

  it('is all or nothing: a failure half-way through leaves the target as it was', async () => {
    await stopSource()
    // A target where one table of a later migration is already there (empty, another shape): the migrations
    // stop at it after several have run inside the transaction, and none of them may stay.
    const name = `${dbName}_x`
    await admin(`CREATE DATABASE ${name}`)
    const u = new URL(ADMIN_URL)
    u.pathname = `/${name}`
    try {
      const c = new pg.Client({ connectionString: u.toString() })
      await c.connect()
      await c.query('CREATE TABLE webhook_deliveries (x int)')
      const r = await run('--from', dataDir, '--to', u.toString())
      expect(r.code).toBe(1)
      expect(r.err).toContain('nothing was committed on the target')
      const left = await c.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)
      expect(left.rows.map((x) => x.table_name)).toEqual(['webhook_deliveries'])
      await c.end()
    } finally {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    }
  }, SLOW)

  it('the service on PostgreSQL answers as the embedded one did', async () => {
    // The instance keeps its DATA_DIR for the tiles and admin.token; the data comes from DATABASE_URL.
    target = await startService({ store: { dataDir, databaseUrl: targetUrl, drop: async () => {} }, security: CALM })
    expect(target.service.store.kind).toBe('postgres')
    expect(await tableCounts(target.service.store.db)).toEqual(before.counts)

    // The geometry columns PostGIS computes exist for every row that has coordinates.
    const geo = await target.service.store.db.one(`SELECT (SELECT count(*) FROM sites WHERE geom IS NULL) AS sites,
      (SELECT count(*) FROM complaints WHERE geom IS NULL) AS complaints, (SELECT count(*) FROM features WHERE geom IS NULL) AS features`)
    expect(geo).toEqual({ sites: 0, complaints: 0, features: 0 })

    // The worked example: the same diagnosis (cause, answer, disposition, evidence).
    const diag = await target.app.inject({ method: 'POST', url: '/api/diagnose', payload: workedBody })
    expect(diag.statusCode, diag.body).toBe(200)
    const pick = (d: Record<string, unknown>) => ({ cause: d.cause, answer: d.answer, disposition: d.disposition, specialty: d.specialty, evidence: d.evidence })
    expect(pick(diag.json())).toEqual(pick(before.diagnosis!))
    // As data/demo/README.md promises: the cutover, with the 白马花园 site, its cutover and its cleared 断站 alarm.
    expect(diag.json()).toMatchObject({ cause: { code: 'cutover' }, answer: '因为工程维护引起信号短暂中断,现在信号已恢复。', disposition: 'self' })
    expect(diag.json().evidence.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining(['AL0001', 'CO0001', 'TH001']))

    // The complaint and its history.
    const history = await target.app.inject({ url: `/api/complaints/${before.complaintId}/history` })
    expect(history.statusCode, history.body).toBe(200)
    expect(history.json()).toEqual(before.history)

    // The user's token authenticates, through the Users class and through HTTP; so does the first-start admin token.
    expect(await new Users(target.service.store.db).byToken(before.engineerToken)).toMatchObject({ username: 'eng-zhang', role: 'engineer' })
    const me = await target.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${before.engineerToken}` } })
    expect(me.statusCode, me.body).toBe(200)
    expect((await target.app.inject({ url: '/api/auth/me' })).statusCode).toBe(200)

    // The template edit is the current version.
    const tpl = await target.app.inject({ url: '/api/templates/unknown' })
    expect(tpl.json().current).toMatchObject({ version: 2, text: before.templateText })

    // The webhook and the published object.
    expect((await target.app.inject({ url: '/api/webhooks' })).json().map((h: { id: string }) => h.id)).toContain(before.webhookId)
    expect((await target.app.inject({ url: `/api/publish/objects/${before.publishedId}` })).json()).toMatchObject({ id: before.publishedId, status: 'active' })

    // The sequences were moved past the copied ids: a new audit entry takes the next id, not a copied one.
    await new Users(target.service.store.db).audit({ username: 'admin', action: 'migrate-store-test', target: 'audit_log', details: {} })
    const ids = await target.service.store.db.map('SELECT id FROM audit_log ORDER BY id', [], (r: { id: number }) => r.id)
    expect(ids.at(-1)).toBeGreaterThan(before.maxAuditId)
    expect(new Set(ids).size).toBe(ids.length)
  }, SLOW)
})
