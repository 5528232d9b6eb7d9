/**
 * The polled URL: an NMS that publishes its current alarm (or cutover) export over HTTP is fetched every
 * urlIntervalMs with If-None-Match, so an unchanged export costs a 304 and nothing else; a changed one
 * goes through the same pipeline as an inbox file (de-duplicated by SHA-256 too, for servers without
 * ETags). A refused body is written to inbox/failed/ with its reason when there is an inbox.
 */
import { IMPORT_KINDS, type ImportKind } from '../domain/types.js'
import type { FeedLog, FeedPipeline, Outcome } from './pipeline.js'
import type { Shelf } from './shelf.js'
import { chinaDate } from './names.js'

export interface UrlOptions {
  url: string
  kind: string
  intervalMs: number
  token: string | null
  timeoutMs: number
  maxBytes: number
}

/** What the poller has seen, for GET /api/feeds (the URL without its query, never the token). */
export interface UrlState {
  url: string
  kind: string
  polls: number
  notModified: number
  duplicates: number
  lastPollAt: string | null
  lastStatus: number | null
  lastError: string | null
  etag: string | null
}

export class UrlPoller {
  private readonly st: UrlState
  private readonly kind: ImportKind
  private timer: NodeJS.Timeout | null = null
  private inFlight: Promise<unknown> | null = null
  private stopped = false

  constructor(private readonly options: UrlOptions, private readonly pipeline: FeedPipeline, private readonly shelf: Shelf | null, private readonly log: FeedLog) {
    let u: URL
    try {
      u = new URL(options.url)
    } catch {
      throw new Error(`FEED_URL: expected an http(s) URL, got ${JSON.stringify(options.url)}`)
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`FEED_URL: expected an http(s) URL, got ${JSON.stringify(options.url)}`)
    if (u.username || u.password) throw new Error('FEED_URL: must not hold a user name or password; give a bearer token in FEED_URL_TOKEN')
    if (!(IMPORT_KINDS as string[]).includes(options.kind)) throw new Error(`FEED_URL_KIND: expected one of ${IMPORT_KINDS.join(', ')}, got ${JSON.stringify(options.kind)}`)
    this.kind = options.kind as ImportKind
    this.st = { url: u.origin + u.pathname, kind: options.kind, polls: 0, notModified: 0, duplicates: 0, lastPollAt: null, lastStatus: null, lastError: null, etag: null }
  }

  /** Polls now, then every intervalMs (counted from the end of each poll). */
  start(): void {
    const loop = async () => {
      await this.poll()
      if (!this.stopped) {
        this.timer = setTimeout(loop, this.options.intervalMs)
        this.timer.unref()
      }
    }
    void loop()
  }

  /** No more polls; a poll in flight (bounded by timeoutMs) is finished. */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    await this.idle()
  }

  state(): UrlState {
    return { ...this.st }
  }

  /** One poll (after the one in flight): 'not-modified' on 304, the pipeline's outcome on 200, 'error' on anything else. */
  poll(): Promise<Outcome | 'not-modified' | 'error'> {
    const p = (this.inFlight ?? Promise.resolve()).catch(() => undefined).then(() => this.pollOnce())
    this.inFlight = p
    return p
  }

  /** Resolves when no poll is in flight. */
  async idle(): Promise<void> {
    while (this.inFlight) {
      const p = this.inFlight
      await p.catch(() => undefined)
      if (this.inFlight === p) this.inFlight = null
    }
  }

  private async pollOnce(): Promise<Outcome | 'not-modified' | 'error'> {
    const st = this.st
    st.polls++
    st.lastPollAt = new Date().toISOString()
    try {
      const headers: Record<string, string> = { accept: 'text/csv, application/geo+json, application/json;q=0.9, */*;q=0.1' }
      if (st.etag) headers['if-none-match'] = st.etag
      if (this.options.token) headers.authorization = `Bearer ${this.options.token}`
      const res = await fetch(this.options.url, { headers, signal: AbortSignal.timeout(this.options.timeoutMs) })
      st.lastStatus = res.status
      if (res.status === 304) {
        st.notModified++
        st.lastError = null
        await res.body?.cancel()
        return 'not-modified'
      }
      if (!res.ok) {
        await res.body?.cancel()
        throw new Error(`HTTP ${res.status}`)
      }
      const length = Number(res.headers.get('content-length') ?? 0)
      if (length > this.options.maxBytes) {
        await res.body?.cancel()
        throw new Error(`the answer has ${length} bytes, more than FEED_MAX_BYTES (${this.options.maxBytes})`)
      }
      const bytes = Buffer.from(await res.arrayBuffer())
      if (bytes.length > this.options.maxBytes) throw new Error(`the answer has ${bytes.length} bytes, more than FEED_MAX_BYTES (${this.options.maxBytes})`)
      const contentType = res.headers.get('content-type') ?? undefined
      const ext = /json/i.test(contentType ?? '') ? 'geojson' : 'csv'
      const shelf = this.shelf
      const place = async (status: string, reason: string | null) =>
        status === 'failed' && shelf ? shelf.failedBody(`url-${this.kind}-${chinaDate(Date.now())}.${ext}`, bytes, reason ?? 'refused') : null
      const outcome = await this.pipeline.take({ source: 'url', name: st.url, kind: this.kind, bytes, contentType }, place, { recordDuplicate: false })
      if (outcome.status === 'duplicate') st.duplicates++
      // Settled (imported, duplicate or refused): the same ETag is not asked for again.
      if (outcome.status !== 'busy') st.etag = res.headers.get('etag')
      st.lastError = outcome.status === 'failed' ? outcome.reason : null
      return outcome
    } catch (err) {
      const e = err as Error
      st.lastError = e.name === 'TimeoutError' ? `no complete answer within ${this.options.timeoutMs} ms` : e.message
      this.log.warn({ url: st.url, error: st.lastError }, 'feed url: poll failed; trying again at the next interval')
      return 'error'
    }
  }
}
