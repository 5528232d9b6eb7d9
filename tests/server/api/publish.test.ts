/**
 * Issue 9 item 3, publishing network information (网维信息发布), through the HTTP API on both stores:
 * a published blind spot changes the next diagnosis at a point inside it (evidence naming it), an edit
 * replaces its row, withdrawing it reverts; an object past its validTo stops counting at the sweep
 * (fake clock, explicit sweep); one not yet valid starts counting at it; an operator type with
 * diagnosisAs=none is shown but not diagnosed, one with blind_spot is; bad input → 400 naming the
 * field, nothing stored; agents cannot publish; every change is audited; a restart keeps it all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startService, type TestService } from '../../helpers/service.js'
import type { ImportEvent } from '../../../server/src/service/events.js'

const H = 3600_000
const iso = (t: number) => new Date(t).toISOString()
/** The point complained about, served by S1 (no alarm, no coverage object): unknown before publishing. */
const P = { lon: 113.3310, lat: 23.1360 }
const around = (lon: number, lat: number, d = 0.002) => ({
  type: 'Polygon', coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]],
})
const AWAY = around(113.40, 23.20)

let t: TestService
let engineer: string
let agent: string
const auth = (token: string) => ({ authorization: `Bearer ${token}` })

async function diagnose() {
  const res = await t.app.inject({ method: 'POST', url: '/api/diagnose', payload: { ...P, occurredAt: iso(t.service.now() - H), service: 'voice', phenomenon: 'no_signal' } })
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as { cause: { code: string; label: string }; evidence: { type: string; id: string; why: string }[] }
}
async function publish(body: unknown, token = engineer) {
  return t.app.inject({ method: 'POST', url: '/api/publish/objects', headers: auth(token), payload: body as object })
}
/** Everything stored of published information, to prove a refused request changed nothing. */
async function stored() {
  const all = await t.app.inject({ url: '/api/publish/objects?filter=all' })
  return JSON.stringify({ objects: all.json().objects.map((o: { id: string; version: number }) => [o.id, o.version]), kinds: await t.service.store.counts(), index: t.service.index.counts() })
}

beforeAll(async () => {
  t = await startService()
  for (const [kind, csv] of [
    ['sites', 'id,name,tech,type,lon,lat\nS1,白马花园,4G,宏站,113.3300,23.1350\nS2,天河站,5G,宏站,113.3500,23.1350\n'],
    ['cells', 'id,site_id,azimuth,beamwidth,radius_m,tech\nC1,S1,45,65,800,4G\nC2,S2,120,65,800,5G\n'],
  ]) {
    const r = await t.app.inject({ method: 'POST', url: `/api/import/${kind}`, headers: { 'content-type': 'text/csv' }, payload: csv })
    expect(r.statusCode, r.body).toBe(200)
  }
  engineer = await t.tokenFor('engineer', 'eng-wang')
  agent = await t.tokenFor('agent', 'agent-li')
})
afterAll(async () => { await t?.close() })

