/**
 * The network-element tree 网元树 (issue 9): MSC → BSC → site → cell, built from the sites' own `msc`
 * and `bsc` fields and the cells' `site_id`, plus the transmission rings 传输环 as a second grouping of
 * the same sites. Every node carries counts and a state: the worst of its own alarms/cutovers (an
 * element's) and of everything under it, as the map's clusters take the worst state inside them.
 *
 * Nothing is dropped: a site without BSC hangs under a BSC node with id null (未归属 BSC) of its MSC,
 * a site without MSC under an MSC node with id null; a BSC named under two MSCs appears under each
 * with the sites that name that pair. All of these, and cells whose site is missing, are reported in
 * `orphans`.
 */
import { worse, type Cell, type ElementType, type Site, type SiteState } from '../domain/types.js'
import { noStates, type StateCounts } from './state.js'

/** What the tree reads: sites, cells, and the states now. */
export interface TreeInput {
  sites: Iterable<Site>
  cells: Iterable<Cell>
  siteState(id: string): SiteState
  /** The state of an element from its own alarms and cutovers. */
  elementState(type: ElementType, id: string): SiteState
}

export interface CellNode { id: string; azimuth: number; beamwidth: number; radiusM: number; tech: string | null }
export interface SiteNode {
  type: 'site'; id: string; name: string; lon: number; lat: number; tech: string | null; ring: string | null
  state: SiteState; cells: CellNode[]
}
export interface NodeCounts { bscs: number; sites: number; cells: number; byState: StateCounts }
export interface BscNode {
  type: 'bsc'
  /** null: the sites of this MSC that name no BSC (未归属). */
  id: string | null
  state: SiteState
  /** The state from the BSC's own alarms and cutovers alone. */
  ownState: SiteState
  counts: NodeCounts
  /** Other MSCs this BSC is also named under (a data problem, reported in orphans). */
  alsoUnder: string[]
  sites: SiteNode[]
}
export interface MscNode {
  type: 'msc'
  /** null: sites that name no MSC (未归属). */
  id: string | null
  state: SiteState
  ownState: SiteState
  counts: NodeCounts
  bscs: BscNode[]
}
export interface RingNode { type: 'ring'; id: string; state: SiteState; ownState: SiteState; counts: NodeCounts; sites: string[] }

export interface Orphans {
  sitesWithoutBsc: string[]
  sitesWithoutMsc: string[]
  /** Cells whose site_id names no site. */
  cellsWithoutSite: { id: string; siteId: string }[]
  /** BSCs whose sites name more than one MSC. */
  bscsUnderSeveralMscs: { id: string; mscs: string[] }[]
}

export interface NetworkTree {
  counts: { mscs: number; bscs: number; rings: number; sites: number; cells: number; byState: StateCounts }
  state: SiteState
  mscs: MscNode[]
  rings: RingNode[]
  orphans: Orphans
}

const byId = (a: { id: string | null }, b: { id: string | null }) =>
  a.id === b.id ? 0 : a.id === null ? 1 : b.id === null ? -1 : a.id < b.id ? -1 : 1

