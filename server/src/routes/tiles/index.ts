/**
 * GET /tiles/{z}/{x}/{y}.png, GET /tiles/{z}/{x}/{y}.webp and GET /tiles.json — the base-map pyramid
 * built by `npm run tiles`. The pyramid's files are of one type (tiles.json `format`: png — full-colour
 * or palette — or webp); a URL asking for that type gets the file as stored, a URL asking for the
 * other is answered by converting the tile with sharp (lossless), so /tiles/{z}/{x}/{y}.png keeps
 * working for existing clients whatever the pyramid holds. The web app uses tiles.json's own URL.
 * The file path is built only from validated integers, never from the URL's text, so `..`,
 * encoded separators and the like cannot name a file outside the pyramid: they fail the schema
 * (400) before any path exists. Tiles the builder left out because nothing is on them are
 * answered with the pyramid's blank.png.
 */
import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import sharp from 'sharp'
import { errorReplies } from '../../../../contract/src/schemas/common.js'
import { tileRange, MAX_ZOOM } from '../../../../tile-builder/src/tile-math.js'
import { TileJsonReply, type TileJson } from '../../../../contract/src/schemas/tiles.js'

/** Tiles named with the build's `?v=` never change: cache them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable'
/** Without `?v=` a rebuild may change a tile: a day, then revalidate by ETag. */
const LONG = 'public, max-age=86400'
/** tiles.json names the current build, so it must be re-checked often. */
const SHORT = 'public, max-age=60, must-revalidate'

/** The two file types a pyramid holds, and what each is served as. */
const TYPES = { png: 'image/png', webp: 'image/webp' } as const
type Ext = keyof typeof TYPES


/** Serves the tile pyramid in `tilesDir`. */
export const tileRoutes: FastifyPluginAsyncTypebox<{ tilesDir: string }> = async (app, { tilesDir }) => {
  let cached: { mtimeMs: number; body: Buffer; json: TileJson; etag: string } | null = null

  /** tiles.json, re-read only when the builder replaced it. */
  async function tileSet(): Promise<typeof cached> {
    const file = join(tilesDir, 'tiles.json')
    let st
    try {
      st = await stat(file)
    } catch {
      return null
    }
    if (cached?.mtimeMs !== st.mtimeMs) {
      const body = await readFile(file)
      cached = { mtimeMs: st.mtimeMs, body, json: JSON.parse(body.toString('utf8')) as TileJson, etag: etagOf(body) }
    }
    return cached
  }

  const noPyramid = (reply: FastifyReply) =>
    reply.code(404).send({ code: 'NOT_FOUND', message: `no tile pyramid in ${tilesDir}: build one with npm run tiles -- --input <files>` })

  app.get('/tiles.json', {
    schema: {
      tags: ['tiles'],
      summary: 'TileJSON 3.0.0 describing the base-map pyramid',
      response: { 200: TileJsonReply, ...errorReplies },
    },
  }, async (req, reply) => {
    const set = await tileSet()
    if (!set) return noPyramid(reply)
    return send(req, reply, set.body, set.etag, 'application/json; charset=utf-8', SHORT)
  })

  for (const ext of Object.keys(TYPES) as Ext[]) app.get(`/tiles/:z/:x/:y.${ext}`, {
    schema: {
      tags: ['tiles'],
      summary: `One 256 px ${ext === 'png' ? 'PNG' : 'WebP'} tile (XYZ, Web Mercator)`,
      params: Type.Object({
        z: Type.Integer({ minimum: 0, maximum: MAX_ZOOM }),
        x: Type.Integer({ minimum: 0 }),
        y: Type.Integer({ minimum: 0 }),
      }),
      querystring: Type.Object({ v: Type.Optional(Type.String({ maxLength: 64, description: 'build id from tiles.json; makes the tile cacheable forever' })) }),
      response: { ...errorReplies },
    },
  }, async (req, reply) => {
    const { z, x, y } = req.params
    // The schema's bounds do not hold for a coerced "Infinity" or "1e400" (ajv skips them on non-finite numbers).
    if (![z, x, y].every(Number.isSafeInteger) || z > MAX_ZOOM) {
      return reply.code(400).send({ code: 'BAD_REQUEST', message: `z, x and y must be integers with z 0–${MAX_ZOOM}, got ${z}/${x}/${y}` })
    }
    const n = 2 ** z
    if (x >= n || y >= n) return reply.code(400).send({ code: 'BAD_REQUEST', message: `x and y must be below 2^z = ${n} at zoom ${z}, got x=${x} y=${y}` })
    const set = await tileSet()
    if (!set) return noPyramid(reply)
    const { minzoom, maxzoom, bounds } = set.json
    if (z < minzoom || z > maxzoom) return reply.code(404).send({ code: 'NOT_FOUND', message: `zoom ${z} is outside the pyramid's ${minzoom}–${maxzoom}` })
    if (!inBounds(bounds, z, x, y)) return reply.code(404).send({ code: 'NOT_FOUND', message: `tile ${z}/${x}/${y} is outside the pyramid's bounds ${bounds.join(',')}` })
    // Integers only from here on: the path cannot leave tilesDir. A pyramid without `format` predates
    // the choice: png.
    const stored: Ext = set.json.format === 'webp' ? 'webp' : 'png'
    let body: Buffer
    try {
      body = await readFile(join(tilesDir, String(z), String(x), `${y}.${stored}`))
    } catch {
      try {
        body = await readFile(join(tilesDir, `blank.${stored}`))
      } catch {
        return noPyramid(reply)
      }
    }
    if (stored !== ext) body = await convert(body, ext)
    return send(req, reply, body, etagOf(body), TYPES[ext], req.query.v ? IMMUTABLE : LONG)
  })
}

/**
 * A stored tile in the other file type, pixels unchanged: lossless WebP from a PNG, a PNG from a
 * WebP (full colour: a lossy palette here would change what the pyramid's author chose). A few ms
 * a tile; only clients that ask for the type the pyramid does not hold pay it, and they cache it.
 */
function convert(body: Buffer, ext: Ext): Promise<Buffer> {
  const img = sharp(body)
  return (ext === 'webp' ? img.webp({ lossless: true, effort: 2 }) : img.png({ compressionLevel: 6 })).toBuffer()
}

/** A strong ETag from the content: identical bytes, identical tag, whichever build wrote them. */
const etagOf = (b: Buffer) => `"${createHash('sha1').update(b).digest('base64url').slice(0, 22)}"`

function send(req: FastifyRequest, reply: FastifyReply, body: Buffer, etag: string, type: string, cache: string) {
  reply.header('etag', etag).header('cache-control', cache)
  const inm = req.headers['if-none-match']
  if (inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}`)) return reply.code(304).send()
  return reply.type(type).send(body)
}

/** Does tile z/x/y meet the pyramid's bounds (west, south, east, north in degrees)? */
function inBounds(bounds: [number, number, number, number], z: number, x: number, y: number): boolean {
  const [x0, y0, x1, y1] = tileRange(bounds, z)
  return x >= x0 && x <= x1 && y >= y0 && y <= y1
}