describe('published blind spot', () => {
  let id = ''

  it('changes the next diagnosis at a point inside it, with evidence naming it, and tells open maps', async () => {
    expect((await diagnose()).cause.code).not.toBe('blind_spot')
    const events: ImportEvent[] = []
    const listen = (e: ImportEvent) => events.push(e)
    t.service.events.on('import', listen)
    const res = await publish({
      typeId: 'blind_spot', geometry: around(P.lon, P.lat),
      fields: { description: '白马花园地下停车场', reason: '物业不同意进场', remedy: '规划室分', status: '协调中' },
      validTo: iso(Date.now() + 24 * H),
    })
    t.service.events.off('import', listen)
    expect(res.statusCode, res.body).toBe(201)
    const o = res.json()
    id = o.id
    expect(o).toMatchObject({ typeId: 'blind_spot', status: 'active', live: true, createdBy: 'eng-wang', diagnosis: { kind: 'blind-spots', id: `pub:${id}` } })
    expect(events.map((e) => e.kind)).toEqual(['publish'])

    const d = await diagnose()
    expect(d.cause).toEqual({ code: 'blind_spot', label: '盲点' })
    expect(d.evidence[0]).toMatchObject({ type: 'blind_spot', id: `pub:${id}` })
    expect(d.evidence[0].why).toContain('白马花园地下停车场')
    expect(d.evidence[0].why).toContain('物业不同意进场')
    // The existing coverage layer shows it too (it is a row of the kind table).
    const layer = await t.app.inject({ url: `/api/layers/coverage?bbox=113.3,23.1,113.4,23.2`, headers: auth(agent) })
    expect(layer.json().features.map((f: { properties: { id: string } }) => f.properties.id)).toContain(`pub:${id}`)
  })

  it('is listed for agents by bbox with who published it and its validity', async () => {
    const res = await t.app.inject({ url: `/api/publish/objects?bbox=113.32,23.13,113.34,23.14`, headers: auth(agent) })
    expect(res.statusCode, res.body).toBe(200)
    const [o] = res.json().objects
    expect(o).toMatchObject({ id, createdBy: 'eng-wang', live: true, fields: { description: '白马花园地下停车场' } })
    expect(Date.parse(o.validTo)).toBeGreaterThan(Date.now())
    const elsewhere = await t.app.inject({ url: `/api/publish/objects?bbox=113.0,22.0,113.1,22.1`, headers: auth(agent) })
    expect(elsewhere.json().objects).toEqual([])
  })

  it('an edit replaces its row: the new text is the evidence, and moved away it no longer counts here', async () => {
    const res = await t.app.inject({ method: 'PATCH', url: `/api/publish/objects/${id}`, headers: auth(engineer), payload: { fields: { description: '白马花园B2停车场' } } })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ version: 2, updatedBy: 'eng-wang', fields: { description: '白马花园B2停车场' } })
    expect(res.json().fields.reason).toBeUndefined()
    const d = await diagnose()
    expect(d.evidence[0].why).toContain('白马花园B2停车场')
    expect(d.evidence[0].why).not.toContain('物业不同意进场')

    const moved = await t.app.inject({ method: 'PATCH', url: `/api/publish/objects/${id}`, headers: auth(engineer), payload: { geometry: AWAY } })
    expect(moved.statusCode, moved.body).toBe(200)
    expect((await diagnose()).cause.code).not.toBe('blind_spot')
    const back = await t.app.inject({ method: 'PATCH', url: `/api/publish/objects/${id}`, headers: auth(engineer), payload: { geometry: around(P.lon, P.lat) } })
    expect(back.statusCode, back.body).toBe(200)
    expect((await diagnose()).cause.code).toBe('blind_spot')
  })

  it('survives a restart: the store, not the process, holds it', async () => {
    await t.stop()
    const store = t.store
    const tokens = { engineer, agent }
    t = await startService({ store })
    // The users (and their tokens) are in the same store.
    engineer = tokens.engineer
    agent = tokens.agent
    const d = await diagnose()
    expect(d.cause.code).toBe('blind_spot')
    expect(d.evidence[0].id).toBe(`pub:${id}`)
  })

  it('withdrawing it reverts the diagnosis and removes its row; it is kept for the record', async () => {
    const before = (await t.service.store.counts())['blind-spots']
    const res = await t.app.inject({ method: 'DELETE', url: `/api/publish/objects/${id}`, headers: auth(engineer) })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ status: 'withdrawn', live: false, diagnosis: null })
    expect((await diagnose()).cause.code).not.toBe('blind_spot')
    expect((await t.service.store.counts())['blind-spots']).toBe(before - 1)
    expect((await t.app.inject({ url: '/api/publish/objects', headers: auth(agent) })).json().objects).toEqual([])
    const all = (await t.app.inject({ url: '/api/publish/objects?filter=all' })).json().objects
    expect(all.find((o: { id: string }) => o.id === id)).toMatchObject({ status: 'withdrawn' })
    // A withdrawn object cannot be edited or withdrawn again.
    expect((await t.app.inject({ method: 'DELETE', url: `/api/publish/objects/${id}`, headers: auth(engineer) })).statusCode).toBe(409)
  })
})

