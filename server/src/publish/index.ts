/**
 * Published network information (网维信息发布, issue 9 item 3): one PublishService per NetworkService,
 * made on first use (the routes make it; tests and tools reach the same one).
 */
import { defaultPublishOptions, type PublishOptions } from '../config.js'
import type { NetworkService } from '../service/network-service.js'
import { PublishService } from './service.js'

export { PublishService, type PublishInput, type EditInput, type TypeCreate, type SweepResult } from './service.js'
export * from './types.js'
export { materialId, isLive } from './materialise.js'

const services = new WeakMap<NetworkService, PublishService>()

/** The publishing service of a network service; `options` count only on the first call. */
export function publishFor(network: NetworkService, options: Partial<PublishOptions> = {}): PublishService {
  let p = services.get(network)
  if (!p) services.set(network, (p = new PublishService(network, { ...defaultPublishOptions, ...options })))
  return p
}
