/** Recording complaints (confirm / override), listing by area and time, reuse by the next diagnosis, OpenAPI. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startService, type TestService } from '../../helpers/service.js'

let t: TestService
beforeAll(async () => {
  t = await startService()
  const sites = 'id,name,tech,type,lon,lat\nS1,白马花园,4G,宏站,113.3300,23.1350\nS2,远方站,4G,宏站,113.4000,23.2000\n'
  expect((await t.app.inject({ method: 'POST', url: '/api/import/sites', headers: { 'content-type': 'text/csv' }, payload: sites })).statusCode).toBe(200)
})
afterAll(async () => { await t.close() })

const base = { lon: 113.3302, lat: 23.1351, occurredAt: '2026-11-20T10:00:00+08:00', service: 'voice', phenomenon: '信号弱/不稳定', address: '天河直街8号' }
const record = (body: object) => t.app.inject({ method: 'POST', url: '/api/complaints', payload: body })

describe('complaints', () => {
  it('records a complaint with its diagnosis, linked site, masked number and the final cause', async () => {
    const agent = { authorization: `Bearer ${await t.tokenFor('agent')}` }
    const res = await t.app.inject({ method: 'POST', url: '/api/complaints', headers: agent, payload: { ...base, id: 'C1', number: '139 1234-5678', cause: 'weak_coverage', answer: '经过核实,该处为弱覆盖区域。' } })
    expect(res.statusCode).toBe(201)
    const c = res.json()
    expect(c).toMatchObject({ id: 'C1', number: '139****5678', cause: 'weak_coverage', linkedSites: ['S1'], answer: '经过核实,该处为弱覆盖区域。' })
    expect(c.suggestedCause).toBeTypeOf('string')
    expect(c.overridden).toBe(c.suggestedCause !== 'weak_coverage')
    const full = (await t.app.inject({ url: '/api/complaints/C1' })).json()
    expect(full.diagnosis.cause.code).toBe(c.suggestedCause)
    // The number is kept whole for call-backs: an engineer or admin sees it, an agent never does.
    expect(full.number).toBe('13912345678')
    const engineer = { authorization: `Bearer ${await t.tokenFor('engineer')}` }
    expect((await t.app.inject({ url: '/api/complaints/C1', headers: engineer })).json().number).toBe('13912345678')
    expect((await t.app.inject({ url: '/api/complaints/C1', headers: agent })).json().number).toBe('139****5678')
    const listed = (await t.app.inject({ url: '/api/complaints?bbox=113.32,23.13,113.34,23.14&from=2026-11-19', headers: agent })).json()
    expect(listed.find((x: { id: string }) => x.id === 'C1').number).toBe('139****5678')
  })

  it('exports complaints as CSV and XLSX: audited, numbers masked unless the role may and asks', async () => {
    await record({ ...base, id: 'C-exp', occurredAt: '2026-11-18T10:00:00+08:00', number: '13700001111', description: '=HYPERLINK("http://x")', cause: 'unknown' })
    const engineer = { authorization: `Bearer ${await t.tokenFor('engineer', 'eng-export')}` }
    const url = '/api/complaints/export?bbox=113.32,23.13,113.34,23.14&from=2026-11-18&to=2026-11-19'
    const csv = await t.app.inject({ url, headers: engineer })
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toMatch(/text\/csv/)
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="complaints-.*\.csv"/)
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(lines[0]).toMatch(/^投诉编号,发生时间/)
    const row = lines.find((l) => l.startsWith('C-exp'))!
    expect(row).toContain('137****1111')
    expect(row).not.toContain('13700001111')
    expect(row).toContain(`"'=HYPERLINK(""http://x"")"`)
    // Full numbers: refused to an engineer, given to an admin who asks.
    const refused = await t.app.inject({ url: `${url}&numbers=true`, headers: engineer })
    expect(refused.statusCode).toBe(403)
    const admin = await t.app.inject({ url: `${url}&numbers=true` })
    expect(admin.body).toContain('13700001111')
    // An agent may not export at all.
    expect((await t.app.inject({ url, headers: { authorization: `Bearer ${await t.tokenFor('agent')}` } })).statusCode).toBe(403)
    const xlsx = await t.app.inject({ url: `${url}&format=xlsx`, headers: engineer })
    expect(xlsx.statusCode).toBe(200)
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK')
    // Each export that went out is in the audit log, with who, the query and the row count.
    const audit = (await t.app.inject({ url: '/api/audit?action=export' })).json() as { username: string; details: { rows: number; query: Record<string, string> } }[]
    expect(audit.filter((a) => a.username === 'eng-export').length).toBe(2)
    expect(audit.find((a) => a.username === 'eng-export')!.details.rows).toBe(lines.length - 1)
    expect(audit.filter((a) => a.username === 'admin')[0].details.query.numbers).toBe(true)
  })

  it('lists complaints by bbox and time window, and clamps the limit instead of rejecting it', async () => {
    await record({ ...base, id: 'C2', lon: 113.40, lat: 23.20, occurredAt: '2026-11-21T10:00:00+08:00' })
    const inBox = (await t.app.inject({ url: '/api/complaints?bbox=113.32,23.13,113.34,23.14&from=2026-11-19T00:00:00%2B08:00&to=2026-11-22T00:00:00%2B08:00' })).json()
    expect(inBox.map((c: { id: string }) => c.id)).toEqual(['C1'])
    const window = (await t.app.inject({ url: '/api/complaints?from=2026-11-21T00:00:00%2B08:00&to=2026-11-22T00:00:00%2B08:00' })).json()
    expect(window.map((c: { id: string }) => c.id)).toEqual(['C2'])
    const clamped = await t.app.inject({ url: '/api/complaints?limit=999999999&bbox=-999,-99,999,99&from=2026-01-01' })
    expect(clamped.statusCode).toBe(200)
    expect(clamped.json().length).toBe(3) // C1, C2 and the export test's C-exp
    const bad = await t.app.inject({ url: '/api/complaints?bbox=1,2,3' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toMatch(/bbox/)
  })

  it('a settled cause nearby is reused by the next diagnosis (known_issue); a cause only recorded and answered is not', async () => {
    const diagnose = async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/diagnose', payload: { ...base, lon: 113.3304, occurredAt: '2026-11-20T12:00:00+08:00' } })
      expect(res.statusCode).toBe(200)
      return res.json()
    }
    // C1 was recorded with the agent's cause, then answered (已答复): not settled, not reused.
    const answered = await t.app.inject({ method: 'POST', url: '/api/complaints/C1/actions', payload: { action: 'answer', note: '经过核实,该处为弱覆盖区域。' } })
    expect(answered.statusCode, answered.body).toBe(200)
    const before = await diagnose()
    expect(before.candidates.map((c: { cause: { code: string } }) => c.cause.code)).not.toContain('known_issue')
    // Closed (结单): settled, reused word for word.
    const closed = await t.app.inject({ method: 'POST', url: '/api/complaints/C1/actions', payload: { action: 'close' } })
    expect(closed.statusCode, closed.body).toBe(200)
    const d = await diagnose()
    expect(d.cause.code).toBe('known_issue')
    expect(d.answer).toBe('经过核实,该处为弱覆盖区域。')
    expect(d.evidence.some((e: { type: string; id: string }) => e.type === 'complaint' && e.id === 'C1')).toBe(true)
  })

  it('a confirmed known_issue is recorded with the reused complaint\'s cause, not as 同类投诉已知原因', async () => {
    await t.app.inject({ method: 'POST', url: '/api/complaints/C1/actions', payload: { action: 'answer', note: '经过核实,该处为弱覆盖区域。' } })
    await t.app.inject({ method: 'POST', url: '/api/complaints/C1/actions', payload: { action: 'close' } })
    const c1 = (await t.app.inject({ method: 'GET', url: '/api/complaints/C1' })).json()
    const res = await record({ ...base, id: 'C9', lon: 113.3304, occurredAt: '2026-11-20T12:00:00+08:00', cause: 'known_issue' })
    expect(res.statusCode, res.body).toBe(201)
    const c9 = (await t.app.inject({ method: 'GET', url: '/api/complaints/C9' })).json()
    expect(c9.suggestedCause).toBe('known_issue')
    expect(c9.cause).toBe(c1.cause)
    expect(c9.cause).not.toBe('known_issue')
    expect(c9.answer).toBe('经过核实,该处为弱覆盖区域。')
  })

  it('an answer or field test given as known_issue stores the reused complaint\'s cause and names it in the history', async () => {
    // C1 holds a closed weak_coverage cause (the test above): C10 and C11 at the same place reuse it.
    const c1 = (await t.app.inject({ method: 'GET', url: '/api/complaints/C1' })).json()
    const engineer = { authorization: `Bearer ${await t.tokenFor('engineer', 'eng-known')}` }
    for (const [id, step] of [['C10', { action: 'answer', note: '该处为已知弱覆盖区域。', cause: 'known_issue' }], ['C11', { action: 'field_test', note: '实测弱覆盖', cause: 'known_issue' }]] as const) {
      const res = await record({ ...base, id, lon: 113.3304, occurredAt: '2026-11-20T13:00:00+08:00' })
      expect(res.statusCode, res.body).toBe(201)
      expect(res.json().suggestedCause).toBe('known_issue')
      if (step.action === 'field_test') {
        const d = await t.app.inject({ method: 'POST', url: `/api/complaints/${id}/actions`, headers: engineer, payload: { action: 'dispatch', team: '网优中心' } })
        expect(d.statusCode, d.body).toBe(200)
      }
      const r = await t.app.inject({ method: 'POST', url: `/api/complaints/${id}/actions`, headers: engineer, payload: step })
      expect(r.statusCode, r.body).toBe(200)
      const c = (await t.app.inject({ method: 'GET', url: `/api/complaints/${id}` })).json()
      expect(c.cause, id).toBe(c1.cause)
      const { history } = (await t.app.inject({ url: `/api/complaints/${id}/history` })).json()
      expect(history.at(-1).data, id).toMatchObject({ cause: c1.cause, knownIssueOf: 'C1' })
    }
    // Without a reused complaint behind it, known_issue stays what was given.
    await record({ ...base, id: 'C12', lon: 113.40, lat: 23.20, cause: 'unknown' })
    const r = await t.app.inject({ method: 'POST', url: '/api/complaints/C12/actions', payload: { action: 'answer', cause: 'known_issue' } })
    expect(r.statusCode, r.body).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/api/complaints/C12' })).json().cause).toBe('known_issue')
  })

  it('refuses bad input with { code, message } and stores nothing', async () => {
    const before = (await t.service.store.counts()).complaints
    for (const body of [
      { ...base, lon: 200 },
      { ...base, occurredAt: 'yesterday' },
      { ...base, phenomenon: '话费太贵' },
      { ...base, service: 'fax' },
      { ...base, cause: 'aliens' },
      { ...base, extra: 1 },
    ]) {
      const res = await record(body)
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      expect(res.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) })
    }
    const malformed = await t.app.inject({ method: 'POST', url: '/api/complaints', headers: { 'content-type': 'application/json' }, payload: '{"lon":' })
    expect(malformed.statusCode).toBe(400)
    expect((await t.service.store.counts()).complaints).toBe(before)
  })
})

describe('OpenAPI', () => {
  it('/docs lists every route with schemas', async () => {
    const spec = (await t.app.inject({ url: '/docs/json' })).json()
    for (const path of ['/api/diagnose', '/api/complaints', '/api/complaints/{id}', '/api/import/{kind}', '/api/search', '/api/sites', '/api/sites/{id}', '/health']) {
      expect(spec.paths[path], path).toBeDefined()
    }
    expect(spec.paths['/api/diagnose'].post.requestBody).toBeDefined()
    expect(spec.paths['/api/diagnose'].post.responses['200']).toBeDefined()
    expect((await t.app.inject({ url: '/docs' })).statusCode).toBeLessThan(400)
  })
})
