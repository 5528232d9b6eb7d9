/**
 * Load through the balancer while the tests break instances: N concurrent clients, each sending one
 * request after another, recording every answer. Nothing retries on the client side: whatever fails
 * here is what a real client would have seen (the balancer's retries are the point of the tests).
 *
 * Writes are complaints (POST /api/complaints) with a unique Idempotency-Key each: the service stores
 * one complaint per user and key and replays it on a repeat, so the balancer may safely resend a
 * write whose first attempt died with an instance.
 */
import { randomBytes } from 'node:crypto'
import type { Api } from './client.js'

/** A request that was answered 2xx. */
export interface Success {
  kind: string
  status: number
  ms: number
  /** The complaint's id (writes). */
  id?: string
  /** The answer was a replay of an earlier attempt with the same key (Idempotent-Replayed: true). */
  replayed?: boolean
}

/** A request answered with anything but 2xx, or not answered at all. */
export interface Failure {
  kind: string
  /** Milliseconds since the load started. */
  at: number
  status?: number
  error?: string
  body?: string
  key?: string
}

export interface LoadResult {
  ok: Success[]
  failures: Failure[]
  durationMs: number
  /** Requests per second over the whole run. */
  rate: number
}

/** One request of a load client: what kind it was and what came back. */
type Task = (client: number, n: number) => Promise<{ kind: string; status: number; ms: number; id?: string; replayed?: boolean; body?: string; key?: string }>

/** A running load; stop() ends every client after its current request and returns everything recorded. */
export class Load {
  private stopped = false
  private readonly ok: Success[] = []
  private readonly failures: Failure[] = []
  private readonly t0 = performance.now()
  private readonly done: Promise<void>[]

  constructor(clients: number, private readonly task: Task) {
    this.done = Array.from({ length: clients }, (_, c) => this.client(c))
  }

  private async client(c: number): Promise<void> {
    for (let n = 0; !this.stopped; n++) {
      try {
        const r = await this.task(c, n)
        if (r.status >= 200 && r.status < 300) this.ok.push({ kind: r.kind, status: r.status, ms: r.ms, id: r.id, replayed: r.replayed })
        else this.failures.push({ kind: r.kind, at: this.elapsed(), status: r.status, body: r.body?.slice(0, 300), key: r.key })
      } catch (err) {
        this.failures.push({ kind: 'request', at: this.elapsed(), error: `${(err as Error).message}${(err as Error).cause ? ` (${String((err as Error).cause)})` : ''}` })
      }
    }
  }

  private elapsed(): number {
    return Math.round(performance.now() - this.t0)
  }

  /** Answers so far (for waiting until the load is under way). */
  get count(): number {
    return this.ok.length + this.failures.length
  }

  async stop(): Promise<LoadResult> {
    this.stopped = true
    await Promise.all(this.done)
    const durationMs = performance.now() - this.t0
    return { ok: this.ok, failures: this.failures, durationMs, rate: ((this.ok.length + this.failures.length) * 1000) / durationMs }
  }
}

/** A place for load complaints: away from the demo district's sites, so they change no diagnosis the other tests look at. */
const LOAD_AREA = { lon: 113.05, lat: 22.6 }

/** A complaint body for the write load; each client writes in its own small square. */
export function complaintBody(client: number, n: number) {
  return {
    lon: LOAD_AREA.lon + (client % 10) * 0.01 + (n % 50) * 0.0001,
    lat: LOAD_AREA.lat + Math.floor(client / 10) * 0.01,
    occurredAt: new Date(Date.now() - 20 * 60_000).toISOString(),
    service: 'voice',
    phenomenon: 'no_signal',
    address: `集群测试路${client}号`,
    description: `load ${client}/${n}`,
  }
}

/** The write task: one complaint with its own Idempotency-Key (8–128 of A-Za-z0-9_-). */
export function writeTask(api: Api): Task {
  const run = randomBytes(4).toString('hex')
  return async (c, n) => {
    const key = `load-${run}-${c}-${n}`
    const r = await api.post('/api/complaints', complaintBody(c, n), { headers: { 'idempotency-key': key } })
    const ok = r.status >= 200 && r.status < 300
    return { kind: 'write', status: r.status, ms: r.ms, id: ok ? (r.body as { id: string }).id : undefined, replayed: r.headers.get('idempotent-replayed') === 'true', body: ok ? undefined : r.text, key }
  }
}

/** Reads an agent's screen makes: sites in view, a diagnosis, a search (in turn). */
export function readTask(api: Api, point: { lon: number; lat: number }): Task {
  const bbox = `${point.lon - 0.01},${point.lat - 0.01},${point.lon + 0.01},${point.lat + 0.01}`
  return async (c, n) => {
    const which = (c + n) % 3
    const r = which === 0
      ? await api.get(`/api/sites?bbox=${bbox}`)
      : which === 1
        ? await api.post('/api/diagnose', { lon: point.lon, lat: point.lat, occurredAt: new Date(Date.now() - 10 * 60_000).toISOString(), service: 'voice', phenomenon: 'no_signal' })
        : await api.get(`/api/search?q=${encodeURIComponent('天河')}&limit=5`)
    const kind = ['sites', 'diagnose', 'search'][which]
    return { kind, status: r.status, ms: r.ms, body: r.status >= 300 ? r.text : undefined }
  }
}

/** Every kind in turn: writes on even clients, reads on odd ones. */
export function mixedTask(write: Task, read: Task): Task {
  return (c, n) => (c % 2 === 0 ? write(c, n) : read(c, n))
}

/** p-th percentile (0–100) of the values, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]
}
