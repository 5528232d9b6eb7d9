/**
 * The webhook signing scheme and retry schedule as plain functions, and the README's receiver sample
 * run as written against a signature made by the service's code (so the documented check stays true).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sign, verify } from '../../../server/src/webhooks/signature.js'
import { backoffMs, deliveryHeaders } from '../../../server/src/webhooks/dispatcher.js'
import { defaultWebhookOptions } from '../../../server/src/config/index.js'

const body = JSON.stringify({ id: 'd1', event: 'complaint.status', data: { complaintId: 'C1', note: '已回访,客户满意' } })
const now = Date.parse('2026-11-23T08:00:00Z')
const ts = now / 1000

describe('webhook signature', () => {
  it('is sha256= hex HMAC-SHA256 of "timestamp.body" under the secret', () => {
    const want = crypto.createHmac('sha256', 'k-0123456789abcdef').update(`${ts}.${body}`).digest('hex')
    expect(sign('k-0123456789abcdef', ts, body)).toBe(`sha256=${want}`)
    expect(sign('k-0123456789abcdef', ts + 1, body)).not.toBe(`sha256=${want}`)
  })

  it('verifies only the same secret, timestamp and body, and only a fresh timestamp', () => {
    const signature = sign('s3cret-s3cret-s3cret', ts, body)
    expect(verify('s3cret-s3cret-s3cret', { timestamp: String(ts), signature }, body, now)).toBe(true)
    expect(verify('another-secret-here', { timestamp: String(ts), signature }, body, now)).toBe(false)
    expect(verify('s3cret-s3cret-s3cret', { timestamp: String(ts), signature }, body.replace('满意', '不满意'), now)).toBe(false)
    expect(verify('s3cret-s3cret-s3cret', { timestamp: String(ts + 1), signature }, body, now)).toBe(false)
    expect(verify('s3cret-s3cret-s3cret', { timestamp: String(ts), signature }, body, now + 301_000)).toBe(false)
    expect(verify('s3cret-s3cret-s3cret', { timestamp: 'soon', signature }, body, now)).toBe(false)
  })

  it('the README receiver sample accepts a delivery signed by the service and refuses a tampered one', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8')
    const sample = /```js\n(import \{ createHmac, timingSafeEqual \} from 'node:crypto'[\s\S]*?)```/.exec(readme)?.[1]
    expect(sample, 'README has the verifyTousu sample').toBeTruthy()
    const code = sample!.replace(/^import .*$/m, '') + '\nreturn verifyTousu'
    const verifyTousu = new Function('createHmac', 'timingSafeEqual', code)(crypto.createHmac, crypto.timingSafeEqual) as (s: string, h: Record<string, string>, b: string) => boolean
    const t = Math.floor(Date.now() / 1000)
    const headers = deliveryHeaders({ id: 'd1', event: 'complaint.status', body, secret: 'whsec_test_secret' }, 1, t)
    expect(verifyTousu('whsec_test_secret', headers, body)).toBe(true)
    expect(verifyTousu('whsec_wrong_secret', headers, body)).toBe(false)
    expect(verifyTousu('whsec_test_secret', headers, body + ' ')).toBe(false)
    expect(verifyTousu('whsec_test_secret', { ...headers, 'x-tousu-timestamp': String(t - 600) }, body)).toBe(false)
  })
})

describe('webhook retry schedule', () => {
  it('doubles from the base delay and stops growing at the longest wait', () => {
    const o = { baseDelayMs: 1000, maxDelayMs: 5000 }
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(o, n))).toEqual([1000, 2000, 4000, 5000, 5000])
  })

  it('gives a receiver about three hours with the defaults', () => {
    const waits = Array.from({ length: defaultWebhookOptions.maxAttempts - 1 }, (_, i) => backoffMs(defaultWebhookOptions, i + 1))
    const total = waits.reduce((a, b) => a + b, 0)
    expect(total / 3600_000).toBeGreaterThan(2.9)
    expect(total / 3600_000).toBeLessThan(3.2)
  })
})
