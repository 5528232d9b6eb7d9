/** The network-element tree 网元树 built from sites and cells (issue 9): structure, counts, states, orphans. */
import { describe, expect, it } from 'vitest'
import { defaultDiagnosisOptions } from '../../../server/src/config/index.js'
import type { Cell, Site, SiteState } from '../../../server/src/domain/types.js'
import { NetworkIndex } from '../../../server/src/index/network-index.js'
import { buildTree, elementDetail, treeOf } from '../../../server/src/network-tree/index.js'
import { elementAlarm, near, snapshot, SITES, T } from '../diagnosis/element-world.js'

const site = (id: string, bsc: string | null, msc: string | null, ring?: string): Site => ({
  id, name: `站${id}`, lon: 113.3, lat: 23.1, tech: '4G', type: '宏站', bsc, msc, ...(ring ? { ring } : {}),
})
const cell = (id: string, siteId: string): Cell => ({ id, siteId, azimuth: 0, beamwidth: 65, radiusM: 500, tech: '4G' })

const SITES_IN: Site[] = [
  site('A1', 'B1', 'M1', 'R1'),
  site('A2', 'B1', 'M1'),
  site('A3', 'B2', 'M1', 'R1'),
  site('A4', 'B3', 'M2'),
  site('A5', 'B1', 'M2'), //      B1 under a second MSC
  site('A6', null, 'M2'), //      no BSC
  site('A7', 'B4', null), //      no MSC
  site('A8', null, null), //      neither
]
const CELLS: Cell[] = [cell('A1-1', 'A1'), cell('A1-2', 'A1'), cell('A4-1', 'A4'), cell('X-1', 'GONE')]
const STATES: Record<string, SiteState> = { A3: 'alarm', A4: 'recent_alarm' }

const tree = buildTree({
  sites: SITES_IN, cells: CELLS,
  siteState: (id) => STATES[id] ?? 'normal',
  elementState: (type, id) => (type === 'msc' && id === 'M2' ? 'cutover' : 'normal'),
})
const msc = (id: string | null) => tree.mscs.find((m) => m.id === id)!
const bsc = (m: string | null, b: string | null) => msc(m).bscs.find((x) => x.id === b)!

describe('buildTree', () => {
  it('hangs sites under MSC → BSC, with their cells, sorted, 未归属 nodes last', () => {
    expect(tree.mscs.map((m) => m.id)).toEqual(['M1', 'M2', null])
    expect(msc('M1').bscs.map((b) => b.id)).toEqual(['B1', 'B2'])
    expect(bsc('M1', 'B1').sites.map((s) => s.id)).toEqual(['A1', 'A2'])
    expect(bsc('M1', 'B1').sites[0].cells.map((c) => c.id)).toEqual(['A1-1', 'A1-2'])
    expect(msc('M2').bscs.map((b) => b.id)).toEqual(['B1', 'B3', null])
    expect(bsc('M2', null).sites.map((s) => s.id)).toEqual(['A6'])
    expect(msc(null).bscs.map((b) => b.id)).toEqual(['B4', null])
    expect(bsc(null, null).sites.map((s) => s.id)).toEqual(['A8'])
  })

  it('counts per node and in all', () => {
    expect(msc('M1').counts).toEqual({ bscs: 2, sites: 3, cells: 2, byState: { alarm: 1, cutover: 0, recent_alarm: 0, normal: 2 } })
    expect(msc('M2').counts.bscs).toBe(2) // B1 and B3; the 未归属 node is not a BSC
    expect(tree.counts).toEqual({ mscs: 2, bscs: 4, rings: 1, sites: 8, cells: 3, byState: { alarm: 1, cutover: 0, recent_alarm: 1, normal: 6 } })
  })

  it('gives every node the worst state of its subtree and its own', () => {
    expect(bsc('M1', 'B2').state).toBe('alarm')
    expect(bsc('M1', 'B1').state).toBe('normal')
    expect(msc('M1').state).toBe('alarm')
    // M2's own cutover beats its site's recent alarm (alarm > cutover > recent_alarm > normal).
    expect(msc('M2').ownState).toBe('cutover')
    expect(msc('M2').state).toBe('cutover')
    expect(bsc('M2', 'B3').state).toBe('recent_alarm')
    expect(tree.state).toBe('alarm')
  })

  it('reports orphans: sites without BSC or MSC, cells without a site, a BSC under two MSCs', () => {
    expect(tree.orphans).toEqual({
      sitesWithoutBsc: ['A6', 'A8'],
      sitesWithoutMsc: ['A7', 'A8'],
      cellsWithoutSite: [{ id: 'X-1', siteId: 'GONE' }],
      bscsUnderSeveralMscs: [{ id: 'B1', mscs: ['M1', 'M2'] }],
    })
    expect(bsc('M1', 'B1').alsoUnder).toEqual(['M2'])
    expect(bsc('M2', 'B1').alsoUnder).toEqual(['M1'])
    expect(bsc('M1', 'B2').alsoUnder).toEqual([])
  })

  it('lists transmission rings with their sites across BSCs', () => {
    expect(tree.rings).toEqual([expect.objectContaining({ type: 'ring', id: 'R1', sites: ['A1', 'A3'], state: 'alarm', ownState: 'normal' })])
  })

  it('an empty network is an empty tree with no orphans', () => {
    const t = buildTree({ sites: [], cells: [], siteState: () => 'normal', elementState: () => 'normal' })
    expect(t.mscs).toEqual([])
    expect(t.counts.sites).toBe(0)
    expect(t.state).toBe('normal')
  })
})

