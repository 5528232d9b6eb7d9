/**
 * The browser tests' world: the real service (embedded store in a temp DATA_DIR, the demo shifted to
 * `now`, the demo base map) listening on a loopback port, and Debian's Chromium driven by
 * playwright-core — never a downloaded browser.
 */
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { parse } from 'csv-parse/sync'
import type { FastifyInstance } from 'fastify'
import { build } from '../../server/src/app.js'
import { defaultDiagnosisOptions } from '../../server/src/config/index.js'
import { NetworkService } from '../../server/src/service/network-service.js'
import { loadDemoIfEmpty } from '../../server/src/demo/load-demo.js'
import { DEMO_FEATURES, ensureDemoTiles } from '../../web/build/demo-tiles.js'
import { DEFAULT_FORMAT } from '../../tile-builder/src/encode.js'
import { STORE, tempStore, TEST_SCRYPT_N } from '../helpers/service.js'
import { Users } from '../../server/src/auth/users.js'
import type { Role } from '../../server/src/auth/roles.js'

/** The browser tests' logins: one user per role, with this password. */
export const TEST_PASSWORD = 'e2e-password-1'

declare global {
  /** What the web app exposes for its tests (web/src/main.ts). */
  interface Window { __app?: { firstPaintMs?: number; updates: number; map: import('leaflet').Map } }
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const SCREENSHOTS = join(import.meta.dirname, 'screenshots')

// Without Debian's Chromium every browser test file fails here, on import, before it starts a service:
// a machine that cannot run the browser tests says so instead of passing them by skipping.
if (!existsSync(CHROMIUM)) {
  throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH to its executable)`)
}

/** Launches Chromium headless; `args` are added to the usual switches (e.g. a host-resolver rule). */
export function launch(args: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync', ...args],
  })
}

/** A page context in China time (the agents' zone), at a given window size. */
export function context(browser: Browser, width = 1366, height = 768): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width, height }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN', acceptDownloads: true })
}

export interface OpenOptions {
  /** Who signs in (default engineer). */
  role?: Role
  width?: number
  height?: number
  /** What to wait for once loaded (default the app's data-ready). */
  ready?: string
  /** Where page errors go (default a fresh array). */
  errors?: string[]
  /** Runs on the page before it loads the app (a clock, a dialog handler). */
  before?: (page: Page) => unknown
}

/**
 * A new context signed in as `role`, on the app, waited for until `ready`; page errors collected into
 * `errors`.
 */
export async function openApp(web: WebService, browser: Browser, { role = 'engineer', width, height, ready = 'body[data-ready="1"]', errors = [], before }: OpenOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const ctx = await context(browser, width, height)
  await web.signIn(ctx, role)
  const page = await ctx.newPage()
  await before?.(page)
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`${web.url}/`)
  await page.waitForSelector(ready, { timeout: 15_000 })
  return { page, errors }
}

/**
 * The demo base map, built once per machine into a cache keyed by the demo features, the style and
 * the default tile encoding (several test files may race: each builds into its own dir, the first
 * rename wins).
 */
async function demoTiles(): Promise<string> {
  const key = createHash('sha1').update(readFileSync(DEMO_FEATURES)).update(readFileSync(join(import.meta.dirname, '..', '..', 'data', 'styles', 'default.json'))).update(DEFAULT_FORMAT).digest('hex').slice(0, 12)
  const cache = join(tmpdir(), `tousu-demo-tiles-${key}`)
  if (existsSync(join(cache, 'tiles.json'))) return cache
  const work = `${cache}.${process.pid}`
  rmSync(work, { recursive: true, force: true })
  await ensureDemoTiles(join(work, 'tiles'), { minZoom: 12, maxZoom: 17 })
  try {
    renameSync(join(work, 'tiles'), cache)
  } catch {
    // Another file built it first: theirs is the same.
  }
  rmSync(work, { recursive: true, force: true })
  return cache
}

export interface WebService {
  /** The store under test (the web tests that write data run on both). */
  store: typeof STORE
  service: NetworkService
  app: FastifyInstance
  url: string
  dataDir: string
  /** The first-start admin token (what importCsv and apiJson send, as a program would). */
  token: string
  /** Logs a browser context in as `role` (users agent, engineer, admin) through POST /api/auth/login: the real session cookie. */
  signIn(ctx: BrowserContext, role?: Role): Promise<void>
  close(): Promise<void>
}

/**
 * Starts the service with the demo (anchor at `now`) and its base map, on 127.0.0.1:<free port>, on
 * the store the test project names (embedded by default; a throw-away PostGIS database with
 * TEST_STORE=postgis, see tests/helpers/service.ts).
 */
export async function startWeb(now = Date.now()): Promise<WebService> {
  const store = await tempStore()
  const dataDir = store.dataDir
  const tilesDir = join(dataDir, 'tiles')
  const [service, tiles] = await Promise.all([
    NetworkService.start({ dataDir, databaseUrl: store.databaseUrl, diagnosis: { ...defaultDiagnosisOptions } }),
    demoTiles(),
  ])
  await loadDemoIfEmpty(service, { shiftToNow: true, now })
  mkdirSync(tilesDir, { recursive: true })
  cpSync(tiles, tilesDir, { recursive: true })
  const users = new Users(service.store.db, { scryptN: TEST_SCRYPT_N })
  const token = (await users.bootstrap(dataDir))!
  for (const role of ['agent', 'engineer', 'admin'] as const) {
    // `admin` exists already (made by bootstrap, token only): it gets the password.
    if (role === 'admin') await users.update(role, { password: TEST_PASSWORD })
    else await users.create({ username: role, role, password: TEST_PASSWORD })
  }
  const app = await build({ service, tilesDir, users, security: { rateLimitPerMin: 1_000_000 } })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const addr = app.server.address()
  const port = typeof addr === 'object' && addr ? addr.port : 0
  const url = `http://127.0.0.1:${port}`
  const signIn = async (ctx: BrowserContext, role: Role = 'engineer') => {
    const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: role, password: TEST_PASSWORD }) })
    if (!res.ok) throw new Error(`login ${role}: ${res.status} ${await res.text()}`)
    const sid = /tousu_sid=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1]
    if (!sid) throw new Error('login set no session cookie')
    await ctx.addCookies([{ name: 'tousu_sid', value: sid, url, httpOnly: true, sameSite: 'Strict' }])
  }
  return {
    store: STORE, service, app, dataDir, url, token, signIn,
    close: async () => {
      await app.close()
      await service.close()
      await store.drop()
    },
  }
}

