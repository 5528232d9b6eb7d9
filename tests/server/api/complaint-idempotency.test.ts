/**
 * Idempotent recording: POST /api/complaints with an Idempotency-Key stores a complaint once per user
 * and key — a repeat (also one arriving at the same moment) answers the stored complaint, another body
 * with the same key is a conflict — and machine-readable validation errors (details.field and rule).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startService, type TestService } from '../../helpers/service.js'

let t: TestService
let agent: { authorization: string }
beforeAll(async () => {
  t = await startService()
  const sites = 'id,name,tech,type,lon,lat\nS1,白马花园,4G,宏站,113.3300,23.1350\n'
  expect((await t.app.inject({ method: 'POST', url: '/api/import/sites', headers: { 'content-type': 'text/csv' }, payload: sites })).statusCode).toBe(200)
  agent = { authorization: `Bearer ${await t.tokenFor('agent', 'idem-agent')}` }
})
afterAll(async () => { await t.close() })

const base = { lon: 113.3302, lat: 23.1351, occurredAt: '2026-11-20T10:00:00+08:00', service: 'voice', phenomenon: '信号弱/不稳定', address: '天河直街8号', number: '13912345678' }
const post = (key: string | null, body: object, headers: Record<string, string> = agent) =>
  t.app.inject({ method: 'POST', url: '/api/complaints', headers: key == null ? headers : { ...headers, 'idempotency-key': key }, payload: body })
const count = async () => Number((await t.service.store.db.one('SELECT count(*) AS n FROM complaints')).n)
const rowsWithKey = async (key: string) => Number((await t.service.store.db.one('SELECT count(*) AS n FROM complaint_idempotency WHERE key = $1', [key])).n)

describe('Idempotency-Key on POST /api/complaints', () => {
  it('stores the first request (201) and answers a repeat with the stored complaint (200, Idempotent-Replayed), storing nothing', async () => {
    const before = await count()
    const first = await post('key-first-0001', base)
    expect(first.statusCode).toBe(201)
    expect(first.headers['idempotent-replayed']).toBeUndefined()
    const again = await post('key-first-0001', base)
    expect(again.statusCode).toBe(200)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.json().id).toBe(first.json().id)
    expect(again.json()).toMatchObject({ number: '139****5678', address: '天河直街8号', status: first.json().status })
    expect(await count()).toBe(before + 1)
    // The same body with its keys in another order is the same body.
    const reordered = Object.fromEntries(Object.entries(base).reverse())
    const third = await post('key-first-0001', reordered)
    expect(third.statusCode).toBe(200)
    expect(third.json().id).toBe(first.json().id)
    expect(await count()).toBe(before + 1)
  })

  it('two requests with one key at the same moment (a double click) store exactly one complaint', async () => {
    const before = await count()
    const [a, b] = await Promise.all([post('double-click-1', base), post('double-click-1', base)])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201])
    expect(a.json().id).toBe(b.json().id)
    expect(await count()).toBe(before + 1)
    expect(await rowsWithKey('double-click-1')).toBe(1)
    const replayed = [a, b].find((r) => r.statusCode === 200)!
    expect(replayed.headers['idempotent-replayed']).toBe('true')
    // The stored complaint has one workflow and one receive step, not two.
    const { history } = (await t.app.inject({ url: `/api/complaints/${a.json().id}/history` })).json()
    expect(history.filter((h: { action: string }) => h.action === 'receive')).toHaveLength(1)
  })

  it('many concurrent requests with one key still store one complaint', async () => {
    const before = await count()
    const replies = await Promise.all(Array.from({ length: 6 }, () => post('burst-key-0001', base)))
    expect(replies.filter((r) => r.statusCode === 201)).toHaveLength(1)
    expect(replies.filter((r) => r.statusCode === 200)).toHaveLength(5)
    expect(new Set(replies.map((r) => r.json().id)).size).toBe(1)
    expect(await count()).toBe(before + 1)
  })

  it('the same key with a different body is a 409 CONFLICT naming the stored complaint', async () => {
    const first = await post('key-conflict-1', base)
    expect(first.statusCode).toBe(201)
    const before = await count()
    const other = await post('key-conflict-1', { ...base, address: '体育东路1号' })
    expect(other.statusCode).toBe(409)
    expect(other.json()).toMatchObject({ code: 'CONFLICT', details: { reason: 'idempotency_key_reused', id: first.json().id } })
    expect(other.json().message).toMatch(/Idempotency-Key/)
    expect(await count()).toBe(before)
  })

  it('keys are per user: another user with the same key records a complaint of its own', async () => {
    const other = { authorization: `Bearer ${await t.tokenFor('agent', 'idem-agent-2')}` }
    const a = await post('shared-key-01', base)
    const b = await post('shared-key-01', base, other)
    expect(a.statusCode).toBe(201)
    expect(b.statusCode).toBe(201)
    expect(b.json().id).not.toBe(a.json().id)
  })

  it('without a key every request stores a complaint, as before', async () => {
    const before = await count()
    expect((await post(null, base)).statusCode).toBe(201)
    expect((await post(null, base)).statusCode).toBe(201)
    expect(await count()).toBe(before + 2)
  })

  it('a malformed key is 400 VALIDATION naming the header, and nothing is stored', async () => {
    const before = await count()
    for (const key of ['short', 'has space in it', 'bad/char/here', 'x'.repeat(129), '']) {
      const res = await post(key, base)
      expect(res.statusCode, key).toBe(400)
      expect(res.json()).toMatchObject({ code: 'VALIDATION', details: { field: 'idempotency-key', in: 'headers' } })
      expect(res.json().message).toMatch(/idempotency-key/)
    }
    expect((await post('short', base)).json().details.rule).toBe('minLength')
    expect((await post('x'.repeat(129), base)).json().details.rule).toBe('maxLength')
    expect((await post('bad/char/here', base)).json().details.rule).toBe('pattern')
    expect(await count()).toBe(before)
  })

  it('documents the header and the replay in OpenAPI', async () => {
    const spec = (await t.app.inject({ url: '/docs/json' })).json()
    const op = spec.paths['/api/complaints'].post
    const header = op.parameters.find((p: { in: string; name: string }) => p.in === 'header' && p.name === 'idempotency-key')
    expect(header).toBeDefined()
    expect(header.schema).toMatchObject({ minLength: 8, maxLength: 128 })
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '201', '409']))
  })
})

describe('validation errors name the field and the rule', () => {
  it('body: pattern, required, type, enum, additional property', async () => {
    const bad = async (body: object) => (await post(null, body)).json()
    expect(await bad({ ...base, number: 'abc' })).toMatchObject({ code: 'VALIDATION', details: { field: 'number', rule: 'pattern', in: 'body' } })
    const { occurredAt: _, ...noTime } = base
    expect(await bad(noTime)).toMatchObject({ details: { field: 'occurredAt', rule: 'required' } })
    expect(await bad({ ...base, lon: 'east' })).toMatchObject({ details: { field: 'lon', rule: 'type' } })
    expect(await bad({ ...base, cause: 'gremlins' })).toMatchObject({ details: { field: 'cause' } })
    expect(await bad({ ...base, colour: 'red' })).toMatchObject({ details: { field: 'colour', rule: 'additionalProperties' } })
    // The English message stays what it was.
    expect((await bad({ ...base, number: 'abc' })).message).toMatch(/number/)
  })

  it('query: minimum and the checks the routes make themselves (times, phenomenon, from after to)', async () => {
    expect((await t.app.inject({ url: '/api/complaints?limit=0', headers: agent })).json()).toMatchObject({ details: { field: 'limit', rule: 'minimum', in: 'querystring' } })
    const time = (await post(null, { ...base, occurredAt: 'yesterday-ish' })).json()
    expect(time).toMatchObject({ code: 'VALIDATION', details: { field: 'occurredAt', rule: 'format' } })
    expect(time.message).toMatch(/^occurredAt: expected an ISO 8601 time/)
    expect((await post(null, { ...base, phenomenon: '闹鬼' })).json()).toMatchObject({ details: { field: 'phenomenon', rule: 'enum' } })
    expect((await post(null, { ...base, reportedAt: 'not a time at all' })).json()).toMatchObject({ details: { field: 'reportedAt' } })
    const order = await t.app.inject({ url: '/api/complaints/export?from=2026-11-20&to=2026-11-19', headers: { authorization: `Bearer ${await t.tokenFor('engineer')}` } })
    expect(order.json()).toMatchObject({ code: 'VALIDATION', message: 'from must not be after to', details: { field: 'from' } })
  })

  it('workflow steps name the missing field', async () => {
    const id = (await post(null, base)).json().id
    const engineer = { authorization: `Bearer ${await t.tokenFor('engineer')}` }
    const res = await t.app.inject({ method: 'POST', url: `/api/complaints/${id}/actions`, headers: engineer, payload: { action: 'dispatch' } })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'VALIDATION', details: { field: 'team', rule: 'required' } })
  })
})
