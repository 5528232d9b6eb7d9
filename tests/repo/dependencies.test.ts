/**
 * Every package the code imports is declared in package.json, in the right list:
 *
 * - runtime code imports only `dependencies`: server/, tile-builder/, web/src and web/build (the service
 *   bundles the browser app with esbuild when it starts, so Leaflet, its plugins and esbuild itself are
 *   needed in production), contract/ once it exists; data/ too: its demo generator is run by hand, but it
 *   builds the demo from the server's own code, so it is held to the server's rule;
 * - tests/ (with tests/bench) and eval/ (a developer's tool, run by `npm run eval`, never by the service)
 *   may also import `devDependencies`;
 * - a type-only import (`import type`, `export type`, `import('x').T` in a type) is erased before
 *   anything runs: it needs the package, or its `@types/…`, in either list.
 *
 * Imports are read with the TypeScript parser (static `import … from`, `export … from`, side-effect
 * `import 'x'`, dynamic `import('x')`), so a package name inside a string or comment is not mistaken for
 * one. Relative paths, `node:` built-ins and bare Node built-in names are not packages; but runtime code
 * must not reach into eval/ or tests/ by a relative path either, or their devDependencies would come
 * along. A failure names the file, the package and the list it belongs in.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { describe, expect, it } from 'vitest'
import { moduleImports } from '../helpers/imports.js'

const ROOT = join(import.meta.dirname, '..', '..')
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> }
const RUNTIME = new Set(Object.keys(pkg.dependencies ?? {}))
const DEV = new Set(Object.keys(pkg.devDependencies ?? {}))

/** Folders scanned, and whether their code runs in production (`dependencies` only) or not. */
const FOLDERS: { dir: string; runtime: boolean }[] = [
  { dir: 'server', runtime: true },
  { dir: 'tile-builder', runtime: true },
  { dir: 'data', runtime: true },
  { dir: 'web/src', runtime: true },
  { dir: 'web/build', runtime: true },
  { dir: 'contract', runtime: true },
  { dir: 'eval', runtime: false },
  { dir: 'tests', runtime: false },
]
/** Files at the root that only developers run. */
const ROOT_FILES = ['vitest.config.ts']

const SOURCE = /\.(ts|mts|cts|mjs|js)$/

function* sourceFiles(dir: string): Generator<string> {
  let entries
  try {
    entries = readdirSync(join(ROOT, dir), { withFileTypes: true })
  } catch {
    return // a folder that does not exist (yet) has no imports
  }
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue
    const rel = join(dir, e.name)
    if (e.isDirectory()) yield* sourceFiles(rel)
    else if (SOURCE.test(e.name) && !e.name.endsWith('.d.ts')) yield rel
  }
}
const isRelative = (specifier: string) => specifier.startsWith('.') || specifier.startsWith('/')

/** The packages' specifiers among a source text's imports (relative paths left out). */
export const bareImports = (fileName: string, text: string) => moduleImports(fileName, text).filter((i) => !isRelative(i.specifier))

/** Folders whose code never runs in production: runtime code importing them would need their devDependencies. */
const DEV_ONLY = FOLDERS.filter((f) => !f.runtime).map((f) => join(ROOT, f.dir) + sep)

