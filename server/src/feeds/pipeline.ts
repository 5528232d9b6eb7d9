/**
 * One file (or URL body) from the NMS, from bytes to stored rows: SHA-256 → de-duplication → decode →
 * the service's own atomic import (all rows or none; the `import` event refreshes maps) → where the
 * file goes → the feed_files row → the audit log. Shared by the inbox and the URL poller.
 */
import { createHash } from 'node:crypto'
import { AppError, ImportError } from '../errors.js'
import { IMPORT_KINDS, type ImportKind } from '../domain/types.js'
import { parseCrs, type Crs } from '../geo/crs.js'
import { charsetOf, decodeImportBody, detectFormat, type ImportFormat } from '../ingest/index.js'
import type { NetworkService } from '../service/network-service.js'
import type { Users } from '../auth/users.js'
import type { FeedInput, FeedSource, FeedStore } from '../store/repos/feed-files.js'
import { formatChinaTime } from '../ingest/time.js'

/** A claim on a content lapses after this long: a process that died mid-file leaves it to the next. */
export const LEASE_MS = 10 * 60_000

/** pino's shape, so the app's logger (or console in a CLI) fits. */
export interface FeedLog {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

/** A file as received. */
export interface Received {
  source: FeedSource
  /** Its path inside the inbox, or the URL polled. */
  name: string
  /** The kind its place or name says; null when neither says (it is refused). */
  kind: ImportKind | null
  bytes: Buffer
  /** The encoding its name declares (alarms-1.gbk.csv); else the Content-Type's charset, else FeedOptions.encoding. */
  encoding?: string
  contentType?: string
  /** The format its extension says; null: an extension that is neither (refused); undefined: detect. */
  format?: ImportFormat | null
}

/** Puts a file where its outcome says and returns where (relative to the inbox), or null when it stays nowhere. */
export type Placement = (status: 'imported' | 'duplicate' | 'failed', reason: string | null) => Promise<string | null>

export type Outcome =
  | { status: 'imported'; id: number; sha256: string; kind: ImportKind; rows: number; skipped: number; movedTo: string | null }
  | { status: 'duplicate'; id: number | null; sha256: string; of: string; movedTo: string | null }
  | { status: 'failed'; id: number; sha256: string; reason: string; movedTo: string | null }
  /** The same content is being imported by another claim right now: try again later. */
  | { status: 'busy'; sha256: string }

export const sha256Of = (b: Buffer) => createHash('sha256').update(b).digest('hex')

export class FeedPipeline {
  private readonly crs: Crs

  constructor(
    private readonly service: NetworkService,
    private readonly store: FeedStore,
    private readonly users: Users,
    private readonly options: { crs: string; encoding: string },
    private readonly log: FeedLog,
  ) {
    // Bad settings stop the service at start, naming the variable, rather than failing every file.
    try {
      this.crs = parseCrs(options.crs)
    } catch (err) {
      throw new Error(`FEED_CRS: ${(err as Error).message}`)
    }
    try {
      decodeImportBody('feed', Buffer.alloc(0), { encoding: options.encoding })
    } catch (err) {
      throw new Error(`FEED_ENCODING: ${(err as Error).message}`)
    }
  }

