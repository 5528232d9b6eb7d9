/**
 * Behind a load balancer every connection comes from the balancer. With TRUST_PROXY naming it, the
 * client's address is read from X-Forwarded-For (audit log, per-address login limit); the header is
 * ignored from anyone else, and without TRUST_PROXY altogether, so a client cannot choose its address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../../server/src/app.js'
import { loadSecurityOptions } from '../../../server/src/config/index.js'
import { startService, type TestService } from '../../helpers/service.js'

let t: TestService
let behind: Awaited<ReturnType<typeof build>>
let direct: Awaited<ReturnType<typeof build>>

beforeAll(async () => {
  t = await startService()
  behind = await build({ service: t.service, users: t.users, security: { trustProxy: ['10.0.0.0/8'], loginRateLimitPerMin: 2 } })
  direct = await build({ service: t.service, users: t.users, security: { loginRateLimitPerMin: 2 } })
})
afterAll(async () => { await behind?.close(); await direct?.close(); await t?.close() })

const failLogin = (app: typeof behind, remoteAddress: string, xff: string, username: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, headers: { 'x-forwarded-for': xff }, payload: { username, password: 'wrong-password-1' } })

async function ipsOf(username: string): Promise<string[]> {
  const log = await t.users.auditLog({ action: 'login_failed', limit: 100 })
  return log.filter((e) => e.target === username).map((e) => e.ip as string)
}

describe('TRUST_PROXY', () => {
  it('a request through a trusted balancer is the client named in X-Forwarded-For', async () => {
    expect((await failLogin(behind, '10.1.2.3', '203.0.113.7', 'xff-a')).statusCode).toBe(401)
    expect(await ipsOf('xff-a')).toEqual(['203.0.113.7'])
  })

  it('the header is ignored from an address not trusted, and when nothing is trusted', async () => {
    await failLogin(behind, '198.51.100.9', '203.0.113.7', 'xff-b')
    await failLogin(direct, '10.1.2.3', '203.0.113.7', 'xff-b')
    expect((await ipsOf('xff-b')).sort()).toEqual(['10.1.2.3', '198.51.100.9'])
  })

  it('the login limit counts each client behind the balancer on its own', async () => {
    for (let i = 0; i < 2; i++) expect((await failLogin(behind, '10.1.2.3', '203.0.113.20', 'xff-c')).statusCode).toBe(401)
    expect((await failLogin(behind, '10.1.2.3', '203.0.113.20', 'xff-c')).statusCode).toBe(429)
    // Another customer-service PC behind the same balancer is not locked out by the first one's attempts.
    expect((await failLogin(behind, '10.1.2.3', '203.0.113.21', 'xff-c')).statusCode).toBe(401)
  })

  it('reads TRUST_PROXY as addresses and CIDR ranges, and refuses anything else naming the entry', () => {
    expect(loadSecurityOptions({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1' }).trustProxy).toEqual(['10.0.0.5', '10.1.0.0/16', '::1'])
    expect(loadSecurityOptions({}).trustProxy).toEqual([])
    expect(() => loadSecurityOptions({ TRUST_PROXY: '10.0.0.5,haproxy' })).toThrow(/TRUST_PROXY.*"haproxy"/)
    expect(() => loadSecurityOptions({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY.*10\.0\.0\.0\/33/)
  })
})
