/** The tile routes alone on a tiny Fastify app: serving, caching, and every way out of the pyramid refused. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import sharp from 'sharp'
import { tileRoutes } from '../../../server/src/routes/tiles/index.js'
import { encodeTile } from '../../../tile-builder/src/encode.js'

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

describe('tile routes, both file types', () => {
  let base: string
  const rgb = new Uint8Array(256 * 256 * 3).map((_, i) => (i % 3 === 0 ? 200 : (i >> 9) & 255))
  const pixels = async (b: Buffer) => (await sharp(b).removeAlpha().raw().toBuffer())
  /** A pyramid of one real tile in `format`, on its own app. */
  async function pyramid(format: 'png8' | 'webp'): Promise<FastifyInstance> {
    const dir = join(base, format)
    const ext = format === 'webp' ? 'webp' : 'png'
    mkdirSync(join(dir, '15', '27440'), { recursive: true })
    writeFileSync(join(dir, '15', '27440', `13389.${ext}`), await encodeTile(rgb, 256, 256, format))
    writeFileSync(join(dir, `blank.${ext}`), await encodeTile(new Uint8Array(256 * 256 * 3).fill(240), 256, 256, format))
    writeFileSync(join(dir, 'tiles.json'), JSON.stringify({ tilejson: '3.0.0', tiles: [`/tiles/{z}/{x}/{y}.${ext}?v=1`], format: ext, encoding: format, minzoom: 10, maxzoom: 17, bounds: [121.46, 31.22, 121.49, 31.24] }))
    const a = Fastify()
    await a.register(tileRoutes, { tilesDir: dir })
    return a
  }
  let webp: FastifyInstance
  let png8: FastifyInstance
  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'tile-types-'))
    ;[webp, png8] = await Promise.all([pyramid('webp'), pyramid('png8')])
  })
  afterAll(async () => {
    await webp.close()
    await png8.close()
    rmSync(base, { recursive: true, force: true })
  })

  it('serves a webp pyramid as image/webp, and its .png URLs as PNG with the same pixels', async () => {
    const w = await webp.inject('/tiles/15/27440/13389.webp?v=1')
    expect(w.statusCode).toBe(200)
    expect(w.headers['content-type']).toBe('image/webp')
    expect(w.rawPayload.subarray(8, 12).toString('latin1')).toBe('WEBP')
    const p = await webp.inject('/tiles/15/27440/13389.png?v=1')
    expect(p.statusCode).toBe(200)
    expect(p.headers['content-type']).toBe('image/png')
    expect(p.rawPayload.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect(await pixels(p.rawPayload)).toEqual(Buffer.from(rgb))
    expect(p.headers['cache-control']).toContain('immutable')
    // Revalidation works on the converted tile too (its ETag is of the bytes sent).
    expect((await webp.inject({ url: '/tiles/15/27440/13389.png', headers: { 'if-none-match': p.headers.etag as string } })).statusCode).toBe(304)
    // A blank tile of the webp pyramid, asked as .png.
    const blank = await webp.inject('/tiles/15/27441/13389.png')
    expect(blank.headers['content-type']).toBe('image/png')
    expect((await pixels(blank.rawPayload))[0]).toBe(240)
  })

  it('serves a palette-PNG pyramid as stored, and .webp URLs converted', async () => {
    const p = await png8.inject('/tiles/15/27440/13389.png')
    expect(p.headers['content-type']).toBe('image/png')
    expect(p.rawPayload[25]).toBe(3)
    const w = await png8.inject('/tiles/15/27440/13389.webp')
    expect(w.headers['content-type']).toBe('image/webp')
    expect(await pixels(w.rawPayload)).toEqual(await pixels(p.rawPayload))
    expect((await png8.inject('/tiles/15/27440/..%2F13389.webp')).statusCode).toBe(400)
  })
})
