/**
 * `npm start` (README's first command, and the systemd unit's ExecStart) as an operator runs it: the
 * demo service comes up ready, and a SIGTERM to npm stops the service itself — drained, the embedded
 * store closed and its lock released — instead of leaving an orphaned server behind.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort, until } from '../../helpers/wait.js'

const ROOT = join(import.meta.dirname, '..', '..', '..')
const dataDir = mkdtempSync(join(tmpdir(), 'tousu-start-'))
const earlyDir = mkdtempSync(join(tmpdir(), 'tousu-start-early-'))
afterAll(() => {
  for (const dir of [dataDir, earlyDir]) rmSync(dir, { recursive: true, force: true })
})

describe('npm start', () => {
  it('serves the demo, and SIGTERM to npm stops the service and releases the store', async () => {
    const port = await freePort()
    const npm = spawn('npm', ['start'], { cwd: ROOT, env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', DRAIN_MS: '100', LOG_LEVEL: 'warn' }, stdio: 'ignore' })
    const exited = new Promise<number | null>((r) => npm.on('exit', (code) => r(code)))
    try {
      const ready = await until('the service ready', async () => {
        const res = await fetch(`http://127.0.0.1:${port}/ready`).catch(() => null)
        return res?.ok ? res.json() : null
      }, 90_000)
      expect(ready).toMatchObject({ ready: true })
      const health = await (await fetch(`http://127.0.0.1:${port}/health`)).json()
      expect(health.index.sites).toBeGreaterThan(0)
      expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(true)
      npm.kill('SIGTERM')
      await exited
      // The server itself is gone (nothing answers on its port) and closed the store (lock released).
      await until('the port closed', async () => ((await fetch(`http://127.0.0.1:${port}/health`).then(() => true, () => false)) ? null : true), 20_000)
      await until('the store lock released', () => !existsSync(join(dataDir, 'pglite.lock')), 60_000)
    } finally {
      if (npm.exitCode == null) npm.kill('SIGKILL')
    }
  }, 150_000)

  it('a SIGTERM while it is still starting (the store open, the demo loading) stops it cleanly too', async () => {
    const port = await freePort()
    const npm = spawn('npm', ['start'], { cwd: ROOT, env: { ...process.env, PORT: String(port), DATA_DIR: earlyDir, DATABASE_URL: '', DRAIN_MS: '100', LOG_LEVEL: 'warn' }, stdio: 'ignore' })
    const exited = new Promise<number | null>((r) => npm.on('exit', (code) => r(code)))
    try {
      // The store is open once its lock is there; node's default for SIGTERM would die here and leave it.
      await until('the store opened', () => existsSync(join(earlyDir, 'pglite.lock')), 60_000)
      npm.kill('SIGTERM')
      await exited
      await until('the store lock released', () => !existsSync(join(earlyDir, 'pglite.lock')), 90_000)
      expect(await fetch(`http://127.0.0.1:${port}/health`).then(() => 'answering', () => 'closed')).toBe('closed')
    } finally {
      if (npm.exitCode == null) npm.kill('SIGKILL')
    }
  }, 180_000)
})