describe('validity', () => {
  it('an object past its validTo no longer counts once swept (fake clock, no sleeping)', async () => {
    const now = Date.now()
    t.service.setClock(() => now)
    try {
      const res = await publish({ typeId: 'weak_coverage', geometry: around(P.lon, P.lat), fields: { description: '临时弱覆盖' }, validFrom: iso(now - H), validTo: iso(now + 10 * 60_000) })
      expect(res.statusCode, res.body).toBe(201)
      const id = res.json().id
      expect((await diagnose()).cause.code).toBe('weak_coverage')

      t.service.setClock(() => now + 11 * 60_000)
      // Past validTo: no longer listed as live at once, and out of the diagnosis at the sweep.
      expect((await t.app.inject({ url: '/api/publish/objects' })).json().objects.map((o: { id: string }) => o.id)).not.toContain(id)
      const swept = await t.app.container.publish.sweep()
      expect(swept.expired).toEqual([id])
      expect((await diagnose()).cause.code).not.toBe('weak_coverage')
      expect((await t.app.inject({ url: `/api/publish/objects/${id}` })).json()).toMatchObject({ status: 'expired', diagnosis: null })
      expect((await t.app.container.publish.sweep()).expired).toEqual([])
    } finally {
      t.service.setClock(Date.now)
    }
  })

  it('an object not yet valid counts from its validFrom on', async () => {
    const now = Date.now()
    t.service.setClock(() => now)
    try {
      const res = await publish({ typeId: 'blind_spot', geometry: around(P.lon, P.lat), fields: { description: '明日起施工围挡' }, validFrom: iso(now + H), validTo: iso(now + 5 * H) })
      expect(res.statusCode, res.body).toBe(201)
      const id = res.json().id
      expect(res.json()).toMatchObject({ live: false, diagnosis: null })
      expect((await diagnose()).cause.code).not.toBe('blind_spot')
      t.service.setClock(() => now + 2 * H)
      expect((await t.app.container.publish.sweep()).changed).toEqual([id])
      expect((await diagnose()).evidence[0]).toMatchObject({ id: `pub:${id}` })
      t.service.setClock(() => now + 6 * H)
      expect((await t.app.container.publish.sweep()).expired).toEqual([id])
      expect((await diagnose()).cause.code).not.toBe('blind_spot')
    } finally {
      t.service.setClock(Date.now)
    }
  })
})

describe('operator-defined types', () => {
  it('a type with diagnosisAs=none is shown with its symbol but not used by the diagnosis', async () => {
    const type = await t.app.inject({ method: 'POST', url: '/api/publish/types', payload: {
      id: 'wlan_hotspot', name: 'WLAN热点', geometry: 'polygon', symbol: { color: '#2e86c1', shape: 'star' },
      fields: [{ key: 'ssid', label: 'SSID', type: 'text', required: true }, { key: 'aps', label: 'AP数量', type: 'integer', required: false, min: 1 }],
    } })
    expect(type.statusCode, type.body).toBe(201)
    expect(type.json()).toMatchObject({ diagnosisAs: 'none', builtin: false, createdBy: 'admin' })
    const before = await diagnose()
    const res = await publish({ typeId: 'wlan_hotspot', geometry: around(P.lon, P.lat), fields: { ssid: 'CMCC-WEB', aps: 4 } })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ live: true, diagnosis: null, fields: { ssid: 'CMCC-WEB', aps: 4 } })
    const after = await diagnose()
    expect(after.cause.code).toBe(before.cause.code)
    expect(JSON.stringify(after.evidence)).not.toContain(res.json().id)
    const shown = await t.app.inject({ url: '/api/publish/objects?type=wlan_hotspot', headers: auth(agent) })
    expect(shown.json().objects.map((o: { id: string }) => o.id)).toEqual([res.json().id])
    const types = await t.app.inject({ url: '/api/publish/types', headers: auth(agent) })
    expect(types.json().types.find((x: { id: string }) => x.id === 'wlan_hotspot')).toMatchObject({ name: 'WLAN热点', symbol: { color: '#2e86c1', shape: 'star' } })
    await t.app.inject({ method: 'DELETE', url: `/api/publish/objects/${res.json().id}`, headers: auth(engineer) })
  })

  it('a type with diagnosisAs=blind_spot is diagnosed, and changing it to none takes its objects out at once', async () => {
    const type = await t.app.inject({ method: 'POST', url: '/api/publish/types', payload: {
      id: 'indoor_gap', name: '室分盲区', geometry: 'polygon', symbol: { color: '#943126', shape: 'diamond' }, diagnosisAs: 'blind_spot',
      fields: [{ key: 'building', label: '楼宇', type: 'text', required: true }, { key: 'floor', label: '楼层', type: 'select', required: false, options: ['地下', '地面', '高层'] }],
    } })
    expect(type.statusCode, type.body).toBe(201)
    const res = await publish({ typeId: 'indoor_gap', geometry: around(P.lon, P.lat), fields: { building: '白马大厦', floor: '地下' } })
    expect(res.statusCode, res.body).toBe(201)
    const d = await diagnose()
    expect(d.cause.code).toBe('blind_spot')
    expect(d.evidence[0].id).toBe(`pub:${res.json().id}`)
    expect(d.evidence[0].why).toContain('室分盲区:白马大厦,地下')

    const patched = await t.app.inject({ method: 'PATCH', url: '/api/publish/types/indoor_gap', payload: { diagnosisAs: 'none' } })
    expect(patched.statusCode, patched.body).toBe(200)
    expect(patched.json().version).toBe(2)
    expect((await diagnose()).cause.code).not.toBe('blind_spot')
    expect((await t.app.inject({ url: `/api/publish/objects/${res.json().id}` })).json()).toMatchObject({ live: true, diagnosis: null })
    await t.app.inject({ method: 'DELETE', url: `/api/publish/objects/${res.json().id}`, headers: auth(engineer) })
  })

  it('refuses bad types: a polygon type read as a planned site, a cutover without its window, a taken id, built-in fields', async () => {
    const base = { name: '测试', geometry: 'polygon', symbol: { color: '#000000', shape: 'circle' }, fields: [] }
    const cases: [unknown, number, string][] = [
      [{ ...base, id: 'x_planned', diagnosisAs: 'planned_site' }, 400, 'geometry'],
      [{ ...base, id: 'x_cut', diagnosisAs: 'cutover' }, 400, '"start"'],
      [{ ...base, id: 'wlan_hotspot' }, 409, 'wlan_hotspot'],
      [{ ...base, id: 'x_color', symbol: { color: 'red', shape: 'circle' } }, 400, 'symbol.color'],
      [{ ...base, id: 'x_sel', fields: [{ key: 'a', label: 'A', type: 'select', required: false }] }, 400, 'options'],
    ]
    for (const [payload, status, text] of cases) {
      const r = await t.app.inject({ method: 'POST', url: '/api/publish/types', payload: payload as object })
      expect(r.statusCode, r.body).toBe(status)
      expect(r.json().message).toContain(text)
    }
    const builtin = await t.app.inject({ method: 'PATCH', url: '/api/publish/types/blind_spot', payload: { diagnosisAs: 'none' } })
    expect(builtin.statusCode, builtin.body).toBe(400)
    expect(builtin.json().message).toContain('built-in')
    const renamed = await t.app.inject({ method: 'PATCH', url: '/api/publish/types/blind_spot', payload: { symbol: { color: '#ff0000', shape: 'circle' } } })
    expect(renamed.statusCode, renamed.body).toBe(200)
  })
})

