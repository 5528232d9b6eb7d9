/** The tile routes alone on a tiny Fastify app: serving, caching, and every way out of the pyramid refused. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import { tileRoutes } from '../../../server/src/routes/tiles/index.js'

let root: string
let app: FastifyInstance
let empty: FastifyInstance
const TILE = Buffer.from('real tile')
const BLANK = Buffer.from('blank tile')

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tile-routes-'))
  const dir = join(root, 'tiles')
  mkdirSync(join(dir, '15', '27440'), { recursive: true })
  writeFileSync(join(dir, '15', '27440', '13389.png'), TILE)
  writeFileSync(join(dir, 'blank.png'), BLANK)
  writeFileSync(join(dir, 'tiles.json'), JSON.stringify({ tilejson: '3.0.0', tiles: ['/tiles/{z}/{x}/{y}.png?v=1'], minzoom: 10, maxzoom: 17, bounds: [121.46, 31.22, 121.49, 31.24] }))
  // A secret beside the pyramid that no URL may reach.
  writeFileSync(join(root, 'secret.png'), 'TOP-SECRET-CONTENT')
  writeFileSync(join(root, 'secret.txt'), 'TOP-SECRET-CONTENT')
  app = Fastify()
  await app.register(tileRoutes, { tilesDir: dir })
  empty = Fastify()
  await empty.register(tileRoutes, { tilesDir: join(root, 'nothing-here') })
})
afterAll(async () => {
  await app.close()
  await empty.close()
  rmSync(root, { recursive: true, force: true })
})

describe('tile routes', () => {
  it('serves a tile with ETag and long-lived caching, and 304 on revalidation', async () => {
    const r = await app.inject('/tiles/15/27440/13389.png?v=abc')
    expect(r.statusCode).toBe(200)
    expect(r.headers['content-type']).toBe('image/png')
    expect(r.rawPayload).toEqual(TILE)
    expect(r.headers['cache-control']).toContain('immutable')
    const etag = r.headers.etag as string
    expect(etag).toMatch(/^".+"$/)
    const again = await app.inject({ url: '/tiles/15/27440/13389.png', headers: { 'if-none-match': etag } })
    expect(again.statusCode).toBe(304)
    expect((await app.inject('/tiles/15/27440/13389.png')).headers['cache-control']).toMatch(/max-age=\d{5,}/)
  })

  it('serves the shared blank for an empty tile inside the pyramid', async () => {
    const r = await app.inject('/tiles/15/27441/13389.png')
    expect(r.statusCode).toBe(200)
    expect(r.rawPayload).toEqual(BLANK)
  })

  it('serves tiles.json', async () => {
    const r = await app.inject('/tiles.json')
    expect(r.statusCode).toBe(200)
    expect(r.json()).toMatchObject({ tilejson: '3.0.0', minzoom: 10 })
    expect(r.headers.etag).toBeTruthy()
  })

  it('404s outside the zoom range or the bounds', async () => {
    expect((await app.inject('/tiles/18/0/0.png')).statusCode).toBe(404)
    expect((await app.inject('/tiles/15/0/0.png')).statusCode).toBe(404)
  })

  it.each([
    '/tiles/15/27440/..%2F..%2Fsecret.png',
    '/tiles/15/..%2f..%2f/secret.png',
    '/tiles/15/27440/%2e%2e.png',
    '/tiles/../secret.png',
    '/tiles/15/../../secret.png',
    '/tiles/%2e%2e/%2e%2e/secret.png',
    '/tiles/15/27440/13389.png%00.txt',
    '/tiles/15/27440/-1.png',
    '/tiles/15/27440/1e3.png',
    '/tiles/15/27440/0x10.png',
    '/tiles/15/99999999/1.png',
    '/tiles/99/0/0.png',
    '/tiles/15/27440/13389%2Fsecret.png',
    '/tiles/15/27440/%5c..%5csecret.png',
  ])('refuses %s with 400/404 and never a file outside the pyramid', async (url) => {
    const r = await app.inject(url)
    expect([400, 404]).toContain(r.statusCode)
    expect(r.body).not.toContain('TOP-SECRET-CONTENT')
    expect(r.rawPayload).not.toEqual(TILE)
  })

  it('answers 404 NOT_FOUND JSON when there is no pyramid', async () => {
    for (const url of ['/tiles/15/27440/13389.png', '/tiles.json']) {
      const r = await empty.inject(url)
      expect(r.statusCode).toBe(404)
      expect(r.json()).toMatchObject({ code: 'NOT_FOUND' })
      expect(r.json().message).toMatch(/npm run tiles/)
    }
  })
})
