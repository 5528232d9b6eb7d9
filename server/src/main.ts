/** Reads the configuration, starts the service (loading the demo on first start), listens, shuts down gracefully. */
import { loadConfig } from './config.js'
import { build } from './app.js'
import { NetworkService } from './service/network-service.js'
import { loadDemoIfEmpty } from './demo/load-demo.js'
import { join } from 'node:path'
import { ensureDemoTiles } from '../../web/build/demo-tiles.js'

const config = loadConfig()
const service = await NetworkService.start(config)
if (config.demo) {
  const loaded = await loadDemoIfEmpty(service, { shiftToNow: config.demoShiftToNow })
  if (loaded) console.log(`demo district loaded: ${Object.entries(loaded).map(([k, n]) => `${n} ${k}`).join(', ')}`)
  // The demo's base map, once: without it the map would open on an empty grid.
  const tiles = await ensureDemoTiles(join(config.dataDir, 'tiles'))
  if (tiles) console.log(`demo base map built: ${tiles.rendered} tiles, z12–17, in ${(tiles.ms / 1000).toFixed(1)} s`)
}
const app = await build({ service, logger: { level: config.logLevel } })
await app.listen({ port: config.port, host: config.host })
const shown = config.host === '0.0.0.0' ? 'localhost' : config.host
console.log(`网络投诉 GIS 支撑系统 listening on http://${shown}:${config.port}/  (API docs: http://${shown}:${config.port}/docs, store: ${service.store.kind})`)

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return
    stopping = true
    // In-flight requests finish (close waits for them), then the pool drains and PGlite flushes.
    await app.close()
    await service.close()
    process.exit(0)
  })
}
