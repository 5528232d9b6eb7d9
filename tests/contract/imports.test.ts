/**
 * The contract is read by the server and bundled into the browser app: it may import only its own
 * files, TypeBox and the GeoJSON types, so no Node (or DOM) module can reach either build through it.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { moduleImports } from '../helpers/imports.js'

const ROOT = resolve(import.meta.dirname, '../../contract')
const ALLOWED_PACKAGES = new Set(['typebox', 'geojson'])

const files = readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => join(ROOT, f))

/** Every module specifier of a file (static imports and re-exports, import(), import types). */
const specifiers = (file: string, text: string): string[] => moduleImports(file, text).map((i) => i.specifier)

/** Why a specifier is refused, or null when it is allowed. */
function refusal(file: string, spec: string): string | null {
  if (spec.startsWith('.')) {
    const target = relative(ROOT, resolve(dirname(file), spec))
    return target.startsWith('..') ? `leaves contract/ (${target})` : null
  }
  return ALLOWED_PACKAGES.has(spec) ? null : 'is a package other than typebox or geojson'
}

describe('contract imports', () => {
  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(5)
  })

  it.each(files.map((f) => [relative(ROOT, f), f]))('%s imports only the contract, typebox and geojson', (_name, file) => {
    const bad = specifiers(file, readFileSync(file, 'utf8'))
      .map((s) => ({ s, why: refusal(file, s) }))
      .filter((x) => x.why !== null)
      .map((x) => `${x.s} ${x.why}`)
    expect(bad).toEqual([])
  })

  it('the check sees a forbidden import', () => {
    const file = join(ROOT, 'src', 'x.ts')
    expect(specifiers('probe.ts', `import { x } from '../../server/src/config.js'\nimport type { Y } from 'node:fs'\nconst z = await import('pg')`)
      .map((s) => refusal(file, s))).toEqual([expect.stringContaining('leaves contract/'), expect.any(String), expect.any(String)])
  })
})
