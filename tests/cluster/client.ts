/**
 * Clients of the running service for the cluster tests: a small JSON API client (against the
 * balancer or one instance) and a server-sent-events client that reads `event:` / `data:` lines as a
 * browser's EventSource would.
 */
import { request, type ClientRequest, type IncomingMessage } from 'node:http'

/** One answer: status, headers, the body parsed as JSON when it is JSON (else the text), and the time taken. */
export interface Reply<T = any> {
  status: number
  headers: Headers
  body: T
  text: string
  ms: number
}

export interface CallOptions {
  /** Sent as JSON. */
  json?: unknown
  /** Sent as is, with `type` as its content type (CSV imports). */
  body?: string
  type?: string
  headers?: Record<string, string>
  /** Overrides the client's token for this call; '' sends none. */
  token?: string
  timeoutMs?: number
}

/** A bearer-token API client bound to one base URL (the balancer's or one instance's). */
export class Api {
  constructor(readonly base: string, readonly token: string | null = null) {}

  /** The same client with another token (null: anonymous). */
  as(token: string | null): Api {
    return new Api(this.base, token)
  }

  /** One request; network errors throw (the caller decides whether that is a failure). */
  async call<T = any>(method: string, path: string, o: CallOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...o.headers }
    const token = o.token ?? this.token
    if (token) headers.authorization = `Bearer ${token}`
    let body: string | undefined
    if (o.json !== undefined) {
      headers['content-type'] = 'application/json'
      body = JSON.stringify(o.json)
    } else if (o.body !== undefined) {
      headers['content-type'] = o.type ?? 'text/plain'
      body = o.body
    }
    const t0 = performance.now()
    const res = await fetch(this.base + path, { method, headers, body, signal: AbortSignal.timeout(o.timeoutMs ?? 60_000) })
    const text = await res.text()
    const ms = performance.now() - t0
    let parsed: unknown = text
    if ((res.headers.get('content-type') ?? '').includes('json') && text) {
      try { parsed = JSON.parse(text) } catch { /* leave the text: the caller sees what came */ }
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text, ms }
  }

  get<T = any>(path: string, o?: CallOptions) { return this.call<T>('GET', path, o) }
  post<T = any>(path: string, json?: unknown, o: CallOptions = {}) { return this.call<T>('POST', path, { ...o, json }) }
  put<T = any>(path: string, json?: unknown, o: CallOptions = {}) { return this.call<T>('PUT', path, { ...o, json }) }
  delete<T = any>(path: string, o?: CallOptions) { return this.call<T>('DELETE', path, o) }
  /** POST /api/import/{kind} with a CSV body. */
  importCsv(kind: string, csv: string) { return this.call('POST', `/api/import/${kind}`, { body: csv, type: 'text/csv' }) }
}

/** One server-sent event as received, with the local time it arrived. */
export interface SseEvent {
  event: string
  data: string
  at: number
}

/**
 * A server-sent-events stream (GET /api/events) parsed line by line: `event:` names the event
 * (default `message`), `data:` lines accumulate, a blank line dispatches; comments (`:`) and `retry:`
 * are ignored. Opening resolves once the answer's headers say 200, so an event sent after open() is
 * never missed.
 */
export class EventStream {
  readonly events: SseEvent[] = []
  private waiters: (() => void)[] = []
  private constructor(private readonly req: ClientRequest, res: IncomingMessage) {
    let buf = ''
    let event = ''
    let data: string[] = []
    res.setEncoding('utf8')
    res.on('data', (chunk: string) => {
      buf += chunk
      let nl: number
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).replace(/\r$/, '')
        buf = buf.slice(nl + 1)
        if (line === '') {
          if (data.length) this.push({ event: event || 'message', data: data.join('\n'), at: performance.now() })
          event = ''
          data = []
        } else if (line.startsWith(':')) continue
        else {
          const colon = line.indexOf(':')
          const field = colon < 0 ? line : line.slice(0, colon)
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
          if (field === 'event') event = value
          else if (field === 'data') data.push(value)
        }
      }
    })
  }

  /** Opens `url` with the bearer token; rejects with the status and body when the answer is not 200. */
  static open(url: string, token: string): Promise<EventStream> {
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } }, (res) => {
        if (res.statusCode !== 200) {
          let body = ''
          res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => reject(new Error(`GET ${url} answered ${res.statusCode}: ${body.slice(0, 300)}`)))
          return
        }
        resolve(new EventStream(req, res))
      })
      req.on('error', reject)
      req.end()
    })
  }

  private push(e: SseEvent): void {
    this.events.push(e)
    for (const w of this.waiters.splice(0)) w()
  }

  /** The first event (already received or coming) that `pred` accepts, within `ms`; else throws listing what came. */
  async waitFor(pred: (e: SseEvent) => boolean, ms: number): Promise<SseEvent> {
    const end = Date.now() + ms
    for (;;) {
      const hit = this.events.find(pred)
      if (hit) return hit
      const left = end - Date.now()
      if (left <= 0) throw new Error(`no matching server-sent event within ${ms} ms; received: ${JSON.stringify(this.events.map((e) => `${e.event} ${e.data}`)).slice(0, 800)}`)
      await new Promise<void>((r) => {
        const t = setTimeout(r, left)
        this.waiters.push(() => { clearTimeout(t); r() })
      })
    }
  }

  close(): void {
    this.req.destroy()
  }
}
