import { describe, expect, it } from 'vitest'
import { stDbscan } from '../../../server/src/analysis/clusters.js'
import { analyse } from '../../../server/src/analysis/analyse.js'
import { allocColumns } from '../../../server/src/analysis/columns.js'
import { siteTable } from '../../../server/src/analysis/site-table.js'
import { NetworkIndex } from '../../../server/src/index/network-index.js'
import { defaultAnalysisOptions, defaultDiagnosisOptions } from '../../../server/src/config/index.js'
import type { Site } from '../../../server/src/domain/types.js'
import { prng } from '../../bench/network.js'

const T0 = Date.parse('2026-11-01T00:00:00+08:00')
const DAY = 24 * 3600_000
const opts = { radiusM: 500, windowMs: 3600_000, minPoints: 5 }

/** n complaints spread uniformly over a 10 km square and 30 days. */
function background(n: number, seed = 1) {
  const rnd = prng(seed)
  const lonLat = new Float64Array(2 * n), time = new Float64Array(n)
  for (let i = 0; i < n; i++) { lonLat[2 * i] = 121.4 + rnd() * 0.1; lonLat[2 * i + 1] = 31.2 + rnd() * 0.09; time[i] = T0 + rnd() * 30 * DAY }
  return { lonLat, time }
}

describe('stDbscan', () => {
  it('finds no cluster in uniform background noise', () => {
    const { lonLat, time } = background(5000)
    expect(stDbscan(lonLat, time, opts).count).toBe(0)
  })

  it('finds a planted outage (12 complaints within 300 m in one hour) among the noise, and only it', () => {
    const bg = background(5000)
    const rnd = prng(7)
    const n = 5012
    const lonLat = new Float64Array(2 * n), time = new Float64Array(n)
    lonLat.set(bg.lonLat)
    time.set(bg.time)
    const at = T0 + 10 * DAY + 14 * 3600_000
    for (let k = 0; k < 12; k++) {
      const i = 5000 + k
      lonLat[2 * i] = 121.45 + (rnd() - 0.5) * 0.004
      lonLat[2 * i + 1] = 31.25 + (rnd() - 0.5) * 0.004
      time[i] = at + rnd() * 3600_000
    }
    const c = stDbscan(lonLat, time, opts)
    expect(c.count).toBe(1)
    for (let i = 5000; i < n; i++) expect(c.label[i]).toBe(0)
    let members = 0
    for (let i = 0; i < n; i++) if (c.label[i] === 0) members++
    expect(members).toBeLessThanOrEqual(13) // a background complaint may happen to fall inside it
  })

  it('keeps apart complaints at the same place on different days (time is a dimension)', () => {
    const n = 10
    const lonLat = new Float64Array(2 * n), time = new Float64Array(n)
    for (let i = 0; i < n; i++) { lonLat[2 * i] = 121.45; lonLat[2 * i + 1] = 31.25; time[i] = T0 + i * DAY }
    expect(stDbscan(lonLat, time, opts).count).toBe(0)
  })
})

describe('analyse', () => {
  const sites: Site[] = [
    { id: 'S1', name: '白马花园', lon: 121.45, lat: 31.25, tech: '4G', type: '宏站', bsc: null, msc: null },
    { id: 'S2', name: '天河', lon: 121.47, lat: 31.25, tech: '4G', type: '宏站', bsc: null, msc: null },
  ]
  const at = T0 + 3 * DAY

  function run(withAlarm: boolean) {
    const index = new NetworkIndex(defaultDiagnosisOptions)
    index.load({
      sites, cells: [], cutovers: [], coverage: [], plannedSites: [], complaints: [],
      alarms: withAlarm ? [{ id: 'A1', siteId: 'S1', kind: '断站', severity: 'critical', raisedAt: at - 600_000, clearedAt: at + 2 * 3600_000 }] : [],
    })
    const cols = allocColumns(8, Array.from({ length: 8 }, (_, i) => `C${i}`))
    for (let i = 0; i < 8; i++) { cols.lonLat[2 * i] = 121.45 + i * 0.0003; cols.lonLat[2 * i + 1] = 31.2502; cols.time[i] = at + i * 300_000 }
    return analyse(cols, siteTable(sites), index, defaultDiagnosisOptions, defaultAnalysisOptions)
  }

  it('attributes a planted outage with no alarm to its site, as unknown, and ranks it as an unexplained cluster', () => {
    const a = run(false)
    expect([...a.attribution.site]).toEqual(Array(8).fill(0))
    expect(a.breakdown.byCause).toEqual([{ code: 'unknown', label: expect.any(String), count: 8 }])
    expect(a.clusters).toHaveLength(1)
    expect(a.unexplained).toHaveLength(1)
    expect(a.unexplained[0]).toMatchObject({ rank: 1, count: 8, unexplained: 8, site: { id: 'S1', count: 8 } })
    expect(a.breakdown.bySite[0]).toMatchObject({ id: 'S1', count: 8, unexplained: 8 })
  })

  it('puts the same complaints down to the alarm active at their own time: a cluster, but explained', () => {
    const a = run(true)
    expect(a.breakdown.byCause).toEqual([{ code: 'site_fault', label: expect.any(String), count: 8 }])
    expect(a.clusters).toHaveLength(1)
    expect(a.unexplained).toHaveLength(0)
  })
})