  /**
   * Imports `r` once per content. A refused file (no kind, bad format or encoding, any bad row) is placed
   * as failed with its reason and nothing of it stored; a store failure is thrown after giving the claim
   * back, so the file is tried again. Duplicates are recorded and placed unless `recordDuplicate` is false
   * (the URL poller: an unchanged export answered again is not news).
   */
  async take(r: Received, place: Placement, opts: { recordDuplicate?: boolean } = {}): Promise<Outcome> {
    const sha256 = sha256Of(r.bytes)
    const f: FeedInput = { source: r.source, name: r.name, kind: r.kind, sha256, bytes: r.bytes.length }
    const refusal = this.precheck(r)
    if (refusal) return this.refuse(f, refusal, refusal, place)

    const now = Date.now()
    const id = await this.store.claim(f, now, now + LEASE_MS)
    if (id === null) {
      const h = await this.store.holder(sha256)
      if (!h || h.status === 'importing') return { status: 'busy', sha256 }
      if (opts.recordDuplicate === false) return { status: 'duplicate', id: null, sha256, of: h.name, movedTo: null }
      const reason = `duplicate: the same content (SHA-256 ${sha256}) was imported from ${h.name}${h.finishedAt ? ` at ${formatChinaTime(h.finishedAt.getTime())}` : ''}`
      const movedTo = await this.place(place, 'duplicate', reason, r.name)
      const did = await this.store.record(f, { status: 'duplicate', reason, movedTo }, Date.now())
      await this.audit(r.source, 'import_duplicate', r.kind, { file: r.name, sha256, bytes: f.bytes, of: h.name, movedTo })
      this.log.info({ file: r.name, of: h.name }, 'feed: duplicate, not imported again')
      return { status: 'duplicate', id: did, sha256, of: h.name, movedTo }
    }

    const kind = r.kind as ImportKind
    let summary: { imported: number; skipped: { row: number; reason: string }[] }
    try {
      // The name's encoding first, then the Content-Type's charset, then the feed's setting.
      const encoding = r.encoding ?? (charsetOf(r.contentType) ? undefined : this.options.encoding)
      const text = decodeImportBody(kind, r.bytes, { encoding, contentType: r.contentType })
      if (!text.trim()) throw new AppError('VALIDATION', `${kind}: the file is empty`)
      summary = await this.service.importText(kind, { text, format: r.format ?? detectFormat(r.contentType, text) }, { crs: this.crs })
    } catch (err) {
      if (err instanceof AppError && err.statusCode < 500) {
        const reason = err.message + (err instanceof ImportError && err.problems[0]?.field === 'encoding'
          ? ' — for the inbox: name the file *.gbk.csv, or set FEED_ENCODING=gbk' : '')
        const movedTo = await this.place(place, 'failed', explain(r, sha256, reason, err), r.name)
        await this.store.finish(id, { status: 'failed', reason, movedTo }, Date.now())
        await this.audit(r.source, 'import_failed', kind, { file: r.name, sha256, bytes: f.bytes, reason, movedTo })
        this.log.warn({ file: r.name, reason }, 'feed: refused, nothing stored')
        return { status: 'failed', id, sha256, reason, movedTo }
      }
      await this.store.release(id).catch(() => undefined)
      throw err
    }
    const movedTo = await this.place(place, 'imported', null, r.name)
    await this.store.finish(id, { status: 'imported', rows: summary.imported, skipped: summary.skipped.length, movedTo }, Date.now())
    await this.audit(r.source, 'import', kind, { file: r.name, sha256, bytes: f.bytes, imported: summary.imported, skipped: summary.skipped.length, movedTo })
    this.log.info({ file: r.name, kind, imported: summary.imported }, 'feed: imported')
    return { status: 'imported', id, sha256, kind, rows: summary.imported, skipped: summary.skipped.length, movedTo }
  }

  /** Records and places a file refused before any import (too large, no kind …). */
  async refuse(f: FeedInput, reason: string, details: string, place: Placement): Promise<Outcome> {
    const movedTo = await this.place(place, 'failed', details.endsWith('\n') ? details : `${f.name} was not imported; nothing of it was stored.\n${details}\n`, f.name)
    const id = await this.store.record(f, { status: 'failed', reason, movedTo }, Date.now())
    await this.audit(f.source, 'import_failed', f.kind, { file: f.name, sha256: f.sha256, bytes: f.bytes, reason, movedTo })
    this.log.warn({ file: f.name, reason }, 'feed: refused, nothing stored')
    return { status: 'failed', id, sha256: f.sha256, reason, movedTo }
  }

  /** Why a file cannot be imported at all, before reading it; null when it can be tried. */
  private precheck(r: Received): string | null {
    if (r.kind === null || !IMPORT_KINDS.includes(r.kind)) {
      return `cannot tell the import kind of ${r.name}: put it in a kind's folder (alarms/, cutovers/, … one of ${IMPORT_KINDS.join(', ')}) or start its name with the kind (alarms-20261123.csv)`
    }
    if (r.format === null) return `${r.name}: expected a .csv (or .txt) or a .geojson (or .json) file`
    return null
  }

  private async place(place: Placement, status: 'imported' | 'duplicate' | 'failed', reason: string | null, name: string): Promise<string | null> {
    try {
      return await place(status, reason)
    } catch (err) {
      // The outcome stands (rows committed, or none); the file stays where it is and is seen as a duplicate next time.
      this.log.error({ err, file: name }, 'feed: could not move the file')
      return null
    }
  }

  private async audit(source: FeedSource, action: string, kind: string | null, details: Record<string, unknown>): Promise<void> {
    try {
      await this.users.audit({ username: `feed:${source}`, action, target: kind, details })
    } catch (err) {
      this.log.error({ err, action }, 'feed: could not write the audit log')
    }
  }
}

/** The reason file's text: what was refused, why (every problem's row and field), and what to do. */
function explain(r: Received, sha256: string, reason: string, err: AppError): string {
  const lines = [`${r.name} was not imported; nothing of it was stored.`, `reason: ${reason}`]
  if (err instanceof ImportError && err.problems.length > 1) {
    lines.push(`problems (${err.problems.length}${err.problems.length > 100 ? ', the first 100' : ''}):`)
    for (const p of err.problems.slice(0, 100)) lines.push(`  ${p.row > 0 ? `row ${p.row}, ` : ''}field "${p.field}": ${p.message}`)
  }
  lines.push(`kind: ${r.kind}`, `bytes: ${r.bytes.length}`, `sha256: ${sha256}`, `at: ${formatChinaTime(Date.now())}`,
    'Fix the file and write it into the inbox again (as *.tmp, then rename); an unchanged file fails the same way.')
  return lines.join('\n') + '\n'
}
