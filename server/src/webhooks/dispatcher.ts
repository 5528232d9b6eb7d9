/**
 * The outbox worker: claims due deliveries, POSTs them signed, and records the outcome — delivered on
 * 2xx; otherwise (any other status, a network error, a timeout) tried again after an exponentially
 * growing wait, and marked failed after the last attempt. It sleeps until the next delivery falls due
 * (or pollMs, for rows another process wrote), and is woken at once when an event is queued.
 */
import type { WebhookOptions } from '../config/index.js'
import { sign } from './signature.js'
import type { Claimed, WebhookStore } from './store.js'

/** Where the worker reports what goes wrong with itself (not with receivers: that is in the rows). */
export interface WorkerLog {
  error(obj: object, msg: string): void
}

/** The headers of one attempt (README "Integration" documents them). */
export function deliveryHeaders(d: Pick<Claimed, 'id' | 'event' | 'body' | 'secret'>, attempt: number, timestamp: number): Record<string, string> {
  return {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'tousu-gis-webhooks/1',
    'x-tousu-event': d.event,
    'x-tousu-delivery': d.id,
    'x-tousu-timestamp': String(timestamp),
    'x-tousu-attempt': String(attempt),
    'x-tousu-signature': sign(d.secret, timestamp, d.body),
  }
}

/** The wait before attempt `attempt + 1`, after `attempt` failed ones. */
export const backoffMs = (o: Pick<WebhookOptions, 'baseDelayMs' | 'maxDelayMs'>, attempt: number) =>
  Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1))

export class WebhookDispatcher {
  private timer: NodeJS.Timeout | null = null
  private tick: Promise<void> | null = null
  private again = false
  private stopped = false
  private readonly inflight = new Set<AbortController>()

  constructor(private readonly store: WebhookStore, private readonly o: WebhookOptions, private readonly log: WorkerLog) {}

  /** Starts working (delivers whatever a previous run left pending). */
  start(): void {
    this.kick()
  }

  /** Looks for due deliveries now (after an event was queued). */
  kick(): void {
    if (this.stopped) return
    if (this.tick) this.again = true
    else this.schedule(0)
  }

  /** Stops: attempts in flight are aborted and their rows given back uncounted, to be sent after the next start. */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    for (const ac of this.inflight) ac.abort(new Error('service stopping'))
    await this.tick
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      this.tick = this.run().finally(() => (this.tick = null)).then(() => this.next())
    }, ms)
    // The HTTP server keeps the process alive; a pending retry alone must not.
    this.timer.unref()
  }

  private nextDue: number | null = null

  private async run(): Promise<void> {
    try {
      for (;;) {
        if (this.stopped) return
        const now = Date.now()
        const batch = await this.store.claim(now, now + this.o.timeoutMs + 5_000, this.o.concurrency)
        if (!batch.length) break
        await Promise.all(batch.map((d) => this.attempt(d)))
      }
      this.nextDue = await this.store.nextDue()
    } catch (err) {
      if (this.stopped) return
      this.log.error({ err }, 'webhook outbox: claiming or recording a delivery failed; retrying later')
      this.nextDue = null
    }
  }

  private next(): void {
    if (this.stopped) return
    if (this.again) {
      this.again = false
      this.schedule(0)
      return
    }
    const wait = this.nextDue == null ? this.o.pollMs : Math.max(0, Math.min(this.o.pollMs, this.nextDue - Date.now()))
    this.schedule(wait)
  }

  private async attempt(d: Claimed): Promise<void> {
    const attempt = d.attempts + 1
    const ac = new AbortController()
    this.inflight.add(ac)
    const timeout = setTimeout(() => ac.abort(new Error(`no answer within ${this.o.timeoutMs} ms`)), this.o.timeoutMs)
    let status: number | null = null
    let error: string
    let retryAfterMs = 0
    try {
      const res = await fetch(d.url, { method: 'POST', headers: deliveryHeaders(d, attempt, Math.floor(Date.now() / 1000)), body: d.body, redirect: 'manual', signal: ac.signal })
      // The answer's body is not needed: drop it without reading a large one.
      await res.body?.cancel().catch(() => undefined)
      status = res.status
      if (status >= 200 && status < 300) {
        await this.store.delivered(d.id, attempt, status, Date.now())
        return
      }
      error = `HTTP ${status}`
      const ra = Number(res.headers.get('retry-after'))
      if (Number.isFinite(ra) && ra > 0) retryAfterMs = ra * 1000
    } catch (err) {
      if (this.stopped) {
        await this.store.release(d.id).catch(() => undefined)
        return
      }
      const e = err as Error & { cause?: { code?: string; message?: string } }
      error = ac.signal.aborted ? String((ac.signal.reason as Error)?.message ?? 'aborted') : `${e.message}${e.cause ? ` (${e.cause.code ?? e.cause.message})` : ''}`
    } finally {
      clearTimeout(timeout)
      this.inflight.delete(ac)
    }
    const nextAt = attempt >= this.o.maxAttempts ? null : Date.now() + Math.min(this.o.maxDelayMs, Math.max(backoffMs(this.o, attempt), retryAfterMs))
    await this.store.attemptFailed(d.id, attempt, status, error, nextAt)
  }
}
