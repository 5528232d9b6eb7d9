/**
 * GET /api/complaints/lookup: finding a complaint for a call-back by its id (or a prefix), the
 * operator's ticket, the customer's number (whole, with +86, or the last four digits) or a part of
 * the address; id and ticket matches first, numbers masked for agents, the limit clamped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startService, type TestService } from '../../helpers/service.js'

let t: TestService
let agent: { authorization: string }
let engineer: { authorization: string }
const ids: Record<string, string> = {}

const base = { lon: 113.3302, lat: 23.1351, service: 'voice', phenomenon: '信号弱/不稳定' }
const record = async (body: object) => {
  const res = await t.app.inject({ method: 'POST', url: '/api/complaints', payload: { ...base, ...body } })
  expect(res.statusCode).toBe(201)
  return res.json().id as string
}
type Item = { id: string; match: string; number: string | null; ticket: string | null; status: string | null; statusLabel: string | null }
const lookup = async (q: string, headers: Record<string, string> = agent, extra = '') => {
  const res = await t.app.inject({ url: `/api/complaints/lookup?q=${encodeURIComponent(q)}${extra}`, headers })
  expect(res.statusCode, res.body).toBe(200)
  return res.json().items as Item[]
}

beforeAll(async () => {
  t = await startService()
  const sites = 'id,name,tech,type,lon,lat\nS1,白马花园,4G,宏站,113.3300,23.1350\n'
  expect((await t.app.inject({ method: 'POST', url: '/api/import/sites', headers: { 'content-type': 'text/csv' }, payload: sites })).statusCode).toBe(200)
  agent = { authorization: `Bearer ${await t.tokenFor('agent')}` }
  engineer = { authorization: `Bearer ${await t.tokenFor('engineer')}` }
  // A generated id (C<date>-<8 hex>), oldest first so "newest first" is checkable.
  ids.generated = await record({ occurredAt: '2026-11-20T10:00:00+08:00', reportedAt: '2026-11-20T10:05:00+08:00', address: '天河区体育东路112号', number: '13912345678' })
  ids.ticketed = await record({ id: 'T-ONE', occurredAt: '2026-11-21T10:00:00+08:00', reportedAt: '2026-11-21T10:05:00+08:00', address: '天河直街8号', number: '+86 137-0000-1111', ticket: 'GD-2026-000123' })
  ids.sameTail = await record({ id: 'TAIL-2', occurredAt: '2026-11-22T10:00:00+08:00', reportedAt: '2026-11-22T10:05:00+08:00', address: '体育西路3号', number: '13600005678' })
  ids.noNumber = await record({ id: 'NONUM-3', occurredAt: '2026-11-23T10:00:00+08:00', reportedAt: '2026-11-23T10:05:00+08:00', address: 'Tianhe Road 5' })
})
afterAll(async () => { await t.close() })

describe('GET /api/complaints/lookup', () => {
  it('finds a complaint by its whole id, case-insensitive and with or without the hyphen', async () => {
    expect(ids.generated).toMatch(/^C\d{8}-[0-9a-f]{8}$/)
    for (const q of [ids.generated, ids.generated.toLowerCase(), ` ${ids.generated.replace('-', '')} `]) {
      const items = await lookup(q)
      expect(items.map((i) => i.id), q).toEqual([ids.generated])
      expect(items[0].match).toBe('id')
    }
    expect((await lookup('t-one'))[0]).toMatchObject({ id: 'T-ONE', match: 'id' })
  })

  it('finds complaints by an id prefix of at least 9 characters, not shorter', async () => {
    const prefix = ids.generated.slice(0, 9) // C + the date
    expect((await lookup(prefix)).map((i) => i.id)).toContain(ids.generated)
    expect((await lookup(ids.generated.slice(0, 12))).map((i) => i.id)).toEqual([ids.generated])
    expect((await lookup(ids.generated.slice(0, 5))).map((i) => i.id)).not.toContain(ids.generated)
  })

  it('finds a complaint by the operator\'s ticket, exact or by prefix', async () => {
    expect(await lookup('GD-2026-000123')).toMatchObject([{ id: 'T-ONE', match: 'ticket', ticket: 'GD-2026-000123' }])
    expect(await lookup('gd2026000123')).toMatchObject([{ id: 'T-ONE', match: 'ticket' }])
    expect(await lookup('GD-2026')).toMatchObject([{ id: 'T-ONE', match: 'ticket' }])
  })

  it('finds a complaint by the whole number: digits, with spaces and hyphens, with +86 or 86', async () => {
    for (const q of ['13912345678', '139 1234 5678', '139-1234-5678', '+8613912345678', '+86 139 1234 5678', '8613912345678']) {
      expect(await lookup(q), q).toMatchObject([{ id: ids.generated, match: 'number' }])
    }
    // Stored with +86 and separators, found by the bare number and the other way round.
    expect(await lookup('13700001111')).toMatchObject([{ id: 'T-ONE', match: 'number' }])
    // A part of a number is not a number.
    expect(await lookup('1391234')).toEqual([])
  })

  it('finds complaints by the last four digits of the number, newest first', async () => {
    const items = await lookup('5678')
    expect(items.map((i) => i.id)).toEqual(['TAIL-2', ids.generated])
    expect(items.every((i) => i.match === 'number_tail')).toBe(true)
  })

  it('finds complaints by a part of the address, case-insensitive, newest first', async () => {
    expect((await lookup('体育')).map((i) => i.id)).toEqual(['TAIL-2', ids.generated])
    expect(await lookup('体育东路')).toMatchObject([{ id: ids.generated, match: 'address' }])
    expect(await lookup('tianhe road')).toMatchObject([{ id: 'NONUM-3', match: 'address', number: null }])
    // One character or digits only: not an address query.
    expect(await lookup('体')).toEqual([])
    expect(await lookup('112')).toEqual([])
  })

  it('puts id and ticket matches before the others', async () => {
    const tail = await record({ id: 'TAILTEST-1', occurredAt: '2026-11-10T10:00:00+08:00', reportedAt: '2026-11-10T10:05:00+08:00', address: '某处' })
    // "TAILTEST-1" by id, and a newer complaint whose address holds the same text.
    await record({ id: 'ADDR-NEWER', occurredAt: '2026-11-25T10:00:00+08:00', reportedAt: '2026-11-25T10:05:00+08:00', address: '门牌 tailtest-1 旁' })
    const items = await lookup('tailtest-1')
    expect(items.map((i) => [i.id, i.match])).toEqual([[tail, 'id'], ['ADDR-NEWER', 'address']])
  })

  it('answers the exact item shape; numbers masked for an agent, whole for an engineer', async () => {
    const [a] = await lookup(ids.generated)
    expect(Object.keys(a).sort()).toEqual(['address', 'cause', 'id', 'lat', 'lon', 'match', 'number', 'occurredAt', 'phenomenon', 'reportedAt', 'service', 'status', 'statusLabel', 'suggestedCause', 'ticket'].sort())
    expect(a).toMatchObject({ number: '139****5678', address: '天河区体育东路112号', occurredAt: '2026-11-20T02:00:00.000Z', reportedAt: '2026-11-20T02:05:00.000Z', ticket: null, status: 'diagnosed', statusLabel: '已分析', phenomenon: 'weak_signal' })
    const [e] = await lookup(ids.generated, engineer)
    expect(e.number).toBe('13912345678')
    expect((await lookup('5678')).map((i) => i.number)).toEqual(['136****5678', '139****5678'])
  })

  it('clamps the limit to 50 (default 10) and refuses bad queries', async () => {
    for (let i = 0; i < 55; i++) await record({ id: `BULK-${String(i).padStart(2, '0')}`, occurredAt: '2026-11-01T10:00:00+08:00', address: `批量路${i}号` })
    expect(await lookup('批量路')).toHaveLength(10)
    expect(await lookup('批量路', agent, '&limit=3')).toHaveLength(3)
    expect(await lookup('批量路', agent, '&limit=500')).toHaveLength(50)
    const empty = await t.app.inject({ url: '/api/complaints/lookup?q=', headers: agent })
    expect(empty.statusCode).toBe(400)
    expect(empty.json()).toMatchObject({ code: 'VALIDATION', details: { field: 'q', rule: 'minLength', in: 'querystring' } })
    const missing = await t.app.inject({ url: '/api/complaints/lookup', headers: agent })
    expect(missing.json()).toMatchObject({ code: 'VALIDATION', details: { field: 'q', rule: 'required' } })
    expect((await t.app.inject({ url: '/api/complaints/lookup?q=abc&limit=0', headers: agent })).json()).toMatchObject({ details: { field: 'limit', rule: 'minimum' } })
  })

  it('needs a user who may read complaints', async () => {
    expect((await t.app.inject({ url: '/api/complaints/lookup?q=5678', headers: { authorization: '' } })).statusCode).toBe(401)
  })
})
