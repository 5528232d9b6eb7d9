/** The CLI as a user runs it: help, exit codes, refusing to overwrite. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ROOT = join(import.meta.dirname, '..', '..')
const FIXTURE = join(ROOT, 'tests', 'fixtures', 'tiles', 'in', 'tiny.geojson')
let dir: string
const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'tile-builder', 'bin', 'tiles.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 })

beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'tiles-cli-')) })
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('npm run tiles', () => {
  it('--help lists the flags with their defaults and exits 0', () => {
    const r = run('--help')
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/--min-zoom Z\s+lowest zoom \(default 10\)/)
    expect(r.stdout).toMatch(/--max-zoom Z\s+highest zoom \(default 17\)/)
    expect(r.stdout).toContain('--force')
  })

  it('exits 2 on bad arguments, 1 on an unreadable input', () => {
    expect(run('--bogus').status).toBe(2)
    expect(run().status).toBe(2)
    expect(run('--input', FIXTURE, '--min-zoom', 'ten').status).toBe(2)
    expect(run('--input', FIXTURE, '--bbox', '1,2,3').status).toBe(2)
    const r = run('--input', join(dir, 'missing.geojson'), '--out', join(dir, 'x'))
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('missing.geojson')
  })

  it('builds, then refuses to overwrite without --force (exit 2), then updates with it', () => {
    const out = join(dir, 'tiles')
    const first = run('--input', FIXTURE, '--min-zoom', '13', '--max-zoom', '14', '--out', out, '--workers', '1')
    expect(first.status, first.stderr).toBe(0)
    expect(first.stdout).toMatch(/\d+ written, 0 unchanged/)
    expect(existsSync(join(out, 'tiles.json'))).toBe(true)
    const again = run('--input', FIXTURE, '--min-zoom', '13', '--max-zoom', '14', '--out', out)
    expect(again.status).toBe(2)
    expect(again.stderr).toContain('--force')
    const forced = run('--input', FIXTURE, '--min-zoom', '13', '--max-zoom', '14', '--out', out, '--force')
    expect(forced.status, forced.stderr).toBe(0)
    expect(forced.stdout).toMatch(/ 0 written, \d+ unchanged/)
  })
})
