import { envInt, type Env } from './env.js'

/**
 * Outgoing webhooks: how a delivery is retried. Attempt n+1 waits baseDelayMs·2^(n-1), never
 * more than maxDelayMs; after maxAttempts the delivery is marked failed. The defaults give a receiver
 * that is down about three hours to come back (30 s, 1, 2, 4, 8, 16, 32 min, then hourly).
 * Environment: WEBHOOK_MAX_ATTEMPTS, WEBHOOK_BASE_DELAY_MS, WEBHOOK_MAX_DELAY_MS, WEBHOOK_TIMEOUT_MS, WEBHOOK_POLL_MS,
 * WEBHOOK_CONCURRENCY.
 */
export interface WebhookOptions {
  /** Attempts per delivery, the first included; then it is marked failed. */
  maxAttempts: number
  /** Wait before the second attempt; doubles with each further one. */
  baseDelayMs: number
  /** The longest wait between two attempts. */
  maxDelayMs: number
  /** One attempt waits this long for the receiver's answer (then it counts as a network error). */
  timeoutMs: number
  /** Pending deliveries written by another process on the same database are looked for this often. */
  pollMs: number
  /** Deliveries sent at the same time. */
  concurrency: number
}

export const defaultWebhookOptions: WebhookOptions = {
  maxAttempts: 10,
  baseDelayMs: 30_000,
  maxDelayMs: 3600_000,
  timeoutMs: 10_000, // a receiver that needs longer should answer 202 and work afterwards
  pollMs: 15_000,
  concurrency: 4,
}

/** Webhook options from the environment, else the defaults above. */
export function loadWebhookOptions(env: Env): WebhookOptions {
  const d = defaultWebhookOptions
  const int = (name: string, def: number, min: number) => envInt(env, name, def, min)
  return {
    maxAttempts: int('WEBHOOK_MAX_ATTEMPTS', d.maxAttempts, 1),
    baseDelayMs: int('WEBHOOK_BASE_DELAY_MS', d.baseDelayMs, 0),
    maxDelayMs: int('WEBHOOK_MAX_DELAY_MS', d.maxDelayMs, 0),
    timeoutMs: int('WEBHOOK_TIMEOUT_MS', d.timeoutMs, 1),
    pollMs: int('WEBHOOK_POLL_MS', d.pollMs, 10),
    concurrency: int('WEBHOOK_CONCURRENCY', d.concurrency, 1),
  }
}
