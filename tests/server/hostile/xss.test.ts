/**
 * Script-looking text in every stored text field is stored and returned verbatim, as JSON strings
 * (the web app renders text safely); no route answers with it in an HTML response.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestService } from '../../helpers/service.js'
import { allProbes, COMPLAINT, csvCell, NOW, iso, seededService } from './helpers.js'

let t: TestService
beforeAll(async () => { t = await seededService() })
afterAll(async () => { await t.close() })

const XSS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "javascript:alert('x')", '<svg/onload=alert(1)>', '{{constructor.constructor("alert(1)")()}}', '</textarea><iframe src=//evil>']

describe.each(XSS)('XSS text %s', (x) => {
  it('is stored verbatim through imports and returned as a JSON string', async () => {
    const csv = `id,name,tech,type,bsc,msc,lon,lat\nXS1,${csvCell(x)},4G,${csvCell(x)},${csvCell(x)},${csvCell(x)},113.331,23.131\n`
    expect((await t.app.inject({ method: 'POST', url: '/api/import/sites', headers: { 'content-type': 'text/csv' }, payload: csv })).statusCode).toBe(200)
    const site = await t.app.inject({ method: 'GET', url: '/api/sites/XS1' })
    expect(site.headers['content-type']).toMatch(/^application\/json/)
    expect(site.json()).toMatchObject({ name: x, type: x, bsc: x, msc: x })

    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'XF1', name: x, aliases: [x], type: 'road' }, geometry: { type: 'Point', coordinates: [113.331, 23.131] } }] }
    expect((await t.app.inject({ method: 'POST', url: '/api/import/features', headers: { 'content-type': 'application/geo+json' }, payload: JSON.stringify(fc) })).statusCode).toBe(200)
    const f = await t.app.inject({ method: 'GET', url: '/api/layers/features/XF1' })
    expect(f.headers['content-type']).toMatch(/^application\/json/)
    expect(f.json().properties).toMatchObject({ name: x, aliases: [x] })

    const blind = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'XB1', kind: 'weak', description: x, reason: x, remedy: x, status: x },
      geometry: { type: 'Polygon', coordinates: [[[113.30, 23.10], [113.31, 23.10], [113.31, 23.11], [113.30, 23.10]]] } }] }
    expect((await t.app.inject({ method: 'POST', url: '/api/import/blind-spots', headers: { 'content-type': 'application/geo+json' }, payload: JSON.stringify(blind) })).statusCode).toBe(200)
    const cov = (await t.app.inject({ method: 'GET', url: '/api/layers/coverage' })).json()
    expect(cov.features.find((g: { id: string }) => g.id === 'XB1').properties).toMatchObject({ description: x, reason: x, remedy: x, status: x })
  })

  it('is stored verbatim in a recorded complaint and returned as JSON by every route that shows it', async () => {
    const body = { ...COMPLAINT, id: 'XC1', occurredAt: iso(NOW - 60_000), address: x, description: x, answer: x, vip: x.slice(0, 20) }
    const res = await t.app.inject({ method: 'POST', url: '/api/complaints', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) })
    expect(res.statusCode, res.body).toBe(201)
    const c = await t.app.inject({ method: 'GET', url: '/api/complaints/XC1' })
    expect(c.headers['content-type']).toMatch(/^application\/json/)
    expect(c.json()).toMatchObject({ address: x, description: x, answer: x, vip: x.slice(0, 20) })
    const layer = (await t.app.inject({ method: 'GET', url: '/api/layers/complaints' })).json()
    expect(layer.features.find((g: { id: string }) => g.id === 'XC1').properties.address).toBe(x)
  })

  it('no route answers with it in an HTML response; where it comes back it is JSON or a download', async () => {
    for (const { name, probe } of allProbes(x)) {
      const res = await t.app.inject(probe.req)
      const type = String(res.headers['content-type'] ?? '')
      expect(type.startsWith('text/html') && res.body.includes(x), `${name} returns it in HTML`).toBe(false)
      // The complaint export is a CSV/XLSX attachment (opened by a spreadsheet, not rendered by a browser).
      const download = /attachment/.test(String(res.headers['content-disposition'] ?? ''))
      if (res.body.includes(x) && !download) expect(type, `${name} echoes it as ${type}`).toMatch(/^application\/(json|geo\+json)/)
    }
  })
})