const BUILTINS = new Set(builtinModules)

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`), or null for a Node built-in. */
export function packageOf(specifier: string): string | null {
  if (specifier.startsWith('node:')) return null
  const parts = specifier.split('/')
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]
  return BUILTINS.has(name) ? null : name
}

/** `@types/…` for a package's types (`@scope/name` → `@types/scope__name`). */
const typesOf = (name: string) => `@types/${name.startsWith('@') ? name.slice(1).replace('/', '__') : name}`

/** What is wrong with one import of `name` from code that is (or is not) runtime; null when it is declared where it should be. */
export function problem(name: string, typeOnly: boolean, runtime: boolean, deps = RUNTIME, devDeps = DEV): string | null {
  if (typeOnly) {
    const declared = [name, typesOf(name)].some((n) => deps.has(n) || devDeps.has(n))
    return declared ? null : `types of "${name}" are imported but neither ${name} nor ${typesOf(name)} is declared (devDependencies)`
  }
  if (deps.has(name)) return null
  if (runtime) return devDeps.has(name) ? `"${name}" is imported by runtime code but declared only in devDependencies (move it to dependencies)` : `"${name}" is imported but not declared (dependencies)`
  return devDeps.has(name) ? null : `"${name}" is imported but not declared (devDependencies)`
}

/** Every undeclared or misplaced import in the tree, as "file: problem". */
function scan(): { problems: string[]; files: number; packages: Set<string> } {
  const problems: string[] = []
  const packages = new Set<string>()
  let files = 0
  const check = (file: string, runtime: boolean) => {
    files++
    for (const { specifier, typeOnly } of moduleImports(file, readFileSync(join(ROOT, file), 'utf8'))) {
      if (isRelative(specifier)) {
        const target = resolve(ROOT, dirname(file), specifier)
        if (runtime && !typeOnly && DEV_ONLY.some((d) => target.startsWith(d))) problems.push(`${file}: runtime code imports ${relative(ROOT, target)}, which only developers run (its packages are devDependencies)`)
        continue
      }
      const name = packageOf(specifier)
      if (!name) continue
      packages.add(name)
      const p = problem(name, typeOnly, runtime)
      if (p) problems.push(`${file}: ${p}`)
    }
  }
  for (const { dir, runtime } of FOLDERS) for (const file of sourceFiles(dir)) check(file, runtime)
  for (const file of ROOT_FILES) check(file, false)
  return { problems, files, packages }
}

describe('package.json declares what the code imports', () => {
  it('reads imports of every kind, and only imports', () => {
    const text = [
      "import a from 'pkg-a'",
      "import { b } from '@scope/pkg-b/sub/path.js'",
      "import type { C } from 'pkg-c'",
      "import { type D } from 'pkg-d'",
      "import 'pkg-e/style.css'",
      "export { f } from 'pkg-f'",
      "export type { G } from 'pkg-g'",
      "const h = await import('pkg-h')",
      "let i: import('pkg-i').I",
      "import { j } from './local.js'",
      "import { k } from 'node:fs'",
      "const s = \"import x from 'not-an-import'\" // from 'nor-this'",
    ].join('\n')
    expect(bareImports('x.ts', text)).toEqual([
      { specifier: 'pkg-a', typeOnly: false },
      { specifier: '@scope/pkg-b/sub/path.js', typeOnly: false },
      { specifier: 'pkg-c', typeOnly: true },
      { specifier: 'pkg-d', typeOnly: true },
      { specifier: 'pkg-e/style.css', typeOnly: false },
      { specifier: 'pkg-f', typeOnly: false },
      { specifier: 'pkg-g', typeOnly: true },
      { specifier: 'pkg-h', typeOnly: false },
      { specifier: 'pkg-i', typeOnly: true },
      { specifier: 'node:fs', typeOnly: false },
    ])
    expect(['@scope/pkg-b/sub/path.js', 'pkg-e/style.css', 'node:fs', 'fs', 'fs/promises'].map(packageOf)).toEqual(['@scope/pkg-b', 'pkg-e', null, null, null])
  })

  it('tells an undeclared or misplaced package apart from a declared one', () => {
    const deps = new Set(['fastify'])
    const dev = new Set(['vitest', '@types/leaflet'])
    expect(problem('fastify', false, true, deps, dev)).toBeNull()
    expect(problem('vitest', false, false, deps, dev)).toBeNull()
    expect(problem('vitest', false, true, deps, dev)).toMatch(/runtime code but declared only in devDependencies/)
    expect(problem('left-pad', false, true, deps, dev)).toMatch(/not declared \(dependencies\)/)
    expect(problem('left-pad', false, false, deps, dev)).toMatch(/not declared \(devDependencies\)/)
    expect(problem('leaflet', true, true, deps, dev)).toBeNull()
    expect(problem('geojson', true, true, deps, dev)).toMatch(/@types\/geojson/)
  })

  it('every import of the tree is declared, runtime ones in dependencies', () => {
    const { problems, files, packages } = scan()
    // The scan reached the tree: the service's own framework and the tests' runner are among its imports.
    expect(files).toBeGreaterThan(100)
    expect(packages).toContain('fastify')
    expect(packages).toContain('vitest')
    // One line per import, so the failure names every file and package (a list would be cut short).
    expect(problems.join('\n')).toBe('')
  })
})
