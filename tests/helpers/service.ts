/** Starts the real service (embedded PGlite in a fresh temp DATA_DIR) for a test, and the HTTP app around it. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { build } from '../../server/src/app.js'
import { defaultDiagnosisOptions } from '../../server/src/config.js'
import { NetworkService } from '../../server/src/service/network-service.js'
import { loadDemoIfEmpty } from '../../server/src/demo/load-demo.js'

export interface TestService {
  service: NetworkService
  app: FastifyInstance
  dataDir: string
  /** Stops app and service, keeping the data dir (for restart tests). */
  stop(): Promise<void>
  /** Stops and removes the data dir. */
  close(): Promise<void>
}

/** A fresh DATA_DIR under the OS temp dir. */
export const tempDataDir = () => mkdtempSync(join(tmpdir(), 'tousu-test-'))

/**
 * Starts the service on `dataDir` (a new temp dir by default). With `demo`, the demo district is loaded
 * with its anchor moved to `now` (so "two hours ago" is two hours before `now`).
 */
export async function startService(opts: { dataDir?: string; demo?: boolean; now?: number } = {}): Promise<TestService> {
  const dataDir = opts.dataDir ?? tempDataDir()
  const service = await NetworkService.start({ dataDir, databaseUrl: process.env.TEST_DATABASE_URL ?? null, diagnosis: { ...defaultDiagnosisOptions } })
  if (opts.demo) await loadDemoIfEmpty(service, { shiftToNow: true, now: opts.now ?? Date.now() })
  const app = await build({ service })
  const stop = async () => {
    await app.close()
    await service.close()
  }
  return { service, app, dataDir, stop, close: async () => { await stop(); rmSync(dataDir, { recursive: true, force: true }) } }
}
