/**
 * The inbox watcher: files the NMS drops into the inbox folder are taken as they arrive — woken by
 * fs.watch, and by a scan every FeedOptions.scanMs because fs.watch misses events on some file
 * systems (NFS, SMB, some containers). A file is taken only when complete: never under a name that
 * says it is being written (*.tmp, *.part, hidden), and only once its size and modification time have
 * stayed the same for settleMs. One file at a time, in name order.
 */
import { watch, type FSWatcher } from 'node:fs'
import { lstat, mkdir, readdir, readFile } from 'node:fs/promises'
import { createReadStream } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { DEFAULT_KIND_DIRS, DONE_DIR, FAILED_DIR, encodingOf, formatOf, isKindDir, isPending, kindOf } from './names.js'
import type { FeedLog, FeedPipeline, Outcome } from './pipeline.js'
import { Shelf } from './shelf.js'

/** fs.watch fires several events per write: one scan a moment after the first. */
const EVENT_DELAY_MS = 50
/** An empty file may be a writer that has not written yet: it is refused only after this long. */
const EMPTY_GRACE_MS = 30_000
/** After a store failure (or while another process imports the same content) a file waits this long. */
const RETRY_MS = 15_000

export interface InboxOptions {
  scanMs: number
  settleMs: number
  maxBytes: number
}

/** What the inbox watcher is doing, for GET /api/feeds. */
export interface InboxState {
  dir: string
  /** fs.watch is active (false: only the periodic scan finds files). */
  watching: boolean
  lastScanAt: string | null
  /** The file being imported right now. */
  current: string | null
  /** Files seen but not yet taken (still being written, or waiting to be retried). */
  waiting: number
}

interface Candidate { dir: string | null; name: string; path: string; rel: string }

export class InboxWatcher {
  readonly shelf: Shelf
  private readonly watchers = new Map<string, FSWatcher>()
  /** Size and mtime of each file at the first check that saw them so, and when. */
  private readonly seen = new Map<string, { size: number; mtimeMs: number; since: number }>()
  private readonly retryAt = new Map<string, number>()
  private periodic: NodeJS.Timeout | null = null
  private soon: NodeJS.Timeout | null = null
  private soonAt = Infinity
  private running: Promise<void> | null = null
  private again = false
  private stopped = false
  private lastScanAt: number | null = null
  private current: string | null = null

  constructor(readonly dir: string, private readonly pipeline: FeedPipeline, private readonly options: InboxOptions, private readonly log: FeedLog) {
    this.shelf = new Shelf(dir)
  }

  /** Creates the inbox (with done/, failed/, alarms/, cutovers/), starts watching and scans once. */
  async start(): Promise<void> {
    for (const sub of ['', DONE_DIR, FAILED_DIR, ...DEFAULT_KIND_DIRS]) await mkdir(join(this.dir, sub), { recursive: true })
    this.watchDir(this.dir)
    this.periodic = setInterval(() => this.request(0), this.options.scanMs)
    this.periodic.unref()
    this.request(0)
  }

