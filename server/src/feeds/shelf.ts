/**
 * Where files go once handled: inbox/done/<China date>/ for imported files and duplicates,
 * inbox/failed/ for refused ones with `<name>.reason.txt` beside them. Never overwrites: a name in
 * use gets `-2`, `-3` … before its first dot.
 */
import { existsSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { basename, join, relative } from 'node:path'
import { DONE_DIR, FAILED_DIR, REASON_SUFFIX, chinaDate, numbered } from './names.js'

export class Shelf {
  constructor(readonly inbox: string) {}

  /** Moves an imported (or duplicate) file to done/<date>/; returns its new path relative to the inbox. */
  async done(path: string, now = Date.now()): Promise<string> {
    const dir = join(this.inbox, DONE_DIR, chinaDate(now))
    await mkdir(dir, { recursive: true })
    const to = free(dir, basename(path), [''])
    await rename(path, to)
    return relative(this.inbox, to)
  }

  /** Moves a refused file to failed/ with its reason beside it. */
  async failed(path: string, reason: string): Promise<string> {
    const dir = join(this.inbox, FAILED_DIR)
    await mkdir(dir, { recursive: true })
    const to = free(dir, basename(path), ['', REASON_SUFFIX])
    // The reason first: a file in failed/ always has its reason.
    await writeFile(to + REASON_SUFFIX, reason)
    await rename(path, to)
    return relative(this.inbox, to)
  }

  /** Writes a refused body that never was a file (the polled URL's) to failed/ with its reason. */
  async failedBody(name: string, bytes: Buffer, reason: string): Promise<string> {
    const dir = join(this.inbox, FAILED_DIR)
    await mkdir(dir, { recursive: true })
    const to = free(dir, name, ['', REASON_SUFFIX])
    await writeFile(to + REASON_SUFFIX, reason)
    await writeFile(to, bytes)
    return relative(this.inbox, to)
  }
}

/** The first of name, name-2, name-3 … in `dir` for which no file with any of `suffixes` exists. */
function free(dir: string, name: string, suffixes: string[]): string {
  for (let n = 1; ; n++) {
    const p = join(dir, n === 1 ? name : numbered(name, n))
    if (!suffixes.some((s) => existsSync(p + s))) return p
  }
}
