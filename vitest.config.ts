import { configDefaults, defineConfig } from 'vitest/config'

/**
 * Two projects: every test on the embedded database, and the store contract suite (HTTP API, CLI,
 * store, roles and limits) again on a throw-away PostgreSQL + PostGIS database per test file (see
 * tests/helpers/service.ts). The browser protections (helmet, CORS, pressure, timeouts) never touch
 * the store: they run once, embedded.
 */
const CONTRACT = ['tests/server/api/**/*.test.ts', 'tests/server/cli/**/*.test.ts', 'tests/server/store/**/*.test.ts', 'tests/server/auth/**/*.test.ts']
/** Browser tests whose screens write data: run on both stores. */
const WEB_WRITES = ['tests/web/call.test.ts', 'tests/web/admin.test.ts']
/** Run once, embedded: they never touch a store under test (the browser protections; `npm start` on its own embedded demo). */
const STORE_INDEPENDENT = ['tests/server/auth/browser.test.ts', 'tests/server/cli/start.test.ts']

export default defineConfig({
  test: {
    // PGlite boots a WASM Postgres per suite; give it room on a 2-core CI machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'embedded', include: ['tests/**/*.test.ts'], exclude: [...configDefaults.exclude, 'tests/cluster/**'] } },
      // Several real service processes behind HAProxy on a throw-away PostgreSQL database: on their own, one file at a time.
      { extends: true, test: { name: 'cluster', include: ['tests/cluster/**/*.test.ts'], fileParallelism: false } },
      { extends: true, test: { name: 'postgis', include: [...CONTRACT, ...WEB_WRITES], exclude: [...configDefaults.exclude, ...STORE_INDEPENDENT], env: { TEST_STORE: 'postgis' } } },
    ],
  },
})
