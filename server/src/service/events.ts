/**
 * What changed in the network, for whoever shows it live (the map's /api/events stream). One emitter
 * per service instance, so two services in one process (tests) never hear each other.
 */
import { EventEmitter } from 'node:events'

/** One committed import: which kind, how many rows, when. */
export interface ImportEvent {
  kind: string
  count: number
  at: number
}

/** Typed wrapper over an EventEmitter: `import` after every committed import. */
export class NetworkEvents extends EventEmitter<{ import: [ImportEvent] }> {
  constructor() {
    super()
    // Every open map is one listener; the default warning at 10 would fire on a normal call centre.
    this.setMaxListeners(0)
  }
}

const emitters = new WeakMap<object, NetworkEvents>()

/** The event emitter of a service (created on first use). */
export function networkEvents(owner: object): NetworkEvents {
  let e = emitters.get(owner)
  if (!e) emitters.set(owner, (e = new NetworkEvents()))
  return e
}
