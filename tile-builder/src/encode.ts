/**
 * PNG encoding of an opaque RGB tile: a hand-written chunk writer over node:zlib deflate.
 * Measured here against sharp (see tests/bench/tiles.ts, `encoders`): for 256 px tiles the
 * per-call cost of going through libvips' thread pool outweighs its deflate (1.5 vs 2.0 ms/tile
 * at level 1). Map tiles are long runs of a few flat colours, which deflate finds as repeats
 * without any row filter: filter None at level 1 gave the smallest files and the fastest encode
 * of the filters tried (None 44 KiB, Sub/Up 54 KiB per bench tile).
 */
import { deflateSync, crc32, constants } from 'node:zlib'
import sharp from 'sharp'

/** PNG signature. */
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Options of the encoder; the defaults are what the benchmark found best for map tiles. */
export interface PngOptions {
  /** zlib level 0–9; 1 because map tiles gain little from more effort and each level costs time. */
  level?: number
  /** Row filter: 0 = None (measured smallest and fastest on map tiles at level 1), 1 = Sub, 2 = Up. */
  filter?: 0 | 1 | 2
}

/** Encodes w×h RGB bytes as a PNG (colour type 2, 8 bits). */
export function encodePng(rgb: Uint8Array, w: number, h: number, { level = 1, filter = 0 }: PngOptions = {}): Buffer {
  const stride = w * 3
  const raw = Buffer.allocUnsafe((stride + 1) * h)
  for (let y = 0; y < h; y++) {
    const o = y * (stride + 1)
    const s = y * stride
    raw[o] = filter
    if (filter === 0) {
      raw.set(rgb.subarray(s, s + stride), o + 1)
    } else if (filter === 1) {
      raw[o + 1] = rgb[s]; raw[o + 2] = rgb[s + 1]; raw[o + 3] = rgb[s + 2]
      for (let i = 3; i < stride; i++) raw[o + 1 + i] = (rgb[s + i] - rgb[s + i - 3]) & 255
    } else {
      if (y === 0) raw.set(rgb.subarray(0, stride), 1)
      else for (let i = 0; i < stride; i++) raw[o + 1 + i] = (rgb[s + i] - rgb[s + i - stride]) & 255
    }
  }
  const idat = deflateSync(raw, { level, strategy: constants.Z_DEFAULT_STRATEGY })
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(w, 0)
  ihdr.writeUInt32BE(h, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // colour type: RGB
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))])
}

/** One PNG chunk: length, type, data, CRC over type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.allocUnsafe(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'latin1')
  data.copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)) >>> 0, 8 + data.length)
  return out
}

/**
 * The tile encodings the builder offers (`--format`):
 * - `png`: full-colour RGB PNG (encodePng above), exact pixels;
 * - `png8`: palette PNG through sharp (libimagequant): at most 256 colours, no dithering (dither
 *   noise costs bytes and blurs glyph edges), quantiser effort 1 (higher efforts gave the same bytes
 *   on map tiles and cost more time), zlib level 6. Served as .png: every PNG client reads it;
 * - `webp`: lossless WebP through sharp (exact pixels), effort 2.
 * The default is png8: about half the bytes of png on the shared workload with the look kept (see
 * tests/bench/tiles.ts and the README for the figures and what "kept" was measured as).
 */
export const TILE_FORMATS = ['png', 'png8', 'webp'] as const
export type TileFormat = (typeof TILE_FORMATS)[number]
export const DEFAULT_FORMAT: TileFormat = 'png8'

/** The file extension (and URL extension) and Content-Type of each encoding. */
export const FORMAT_FILES: Record<TileFormat, { ext: 'png' | 'webp'; contentType: string }> = {
  png: { ext: 'png', contentType: 'image/png' },
  png8: { ext: 'png', contentType: 'image/png' },
  webp: { ext: 'webp', contentType: 'image/webp' },
}

/** Is `s` one of the encodings? */
export const isTileFormat = (s: unknown): s is TileFormat => (TILE_FORMATS as readonly unknown[]).includes(s)

/**
 * Encodes w×h RGB bytes in `format`. sharp reads its input after this returns, so it is handed a
 * copy: the caller may reuse `rgb` (the renderer's raster) at once.
 */
export async function encodeTile(rgb: Uint8Array, w: number, h: number, format: TileFormat): Promise<Buffer> {
  if (format === 'png') return encodePng(rgb, w, h)
  const img = sharp(Buffer.from(rgb.subarray(0, w * h * 3)), { raw: { width: w, height: h, channels: 3 } })
  if (format === 'png8') return img.png({ palette: true, colours: 256, dither: 0, effort: 1, compressionLevel: 6 }).toBuffer()
  return img.webp({ lossless: true, effort: 2 }).toBuffer()
}
