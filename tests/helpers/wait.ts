/** Small waits the tests and benchmarks share: a free loopback port, and polling until something shows. */
import { createServer } from 'node:net'

/** A TCP port free on 127.0.0.1 right now (for a service started as its own process). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    }).on('error', reject)
  })
}

/** Polls `f` every 50 ms until it gives something truthy (an empty list is "not yet"), at most `ms`. */
export async function until<T>(what: string, f: () => Promise<T | null | undefined | false> | T | null | undefined | false, ms = 10_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await f()
    if (v && !(Array.isArray(v) && v.length === 0)) return v
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}
