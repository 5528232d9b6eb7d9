/** Malformed JSON and prototype-poisoning keys, in JSON bodies, GeoJSON properties, CSV headers and query strings. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestService } from '../../helpers/service.js'
import { DIAGNOSE, expectHarmless, FROM, seededService, snapshot, TO } from './helpers.js'

let t: TestService
beforeAll(async () => { t = await seededService() })
afterAll(async () => { await t.close() })

const JSON_ROUTES = ['/api/diagnose', '/api/complaints', '/api/complaints/area', '/api/analysis', '/api/analysis/area', '/api/import/features', '/api/import/sites']
const MALFORMED = ['{', '{"lon": 113,', '{lon: 113}', "{'lon': 113}", '[1,2', '{"a":1}}', 'NaN', '{"lon": NaN}', '{"lon": Infinity}', '\u0000', '{"a":"\\ud800"', '']

describe('malformed JSON', () => {
  it.each(JSON_ROUTES)('POST %s answers 4xx and stores nothing', async (url) => {
    for (const body of MALFORMED) {
      for (const type of ['application/json', 'application/geo+json']) {
        const res = await expectHarmless(t, `${url} ${JSON.stringify(body)}`, { param: 'body', req: { method: 'POST', url, headers: { 'content-type': type }, payload: body } })
        expect(res.statusCode, `${url} ${JSON.stringify(body)} ${type}`).toBeGreaterThanOrEqual(400)
        expect(res.headers['content-type']).toMatch(/^application\/json/)
      }
    }
  })
})

describe('prototype poisoning', () => {
  const poisoned = [
    `{"__proto__": {"polluted": "yes"}, ${JSON.stringify(DIAGNOSE).slice(1)}`,
    `{"constructor": {"prototype": {"polluted": "yes"}}, ${JSON.stringify(DIAGNOSE).slice(1)}`,
    `{"area": {"type": "Polygon", "__proto__": {"coordinates": [[[113.32,23.12],[113.36,23.12],[113.36,23.15],[113.32,23.12]]]}}, "from": "${FROM}", "to": "${TO}"}`,
  ]
  it.each(['/api/diagnose', '/api/complaints', '/api/complaints/area', '/api/analysis', '/api/analysis/area'])('POST %s refuses __proto__ / constructor.prototype keys', async (url) => {
    for (const body of poisoned) {
      const res = await expectHarmless(t, url, { param: 'body', req: { method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: body } })
      expect(res.statusCode, `${url} ${body.slice(0, 60)}`).toBeGreaterThanOrEqual(400)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    }
  })

  it('a GeoJSON feature whose properties carry __proto__ cannot lend the row fields it lacks', async () => {
    const before = await snapshot(t)
    // Without its own id and name, the feature must be refused — not filled in from the "__proto__" object.
    const text = '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"__proto__":{"id":"P1","name":"smuggled"},"type":"road"},' +
      '"geometry":{"type":"Point","coordinates":[113.33,23.13]}}]}'
    const res = await t.app.inject({ method: 'POST', url: '/api/import/features', headers: { 'content-type': 'application/geo+json' }, payload: text })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/row 1, field "id"/)
    expect(await snapshot(t)).toBe(before)
    expect(({} as Record<string, unknown>).id).toBeUndefined()
  })

  it('a GeoJSON feature with __proto__ and constructor properties besides its own fields imports them as plain (ignored) fields', async () => {
    const text = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature',
      properties: { id: 'P2', name: '原型路', type: 'road', ['__proto__']: { name: 'x' }, constructor: { prototype: { polluted: 'yes' } } },
      geometry: { type: 'Point', coordinates: [113.33, 23.13] } }] })
    const res = await t.app.inject({ method: 'POST', url: '/api/import/features', headers: { 'content-type': 'application/geo+json' }, payload: text })
    expect(res.statusCode, res.body).toBe(200)
    const f = await t.app.inject({ method: 'GET', url: '/api/layers/features/P2' })
    expect(f.json().properties.name).toBe('原型路')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('CSV headers named __proto__, constructor or prototype are plain columns, never the row object\'s prototype', async () => {
    const csv = 'id,name,__proto__,constructor,prototype,tech,lon,lat\nS7,原型站,x,y,z,4G,113.33,23.13\n'
    const res = await t.app.inject({ method: 'POST', url: '/api/import/sites', headers: { 'content-type': 'text/csv' }, payload: csv })
    expect(res.statusCode, res.body).toBe(200)
    const s = await t.app.inject({ method: 'GET', url: '/api/sites/S7' })
    expect(s.json()).toMatchObject({ id: 'S7', name: '原型站', tech: '4G' })
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })

  it('query-string keys __proto__[x] and columns/defaults naming __proto__ change nothing', async () => {
    for (const url of ['/api/sites?__proto__[polluted]=yes', '/api/complaints?constructor[prototype][polluted]=yes', '/api/search?q=x&__proto__=1']) {
      await expectHarmless(t, url, { param: 'query', req: { method: 'GET', url } })
    }
    const csv = 'id,name,lon,lat\nS8,n,113.33,23.13\n'
    for (const qs of ['columns=__proto__:name', 'defaults=__proto__:x', 'defaults=constructor:x', 'columns=name:__proto__']) {
      await expectHarmless(t, qs, { param: 'query', writes: true, req: { method: 'POST', url: `/api/import/sites?${qs}`, headers: { 'content-type': 'text/csv' }, payload: csv } })
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })
})
