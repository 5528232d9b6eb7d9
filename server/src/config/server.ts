/** The process: where it listens, where its files live, what it logs, how it starts and stops. */
import type { Env } from './env.js'

export interface ServerOptions {
  /** HTTP port; 8080 as CONTRACT.md says. PORT. */
  port: number
  /** Interface to listen on. HOST. */
  host: string
  /** Where the embedded database, the tiles (DATA_DIR/tiles), the admin token and the NMS inbox live. DATA_DIR. */
  dataDir: string
  /** Load the invented demo district on first start when the store is empty. DEMO=0 turns it off. */
  demo: boolean
  /** Shift the demo's times so that its worked example happened two hours ago (keeps the demo "live"). DEMO_SHIFT=0 keeps them. */
  demoShiftToNow: boolean
  /** Log level for pino. LOG_LEVEL. */
  logLevel: string
  /**
   * After SIGTERM, /ready answers 503 this long before the listener closes: a balancer's health check
   * notices and stops sending. DRAIN_MS.
   */
  drainMs: number
}

export const defaultServerOptions: ServerOptions = {
  port: 8080,
  host: '0.0.0.0', // every interface: the balancer or the browser reaches it from elsewhere
  dataDir: './var',
  demo: true, // a first start shows a working map, not an empty one
  demoShiftToNow: true,
  logLevel: 'info',
  drainMs: 1500,
}

/** Server options from the environment, else the defaults above. */
export function loadServerOptions(env: Env): ServerOptions {
  const d = defaultServerOptions
  return {
    port: env.PORT ? Number(env.PORT) : d.port,
    host: env.HOST ?? d.host,
    dataDir: env.DATA_DIR ?? d.dataDir,
    demo: env.DEMO !== '0',
    demoShiftToNow: env.DEMO_SHIFT !== '0',
    logLevel: env.LOG_LEVEL ?? d.logLevel,
    drainMs: Number(env.DRAIN_MS ?? d.drainMs),
  }
}
