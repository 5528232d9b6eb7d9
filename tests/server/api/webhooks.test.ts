/**
 * Issue 8 item 4, outgoing webhooks: admin-managed subscriptions, a delivery received by a real HTTP
 * server with a signature the test recomputes itself, retries with growing waits when that server
 * answers 503, giving up after the last attempt, event filters, and a delivery interrupted by a stop
 * that the restarted service still makes (the outbox row survives). Runs on both stores.
 */
import { createHmac } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startService, type TestService } from '../../helpers/service.js'
import { until as waitUntil } from '../../helpers/wait.js'
import type { ComplaintStatusEvent } from '../../../server/src/service/events.js'

// Fast retries for the test (handed to build() as its webhook options): 150 ms, 300 ms, 600 ms …
const webhooks = { baseDelayMs: 150, maxDelayMs: 2000, maxAttempts: 4, pollMs: 200, timeoutMs: 3000 }

interface Received { path: string; headers: IncomingHttpHeaders; body: string; at: number }

/** A receiving system: records every request; `answer` decides the status per path and per count. */
class Receiver {
  readonly got: Received[] = []
  private server!: Server
  url = ''
  /** Requests held open, never answered (until the test lets them go). */
  readonly held: (() => void)[] = []
  constructor(private readonly answer: (path: string, n: number) => number | 'hang') {}
  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = ''
      req.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => {
        const path = req.url ?? '/'
        this.got.push({ path, headers: req.headers, body, at: Date.now() })
        const a = this.answer(path, this.got.filter((g) => g.path === path).length)
        if (a === 'hang') this.held.push(() => res.destroy())
        else res.writeHead(a, { 'content-type': 'text/plain' }).end(a < 300 ? 'ok' : 'nope')
      })
    })
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }
  on(path: string) { return this.got.filter((g) => g.path === path) }
  async close(): Promise<void> {
    for (const h of this.held) h()
    this.server.closeAllConnections()
    await new Promise<void>((r) => this.server.close(() => r()))
  }
}

/** The deliveries are asynchronous: wait up to 15 s for them. */
const until = <T>(what: string, f: Parameters<typeof waitUntil<T>>[1], ms = 15_000) => waitUntil<T>(what, f, ms)

/** The receiver's own check, written out without the service's code: HMAC-SHA256 of "timestamp.body". */
const expected = (secret: string, r: Received) => `sha256=${createHmac('sha256', secret).update(`${r.headers['x-tousu-timestamp']}.${r.body}`).digest('hex')}`

let n = 0
const event = (over: Partial<ComplaintStatusEvent> = {}): ComplaintStatusEvent => ({
  complaintId: `C-wh-${++n}`, ticket: `T-${n}`, from: 'received', to: 'diagnosed', action: 'diagnose', by: 'agent1', at: Date.parse('2026-11-23T10:00:00+08:00'), note: null, ...over,
})

/**
 * A status change as the workflow makes one, for the events these tests need: its outbox rows written
 * (the workflow writes them inside its own transaction), then the event after "commit".
 */
async function statusChange(t: TestService, e: ComplaintStatusEvent): Promise<void> {
  await t.app.container.webhooks(t.app.log).queue(e)
  t.service.events.emit('complaintStatus', e)
}

