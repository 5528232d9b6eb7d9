/**
 * Routes call the service's methods (and the container's parts), never the store or the network index
 * directly: the index is the instance's, kept in step by the change feed, and only the service layer
 * reads or writes it.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')
const ROUTES = join(ROOT, 'server', 'src', 'routes')

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))
}

describe('routes', () => {
  it('never reach into service.store or service.index', () => {
    const offenders: string[] = []
    for (const f of files(ROUTES)) {
      const code = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1')
      code.split('\n').forEach((line, i) => {
        if (/\bservice\.(store|index)\b/.test(line)) offenders.push(`${relative(ROOT, f)}:${i + 1}: ${line.trim()}`)
      })
    }
    expect(offenders).toEqual([])
  })
})
