/** The network-element routes (issue 9) as the tree panel calls them. */
import { call } from '../api.js'
import type { SiteState } from '../labels.js'

export type ElementType = 'bsc' | 'msc' | 'ring'
export interface NodeCounts { bscs: number; sites: number; cells: number; byState: Record<SiteState, number> }
export interface CellNode { id: string; azimuth: number; beamwidth: number; radiusM: number; tech: string | null }
export interface SiteNode { type: 'site'; id: string; name: string; lon: number; lat: number; tech: string | null; ring: string | null; state: SiteState; cells: CellNode[] }
export interface BscNode { type: 'bsc'; id: string | null; state: SiteState; ownState: SiteState; counts: NodeCounts; alsoUnder: string[]; sites: SiteNode[] }
export interface MscNode { type: 'msc'; id: string | null; state: SiteState; ownState: SiteState; counts: NodeCounts; bscs: BscNode[] }
export interface RingNode { type: 'ring'; id: string; state: SiteState; ownState: SiteState; counts: NodeCounts; sites: string[] }
export interface NetworkTree {
  counts: { mscs: number; bscs: number; rings: number; sites: number; cells: number; byState: Record<SiteState, number> }
  state: SiteState
  mscs: MscNode[]
  rings: RingNode[]
  orphans: { sitesWithoutBsc: string[]; sitesWithoutMsc: string[]; cellsWithoutSite: { id: string; siteId: string }[]; bscsUnderSeveralMscs: { id: string; mscs: string[] }[] }
}
export interface ElementDetail {
  type: ElementType; id: string; state: SiteState; ownState: SiteState
  sites: { id: string; name: string; lon: number; lat: number; state: SiteState }[]
  related: { type: ElementType; id: string }[]
  alarms: { id: string; kind: string; severity: string; raisedAt: string; clearedAt: string | null; active: boolean }[]
  cutovers: { id: string; description: string; plannedStart: string | null; plannedEnd: string | null; actualStart: string | null; actualEnd: string | null }[]
  footprint: GeoJSON.Feature<GeoJSON.Polygon>
  complaints: { from: string; to: string; count: number; list: { id: string; occurredAt: string; phenomenon: string; cause: string | null; suggestedCause: string | null; address: string; lon: number; lat: number }[] }
}

export const treeApi = {
  tree: () => call<NetworkTree>('/api/network/tree'),
  element: (type: ElementType, id: string) => call<ElementDetail>(`/api/network/elements/${type}/${encodeURIComponent(id)}`),
}
