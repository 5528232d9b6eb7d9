import { envInt, type Env } from './env.js'

/**
 * Published network information (网维信息发布). Environment: PUBLISH_SWEEP_MS,
 * PUBLISH_PLANNED_RADIUS_M.
 */
export interface PublishOptions {
  /**
   * How often the service looks for published objects whose validity started or ended (0: never — call
   * sweep() yourself). An expired object leaves the diagnosis at the latest this long after its validTo.
   */
  sweepMs: number
  /** Coverage radius of a published planned site whose type has no radius_m value (an urban macro cell). */
  plannedRadiusM: number
}

export const defaultPublishOptions: PublishOptions = { sweepMs: 60_000, plannedRadiusM: 500 }

/** Publish options from the environment, else the defaults above. */
export function loadPublishOptions(env: Env): PublishOptions {
  const d = defaultPublishOptions
  return { sweepMs: envInt(env, 'PUBLISH_SWEEP_MS', d.sweepMs, 0), plannedRadiusM: envInt(env, 'PUBLISH_PLANNED_RADIUS_M', d.plannedRadiusM, 1) }
}