describe('validation: 400 naming what was wrong, nothing stored', () => {
  const ok = () => ({ typeId: 'blind_spot', geometry: around(P.lon, P.lat), fields: { description: '测试' }, validTo: iso(Date.now() + H) })
  const bowtie = { type: 'Polygon', coordinates: [[[113.33, 23.13], [113.34, 23.14], [113.34, 23.13], [113.33, 23.14], [113.33, 23.13]]] }
  const cases: [string, unknown, string][] = [
    ['a missing required field', { ...ok(), fields: { reason: '无' } }, 'fields.description'],
    ['an unknown field', { ...ok(), fields: { description: 'x', colour: 'red' } }, 'fields.colour'],
    ['a point for a polygon type', { ...ok(), geometry: { type: 'Point', coordinates: [P.lon, P.lat] } }, 'geometry'],
    ['a self-intersecting polygon', { ...ok(), geometry: bowtie }, 'geometry'],
    ['an unclosed ring', { ...ok(), geometry: { type: 'Polygon', coordinates: [[[113.33, 23.13], [113.34, 23.13], [113.34, 23.14], [113.33, 23.14]]] } }, 'geometry'],
    ['a longitude out of range', { ...ok(), geometry: around(190, 23.13) }, 'geometry'],
    ['validTo before validFrom', { ...ok(), validFrom: iso(Date.now() + 2 * H), validTo: iso(Date.now() + H) }, 'validTo'],
    ['a bad time', { ...ok(), validTo: '明天' }, 'validTo'],
    ['an unknown type', { ...ok(), typeId: 'no_such_type' }, 'typeId'],
    ['a cutover on an unknown site', { typeId: 'cutover', geometry: around(P.lon, P.lat), fields: { description: '割接', start: iso(Date.now()), end: iso(Date.now() + H), site_ids: 'S1,S404' } }, 'S404'],
    ['a cutover ending before it starts', { typeId: 'cutover', geometry: around(P.lon, P.lat), fields: { description: '割接', start: iso(Date.now() + H), end: iso(Date.now()) } }, 'fields.end'],
    ['a planned site radius out of bounds', { typeId: 'planned_site', geometry: { type: 'Point', coordinates: [P.lon, P.lat] }, fields: { name: '规划站', radius_m: -5 } }, 'fields.radius_m'],
  ]
  for (const [what, body, names] of cases) {
    it(what, async () => {
      const before = await stored()
      const res = await publish(body)
      expect(res.statusCode, res.body).toBe(400)
      expect(res.json().message).toContain(names)
      expect(await stored()).toBe(before)
    })
  }

  it('an edit with validTo before validFrom is refused and changes nothing', async () => {
    const res = await publish(ok())
    expect(res.statusCode, res.body).toBe(201)
    const before = await stored()
    const bad = await t.app.inject({ method: 'PATCH', url: `/api/publish/objects/${res.json().id}`, headers: auth(engineer), payload: { validTo: iso(Date.now() - 2 * H) } })
    expect(bad.statusCode, bad.body).toBe(400)
    expect(bad.json().message).toContain('validTo')
    expect(await stored()).toBe(before)
    await t.app.inject({ method: 'DELETE', url: `/api/publish/objects/${res.json().id}`, headers: auth(engineer) })
  })
})

