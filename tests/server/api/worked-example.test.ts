/**
 * The paper's worked example (篇3 §4) clicked through the HTTP API on the demo district, and every
 * demo scenario diagnosed through HTTP with the cause its README promises.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ANCHOR, DEMO_DIR } from '../../../server/src/demo/load-demo.js'
import { startService, type TestService } from '../../helpers/service.js'

interface Scenario { name: string; lon: number; lat: number; occurredAt: string; service: string; phenomenon: string; address?: string; expect: string; answer?: string }
const { scenarios } = JSON.parse(readFileSync(join(DEMO_DIR, 'scenarios.json'), 'utf8')) as { scenarios: Scenario[] }

// The demo is loaded with its anchor moved to NOW, as `npm start` does; scenario times move with it.
const NOW = Date.now()
const shifted = (iso: string) => new Date(Date.parse(iso) + (NOW - DEMO_ANCHOR)).toISOString()
const worked = scenarios.find((s) => s.name === 'worked_example')!

let t: TestService
beforeAll(async () => { t = await startService({ demo: true, now: NOW }) })
afterAll(async () => { await t.close() })

// Scenarios first: the worked example's complaint recorded below is one more earlier complaint there.
describe('every demo scenario through HTTP', () => {
  for (const s of scenarios) {
    it(`${s.name} → ${s.expect}`, async () => {
      const res = await t.app.inject({
        method: 'POST', url: '/api/diagnose',
        payload: { lon: s.lon, lat: s.lat, occurredAt: shifted(s.occurredAt), service: s.service, phenomenon: s.phenomenon, address: s.address },
      })
      expect(res.statusCode).toBe(200)
      expect(res.json().cause.code).toBe(s.expect)
      if (s.answer) expect(res.json().answer).toBe(s.answer)
    })
  }
})

describe('the worked example of 篇3 §4', () => {
  it('finds 天河直街 by name, partial name, pinyin and initials', async () => {
    for (const q of ['天河直街', '天河直', 'tianhezhijie', 'thzj']) {
      const hits = (await t.app.inject({ url: `/api/search?q=${encodeURIComponent(q)}&limit=5` })).json()
      expect(hits[0]?.name, q).toBe('天河直街')
      expect(hits[0].bbox).toHaveLength(4)
    }
  })

  it('shows 白马花园 beside the street flagged as recently alarmed (黄灯闪烁), with its cutover and cleared alarm', async () => {
    const [street] = (await t.app.inject({ url: `/api/search?q=${encodeURIComponent('天河直街')}` })).json()
    const [w, s, e, n] = street.bbox
    const sites = (await t.app.inject({ url: `/api/sites?bbox=${w - 0.005},${s - 0.005},${e + 0.005},${n + 0.005}` })).json()
    const baima = sites.find((x: { name: string }) => x.name === '白马花园')
    expect(baima).toBeDefined()
    expect(baima.state).toBe('recent_alarm')
    const detail = (await t.app.inject({ url: `/api/sites/${baima.id}` })).json()
    const down = detail.alarms.find((a: { kind: string }) => a.kind === '断站')
    expect(down).toMatchObject({ active: false })
    expect(detail.cutovers.length).toBeGreaterThan(0)
    expect(Date.parse(down.raisedAt)).toBeGreaterThanOrEqual(Date.parse(detail.cutovers[0].plannedStart))
  })

  it('diagnoses the complaint as 工程维护, answers with the paper\'s script, no dispatch, and records it linked to 白马花园', async () => {
    const body = { lon: worked.lon, lat: worked.lat, occurredAt: shifted(worked.occurredAt), service: 'voice', phenomenon: '无信号/忙音', address: '天河直街' }
    const res = await t.app.inject({ method: 'POST', url: '/api/diagnose', payload: body })
    expect(res.statusCode).toBe(200)
    const d = res.json()
    expect(d.cause).toEqual({ code: 'cutover', label: '工程维护/割接' })
    expect(d.answer).toBe('因为工程维护引起信号短暂中断,现在信号已恢复。')
    expect(d.disposition).toBe('self')
    expect(d.specialty).toBe('无线-基站及配套')
    const types = d.evidence.map((e: { type: string }) => e.type)
    expect(types).toEqual(expect.arrayContaining(['alarm', 'cutover', 'site']))
    const baimaId = d.evidence.find((e: { type: string }) => e.type === 'site').id
    expect(t.service.index.site(baimaId)?.name).toBe('白马花园')

    // Recorded by an agent, who sees the customer's number masked.
    const agent = await t.tokenFor('agent')
    const rec = await t.app.inject({ method: 'POST', url: '/api/complaints', headers: { authorization: `Bearer ${agent}` }, payload: { ...body, number: '13800138000', cause: 'cutover', answer: d.answer } })
    expect(rec.statusCode).toBe(201)
    expect(rec.json()).toMatchObject({ cause: 'cutover', suggestedCause: 'cutover', overridden: false, disposition: 'self', number: '138****8000' })
    expect(rec.json().linkedSites).toContain(baimaId)

    // The next customer from the same street gets the same answer (统一口径) from the cutover and alarm
    // themselves: the recorded complaint's cause is only the suggestion (已答复, not settled), and a
    // live event outranks a reused answer anyway.
    const again = (await t.app.inject({ method: 'POST', url: '/api/diagnose', payload: { ...body, lon: worked.lon + 0.0005 } })).json()
    expect(again.cause.code).toBe('cutover')
    expect(again.answer).toBe('因为工程维护引起信号短暂中断,现在信号已恢复。')
    expect(again.disposition).toBe('self')
    expect(again.evidence.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['alarm', 'cutover']))
    expect(again.candidates.map((c: { cause: { code: string } }) => c.cause.code)).not.toContain('known_issue')
  })
})

