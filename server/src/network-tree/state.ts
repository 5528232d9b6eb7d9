/** The worst of several map states (alarm > cutover > recent alarm > normal): defined with SiteState. */
import type { SiteState } from '../domain/types.js'

export { STATE_ORDER, worse } from '../domain/types.js'

/** Sites per state. */
export type StateCounts = Record<SiteState, number>

export const noStates = (): StateCounts => ({ alarm: 0, cutover: 0, recent_alarm: 0, normal: 0 })