describe('outgoing webhooks', () => {
  let t: TestService
  const rx = new Receiver((path, count) => (path === '/flaky' ? (count <= 2 ? 503 : 200) : path === '/down' ? 500 : path === '/slow' && count === 1 ? 'hang' : 200))
  beforeAll(async () => {
    await rx.start()
    t = await startService({ webhooks })
  })
  afterAll(async () => {
    await t?.close()
    await rx.close()
  })

  const subscribe = async (path: string, body: Record<string, unknown> = {}) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/webhooks', payload: { url: `${rx.url}${path}`, secret: `secret-for-${path}-0123456789`, ...body } })
    expect(res.statusCode, res.body).toBe(201)
    return res.json() as { id: string; secret: string; events: string[] }
  }
  const deliveries = async (id: string) => {
    const res = await t.app.inject({ url: `/api/webhooks/${id}/deliveries` })
    expect(res.statusCode, res.body).toBe(200)
    return res.json() as { id: string; status: string; attempts: number; lastStatus: number | null; lastError: string | null; body: { data: { complaintId: string } } }[]
  }

  it('is managed by admins: a generated secret shown once, never listed; bad input refused naming the field; others refused', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/webhooks', payload: { url: `${rx.url}/crud`, description: '工单系统' } })
    expect(res.statusCode, res.body).toBe(201)
    const hook = res.json()
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/)
    expect(hook.events).toEqual(['complaint.status'])
    const list = (await t.app.inject({ url: '/api/webhooks' })).json() as Record<string, unknown>[]
    const listed = list.find((h) => h.id === hook.id)
    expect(listed).toMatchObject({ url: `${rx.url}/crud`, description: '工单系统', createdBy: 'admin' })
    expect(JSON.stringify(list)).not.toContain(hook.secret)

    for (const [payload, field] of [
      [{ url: 'ftp://example.com/x' }, 'http or https'],
      [{ url: 'not a url at all' }, 'absolute http(s) URL'],
      [{ url: 'http://user:pw@example.com/x' }, 'user name or password'],
      [{ url: `${rx.url}/x`, events: ['complaint.created'] }, 'events'],
      [{ url: `${rx.url}/x`, secret: 'short' }, 'secret'],
    ] as const) {
      const bad = await t.app.inject({ method: 'POST', url: '/api/webhooks', payload })
      expect(bad.statusCode, bad.body).toBe(400)
      expect(bad.json().message).toContain(field)
    }
    expect((await t.app.inject({ url: '/api/webhooks' })).json()).toHaveLength(list.length)

    for (const role of ['agent', 'engineer'] as const) {
      const token = await t.tokenFor(role)
      const denied = await t.app.inject({ method: 'POST', url: '/api/webhooks', headers: { authorization: `Bearer ${token}` }, payload: { url: `${rx.url}/x` } })
      expect(denied.statusCode).toBe(403)
      expect((await t.app.inject({ url: '/api/webhooks', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(403)
    }

    expect((await t.app.inject({ method: 'DELETE', url: `/api/webhooks/${hook.id}` })).statusCode).toBe(204)
    expect((await t.app.inject({ method: 'DELETE', url: `/api/webhooks/${hook.id}` })).statusCode).toBe(404)
    expect((await t.app.inject({ url: `/api/webhooks/${hook.id}/deliveries` })).statusCode).toBe(404)
  })

  it('delivers a status change signed: the receiver recomputes the HMAC of timestamp.body with the secret', async () => {
    const hook = await subscribe('/ok')
    const e = event({ note: '已回复客户' })
    await statusChange(t, e)
    const [r] = await until('the delivery', () => rx.on('/ok'))
    expect(r.headers['x-tousu-signature']).toBe(expected(hook.secret, r))
    expect(expected('another secret', r)).not.toBe(r.headers['x-tousu-signature'])
    expect(r.headers['x-tousu-event']).toBe('complaint.status')
    expect(r.headers['content-type']).toMatch(/^application\/json/)
    expect(Math.abs(Number(r.headers['x-tousu-timestamp']) - Date.now() / 1000)).toBeLessThan(30)
    const body = JSON.parse(r.body)
    expect(body).toEqual({
      id: r.headers['x-tousu-delivery'], event: 'complaint.status', version: 1, createdAt: expect.any(String),
      data: { complaintId: e.complaintId, ticket: e.ticket, from: 'received', to: 'diagnosed', action: 'diagnose', by: 'agent1', at: '2026-11-23T02:00:00.000Z', note: '已回复客户' },
    })
    const [d] = await until('delivered in the list', async () => (await deliveries(hook.id)).filter((x) => x.status === 'delivered'))
    expect(d).toMatchObject({ id: body.id, status: 'delivered', attempts: 1, lastStatus: 200, lastError: null })
    expect(d.body.data.complaintId).toBe(e.complaintId)
  })

  it('retries after 503 with growing waits and records the delivery as delivered at the third attempt', async () => {
    const hook = await subscribe('/flaky')
    const e = event()
    await statusChange(t, e)
    const got = await until('three attempts', () => rx.on('/flaky').length >= 3 && rx.on('/flaky'))
    const [d] = await until('delivered', async () => (await deliveries(hook.id)).filter((x) => x.status === 'delivered'))
    expect(d).toMatchObject({ attempts: 3, lastStatus: 200, lastError: null })
    expect(new Set(got.map((g) => g.headers['x-tousu-delivery']))).toEqual(new Set([d.id]))
    expect(got.map((g) => g.headers['x-tousu-attempt'])).toEqual(['1', '2', '3'])
    // Every attempt is signed afresh (its own timestamp) and each signature checks out.
    for (const g of got) expect(g.headers['x-tousu-signature']).toBe(expected(hook.secret, g))
    // Backoff: ≥ 150 ms before the second attempt, ≥ 300 ms before the third.
    expect(got[1].at - got[0].at).toBeGreaterThanOrEqual(140)
    expect(got[2].at - got[1].at).toBeGreaterThanOrEqual(290)
    await new Promise((r) => setTimeout(r, 400))
    expect(rx.on('/flaky')).toHaveLength(3)
  })

  it('gives up after WEBHOOK_MAX_ATTEMPTS and lists the delivery as failed with the last answer', async () => {
    const hook = await subscribe('/down')
    await statusChange(t, event())
    const [d] = await until('failed', async () => (await deliveries(hook.id)).filter((x) => x.status === 'failed'))
    expect(d).toMatchObject({ attempts: 4, lastStatus: 500, lastError: 'HTTP 500' })
    expect(rx.on('/down')).toHaveLength(4)
    const failed = (await t.app.inject({ url: `/api/webhooks/${hook.id}/deliveries?status=failed` })).json()
    expect(failed.map((x: { id: string }) => x.id)).toEqual([d.id])
    expect((await t.app.inject({ url: `/api/webhooks/${hook.id}/deliveries?status=pending` })).json()).toEqual([])
  })

  it('sends a subscription only the events it asked for', async () => {
    const hook = await subscribe('/closed-only', { events: ['complaint.status:closed'] })
    const open = event({ to: 'dispatched', action: 'dispatch' })
    const closed = event({ from: 'called_back', to: 'closed', action: 'close' })
    await statusChange(t, open)
    await statusChange(t, closed)
    await until('the closed one', () => rx.on('/closed-only'))
    await new Promise((r) => setTimeout(r, 300))
    expect(rx.on('/closed-only').map((r) => JSON.parse(r.body).data.complaintId)).toEqual([closed.complaintId])
    expect((await deliveries(hook.id)).map((d) => d.body.data.complaintId)).toEqual([closed.complaintId])
  })

  it('hears the real workflow: a complaint recorded with a ticket and answered reaches the receiver, every step with the ticket', async () => {
    const hook = await subscribe('/workflow')
    const rec = await t.app.inject({
      method: 'POST', url: '/api/complaints',
      payload: { lon: 113.3269, lat: 23.1381, occurredAt: '2026-11-23T14:10:00+08:00', service: 'voice', phenomenon: 'no_signal', address: '天河直街', ticket: 'CRM-77' },
    })
    expect(rec.statusCode, rec.body).toBe(201)
    const id = rec.json().id as string
    const step = await t.app.inject({ method: 'POST', url: `/api/complaints/${id}/actions`, payload: { action: 'answer' } })
    expect(step.statusCode, step.body).toBe(200)
    // The outbox rows were written in the status changes' own transactions: all there when they answered.
    expect((await deliveries(hook.id)).length).toBe(3)
    const got = await until('three status changes', () => rx.on('/workflow').length >= 3 && rx.on('/workflow'))
    const data = got.map((g) => JSON.parse(g.body).data).sort((x, y) => Date.parse(x.at) - Date.parse(y.at) || (x.from === null ? -1 : 1))
    expect(data.map((d) => [d.from, d.to, d.action])).toEqual([[null, 'received', 'receive'], ['received', 'diagnosed', 'diagnose'], ['diagnosed', 'answered', 'answer']])
    for (const d of data) expect(d).toMatchObject({ complaintId: id, ticket: 'CRM-77' })
    expect(data[2].by).toBe('admin')
    for (const g of got) expect(g.headers['x-tousu-signature']).toBe(expected(`secret-for-/workflow-0123456789`, g))
    expect((await deliveries(hook.id)).every((d) => d.status === 'delivered')).toBe(true)
  })

  it('still delivers a pending outbox row after the service is stopped mid-attempt and started again', async () => {
    const hook = await subscribe('/slow')
    const e = event()
    await statusChange(t, e)
    // The first attempt reaches the receiver, which never answers; the service stops meanwhile.
    const [first] = await until('the first attempt', () => rx.on('/slow'))
    await t.stop()
    const store = t.store
    t = await startService({ store, webhooks })
    const got = await until('the delivery after the restart', () => rx.on('/slow').length >= 2 && rx.on('/slow'))
    expect(got[1].headers['x-tousu-delivery']).toBe(first.headers['x-tousu-delivery'])
    expect(got[1].headers['x-tousu-signature']).toBe(expected(hook.secret, got[1]))
    expect(JSON.parse(got[1].body).data.complaintId).toBe(e.complaintId)
    const [d] = await until('delivered after the restart', async () => (await deliveries(hook.id)).filter((x) => x.status === 'delivered'))
    // The interrupted attempt was given back, not counted as failed.
    expect(d).toMatchObject({ id: first.headers['x-tousu-delivery'], lastStatus: 200, attempts: 1 })
  })
})