/** Where a test's screenshots go (gitignored); made on first use. */
export function shot(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true })
  return join(SCREENSHOTS, `${name}.png`)
}

/** Sends a CSV file to POST /api/import/{kind}, as an operator's system would; throws unless 2xx. */
export async function importCsv(web: WebService, kind: string, csv: string): Promise<{ imported: number }> {
  const res = await fetch(`${web.url}/api/import/${kind}`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${web.token}` }, body: csv })
  if (!res.ok) throw new Error(`import ${kind}: ${res.status} ${await res.text()}`)
  return (await res.json()) as { imported: number }
}

/** Calls the service's JSON API (GET, or POST with a body); throws unless 2xx. */
export async function apiJson<T>(web: WebService, path: string, body?: unknown): Promise<T> {
  const auth = { authorization: `Bearer ${web.token}` }
  const res = await fetch(`${web.url}${path}`, body === undefined ? { headers: auth } : { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) })
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

/** The rows of a CSV file (RFC 4180: quoted fields, doubled quotes, CRLF), as an exported file is read back. */
export function parseCsv(text: string): string[][] {
  return parse(text, { relax_column_count: true, relax_quotes: false }) as string[][]
}

/**
 * Clicks the map at a place, the map centred there first (the agent picking the complaint point). A
 * flight still under way (after a search) is let finish first, or it would move the map under the click.
 */
export async function clickMap(page: Page, lat: number, lon: number): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => {
    const map = window.__app!.map as unknown as { _flyToFrame?: number; once(e: string, f: () => void): void }
    if (!map._flyToFrame) return resolve()
    map.once('moveend', () => resolve())
    setTimeout(resolve, 3_000)
  }))
  await page.evaluate(([la, lo]) => window.__app!.map.setView([la, lo], 17, { animate: false }), [lat, lon])
  const xy = await page.evaluate(([la, lo]) => window.__app!.map.latLngToContainerPoint([la, lo]), [lat, lon])
  const box = (await page.locator('#map').boundingBox())!
  await page.mouse.click(box.x + xy.x, box.y + xy.y)
}
