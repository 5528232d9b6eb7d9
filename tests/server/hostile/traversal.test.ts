/** Path traversal in tile paths, the asset route and static files: 4xx, never a file outside the served directory. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../../server/src/app.js'
import type { FastifyInstance } from 'fastify'
import type { TestService } from '../../helpers/service.js'
import { seededService } from './helpers.js'

let t: TestService
let app: FastifyInstance
const SECRET = 'top-secret-outside-the-pyramid'

beforeAll(async () => {
  t = await seededService()
  // A real pyramid in DATA_DIR/tiles, with a secret file next to it that no URL may reach.
  const tiles = join(t.dataDir, 'tiles')
  mkdirSync(join(tiles, '1', '1'), { recursive: true })
  writeFileSync(join(tiles, 'tiles.json'), JSON.stringify({ tilejson: '3.0.0', minzoom: 0, maxzoom: 2, bounds: [-180, -85, 180, 85], tiles: ['/tiles/{z}/{x}/{y}.png'] }))
  writeFileSync(join(tiles, '1', '1', '1.png'), 'PNG-1-1-1')
  writeFileSync(join(tiles, 'blank.png'), 'PNG-BLANK')
  writeFileSync(join(t.dataDir, 'secret.png'), SECRET)
  writeFileSync(join(t.dataDir, 'passwd'), SECRET)
  app = await build({ service: t.service, tilesDir: tiles })
  // The test helper's inject adds the admin token; this second app takes it explicitly.
})
afterAll(async () => {
  await app.close()
  await t.close()
})

const TRAVERSALS = [
  '/tiles/../../secret.png', '/tiles/..%2f..%2fsecret.png', '/tiles/%2e%2e/%2e%2e/secret.png', '/tiles/1/2/..%2f..%2fetc%2fpasswd.png',
  '/tiles/1/1/..%2f..%2f..%2fsecret.png', '/tiles/1/%2e%2e/1.png', '/tiles/%2e%2e%2f%2e%2e%2f/1/1.png', '/tiles/1/1/1.png%00.txt',
  '/tiles/1/1/1%2f..%2f..%2f..%2fsecret.png', '/tiles/..%5c..%5csecret.png', '/tiles/1/1/-1.png', '/tiles/99/1/1.png', '/tiles/1/1/1e3.png',
  '/tiles/1/1/Infinity.png', '/tiles/1/1/1.5.png', '/tiles.json/../secret.png', '/tiles/%252e%252e/secret.png',
  '/assets/..%2f..%2fpackage.json', '/assets/../../package.json', '/assets/%2e%2e%2fserver%2fsrc%2fapp.ts', '/assets/app.js%00.txt', '/assets/.env',
  '/assets/..%5c..%5cpackage.json', '/../../package.json', '/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/static/../../package.json',
]

describe('path traversal', () => {
  it.each(TRAVERSALS)('GET %s is a 4xx and serves no file from outside', async (url) => {
    const token = (await import('node:fs')).readFileSync(join(t.dataDir, 'admin.token'), 'utf8').trim()
    const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })
    expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400)
    expect(res.statusCode, url).toBeLessThan(500)
    expect(res.body).not.toContain(SECRET)
    expect(res.body).not.toContain('"devDependencies"')
    expect(res.body).not.toContain('setErrorHandler')
  })

  it('the pyramid itself is still served', async () => {
    const token = (await import('node:fs')).readFileSync(join(t.dataDir, 'admin.token'), 'utf8').trim()
    const res = await app.inject({ method: 'GET', url: '/tiles/1/1/1.png', headers: { authorization: `Bearer ${token}` } })
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe('PNG-1-1-1')
  })
})