  /** Stops watching; the file being imported is finished first. */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.periodic) clearInterval(this.periodic)
    if (this.soon) clearTimeout(this.soon)
    for (const w of this.watchers.values()) w.close()
    this.watchers.clear()
    await this.running
  }

  state(): InboxState {
    return {
      dir: this.dir, watching: this.watchers.size > 0, lastScanAt: this.lastScanAt === null ? null : new Date(this.lastScanAt).toISOString(),
      current: this.current, waiting: this.seen.size + [...this.retryAt.keys()].filter((p) => !this.seen.has(p)).length,
    }
  }

  /** Scans now (and again while files are settling); resolves when this pass is done. */
  scan(): Promise<void> {
    if (this.running) {
      this.again = true
      return this.running
    }
    this.running = (async () => {
      do {
        this.again = false
        try {
          await this.scanOnce()
        } catch (err) {
          this.log.error({ err, inbox: this.dir }, 'feed inbox: scan failed')
        }
      } while (this.again && !this.stopped)
    })().finally(() => (this.running = null))
    return this.running
  }

  /** A scan in `delayMs` (or sooner, if one is already due sooner). */
  private request(delayMs: number): void {
    if (this.stopped) return
    const at = Date.now() + delayMs
    if (this.soon && this.soonAt <= at) return
    if (this.soon) clearTimeout(this.soon)
    this.soonAt = at
    this.soon = setTimeout(() => {
      this.soon = null
      this.soonAt = Infinity
      void this.scan()
    }, delayMs)
  }

  private watchDir(path: string): void {
    if (this.watchers.has(path) || this.stopped) return
    try {
      const w = watch(path, { persistent: false }, () => this.request(EVENT_DELAY_MS))
      w.on('error', (err) => {
        this.log.warn({ err, dir: path }, 'feed inbox: fs.watch failed; the periodic scan goes on')
        w.close()
        this.watchers.delete(path)
      })
      this.watchers.set(path, w)
    } catch (err) {
      this.log.warn({ err, dir: path }, 'feed inbox: fs.watch unavailable; the periodic scan goes on')
    }
  }

  /** The files of the inbox and of its kinds' folders, in name order. */
  private async list(): Promise<Candidate[]> {
    const out: Candidate[] = []
    await mkdir(this.dir, { recursive: true })
    const top = (await readdir(this.dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))
    for (const e of top) {
      if (isPending(e.name)) continue
      if (e.isDirectory()) {
        if (!isKindDir(e.name)) continue // done/, failed/ and anything else are not ours to take from
        const sub = join(this.dir, e.name)
        this.watchDir(sub)
        const files = (await readdir(sub, { withFileTypes: true }).catch(() => [])).sort((a, b) => a.name.localeCompare(b.name))
        for (const f of files) if (!f.isDirectory() && !isPending(f.name)) out.push({ dir: e.name, name: f.name, path: join(sub, f.name), rel: `${e.name}/${f.name}` })
      } else {
        out.push({ dir: null, name: e.name, path: join(this.dir, e.name), rel: e.name })
      }
    }
    return out
  }

  private async scanOnce(): Promise<void> {
    this.lastScanAt = Date.now()
    const present = new Set<string>()
    let settling = false
    for (const c of await this.list()) {
      if (this.stopped) break
      present.add(c.path)
      const st = await lstat(c.path).catch(() => null)
      // Regular files only: a symlink could point anywhere on the machine.
      if (!st?.isFile()) continue
      const now = Date.now()
      if ((this.retryAt.get(c.path) ?? 0) > now) continue
      const prev = this.seen.get(c.path)
      if (!prev || prev.size !== st.size || prev.mtimeMs !== st.mtimeMs) {
        this.seen.set(c.path, { size: st.size, mtimeMs: st.mtimeMs, since: now })
        settling = true
        continue
      }
      if (now - prev.since < (st.size === 0 ? Math.max(EMPTY_GRACE_MS, this.options.settleMs) : this.options.settleMs)) {
        settling = true
        continue
      }
      this.seen.delete(c.path)
      await this.take(c, st.size)
    }
    for (const p of this.seen.keys()) if (!present.has(p)) this.seen.delete(p)
    for (const p of this.retryAt.keys()) if (!present.has(p)) this.retryAt.delete(p)
    if (settling) this.request(this.options.settleMs)
  }

  /** Imports one settled file and moves it aside. */
  private async take(c: Candidate, size: number): Promise<Outcome | null> {
    this.current = c.rel
    try {
      const kind = kindOf(c.dir, c.name)
      const place = async (status: 'imported' | 'duplicate' | 'failed', reason: string | null) =>
        status === 'failed' ? this.shelf.failed(c.path, reason ?? 'refused') : this.shelf.done(c.path)
      if (size > this.options.maxBytes) {
        const reason = `${c.rel}: ${size} bytes is more than FEED_MAX_BYTES (${this.options.maxBytes}); split the export`
        return await this.pipeline.refuse({ source: 'inbox', name: c.rel, kind, sha256: await hashFile(c.path), bytes: size }, reason, reason, place)
      }
      const bytes = await readFile(c.path)
      if (bytes.length !== size) {
        // Written to since it settled: it is looked at again from the start.
        this.request(this.options.settleMs)
        return null
      }
      const outcome = await this.pipeline.take({ source: 'inbox', name: c.rel, kind, bytes, encoding: encodingOf(c.name), format: formatOf(c.name) }, place)
      if (outcome.status === 'busy') this.later(c.path)
      else this.retryAt.delete(c.path)
      return outcome
    } catch (err) {
      this.log.error({ err, file: c.rel }, `feed inbox: ${c.rel} could not be imported now; it stays in the inbox and is tried again in ${RETRY_MS / 1000} s`)
      this.later(c.path)
      return null
    } finally {
      this.current = null
    }
  }

  private later(path: string): void {
    this.retryAt.set(path, Date.now() + RETRY_MS)
    this.request(RETRY_MS)
  }
}

async function hashFile(path: string): Promise<string> {
  const h = createHash('sha256')
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer)
  return h.digest('hex')
}
