/** SQL fragments in every parameter of every route: 4xx or a harmless 200, never a 5xx; searching for them finds nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestService } from '../../helpers/service.js'
import { allProbes, expectHarmless, seededService, snapshot } from './helpers.js'

let t: TestService
beforeAll(async () => { t = await seededService() })
afterAll(async () => { await t.close() })

const SQL = [
  "' OR 1=1 --", "1; DROP TABLE complaints", "'; DROP TABLE sites; --", '" OR ""="', "1' UNION SELECT * FROM users --",
  "S1' --", "%' OR '%'='", "\\'; SELECT pg_sleep(5); --", "1)) OR ((1=1", "$1", "'::jsonb", "E'\\x00'", "$$; DROP TABLE alarms; $$",
]

describe.each(SQL)('SQL fragment %s', (v) => {
  it('in every parameter of every route: never a 5xx, nothing changed when refused', async () => {
    for (const { name, probe } of allProbes(v)) await expectHarmless(t, name, probe, v)
    // Every table is still there and still answers.
    const counts = JSON.parse(await snapshot(t)).store
    expect(counts.sites).toBeGreaterThanOrEqual(2)
    expect(counts.complaints).toBeGreaterThanOrEqual(6)
    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200)
  })
})

describe('searching for SQL', () => {
  it.each(SQL)('GET /api/search?q=%s answers 200, and every id lookup with it is a 404', async (v) => {
    const before = await snapshot(t)
    const res = await t.app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(v)}` })
    expect(res.statusCode).toBe(200)
    for (const path of ['/api/sites/', '/api/complaints/', '/api/layers/features/']) {
      expect((await t.app.inject({ method: 'GET', url: path + encodeURIComponent(v) })).statusCode).toBe(404)
    }
    expect(await snapshot(t)).toBe(before)
  })

  it('on a store without SQL-looking text, a search for SQL finds nothing at all', async () => {
    const { seededService: fresh } = await import('./helpers.js')
    const f = await fresh()
    try {
      for (const v of SQL) {
        const res = await f.app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(v)}` })
        expect(res.statusCode).toBe(200)
        expect(res.json(), v).toEqual([])
      }
    } finally {
      await f.close()
    }
  })
})
