/**
 * The browser-protection headers (Content-Security-Policy, X-Frame-Options, HSTS, …) of every answer,
 * worked out once at start instead of per request.
 *
 * @fastify/helmet 13 calls helmet(options) on every request — it parses the CSP directives and builds
 * a dozen middleware functions each time — and runs two async onRequest hooks; that was ~7 % of the CPU
 * of POST /api/diagnose (npm run bench -- http). Our options are static (no nonces, no directive that
 * depends on the request), so helmet's output is the same for every request: we run helmet's own
 * middleware once against a recording response, and one synchronous onRequest hook replays exactly those
 * header operations on the raw response, in helmet's order. The headers are set on reply.raw as helmet
 * sets them, so a route may still read and replace one (GET /embed widens frame-ancestors per request).
 */
import { createRequire } from 'node:module'
import type { FastifyInstance } from 'fastify'
import type { HelmetOptions } from 'helmet'

// The helmet @fastify/helmet depends on (the package the service declares), resolved from there.
const helmet = createRequire(createRequire(import.meta.url).resolve('@fastify/helmet'))('helmet') as (o: HelmetOptions) => (req: unknown, res: unknown, next: (err?: unknown) => void) => void

type Op = { set: true; name: string; value: string | number | readonly string[] } | { set: false; name: string }

/** The header operations helmet performs for these options, in its order. */
export function helmetHeaderOps(options: HelmetOptions): Op[] {
  const ops: Op[] = []
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => { ops.push({ set: true, name, value }) },
    removeHeader: (name: string) => { ops.push({ set: false, name }) },
  }
  let finished = false
  helmet(options)({ headers: {}, method: 'GET', url: '/' }, res, (err) => {
    if (err) throw err
    finished = true
  })
  // Every helmet middleware is synchronous; an option that is not (a function directive) must not slip through.
  if (!finished) throw new Error('helmet did not finish synchronously: its headers depend on the request and cannot be precomputed')
  return ops
}

/** Registers one onRequest hook setting helmet's headers (computed once from `options`) on every answer. */
export function securityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const ops = helmetHeaderOps(options)
  app.addHook('onRequest', (_req, reply, done) => {
    const res = reply.raw
    for (const op of ops) {
      if (op.set) res.setHeader(op.name, op.value)
      else res.removeHeader(op.name)
    }
    done()
  })
}
