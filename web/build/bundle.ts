/**
 * bundleWeb(): the browser app (web/src/main.ts with Leaflet, its plugins and their CSS) bundled by
 * esbuild in memory — nothing generated is committed or written. Built once per process (about a
 * quarter of a second) and served by server/src/routes/webapp.
 */
import { createHash } from 'node:crypto'
import { basename, join } from 'node:path'
import { build } from 'esbuild'

/** The app's entry point. */
export const WEB_ENTRY = join(import.meta.dirname, '..', 'src', 'main.ts')
/** The embedded complaint page's entry (GET /embed, web/embed.html): embed.js and embed.css. */
export const EMBED_ENTRY = join(import.meta.dirname, '..', 'src', 'embed', 'main.ts')

/** One output file of the bundle: its bytes, MIME type and a content hash for ETags. */
export interface Asset {
  body: Buffer
  type: string
  etag: string
}

const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', map: 'application/json' }

/** Bundles the app and the embedded page; resolves to their files by name (app.js, app.css, embed.js, embed.css, chunk-*.js). */
export async function bundleWeb(entry = WEB_ENTRY): Promise<Map<string, Asset>> {
  const result = await build({
    entryPoints: { app: entry, embed: EMBED_ENTRY },
    bundle: true,
    // ES modules with splitting: the XLSX writer is a separate chunk, loaded when an engineer exports.
    format: 'esm',
    splitting: true,
    minify: true,
    target: ['chrome100', 'firefox100', 'safari15', 'edge100'],
    // Leaflet's CSS names its few images: inline them, there is nothing else to serve.
    loader: { '.png': 'dataurl', '.svg': 'dataurl', '.gif': 'dataurl' },
    outdir: join(import.meta.dirname, '.out'),
    chunkNames: 'chunk-[hash]',
    write: false,
    logLevel: 'silent',
    legalComments: 'eof',
  })
  const out = new Map<string, Asset>()
  for (const f of result.outputFiles) {
    const name = basename(f.path)
    const ext = name.slice(name.lastIndexOf('.') + 1)
    const body = Buffer.from(f.contents)
    out.set(name, { body, type: TYPES[ext] ?? 'text/plain; charset=utf-8', etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"` })
  }
  return out
}