/** Builds the whole tree (sorted by id, 未归属 nodes last). */
export function buildTree(input: TreeInput): NetworkTree {
  const cellsBySite = new Map<string, CellNode[]>()
  const siteIds = new Set<string>()
  const sites = [...input.sites]
  for (const s of sites) siteIds.add(s.id)
  const orphans: Orphans = { sitesWithoutBsc: [], sitesWithoutMsc: [], cellsWithoutSite: [], bscsUnderSeveralMscs: [] }
  let cellCount = 0
  for (const c of input.cells) {
    if (!siteIds.has(c.siteId)) {
      orphans.cellsWithoutSite.push({ id: c.id, siteId: c.siteId })
      continue
    }
    cellCount++
    const list = cellsBySite.get(c.siteId)
    const node = { id: c.id, azimuth: c.azimuth, beamwidth: c.beamwidth, radiusM: c.radiusM, tech: c.tech }
    if (list) list.push(node)
    else cellsBySite.set(c.siteId, [node])
  }

  // msc id ('' = none) → bsc id ('' = none) → sites
  const groups = new Map<string, Map<string, SiteNode[]>>()
  const mscsOfBsc = new Map<string, Set<string>>()
  const rings = new Map<string, SiteNode[]>()
  const total = noStates()
  for (const s of sites) {
    if (!s.bsc) orphans.sitesWithoutBsc.push(s.id)
    if (!s.msc) orphans.sitesWithoutMsc.push(s.id)
    const cells = (cellsBySite.get(s.id) ?? []).sort(byId)
    const node: SiteNode = {
      type: 'site', id: s.id, name: s.name, lon: s.lon, lat: s.lat, tech: s.tech, ring: s.ring ?? null,
      state: input.siteState(s.id), cells,
    }
    total[node.state]++
    const msc = s.msc ?? ''
    const bsc = s.bsc ?? ''
    let m = groups.get(msc)
    if (!m) groups.set(msc, (m = new Map()))
    const list = m.get(bsc)
    if (list) list.push(node)
    else m.set(bsc, [node])
    if (s.bsc && s.msc) {
      const set = mscsOfBsc.get(s.bsc)
      if (set) set.add(s.msc)
      else mscsOfBsc.set(s.bsc, new Set([s.msc]))
    }
    if (s.ring) {
      const r = rings.get(s.ring)
      if (r) r.push(node)
      else rings.set(s.ring, [node])
    }
  }
  for (const [bsc, mscs] of mscsOfBsc) if (mscs.size > 1) orphans.bscsUnderSeveralMscs.push({ id: bsc, mscs: [...mscs].sort() })
  orphans.sitesWithoutBsc.sort()
  orphans.sitesWithoutMsc.sort()
  orphans.bscsUnderSeveralMscs.sort(byId)

  const mscs: MscNode[] = []
  const bscIds = new Set<string>()
  for (const [mscKey, bscMap] of groups) {
    const bscs: BscNode[] = []
    for (const [bscKey, siteNodes] of bscMap) {
      siteNodes.sort(byId)
      const id = bscKey || null
      if (id) bscIds.add(id)
      const ownState = id ? input.elementState('bsc', id) : 'normal'
      const counts = countSites(siteNodes)
      const state = siteNodes.reduce<SiteState>((w, s) => worse(w, s.state), ownState)
      const alsoUnder = id ? [...(mscsOfBsc.get(id) ?? [])].filter((m) => m !== mscKey).sort() : []
      bscs.push({ type: 'bsc', id, state, ownState, counts, alsoUnder, sites: siteNodes })
    }
    bscs.sort(byId)
    const id = mscKey || null
    const ownState = id ? input.elementState('msc', id) : 'normal'
    const state = bscs.reduce<SiteState>((w, b) => worse(w, b.state), ownState)
    const counts = sum(bscs.map((b) => b.counts))
    counts.bscs = bscs.filter((b) => b.id !== null).length
    mscs.push({ type: 'msc', id, state, ownState, counts, bscs })
  }
  mscs.sort(byId)

  const ringNodes: RingNode[] = [...rings].map(([id, siteNodes]) => {
    siteNodes.sort(byId)
    const ownState = input.elementState('ring', id)
    return {
      type: 'ring' as const, id, ownState,
      state: siteNodes.reduce<SiteState>((w, s) => worse(w, s.state), ownState),
      counts: countSites(siteNodes),
      sites: siteNodes.map((s) => s.id),
    }
  }).sort(byId)

  return {
    counts: { mscs: mscs.filter((m) => m.id !== null).length, bscs: bscIds.size, rings: ringNodes.length, sites: sites.length, cells: cellCount, byState: total },
    state: [...mscs, ...ringNodes].reduce<SiteState>((w, n) => worse(w, n.state), 'normal'),
    mscs,
    rings: ringNodes,
    orphans,
  }
}

function countSites(sites: readonly SiteNode[]): NodeCounts {
  const byState = noStates()
  let cells = 0
  for (const s of sites) {
    byState[s.state]++
    cells += s.cells.length
  }
  return { bscs: 0, sites: sites.length, cells, byState }
}

function sum(list: readonly NodeCounts[]): NodeCounts {
  const out: NodeCounts = { bscs: 0, sites: 0, cells: 0, byState: noStates() }
  for (const c of list) {
    out.sites += c.sites
    out.cells += c.cells
    for (const k of Object.keys(c.byState) as SiteState[]) out.byState[k] += c.byState[k]
  }
  return out
}
