/** What a generated month holds: the network as known at its start, the timeline of what the NMS learns, the complaints with their truth. */
import type { Alarm, CauseCode, Cutover, DiagnoseInput, NetworkSnapshot } from '../../server/src/domain/types.js'
import type { Geography } from '../geography.js'

/** A change the NMS learns at `at`: an alarm or a cutover row as known from then on. */
export type WorldEvent = { at: number; alarm: Alarm; cutover?: undefined } | { at: number; cutover: Cutover; alarm?: undefined }

/** A generated complaint with its ground truth. */
export interface TruthComplaint {
  id: string
  /** The scenario that produced it (see the header). */
  scenario: string
  /** The scenario plus its difficulties. */
  tags: string[]
  /**
   * The physical cause: what a field test finds. The truth to score against is this, except for a
   * hidden hole whose problem was already settled by an earlier complaint: then it is `known_issue`.
   */
  underlying: CauseCode
  /** Hidden hole id, for the known_issue truth decided at diagnosis time. */
  hole?: string
  trueLon: number
  trueLat: number
  trueAt: number
  /** What the agent enters: the stated place (WGS-84), the stated time, the phenomenon. */
  input: DiagnoseInput
  /** When the customer calls: the diagnosis' `now`. */
  callAt: number
  number: string
  /** The object that caused it (site, area centre, planned site, outage centre), for distances. */
  cause: { what: string; lon: number; lat: number } | null
  /** Pre-drawn: uniform number deciding whether a dispatch / field test later settles the final cause, and after how long. */
  settleDraw: number
  settleDelayMs: number
}

export interface Month {
  geography: Geography
  seed: string
  days: number
  start: number
  end: number
  /** What is known before the month starts: network, areas, planned sites, cutovers as planned. */
  snapshot: NetworkSnapshot
  /** Alarm and cutover rows as they become known, by time. */
  timeline: WorldEvent[]
  /** Every complaint, by call time. */
  complaints: TruthComplaint[]
  /** Final state of every alarm and cutover (for the baselines' known-at-now view and the summary). */
  alarms: Alarm[]
  cutovers: Cutover[]
  hiddenHoles: number
}

export interface MonthOptions {
  city: 'generated' | 'shanghai'
  days: number
  seed: string
  /** First day, China time midnight (default 2026-11-01). */
  start?: number
}