describe('treeOf and elementDetail over the index', () => {
  const index = new NetworkIndex(defaultDiagnosisOptions)
  index.load({ ...snapshot([elementAlarm('AB1', 'bsc', 'BSC12')]), complaints: [
    { ...near('S1'), id: 'C1', occurredAt: T, reportedAt: null, address: '', service: 'voice', phenomenon: 'no_signal', description: '', vip: null, number: null, suggestedCause: null, cause: null, answer: null, disposition: null, specialty: null, linkedSites: [], createdAt: T },
    { ...near('S3'), id: 'C3', occurredAt: T, reportedAt: null, address: '', service: 'voice', phenomenon: 'no_signal', description: '', vip: null, number: null, suggestedCause: null, cause: null, answer: null, disposition: null, specialty: null, linkedSites: [], createdAt: T },
  ] })

  it('takes an element\'s own active alarm into its state', () => {
    const t = treeOf(index, T)
    const b12 = t.mscs.find((m) => m.id === 'MSC1')!.bscs.find((b) => b.id === 'BSC12')!
    expect(b12.ownState).toBe('alarm')
    expect(b12.state).toBe('alarm')
    // Its sites have no alarm of their own, but they are down with their BSC (as the map colours them).
    expect(b12.sites.map((s) => s.state)).toEqual(['alarm', 'alarm'])
    expect(b12.sites.map((s) => index.siteState(s.id, T) === 'alarm' && index.alarmsOf(s.id, T - 3600_000, T).length === 0)).toEqual([true, true])
    expect(t.mscs.find((m) => m.id === 'MSC2')!.state).toBe('normal')
  })

  it('gives a BSC its sites, footprint, alarms and the complaints inside the footprint only', () => {
    const d = elementDetail(index, 'bsc', 'BSC12', { from: T - 3600_000, to: T + 3600_000, now: T })!
    expect(d.sites.map((s) => s.id)).toEqual(['S1', 'S2'])
    expect(d.related).toEqual([{ type: 'msc', id: 'MSC1' }])
    expect(d.alarms.map((a) => a.id)).toEqual(['AB1'])
    expect(d.footprint?.type).toBe('Polygon')
    expect(d.complaints.count).toBe(1)
    expect(d.complaints.list.map((c) => c.id)).toEqual(['C1'])
    expect(elementDetail(index, 'bsc', 'NO-SUCH', { from: 0, to: T, now: T })).toBeNull()
    expect(elementDetail(index, 'ring', 'R2', { from: 0, to: T, now: T })!.related).toEqual([
      { type: 'bsc', id: 'BSC12' }, { type: 'bsc', id: 'BSC13' }, { type: 'msc', id: 'MSC1' }, { type: 'msc', id: 'MSC2' },
    ])
    expect(SITES.length).toBe(4)
  })
})
