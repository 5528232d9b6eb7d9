/** Every import kind of CONTRACT.md with its mapper. */
import type { ImportKind } from '../../domain/types.js'
import { alarms } from './alarms.js'
import { blindSpots } from './blind-spots.js'
import { cells } from './cells.js'
import { complaints } from './complaints.js'
import { cutovers } from './cutovers.js'
import { features } from './features.js'
import type { KindSpec } from './kind.js'
import { plannedSites } from './planned-sites.js'
import { sites } from './sites.js'

/** The spec of each kind, by its CONTRACT name. */
export const KINDS: { [K in ImportKind]: KindSpec<K> } = {
  sites,
  cells,
  alarms,
  cutovers,
  'blind-spots': blindSpots,
  'planned-sites': plannedSites,
  features,
  complaints,
}
export type { KindSpec, MapContext } from './kind.js'
