/** The batch analysis groups complaints by element and credits an element's own fault (issue 9). */
import { describe, expect, it } from 'vitest'
import { analyse } from '../../../server/src/analysis/analyse.js'
import { allocColumns } from '../../../server/src/analysis/columns.js'
import { siteTable } from '../../../server/src/analysis/site-table.js'
import { defaultAnalysisOptions, defaultDiagnosisOptions } from '../../../server/src/config/index.js'
import { NetworkIndex } from '../../../server/src/index/network-index.js'
import { elementAlarm, elementCutover, near, snapshot, SITES, T } from '../diagnosis/element-world.js'

/** n complaints at each of these sites, a minute apart from T. */
function run(perSite: Record<string, number>, index: NetworkIndex) {
  const ids = Object.entries(perSite).flatMap(([s, n]) => Array.from({ length: n }, (_, k) => `${s}-${k}`))
  const cols = allocColumns(ids.length, ids)
  ids.forEach((id, i) => {
    const p = near(id.split('-')[0])
    cols.lonLat[2 * i] = p.lon
    cols.lonLat[2 * i + 1] = p.lat
    cols.time[i] = T + i * 60_000
  })
  return analyse(cols, siteTable(SITES), index, defaultDiagnosisOptions, defaultAnalysisOptions)
}

describe('analysis by element', () => {
  it('groups complaints by BSC, MSC and ring, and puts those under a faulty BSC down to it', () => {
    const index = new NetworkIndex(defaultDiagnosisOptions)
    index.load(snapshot([elementAlarm('AB1', 'bsc', 'BSC12')]))
    const a = run({ S1: 3, S2: 2, S3: 4, S4: 1 }, index)
    expect(a.breakdown.byCause.map((c) => [c.code, c.count])).toEqual([['site_fault', 5], ['unknown', 5]])
    expect(a.breakdown.byBsc).toEqual([
      { id: 'BSC12', sites: 2, count: 5, unexplained: 0, elementFault: 5 },
      { id: 'BSC13', sites: 1, count: 4, unexplained: 4, elementFault: 0 },
      { id: 'BSC14', sites: 1, count: 1, unexplained: 1, elementFault: 0 },
    ])
    expect(a.breakdown.byMsc).toEqual([
      { id: 'MSC1', sites: 3, count: 6, unexplained: 1, elementFault: 0 },
      { id: 'MSC2', sites: 1, count: 4, unexplained: 4, elementFault: 0 },
    ])
    expect(a.breakdown.byRing).toEqual([
      { id: 'R2', sites: 2, count: 6, unexplained: 4, elementFault: 0 },
      { id: 'R1', sites: 1, count: 3, unexplained: 0, elementFault: 0 },
    ])
  })

  it('puts complaints under an MSC cutover down to the cutover, on the MSC', () => {
    const index = new NetworkIndex(defaultDiagnosisOptions)
    index.load(snapshot([], [elementCutover('CM1', [{ type: 'msc', id: 'MSC2' }])]))
    const a = run({ S2: 2, S3: 3 }, index)
    expect(a.breakdown.byCause.map((c) => [c.code, c.count])).toEqual([['cutover', 3], ['unknown', 2]])
    expect(a.breakdown.byMsc.find((m) => m.id === 'MSC2')).toEqual({ id: 'MSC2', sites: 1, count: 3, unexplained: 0, elementFault: 3 })
    expect(a.breakdown.byMsc.find((m) => m.id === 'MSC1')!.elementFault).toBe(0)
  })

  it('a site table without elements gives no breakdown by element', () => {
    const index = new NetworkIndex(defaultDiagnosisOptions)
    index.load(snapshot())
    const cols = allocColumns(1, ['X'])
    cols.lonLat[0] = SITES[0].lon
    cols.lonLat[1] = SITES[0].lat
    cols.time[0] = T
    const t = siteTable(SITES)
    const a = analyse(cols, { ids: t.ids, names: t.names, lonLat: t.lonLat }, index, defaultDiagnosisOptions, defaultAnalysisOptions)
    expect(a.breakdown.byBsc).toEqual([])
  })
})
