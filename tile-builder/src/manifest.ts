/**
 * The incremental-rebuild manifest, kept beside the pyramid (manifest.json): for every written tile,
 * a hash of everything that decides its pixels — the style, the features meeting the tile (each by
 * its own content hash) and the labels drawn on it. A rebuild renders only tiles whose key changed,
 * so a one-street edit re-renders the few tiles that street (or its moved label) touches.
 */
import { readFileSync, writeFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import { isTileFormat, type TileFormat } from './encode.js'

/** Bumped when the key's recipe changes, so old manifests force a full render. */
export const MANIFEST_VERSION = 1

/** manifest.json's content. */
export interface Manifest {
  version: number
  /** How the tiles were encoded; a manifest written before there was a choice means png. */
  format: TileFormat
  /** "z/x/y" → tile key (hex) of every tile written; tiles absent here are blank (not written). */
  tiles: Record<string, string>
}

/** The manifest file's name inside the pyramid. */
export const MANIFEST_FILE = 'manifest.json'

/** Reads a pyramid's manifest; an absent, unreadable or older one counts as empty (everything renders). */
export function readManifest(dir: string): Manifest {
  try {
    const m = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Partial<Manifest>
    if (m.version === MANIFEST_VERSION && m.tiles && typeof m.tiles === 'object') return { version: m.version, format: isTileFormat(m.format) ? m.format : 'png', tiles: m.tiles }
  } catch { /* no manifest yet */ }
  return { version: MANIFEST_VERSION, format: 'png', tiles: {} }
}

/** Writes the manifest atomically (temp file + rename), so a crash never leaves half a manifest. */
export function writeManifest(dir: string, m: Manifest): void {
  const tmp = join(dir, `${MANIFEST_FILE}.tmp`)
  writeFileSync(tmp, JSON.stringify(m))
  renameSync(tmp, join(dir, MANIFEST_FILE))
}

/** The key of one tile: style, tile address, feature hashes (in draw order) and label keys. */
export function tileKey(style: string, z: number, x: number, y: number, featureHashes: Uint32Array, labelKeys: string[]): string {
  const h = createHash('sha1').update(`${MANIFEST_VERSION}|${style}|${z}/${x}/${y}|`)
  h.update(new Uint8Array(featureHashes.buffer, featureHashes.byteOffset, featureHashes.byteLength))
  for (const k of labelKeys) h.update(k).update('\n')
  return h.digest('hex').slice(0, 20)
}
