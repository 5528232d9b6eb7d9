/** Every route has hostile probes (a new route without them fails here), and junk in any parameter is never a 5xx. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestService } from '../../helpers/service.js'
import { allProbes, expectHarmless, listRoutes, PROBES, seededService } from './helpers.js'

let t: TestService
beforeAll(async () => { t = await seededService() })
afterAll(async () => { await t.close() })

describe('hostile-input coverage', () => {
  it('has probes for every route the app serves, and for no route it does not', () => {
    const routes = listRoutes(t.app).sort()
    expect(routes.length).toBeGreaterThan(20)
    expect(Object.keys(PROBES).sort()).toEqual(routes)
  })
})

// Values that are not what any parameter expects, in every parameter of every route.
const JUNK = ['', ' ', 'null', 'undefined', '[]', '{}', '-0', '1e309', '-1e309', 'NaN', 'Infinity', '-Infinity', '0x1F', '١٢٣',
  '\u0000', '\uD800', '%', '%00', '../../etc/passwd', 'a'.repeat(5000), '😀', 'true', '1,2,3,4,5', ',,,', '__proto__', 'constructor']

describe.each(JUNK.map((v) => [JSON.stringify(v).slice(0, 40), v]))('junk %s', (_label, v) => {
  it('is never a 5xx and changes nothing when refused', async () => {
    for (const { name, probe } of allProbes(v)) await expectHarmless(t, name, probe, v)
  })
})
