/**
 * The domain types: the shared ones live in the contract (contract/src/domain.ts, also read by the
 * web app) and are re-exported here; the types below are the server's own (import kinds, the
 * network snapshot the index loads).
 */
export * from '../../../contract/src/domain.js'
import type { Alarm, Cell, Complaint, CoverageArea, Cutover, GroundFeature, PlannedSite, Site } from '../../../contract/src/domain.js'

/** The kinds of CONTRACT.md's import table, mapped to their row types. */
export interface KindRows {
  sites: Site
  cells: Cell
  alarms: Alarm
  cutovers: Cutover
  'blind-spots': CoverageArea
  'planned-sites': PlannedSite
  features: GroundFeature
  complaints: Complaint
}
export type ImportKind = keyof KindRows
export const IMPORT_KINDS: ImportKind[] = [
  'sites',
  'cells',
  'alarms',
  'cutovers',
  'blind-spots',
  'planned-sites',
  'features',
  'complaints',
]

/** Everything the network index holds, as loaded from the store at start. */
export interface NetworkSnapshot {
  sites: Site[]
  cells: Cell[]
  alarms: Alarm[]
  cutovers: Cutover[]
  coverage: CoverageArea[]
  plannedSites: PlannedSite[]
  complaints: Complaint[]
}
