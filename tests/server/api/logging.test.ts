/** Customers' numbers never reach the logs: not from bodies, not from URLs. */
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../../server/src/app.js'
import { defaultDiagnosisOptions } from '../../../server/src/config/index.js'
import { NetworkService } from '../../../server/src/service/network-service.js'
import { tempStore, type TestStore, TEST_SCRYPT_N } from '../../helpers/service.js'
import { Users } from '../../../server/src/auth/users.js'

let lines = ''
const stream = new Writable({ write(chunk, _enc, done) { lines += chunk; done() } })
let service: NetworkService
let store: TestStore
let app: Awaited<ReturnType<typeof build>>
let token: string

beforeAll(async () => {
  store = await tempStore()
  service = await NetworkService.start({ ...store, diagnosis: { ...defaultDiagnosisOptions } })
  const users = new Users(service.store.db, { scryptN: TEST_SCRYPT_N })
  token = (await users.bootstrap(store.dataDir))!
  app = await build({ service, users, logger: { level: 'trace', stream } })
})
afterAll(async () => { await app.close(); await service.close(); await store.drop() })

describe('pino logs', () => {
  it('redact phone numbers', async () => {
    const res = await app.inject({
      method: 'POST', url: '/api/complaints?caller=13912345678', headers: { authorization: `Bearer ${token}` },
      payload: { lon: 113.3, lat: 23.1, occurredAt: '2026-11-23T14:00:00+08:00', service: 'voice', phenomenon: '掉话', number: '13912345678' },
    })
    expect(res.statusCode).toBe(201)
    await app.inject({ url: '/api/search?q=13987654321', headers: { authorization: `Bearer ${token}` } })
    expect(lines.length).toBeGreaterThan(0)
    expect(lines).toContain('139****5678')
    expect(lines).not.toContain('13912345678')
    expect(lines).not.toContain('13987654321')
    expect(lines).not.toContain(token)
  })
})
