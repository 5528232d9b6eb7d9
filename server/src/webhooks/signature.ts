/**
 * The signature of a webhook delivery: `sha256=` + hex HMAC-SHA256 of `timestamp + '.' + body` under
 * the subscription's secret. The timestamp (unix seconds, X-Tousu-Timestamp) is signed too, so a
 * captured delivery cannot be replayed later with a fresh timestamp.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

/** The X-Tousu-Signature value of `body` sent at `timestamp` (unix seconds). */
export function sign(secret: string, timestamp: number | string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/**
 * What a receiver does (README "Integration"): recompute and compare in constant time, and refuse a
 * timestamp older than `toleranceS` (default 5 minutes).
 */
export function verify(secret: string, headers: { timestamp: string; signature: string }, body: string, now = Date.now(), toleranceS = 300): boolean {
  const ts = Number(headers.timestamp)
  if (!Number.isSafeInteger(ts) || Math.abs(now / 1000 - ts) > toleranceS) return false
  const want = Buffer.from(sign(secret, ts, body))
  const got = Buffer.from(headers.signature)
  return want.length === got.length && timingSafeEqual(want, got)
}
