/**
 * The complaint's workflow through the real service (issue 8): every step from every status (legal
 * and illegal, over HTTP), history, permissions, status events, repeat linking and overdue detection
 * with a fake clock — never a sleep.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startService, type TestService } from '../../helpers/service.js'
import type { ComplaintStatusEvent } from '../../../server/src/service/events.js'
import { STATUSES } from '../../../server/src/workflow/states.js'
import { LEGAL } from '../workflow/legal.js'

const H = 3600_000
const MIN = 60_000
const T0 = Date.parse('2026-11-20T09:00:00+08:00')
let clock = T0
const iso = (t: number) => new Date(t).toISOString()

let t: TestService
const events: ComplaintStatusEvent[] = []
beforeAll(async () => {
  t = await startService()
  t.service.setClock(() => clock)
  t.service.events.on('complaintStatus', (e) => events.push(e))
  const post = (url: string, payload: string | object, type = 'application/json') => t.app.inject({ method: 'POST', url, headers: { 'content-type': type }, payload })
  expect((await post('/api/import/sites', 'id,name,tech,type,lon,lat\nS1,白马花园,4G,宏站,113.3300,23.1350\n', 'text/csv')).statusCode).toBe(200)
  // A blind spot around one corner: a complaint there is answered by the agent at once (自行处理).
  const blind = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'B1', kind: 'blind', description: '地下车库', reason: '物业难点', remedy: '规划室分', status: '规划中' },
    geometry: { type: 'Polygon', coordinates: [[[113.50, 23.50], [113.51, 23.50], [113.51, 23.51], [113.50, 23.51], [113.50, 23.50]]] } }] }
  expect((await post('/api/import/blind-spots', blind)).statusCode).toBe(200)
})
afterAll(async () => { await t.close() })

let n = 0
/** A new complaint far from every other (no repeat links), recorded at the clock's now; returns the reply. */
async function record(extra: object = {}, headers: Record<string, string> = {}) {
  n++
  const body = { lon: 113.0 + n * 0.02, lat: 22.0 + n * 0.02, occurredAt: iso(clock - 30 * MIN), service: 'voice', phenomenon: 'no_signal', address: `测试路${n}号`, ...extra }
  const res = await t.app.inject({ method: 'POST', url: '/api/complaints', headers, payload: body })
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}
const act = (id: string, body: object, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url: `/api/complaints/${id}/actions`, headers, payload: body })
async function step(id: string, body: object) {
  const res = await act(id, body)
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

/** A valid body for each step (the fields each needs). */
const BODIES: Record<string, object> = {
  answer: { action: 'answer', note: '经过核实,已处理。' },
  dispatch: { action: 'dispatch', team: '天河分公司', specialty: '无线网优' },
  field_test: { action: 'field_test', note: '现场测试:室内弱覆盖', cause: 'weak_coverage' },
  call_back: { action: 'call_back', satisfied: true },
  close: { action: 'close' },
  reopen: { action: 'reopen', note: '客户再次来电' },
}
const ACTIONS = Object.keys(BODIES)

/** Brings a new complaint to a status along a legal path. */
async function complaintIn(status: string): Promise<string> {
  const { id } = await record()
  const path: Record<string, string[]> = {
    diagnosed: [], answered: ['answer'], dispatched: ['dispatch'], field_tested: ['dispatch', 'field_test'],
    called_back: ['answer', 'call_back'], closed: ['answer', 'close'], reopened: ['answer', 'close', 'reopen'],
  }
  for (const a of path[status]) await step(id, BODIES[a])
  return id
}

describe('workflow steps', () => {
  it('a recorded complaint starts received → diagnosed, with its history and events', async () => {
    events.length = 0
    const c = await record({ ticket: 'GD-2026-0001' })
    expect(c).toMatchObject({ status: 'diagnosed', statusLabel: '已分析', ticket: 'GD-2026-0001', overdue: false, breaches: [], repeatOf: null })
    expect(c.allowedActions.sort()).toEqual(['answer', 'dispatch'])
    const h = (await t.app.inject({ url: `/api/complaints/${c.id}/history` })).json()
    expect(h.status).toBe('diagnosed')
    expect(h.history.map((e: { action: string; from: string | null; to: string }) => [e.action, e.from, e.to])).toEqual([['receive', null, 'received'], ['diagnose', 'received', 'diagnosed']])
    expect(h.history[0].by).toBe('admin')
    expect(events.map((e) => [e.complaintId, e.ticket, e.from, e.to, e.action])).toEqual([
      [c.id, 'GD-2026-0001', null, 'received', 'receive'], [c.id, 'GD-2026-0001', 'received', 'diagnosed', 'diagnose'],
    ])
  })

  it('a complaint settled by the agent with a 自行处理 cause is answered at once; one needing a field test is not', async () => {
    const blind = await record({ lon: 113.505, lat: 23.505, cause: 'blind_spot' })
    expect(blind.disposition).toBe('self')
    expect(blind.status).toBe('answered')
    const h = (await t.app.inject({ url: `/api/complaints/${blind.id}/history` })).json()
    expect(h.history.map((e: { action: string }) => e.action)).toEqual(['receive', 'diagnose', 'answer'])
    expect(h.history[2].note).toBe(blind.answer)
    const open = await record({ cause: 'unknown' })
    expect(open.disposition).toBe('field_test')
    expect(open.status).toBe('diagnosed')
  })

  // Every status a recorded complaint can reach (it is already past received).
  for (const status of STATUSES.filter((s) => s !== 'received')) {
    it(`from ${status}: every step either moves to the right status or is refused with 409`, async () => {
      for (const action of ACTIONS) {
        const id = await complaintIn(status)
        const before = (await t.app.inject({ url: `/api/complaints/${id}/history` })).json().history.length
        const res = await act(id, BODIES[action])
        const after = (await t.app.inject({ url: `/api/complaints/${id}/history` })).json()
        if (LEGAL[status][action]) {
          expect(res.statusCode, `${status} + ${action}: ${res.body}`).toBe(200)
          expect(res.json().complaint.status).toBe(LEGAL[status][action])
          expect(res.json().step).toMatchObject({ action, from: status, to: LEGAL[status][action], by: 'admin', at: iso(clock) })
          expect(after.history).toHaveLength(before + 1)
        } else {
          expect(res.statusCode, `${status} + ${action}`).toBe(409)
          const m = res.json().message as string
          expect(m).toContain(`(${status})`)
          expect(m).toContain(`(${action})`)
          for (const ok of Object.keys(LEGAL[status])) expect(m).toContain(`(${ok})`)
          expect(after.history).toHaveLength(before)
          expect(after.status).toBe(status)
        }
      }
    })
  }

  it('close after an unsatisfied call-back is refused: reopen', async () => {
    const id = await complaintIn('answered')
    await step(id, { action: 'call_back', satisfied: false, note: '客户表示仍无信号' })
    const res = await act(id, BODIES.close)
    expect(res.statusCode).toBe(409)
    expect(res.json().message).toMatch(/not satisfied.*reopen/)
    expect((await t.app.inject({ url: `/api/complaints/${id}` })).json().allowedActions).toEqual(['reopen'])
    expect((await step(id, BODIES.reopen)).complaint).toMatchObject({ status: 'reopened', satisfied: null })
  })

  it('a step missing what it needs is refused with 400 naming it, nothing changed', async () => {
    const d = await complaintIn('diagnosed')
    expect((await act(d, { action: 'dispatch' })).json().message).toMatch(/team/)
    expect((await act(d, { action: 'dispatch', team: 'x', specialty: '市场部' })).statusCode).toBe(400)
    const f = await complaintIn('dispatched')
    const noCause = await act(f, { action: 'field_test', note: '已测试' })
    expect(noCause.statusCode).toBe(400)
    expect(noCause.json().message).toMatch(/cause/)
    expect((await act(f, { action: 'field_test', cause: 'site_fault' })).json().message).toMatch(/note/)
    const a = await complaintIn('answered')
    expect((await act(a, { action: 'call_back' })).json().message).toMatch(/satisfied/)
    expect((await act(a, { action: 'fly' })).statusCode).toBe(400)
    expect((await act('NOPE', BODIES.answer)).statusCode).toBe(404)
    for (const id of [d, f]) expect((await t.app.inject({ url: `/api/complaints/${id}/history` })).json().history).toHaveLength(2 + (id === f ? 1 : 0))
  })

  it('the field test settles the final cause; dispatch records team and 专业; the ticket rides on every event', async () => {
    events.length = 0
    const c = await record({ ticket: 'GD-77' })
    const d = await step(c.id, BODIES.dispatch)
    expect(d.complaint).toMatchObject({ status: 'dispatched', team: '天河分公司', teamSpecialty: '无线网优' })
    expect(d.step.data).toEqual({ team: '天河分公司', specialty: '无线网优' })
    const f = await step(c.id, { action: 'field_test', note: '现场测试:基站硬件故障', cause: 'site_fault' })
    expect(f.complaint.cause).toBe('site_fault')
    expect((await t.app.inject({ url: `/api/complaints/${c.id}` })).json().cause).toBe('site_fault')
    expect(events.filter((e) => e.complaintId === c.id).map((e) => [e.action, e.to, e.ticket, e.by])).toEqual([
      ['receive', 'received', 'GD-77', 'admin'], ['diagnose', 'diagnosed', 'GD-77', 'admin'],
      ['dispatch', 'dispatched', 'GD-77', 'admin'], ['field_test', 'field_tested', 'GD-77', 'admin'],
    ])
    expect(events.at(-1)!.note).toBe('现场测试:基站硬件故障')
  })

  it('a field test or a close settles the cause, a reopen unsettles it: in the store and in the index diagnoses read', async () => {
    const settled = async (id: string) => {
      const stored = (await t.service.store.getComplaint(id))!.settled
      expect(t.service.index.complaint(id)?.settled, `index of ${id}`).toBe(stored)
      return stored
    }
    // Recorded and answered at once with the suggestion: not settled.
    const a = await record({ lon: 113.505, lat: 23.505, cause: 'blind_spot' })
    expect(a.status).toBe('answered')
    expect(await settled(a.id)).toBe(false)
    await step(a.id, BODIES.close)
    expect(await settled(a.id)).toBe(true)
    await step(a.id, BODIES.reopen)
    expect(await settled(a.id)).toBe(false)
    await step(a.id, BODIES.answer)
    expect(await settled(a.id)).toBe(false)
    // Dispatched, then field-tested: settled with the cause found.
    const f = await record()
    expect(await settled(f.id)).toBe(false)
    await step(f.id, BODIES.dispatch)
    expect(await settled(f.id)).toBe(false)
    await step(f.id, BODIES.field_test)
    expect(await settled(f.id)).toBe(true)
    expect(t.service.index.complaint(f.id)?.cause).toBe('weak_coverage')
    // Recording the same complaint again keeps what its workflow made it.
    const again = await t.app.inject({ method: 'POST', url: '/api/complaints', payload: { id: f.id, lon: f.lon, lat: f.lat, occurredAt: iso(clock - 30 * MIN), service: 'voice', phenomenon: 'no_signal' } })
    expect(again.statusCode, again.body).toBeLessThan(300)
    expect(await settled(f.id)).toBe(true)
  })

  it('agents answer, call back and close; only engineers dispatch and enter field tests', async () => {
    const agent = { authorization: `Bearer ${await t.tokenFor('agent', 'agent-wf')}` }
    const engineer = { authorization: `Bearer ${await t.tokenFor('engineer', 'eng-wf')}` }
    const id = await complaintIn('diagnosed')
    const refused = await act(id, BODIES.dispatch, agent)
    expect(refused.statusCode).toBe(403)
    expect(refused.json().message).toMatch(/complaint:dispatch/)
    expect((await act(id, BODIES.dispatch, engineer)).json().step.by).toBe('eng-wf')
    expect((await act(id, BODIES.field_test, agent)).statusCode).toBe(403)
    expect((await act(id, BODIES.field_test, engineer)).statusCode).toBe(200)
    for (const a of ['answer', 'call_back', 'close']) expect((await act(id, BODIES[a], agent)).statusCode).toBe(200)
    const h = (await t.app.inject({ url: `/api/complaints/${id}/history`, headers: agent })).json()
    expect(h.history.map((e: { by: string }) => e.by).slice(2)).toEqual(['eng-wf', 'eng-wf', 'agent-wf', 'agent-wf', 'agent-wf'])
    expect(h.statusLabel).toBe('已结单')
  })
})

describe('repeat complaints (重复投诉)', () => {
  const at = (lon: number, lat: number, reportedAt: number, extra: object = {}) => {
    clock = reportedAt
    return record({ lon, lat, reportedAt: iso(reportedAt), occurredAt: iso(reportedAt - 10 * MIN), ...extra })
  }
  afterAll(() => { clock = T0 })

  it('links a complaint from the same number within 30 days to the first one', async () => {
    const base = T0 + 1000 * H
    const a = await at(114.0, 22.0, base, { number: '13800001111' })
    const b = await at(114.3, 22.3, base + 10 * 24 * H, { number: '138 0000 1111' })
    expect(a.repeatOf).toBeNull()
    expect(b.repeatOf).toBe(a.id)
    // 31 days after b: outside the window of both.
    const c = await at(114.6, 22.6, base + 41 * 24 * H, { number: '13800001111' })
    expect(c.repeatOf).toBeNull()
    const other = await at(114.9, 22.9, base + 11 * 24 * H, { number: '13800002222' })
    expect(other.repeatOf).toBeNull()
  })

  it('links a complaint within 500 m and 72 h of one with the same phenomenon group, to the first of the chain', async () => {
    const base = T0 + 3000 * H
    const d = await at(115.0, 23.0, base, { phenomenon: 'no_signal' })
    const e = await at(115.002, 23.0, base + 5 * H, { phenomenon: 'weak_signal' }) // ~205 m, same group (覆盖类)
    const f = await at(115.001, 23.001, base + 6 * H, { phenomenon: 'slow_data' }) // another group
    const g = await at(115.008, 23.0, base + 7 * H, { phenomenon: 'no_signal' }) // ~820 m from d, ~615 m from e
    const i = await at(115.003, 23.0, base + 10 * H, { phenomenon: 'cannot_connect' }) // near e (~100 m) and d (~307 m): first of the chain is d
    const late = await at(115.0005, 23.0, base + 83 * H, { phenomenon: 'no_signal' }) // d, e, g, i all older than 72 h (i: 73 h)
    expect([d.repeatOf, e.repeatOf, f.repeatOf, g.repeatOf, i.repeatOf, late.repeatOf]).toEqual([null, d.id, null, null, d.id, null])
    const h = (await t.app.inject({ url: `/api/complaints/${e.id}/history` })).json()
    expect(h.history[0].data).toEqual({ repeatOf: d.id, repeatReason: 'place' })
  })
})

describe('time limits with a fake clock', () => {
  afterAll(() => { clock = T0 })
  const overdueList = async () => (await t.app.inject({ url: '/api/complaints/overdue?bbox=116,24,117,25' })).json() as { id: string; breaches: { limit: string; open: boolean; overdueMs: number }[] }[]

  it('flags a complaint past 24 h without an answer, then past 72 h without a close; lists it while overdue', async () => {
    const start = T0 + 5000 * H
    clock = start
    const c = await record({ lon: 116.5, lat: 24.5, reportedAt: iso(start) })
    clock = start + 23 * H
    expect(await overdueList()).toEqual([])
    expect((await t.app.inject({ url: `/api/complaints/${c.id}` })).json().overdue).toBe(false)
    clock = start + 25 * H
    let list = await overdueList()
    expect(list.map((x) => x.id)).toEqual([c.id])
    expect(list[0].breaches).toEqual([expect.objectContaining({ limit: 'answer', label: '答复超时', open: true, overdueMs: H, doneAt: null, dueAt: iso(start + 24 * H) })])
    const listed = (await t.app.inject({ url: `/api/complaints?bbox=116,24,117,25&from=${iso(start - 2 * H)}&to=${iso(start + H)}` })).json()
    expect(listed.find((x: { id: string }) => x.id === c.id).overdue).toBe(true)
    // Answered late: no longer overdue, but the late answer stays on record.
    await step(c.id, BODIES.answer)
    expect(await overdueList()).toEqual([])
    const view = (await t.app.inject({ url: `/api/complaints/${c.id}` })).json()
    expect(view.overdue).toBe(false)
    expect(view.breaches).toEqual([expect.objectContaining({ limit: 'answer', open: false, overdueMs: H, doneAt: iso(start + 25 * H) })])
    clock = start + 74 * H
    list = await overdueList()
    expect(list[0].breaches.filter((b) => b.open)).toEqual([expect.objectContaining({ limit: 'close', overdueMs: 2 * H })])
    await step(c.id, BODIES.close)
    expect(await overdueList()).toEqual([])
  })

  it('a complaint reported 20 minutes before it was analysed breached the 15-minute response limit by 5 minutes', async () => {
    clock = T0 + 6000 * H
    const c = await record({ lon: 116.6, lat: 24.6, reportedAt: iso(clock - 20 * MIN) })
    expect(c.overdue).toBe(false)
    expect(c.breaches).toEqual([expect.objectContaining({ limit: 'respond', open: false, overdueMs: 5 * MIN })])
  })

  it('the limits are options', async () => {
    const saved = t.service.workflow.options
    t.service.workflow.options = { ...saved, answerMs: 2 * H }
    try {
      clock = T0 + 7000 * H
      const c = await record({ lon: 116.7, lat: 24.7, reportedAt: iso(clock) })
      clock += 3 * H
      expect((await overdueList()).find((x) => x.id === c.id)?.breaches[0]).toMatchObject({ limit: 'answer', overdueMs: H })
    } finally {
      t.service.workflow.options = saved
    }
  })
})