describe('who may publish, and the audit', () => {
  it('agents cannot publish, edit, withdraw or define types (403, nothing stored); engineers cannot define types', async () => {
    const mine = await publish({ typeId: 'planned_site', geometry: { type: 'Point', coordinates: [P.lon, P.lat] }, fields: { name: '白马规划站', radius_m: 600, period: '2026Q4' } })
    expect(mine.statusCode, mine.body).toBe(201)
    const id = mine.json().id
    const before = await stored()
    const tries = [
      { method: 'POST' as const, url: '/api/publish/objects', payload: { typeId: 'blind_spot', geometry: around(P.lon, P.lat), fields: { description: 'x' } } },
      { method: 'PATCH' as const, url: `/api/publish/objects/${id}`, payload: { fields: { name: '改名' } } },
      { method: 'DELETE' as const, url: `/api/publish/objects/${id}` },
      { method: 'POST' as const, url: '/api/publish/types', payload: { id: 'agent_type', name: 'x', geometry: 'point', fields: [], symbol: { color: '#000000', shape: 'pin' } } },
    ]
    for (const req of tries) {
      const r = await t.app.inject({ ...req, headers: auth(agent) })
      expect(r.statusCode, `${req.method} ${req.url}: ${r.body}`).toBe(403)
    }
    const eng = await t.app.inject({ ...tries[3], headers: auth(engineer) })
    expect(eng.statusCode).toBe(403)
    expect(await stored()).toBe(before)
    // The planned site is diagnosed (used as planned_site) — and then withdrawn by its engineer.
    const d = await diagnose()
    expect(d.cause.code).toBe('planned_site')
    expect(d.evidence[0]).toMatchObject({ type: 'planned_site', id: `pub:${id}` })
    expect(d.evidence[0].why).toContain('白马规划站')
    expect((await t.app.inject({ method: 'DELETE', url: `/api/publish/objects/${id}`, headers: auth(engineer) })).statusCode).toBe(200)
  })

  it('every change is in the audit log with who, what and which object', async () => {
    const res = await publish({ typeId: 'blind_spot', geometry: around(P.lon, P.lat), fields: { description: '审计用' } })
    const id = res.json().id
    await t.app.inject({ method: 'PATCH', url: `/api/publish/objects/${id}`, headers: auth(engineer), payload: { fields: { description: '审计用2' } } })
    await t.app.inject({ method: 'DELETE', url: `/api/publish/objects/${id}`, headers: auth(engineer) })
    const log = (await t.app.inject({ url: '/api/audit?username=eng-wang&limit=500' })).json() as { action: string; target: string; username: string; details: Record<string, unknown> }[]
    const of = log.filter((e) => e.target === id)
    expect(of.map((e) => e.action).sort()).toEqual(['publish_changed', 'publish_created', 'publish_withdrawn'])
    expect(of.find((e) => e.action === 'publish_created')!.details).toMatchObject({ typeId: 'blind_spot', diagnosis: 'blind-spots' })
    const types = (await t.app.inject({ url: '/api/audit?action=publish_type_created&limit=50' })).json() as { target: string; username: string }[]
    expect(types.map((e) => e.target)).toEqual(expect.arrayContaining(['wlan_hotspot', 'indoor_gap']))
    expect(types.every((e) => e.username === 'admin')).toBe(true)
  })
})
