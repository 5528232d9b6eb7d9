/** Sites per map state (the order and worse() of states are defined with SiteState, domain/types.ts). */
import type { SiteState } from '../domain/types.js'

/** Sites per state. */
export type StateCounts = Record<SiteState, number>

export const noStates = (): StateCounts => ({ alarm: 0, cutover: 0, recent_alarm: 0, normal: 0 })
