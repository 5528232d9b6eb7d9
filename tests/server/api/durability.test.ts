/** Data survives a clean restart and a crash (SIGKILL) of the real service on the embedded database. */
import { spawn, type ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { startService, tempDataDir } from '../../helpers/service.js'

const SITES = 'id,name,tech,lon,lat\nS1,白马花园,4G,113.33,23.135\n'
const complaint = (id: string) => ({
  id, lon: 113.3305, lat: 23.1352, occurredAt: '2026-11-23T14:30:00+08:00', service: 'voice',
  phenomenon: '无信号/忙音', address: '天河直街12号', number: '13812345678', cause: 'unknown',
})

describe('restart durability', () => {
  it('keeps imports and complaints across stop/start, and rebuilds the index from the store', async () => {
    const first = await startService()
    const dataDir = first.dataDir
    try {
      const imp = await first.app.inject({ method: 'POST', url: '/api/import/sites', headers: { 'content-type': 'text/csv' }, payload: SITES })
      expect(imp.statusCode).toBe(200)
      const rec = await first.app.inject({ method: 'POST', url: '/api/complaints', payload: complaint('C-restart') })
      expect(rec.statusCode).toBe(201)
      await first.stop()

      const second = await startService({ dataDir })
      try {
        const got = await second.app.inject({ url: '/api/complaints/C-restart' })
        expect(got.statusCode).toBe(200)
        expect(got.json()).toMatchObject({ id: 'C-restart', cause: 'unknown', number: '138****5678', linkedSites: ['S1'] })
        expect(second.service.index.site('S1')?.name).toBe('白马花园')
        expect(second.service.search('白马花园', 1)[0]?.id).toBe('S1')
      } finally {
        await second.stop()
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    }).on('error', reject)
  })
}

/** Starts `npm start`'s entry point as a real process and waits until it listens. */
async function launch(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DEMO: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (d) => { out += d })
  child.stderr!.on('data', (d) => { out += d })
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`service exited early: ${out}`)
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 200))
  }
  child.kill('SIGKILL')
  throw new Error(`service did not start: ${out}`)
}

describe('crash durability', () => {
  it('a complaint answered 201 is still there after the process is killed with SIGKILL', async () => {
    const dataDir = tempDataDir()
    const port = await freePort()
    try {
      let child = await launch(dataDir, port)
      const base = `http://127.0.0.1:${port}`
      const imp = await fetch(`${base}/api/import/sites`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: SITES })
      expect(imp.status).toBe(200)
      const rec = await fetch(`${base}/api/complaints`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(complaint('C-crash')) })
      expect(rec.status).toBe(201)
      child.kill('SIGKILL')
      await new Promise((r) => child.once('exit', r))

      child = await launch(dataDir, port)
      try {
        const got = await fetch(`${base}/api/complaints/C-crash`)
        expect(got.status).toBe(200)
        expect(await got.json()).toMatchObject({ id: 'C-crash', address: '天河直街12号' })
      } finally {
        child.kill('SIGTERM')
        await new Promise((r) => child.once('exit', r))
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 240_000)
})
