/** The worst of several map states, in the order the map's clusters use (alarm > cutover > recent alarm > normal). */
import type { SiteState } from '../domain/types.js'

/** States from worst to best. */
export const STATE_ORDER: readonly SiteState[] = ['alarm', 'cutover', 'recent_alarm', 'normal']

/** The worse of two states. */
export function worse(a: SiteState, b: SiteState): SiteState {
  return STATE_ORDER.indexOf(a) <= STATE_ORDER.indexOf(b) ? a : b
}

/** Sites per state. */
export type StateCounts = Record<SiteState, number>

export const noStates = (): StateCounts => ({ alarm: 0, cutover: 0, recent_alarm: 0, normal: 0 })
