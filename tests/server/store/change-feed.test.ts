/**
 * The change feed between instances: two services (two containers, as two processes would have) on one
 * PostgreSQL database, each following the other's change log. On the embedded store there is one
 * process: nothing is logged and /ready needs no feed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Container } from '../../../server/src/container.js'
import { defaultDiagnosisOptions, defaultWebhookOptions } from '../../../server/src/config/index.js'
import { NetworkService } from '../../../server/src/service/network-service.js'
import { loadDemoIfEmpty } from '../../../server/src/demo/load-demo.js'
import { Users } from '../../../server/src/auth/users.js'
import { build } from '../../../server/src/app.js'
import { STORE, TEST_SCRYPT_N, tempDataDir, tempStore, type TestStore } from '../../helpers/service.js'
import { until } from '../../helpers/wait.js'

const quiet = { warn: () => undefined, error: (m: string) => console.error(m) }

interface Instance { service: NetworkService; users: Users; container: Container }

async function instance(store: TestStore, dataDir = tempDataDir()): Promise<Instance> {
  const service = await NetworkService.start({ dataDir, databaseUrl: store.databaseUrl, diagnosis: { ...defaultDiagnosisOptions } })
  const users = new Users(service.store.db, { scryptN: TEST_SCRYPT_N, changes: service.store.changes })
  const container = await Container.create({ service, users, webhooks: defaultWebhookOptions })
  if (store.databaseUrl) await container.startFeed(store.databaseUrl, quiet)
  return { service, users, container }
}

const close = async (i?: Instance) => {
  await i?.container.stop()
  await i?.service.close()
}

const worked = (now: number) => ({ lon: 113.325574, lat: 23.137447, occurredAt: now - 140 * 60_000, service: 'voice' as const, phenomenon: 'no_signal' as const })

describe.runIf(STORE === 'postgis')('change feed: two instances on one PostgreSQL', () => {
  let store: TestStore
  let a: Instance
  let b: Instance
  const now = Date.now()

  beforeAll(async () => {
    store = await tempStore()
    a = await instance(store, store.dataDir)
    await loadDemoIfEmpty(a.service, { shiftToNow: true, now })
    // B starts after A loaded the demo: its snapshot has it.
    b = await instance(store)
  })
  afterAll(async () => {
    await close(a)
    await close(b)
    await store?.drop()
  })

  // Behaviour only: B applies A's change without a restart. How fast is measured where it is printed with
  // its spread (tests/cluster, "lag p99"); the wait below is a guard against a feed that never delivers.
  it('an alarm imported through A changes the diagnosis on B', async () => {
    expect(b.service.diagnose(worked(now), now).cause.code).toBe('cutover')
    // A customer with no signal for 30 minutes where nothing explains it yet (the demo's "unknown" point).
    const recent = { lon: 113.35374, lat: 23.138436, occurredAt: now - 30 * 60_000, service: 'voice' as const, phenomenon: 'no_signal' as const }
    const before = b.service.diagnose(recent, now)
    expect(before.cause.code).toBe('unknown')
    const site = before.servingSites[0].id
    await a.service.importText('alarms', {
      format: 'csv',
      text: `id,site_id,kind,severity,raised_at,cleared_at\nFEED1,${site},断站,critical,${new Date(now - 60 * 60_000).toISOString()},\n`,
    }, { crs: 'wgs84' })
    expect(a.service.diagnose(recent, now).cause.code).toBe('site_fault')
    await until('the alarm applied on B', () => b.service.diagnose(recent, now).cause.code === 'site_fault', 20_000)
  })

  it('tells B\'s open maps (an import event) and keeps the same seq on both', async () => {
    const seen: string[] = []
    b.service.events.on('import', (e) => seen.push(e.kind))
    await a.service.importText('features', {
      format: 'geojson',
      text: JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'FEEDF1', name: '同步测试路', type: 'road' }, geometry: { type: 'LineString', coordinates: [[113.33, 23.13], [113.331, 23.13]] } }] }),
    }, { crs: 'wgs84' })
    await until('change 2 applied on the other instance', () => seen.includes('features'), 2_000)
    expect(b.service.search('同步测试', 5).map((h) => h.id)).toContain('FEEDF1')
    // Both have applied the log to the same end.
    const head = await a.service.store.headSeq()
    await until('change 3 applied on the other instance', () => b.service.feed!.appliedSeq === head, 2_000)
  })

  it('a complaint recorded on A is known to B (its repeat and known-cause lookups)', async () => {
    const c = await a.service.recordComplaint({ ...worked(now), id: 'FEEDC1', number: null, cause: 'cutover' })
    await until('change 4 applied on the other instance', () => b.service.index.complaintsNear(c.lon, c.lat, 10, now - 3 * 3600_000, now).some((x) => x.id === 'FEEDC1'), 2_000)
  })

  it('a template edit on A changes the answer on B; a revoked token on A is refused on B', async () => {
    const text = '经核实,您所在区域的基站正在进行工程维护(同步测试),预计很快恢复。'
    const key = 'cutover.active'
    await a.container.templates.save(key, { text, note: 'feed test' }, 'admin')
    await until('the template edit applied on B', () => b.service.answers.current(key).text === text, 2_000)

    await a.users.create({ username: 'feeduser', role: 'agent' })
    const { id, token } = await a.users.issueToken('feeduser', 'feed test')
    expect((await b.users.byToken(token))?.username).toBe('feeduser')
    await a.users.revokeToken('feeduser', id)
    await until('change 6 applied on the other instance', async () => (await b.users.byToken(token)) === null, 2_000)
  })

  it('/ready answers 200 once caught up and 503 while draining; /health reports the feed', async () => {
    const app = await build({ service: b.service, container: b.container })
    try {
      const ready = await app.inject({ method: 'GET', url: '/ready' })
      expect(ready.statusCode).toBe(200)
      expect(ready.json().appliedSeq).toBeGreaterThan(0)
      const health = (await app.inject({ method: 'GET', url: '/health' })).json()
      expect(health.feed.listening).toBe(true)
      expect(health.feed.appliedSeq).toBe(ready.json().appliedSeq)
      b.service.draining = true
      const draining = await app.inject({ method: 'GET', url: '/ready' })
      expect(draining.statusCode).toBe(503)
      expect(draining.json().reason).toContain('draining')
    } finally {
      b.service.draining = false
      await app.close()
    }
  })

  it('an instance behind the retention reloads everything from the store', async () => {
    const c = await instance(store)
    try {
      await c.container.stop()
      await a.service.importText('alarms', {
        format: 'csv', text: `id,site_id,kind,severity,raised_at,cleared_at\nFEED2,TH002,断站,critical,${new Date(now - 60_000).toISOString()},\n`,
      }, { crs: 'wgs84' })
      // Everything so far pruned: C (stopped before FEED2) can no longer catch up change by change.
      const pruned = await a.service.feed!.prune(-1)
      expect(pruned).toBeGreaterThan(0)
      await c.container.startFeed(store.databaseUrl!, quiet)
      expect(c.service.index.alarmsOf('TH002', now - 120_000, now).some((x) => x.id === 'FEED2')).toBe(true)
    } finally {
      await close(c)
    }
  })
})

describe.runIf(STORE === 'embedded')('change feed on the embedded store', () => {
  it('logs nothing (one process) and is ready without a feed', async () => {
    const store = await tempStore()
    const i = await instance(store, store.dataDir)
    try {
      expect(i.service.store.changes.enabled).toBe(false)
      await i.service.importText('sites', { format: 'csv', text: 'id,name,lon,lat\nE1,嵌入站,113.33,23.13\n' }, { crs: 'wgs84' })
      expect(await i.service.store.headSeq()).toBe(0)
      expect(await i.service.store.db.one('SELECT count(*)::int AS n FROM change_log')).toEqual({ n: 0 })
      const app = await build({ service: i.service, container: i.container })
      expect((await app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200)
      await app.close()
    } finally {
      await close(i)
      await store.drop()
    }
  })
})
