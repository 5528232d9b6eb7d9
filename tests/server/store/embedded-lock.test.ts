/**
 * The embedded store serves one process: DATA_DIR/pglite.lock refuses a second opener at once with a message
 * that says why and what to do instead, is released on close, and a lock whose owner is gone is taken over.
 * Always the embedded store, whatever TEST_STORE says (the lock is the embedded store's alone).
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Store } from '../../../server/src/store/store.js'
import { NetworkService } from '../../../server/src/service/network-service.js'
import { defaultDiagnosisOptions } from '../../../server/src/config/index.js'
import { tempDataDir } from '../../helpers/service.js'

/** Each test boots PGlite two or three times; on a loaded 2-core machine one boot with its migrations takes up to ~30 s. */
const SLOW = 240_000
const dirs: string[] = []
const newDir = () => {
  const d = tempDataDir()
  dirs.push(d)
  return d
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const open = (dataDir: string) => Store.open({ dataDir, databaseUrl: null })
const inUse = (dir: string, pid: number) =>
  `DATA_DIR ${dir} is in use by process ${pid} (the embedded store serves one process; run several instances on PostgreSQL with DATABASE_URL)`
const lockOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'pglite.lock'), 'utf8')) as { pid: number; takenAt: string }

/** A pid that surely belongs to no process: a child that has already exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.exit(0)'])
  return r.pid!
}

describe('embedded store lock', () => {
  it('refuses a second opener while the first is open, and lets it in once the first has closed', async () => {
    const dir = newDir()
    const first = await open(dir)
    expect(lockOf(dir).pid).toBe(process.pid)

    await expect(open(dir)).rejects.toThrow(inUse(dir, process.pid))
    await expect(NetworkService.start({ dataDir: dir, databaseUrl: null, diagnosis: { ...defaultDiagnosisOptions } })).rejects.toThrow(inUse(dir, process.pid))
    // The refused opener touched nothing: the first still works and still holds the lock.
    expect(await first.db.one('SELECT 1 AS ok')).toEqual({ ok: 1 })
    expect(lockOf(dir).pid).toBe(process.pid)

    await first.close()
    expect(existsSync(join(dir, 'pglite.lock'))).toBe(false)
    const second = await open(dir)
    expect(await second.db.one('SELECT 1 AS ok')).toEqual({ ok: 1 })
    await second.close()
    expect(existsSync(join(dir, 'pglite.lock'))).toBe(false)
  }, SLOW)

  it('takes over a stale lock left by a process that is gone', async () => {
    const dir = newDir()
    const dead = deadPid()
    writeFileSync(join(dir, 'pglite.lock'), JSON.stringify({ pid: dead, takenAt: '2026-01-01T00:00:00.000Z', procStart: null, bootId: null }))
    const s = await open(dir)
    expect(lockOf(dir).pid).toBe(process.pid)
    await s.close()
    expect(existsSync(join(dir, 'pglite.lock'))).toBe(false)
  }, SLOW)

  it('takes over a lock whose pid now belongs to another process (pid reused) or that is damaged', async () => {
    const dir = newDir()
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
    try {
      // The right pid, but a start time that is not that process's: written by an earlier process with the same pid.
      writeFileSync(join(dir, 'pglite.lock'), JSON.stringify({ pid: other.pid, takenAt: '2026-01-01T00:00:00.000Z', procStart: '1', bootId: null }))
      const s = await open(dir)
      expect(lockOf(dir).pid).toBe(process.pid)
      await s.close()
    } finally {
      other.kill('SIGKILL')
    }
    writeFileSync(join(dir, 'pglite.lock'), 'not a lock')
    const s = await open(dir)
    expect(lockOf(dir).pid).toBe(process.pid)
    await s.close()
  }, SLOW)

  it('refuses while another live process holds the lock, and takes it over once that process has died', async () => {
    const dir = newDir()
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
    try {
      // The lock format of earlier versions: a bare pid.
      writeFileSync(join(dir, 'pglite.lock'), String(other.pid))
      await expect(open(dir)).rejects.toThrow(inUse(dir, other.pid!))
      expect(readFileSync(join(dir, 'pglite.lock'), 'utf8')).toBe(String(other.pid))
    } finally {
      const exited = new Promise((r) => other.once('exit', r))
      other.kill('SIGKILL')
      await exited
    }
    const s = await open(dir)
    expect(lockOf(dir).pid).toBe(process.pid)
    await s.close()
  }, SLOW)
})
