/**
 * A pool of worker threads over one shared scene. Jobs go out in small batches (fewer messages)
 * and each worker keeps two batches in flight so it never waits on the main thread.
 */
import { Worker } from 'node:worker_threads'
import { sceneData, type Scene } from './scene.js'
import type { Style } from './style.js'
import type { TileJob } from './renderer.js'
import { DEFAULT_FORMAT, type TileFormat } from './encode.js'

const BOOT = new URL('./worker-boot.mjs', import.meta.url)

/** Renders jobs on `size` worker threads. */
export class WorkerPool {
  private readonly workers: Worker[]
  private readonly pending = new Map<number, { resolve: (b: number[]) => void; reject: (e: Error) => void }>()
  private readonly load: number[]
  private nextId = 0
  /** Set when a worker died: every later run fails at once instead of waiting for a dead thread. */
  private failed: Error | null = null
  private closing = false

  constructor(scene: Scene, style: Style, readonly size: number, format: TileFormat = DEFAULT_FORMAT) {
    this.workers = Array.from({ length: size }, () => new Worker(BOOT, { workerData: { scene: sceneData(scene), style, format } }))
    this.load = this.workers.map(() => 0)
    this.workers.forEach((w, i) => {
      w.on('message', (m: { id: number; bytes?: number[]; error?: string }) => {
        this.load[i]--
        const p = this.pending.get(m.id)
        this.pending.delete(m.id)
        if (m.error) p?.reject(new Error(`tile worker: ${m.error}`))
        else p?.resolve(m.bytes!)
      })
      const fail = (e: Error) => {
        this.failed ??= e
        for (const p of this.pending.values()) p.reject(e)
        this.pending.clear()
      }
      w.on('error', fail)
      w.on('exit', (code) => { if (!this.closing) fail(new Error(`tile worker exited with code ${code}`)) })
    })
  }

  /** Renders a batch on the least loaded worker; resolves with the bytes written per job. */
  run(jobs: TileJob[]): Promise<number[]> {
    if (this.failed) return Promise.reject(this.failed)
    let i = 0
    for (let k = 1; k < this.size; k++) if (this.load[k] < this.load[i]) i = k
    const id = this.nextId++
    this.load[i]++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.workers[i].postMessage({ id, jobs })
    })
  }

  /** Batches currently queued on the least loaded worker (the producer waits while it is ≥ 2). */
  get minLoad(): number {
    return Math.min(...this.load)
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    this.closing = true
    await Promise.all(this.workers.map((w) => w.terminate()))
  }
}
