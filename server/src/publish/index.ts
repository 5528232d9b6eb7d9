/** Published network information (网维信息发布): the service (one per container, server/src/container.ts), its types and helpers. */

export { PublishService, type PublishInput, type EditInput, type TypeCreate, type SweepResult } from './service.js'
export * from './types.js'
export { materialId, isLive } from './materialise.js'
