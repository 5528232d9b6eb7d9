/**
 * Reads the configuration, starts the service (loading the demo on first start), listens, shuts down
 * gracefully. The one place the service reads its environment: every part below gets options objects.
 */
import { loadConfig } from './config/index.js'
import { Container } from './container.js'
import { Users } from './auth/users.js'
import { build } from './app.js'
import { NetworkService } from './service/network-service.js'
import { loadDemoIfEmpty } from './demo/load-demo.js'
import { join } from 'node:path'
import { ensureDemoTiles } from '../../web/build/demo-tiles.js'
import type { FastifyInstance } from 'fastify'

const config = loadConfig(process.env)
const { security, feeds: feedOptions } = config
/** After SIGTERM, /ready answers 503 this long before the listener closes (config/server.ts drainMs). */
const DRAIN_MS = config.drainMs

// The signal handlers are installed before anything is opened: a SIGTERM at any moment (even while the
// demo loads, or between listening and the NMS feeds starting) stops the service through the same drain
// and releases the store, instead of node's default of dying on the spot with the store lock left behind.
const started: { service?: NetworkService; container?: Container; app?: FastifyInstance } = {}
let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(signal))

const startup = (async () => {
  const service = await NetworkService.start(config)
  started.service = service
  // Revocations are written to the change log, so the other instances drop their cached logins at once.
  const users = new Users(service.store.db, { scryptN: security.scryptN, sessionTtlMs: security.sessionTtlMs, changes: service.store.changes })
  // Instances starting at once on one database take turns here: the admin, the demo and its users are made once.
  await service.store.withStartupLock(async () => {
    // First start with no users (CONTRACT.md): an admin whose token is in DATA_DIR/admin.token, mode 0600.
    if (await users.bootstrap(config.dataDir)) console.log(`first start: admin token written to ${join(config.dataDir, 'admin.token')} (mode 0600); use it as Authorization: Bearer <token>`)
    if (!config.demo) return
    const loaded = await loadDemoIfEmpty(service, { shiftToNow: config.demoShiftToNow })
    if (loaded) console.log(`demo district loaded: ${Object.entries(loaded).map(([k, n]) => `${n} ${k}`).join(', ')}`)
    // One login per role, so the demo can be tried as an agent, an engineer and an admin.
    const logins = await users.ensureDemoUsers(config.dataDir)
    console.log(`demo logins (also in ${join(config.dataDir, 'demo-logins.txt')}):`)
    for (const [name, role, password] of logins) console.log(`  ${role.padEnd(8)} user ${name.padEnd(10)} ${password ? `password ${password}` : '(made by another instance or an earlier start: its password is in that DATA_DIR/demo-logins.txt)'}`)
  })
  if (config.demo) {
    // The demo's base map, once per DATA_DIR: without it the map would open on an empty grid.
    const tiles = await ensureDemoTiles(join(config.dataDir, 'tiles'))
    if (tiles) console.log(`demo base map built: ${tiles.rendered} tiles, z12–17, in ${(tiles.ms / 1000).toFixed(1)} s`)
  }
  // One container of the instance's parts, handed to the routes (and, on PostgreSQL, kept in step with
  // the other instances by the change feed).
  const container = await Container.create({ service, users, webhooks: config.webhooks, publish: config.publish })
  const app = await build({
    service, container, security, logger: { level: config.logLevel },
    tilesDir: join(config.dataDir, 'tiles'), importMaxRows: config.importMaxRows, embed: config.embed,
  })
  // On PostgreSQL other instances may write too: follow their changes (from the seq the index was loaded
  // at, so nothing committed meanwhile is missed). /ready answers 503 until this has caught up.
  if (config.databaseUrl) {
    const feed = await container.startFeed(config.databaseUrl, { warn: (m) => app.log.warn(m), error: (m) => app.log.error(m) })
    console.log(`change feed: following the other instances from seq ${feed.appliedSeq}`)
  }
  started.container = container
  started.app = app
  await app.listen({ port: config.port, host: config.host })
  // Feeds from the network management system (issue 9): the inbox folder and the polled URL.
  await container.startFeeds(feedOptions, app.log)
  if (feedOptions.inbox) console.log(`NMS inbox: ${feedOptions.inbox} (alarms/, cutovers/ or <kind>-*.csv; write *.tmp, then rename)`)
  if (feedOptions.url) console.log(`NMS feed: polling ${feedOptions.url} every ${feedOptions.urlIntervalMs / 1000} s as ${feedOptions.urlKind}`)
  const shown = config.host === '0.0.0.0' ? 'localhost' : config.host
  console.log(`网络投诉 GIS 支撑系统 listening on http://${shown}:${config.port}/  (API docs: http://${shown}:${config.port}/docs, store: ${service.store.kind})`)
})()

async function stop(signal: 'SIGINT' | 'SIGTERM'): Promise<void> {
  if (stopping) return
  stopping = true
  if (started.service) started.service.draining = true
  // A signal during startup lets the startup finish first, then drains as usual (a half-written bootstrap
  // or demo would be worse than a few seconds' wait); a failed startup exits by itself.
  try {
    await startup
  } catch {
    return
  }
  const { service, container, app } = started
  if (service) service.draining = true
  // Graceful drain: not ready any more (the balancer takes this instance out), while still answering
  // what comes meanwhile; then stop accepting and let the in-flight requests finish (close waits for
  // them and closes idle keep-alive connections); then the pool drains and PGlite flushes.
  if (signal === 'SIGTERM' && DRAIN_MS > 0) await new Promise((r) => setTimeout(r, DRAIN_MS))
  await app?.close()
  // The NMS feeds finish the file being imported and take nothing new; then the change feed and webhooks stop.
  await container?.stop()
  await service?.close()
  process.exit(0)
}

await startup
