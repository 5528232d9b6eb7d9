import { describe, expect, it } from 'vitest'
import { defaultDiagnosisOptions } from '../../../server/src/config/index.js'
import type { Alarm, Cell, Complaint, CoverageArea, Cutover, NetworkSnapshot, PlannedSite, Site } from '../../../server/src/domain/types.js'
import { destination } from '../../../server/src/geo/distance.js'
import { NetworkIndex } from '../../../server/src/index/network-index.js'

const H = 3600_000
const T0 = Date.parse('2025-11-23T14:00:00+08:00')
const O = { lon: 113.33, lat: 23.14 }
const at = (d: number, b: number, from = O) => destination(from.lon, from.lat, d, b)

function site(id: string, lon: number, lat: number, name = id): Site {
  return { id, name, lon, lat, tech: '4G', type: '宏站', bsc: null, msc: null }
}
function cell(id: string, siteId: string, azimuth: number, beamwidth = 65, radiusM = 600): Cell {
  return { id, siteId, azimuth, beamwidth, radiusM, tech: '4G' }
}
function alarm(id: string, siteId: string, raisedAt: number, clearedAt: number | null, kind = '断站'): Alarm {
  return { id, siteId, kind, severity: 'critical', raisedAt, clearedAt }
}
function cutover(id: string, siteIds: string[], start: number, end: number, area: Cutover['area'] = null): Cutover {
  return { id, siteIds, plannedStart: start, plannedEnd: end, actualStart: null, actualEnd: null, description: '', area }
}
function square(lon: number, lat: number, halfDeg: number): CoverageArea['geometry'] {
  return {
    type: 'Polygon',
    coordinates: [[[lon - halfDeg, lat - halfDeg], [lon + halfDeg, lat - halfDeg], [lon + halfDeg, lat + halfDeg], [lon - halfDeg, lat + halfDeg], [lon - halfDeg, lat - halfDeg]]],
  }
}
function complaint(id: string, lon: number, lat: number, occurredAt: number): Complaint {
  return {
    id, occurredAt, reportedAt: null, address: '', service: 'voice', phenomenon: 'no_signal', description: '', vip: null,
    lon, lat, number: null, suggestedCause: null, cause: null, answer: null, disposition: null, specialty: null, linkedSites: [], createdAt: occurredAt,
  }
}
function empty(): NetworkSnapshot {
  return { sites: [], cells: [], alarms: [], cutovers: [], coverage: [], plannedSites: [], complaints: [] }
}
function index(s: Partial<NetworkSnapshot>): NetworkIndex {
  const i = new NetworkIndex(defaultDiagnosisOptions)
  i.load({ ...empty(), ...s })
  return i
}

describe('servingSites', () => {
  it('ranks a farther site facing the point above a nearer one facing away', () => {
    const A = at(100, 270) // 100 m west of O, its cell faces west (away from O)
    const B = at(500, 180) // 500 m south of O, its cell faces north (at O)
    const i = index({
      sites: [site('A', ...A), site('B', ...B)],
      cells: [cell('A1', 'A', 270), cell('B1', 'B', 0)],
    })
    const s = i.servingSites(O.lon, O.lat)
    expect(s.map((x) => x.site.id)).toEqual(['B', 'A'])
    expect(s[0].facing).toBe(true)
    expect(s[1].facing).toBe(false)
    expect(s[0].distanceM).toBeCloseTo(500, 0)
  })

  it('drops a site facing away beyond its back-lobe reach, keeps it when a cell faces the point', () => {
    const A = at(250, 270)
    const i = index({ sites: [site('A', ...A)], cells: [cell('A1', 'A', 270)] })
    expect(i.servingSites(O.lon, O.lat)).toEqual([])
    i.upsert('cells', [cell('A2', 'A', 90)])
    const s = i.servingSites(O.lon, O.lat)
    expect(s.map((x) => [x.site.id, x.cellId, x.facing])).toEqual([['A', 'A2', true]])
  })

  it('serves within reach (radius × servingReach) and not beyond', () => {
    const i = index({ sites: [site('S', O.lon, O.lat)], cells: [cell('S1', 'S', 0, 65, 600)] })
    expect(i.servingSites(...at(850, 0)).length).toBe(1)
    expect(i.servingSites(...at(950, 0)).length).toBe(0)
  })

  it('a site without cells is omnidirectional with defaultSiteRadiusM', () => {
    const i = index({ sites: [site('S', O.lon, O.lat)] })
    const reach = defaultDiagnosisOptions.defaultSiteRadiusM * defaultDiagnosisOptions.servingReach
    for (const b of [0, 90, 180, 270]) expect(i.servingSites(...at(reach - 10, b))[0]?.site.id).toBe('S')
    expect(i.servingSites(...at(reach + 10, 45))).toEqual([])
  })

  it('wrap-around: a cell at azimuth 350 serves a point at bearing 10', () => {
    const i = index({ sites: [site('S', O.lon, O.lat)], cells: [cell('S1', 'S', 350, 60)] })
    expect(i.servingSites(...at(500, 10))[0].facing).toBe(true)
  })
})

describe('upsert replaces rows everywhere they were indexed', () => {
  it('a moved site is found at its new place only, with its cells', () => {
    const i = index({ sites: [site('S', O.lon, O.lat)], cells: [cell('S1', 'S', 90)] })
    const far = at(5000, 0)
    i.upsert('sites', [site('S', ...far, '新址')])
    expect(i.sitesInBbox([O.lon - 0.001, O.lat - 0.001, O.lon + 0.001, O.lat + 0.001])).toEqual([])
    expect(i.servingSites(...at(200, 90))).toEqual([])
    expect(i.servingSites(...at(200, 90, { lon: far[0], lat: far[1] }))[0].site.name).toBe('新址')
    expect(i.counts().sites).toBe(1)
  })

  it('a cell re-imported with a new azimuth or site leaves its old place', () => {
    const B = at(4000, 0) // far enough that B (omni until it gets C) never serves near A
    const i = index({ sites: [site('A', O.lon, O.lat), site('B', ...B)], cells: [cell('C', 'A', 90)] })
    expect(i.servingSites(...at(300, 90))[0].cellId).toBe('C')
    i.upsert('cells', [cell('C', 'A', 270)])
    expect(i.servingSites(...at(300, 90))).toEqual([])
    expect(i.servingSites(...at(300, 270))[0].cellId).toBe('C')
    i.upsert('cells', [cell('C', 'B', 270)])
    expect(i.cellsOf('A')).toEqual([])
    expect(i.cellsOf('B').map((c) => c.id)).toEqual(['C'])
    // A lost its only cell: it is omnidirectional again.
    expect(i.servingSites(...at(300, 90))[0].cellId).toBeNull()
    expect(i.counts().cells).toBe(1)
  })

  it('cells imported before their site are indexed when the site arrives', () => {
    const i = index({ cells: [cell('C', 'S', 90)] })
    expect(i.servingSites(...at(200, 90))).toEqual([])
    i.upsert('sites', [site('S', O.lon, O.lat)])
    expect(i.servingSites(...at(200, 90))[0].cellId).toBe('C')
  })

  it('an alarm re-imported with clearedAt is no longer active', () => {
    const i = index({ sites: [site('S', O.lon, O.lat)], alarms: [alarm('A1', 'S', T0, null)] })
    expect(i.siteState('S', T0 + H)).toBe('alarm')
    expect(i.counts().activeAlarms).toBe(1)
    i.upsert('alarms', [alarm('A1', 'S', T0, T0 + 30 * 60_000)])
    expect(i.siteState('S', T0 + H)).toBe('recent_alarm')
    expect(i.alarmsOf('S')).toHaveLength(1)
    expect(i.counts()).toMatchObject({ alarms: 1, activeAlarms: 0 })
  })

  it('an alarm moved to another site leaves the first', () => {
    const i = index({ alarms: [alarm('A1', 'S', T0, null)] })
    i.upsert('alarms', [alarm('A1', 'T', T0, null)])
    expect(i.alarmsOf('S')).toEqual([])
    expect(i.alarmsOf('T').map((a) => a.id)).toEqual(['A1'])
  })

  it('cutovers, coverage, planned sites and complaints are replaced by id', () => {
    const i = index({
      cutovers: [cutover('CO', ['S'], T0, T0 + 2 * H, square(O.lon, O.lat, 0.001))],
      coverage: [{ id: 'BS', kind: 'blind', description: '', reason: '', remedy: '', status: '', geometry: square(O.lon, O.lat, 0.001) }],
      plannedSites: [{ id: 'PL', name: 'p', lon: O.lon, lat: O.lat, radiusM: 300, period: '2026Q1', status: '' }],
      complaints: [complaint('C', O.lon, O.lat, T0)],
    })
    expect(i.cutoversOf('S').length).toBe(1)
    expect(i.cutoversAt(O.lon, O.lat, T0 + H).length).toBe(1)
    expect(i.coverageAt(O.lon, O.lat).length).toBe(1)
    expect(i.plannedAt(O.lon, O.lat).length).toBe(1)
    expect(i.complaintsNear(O.lon, O.lat, 100, T0 - H, T0 + H).length).toBe(1)

    const far = at(3000, 45)
    i.upsert('cutovers', [cutover('CO', ['T'], T0, T0 + 2 * H, square(far[0], far[1], 0.001))])
    i.upsert('blind-spots', [{ id: 'BS', kind: 'blind', description: '', reason: '', remedy: '', status: '', geometry: square(far[0], far[1], 0.001) }])
    i.upsert('planned-sites', [{ id: 'PL', name: 'p', lon: far[0], lat: far[1], radiusM: 300, period: '2026Q1', status: '' } as PlannedSite])
    i.upsert('complaints', [complaint('C', far[0], far[1], T0 + 48 * H)])

    expect(i.cutoversOf('S')).toEqual([])
    expect(i.cutoversOf('T').length).toBe(1)
    expect(i.cutoversAt(O.lon, O.lat, T0 + H)).toEqual([])
    expect(i.cutoversAt(far[0], far[1], T0 + H).length).toBe(1)
    expect(i.coverageAt(O.lon, O.lat)).toEqual([])
    expect(i.coverageAt(far[0], far[1]).length).toBe(1)
    expect(i.plannedAt(O.lon, O.lat)).toEqual([])
    expect(i.plannedAt(far[0], far[1]).length).toBe(1)
    expect(i.complaintsNear(O.lon, O.lat, 100, T0 - H, T0 + H)).toEqual([])
    expect(i.complaintsNear(far[0], far[1], 100, T0 + 47 * H, T0 + 49 * H).length).toBe(1)
    expect(i.counts()).toMatchObject({ cutovers: 1, blindSpots: 1, plannedSites: 1, complaints: 1 })
  })

  it('a bulk upsert (≥ 5000 rows) rebuilds and gives the same answers', () => {
    const sites: Site[] = []
    const cells: Cell[] = []
    for (let k = 0; k < 6000; k++) {
      const p = at(200 + (k % 100) * 50, (k * 7) % 360)
      sites.push(site(`S${k}`, ...p))
      cells.push(cell(`S${k}-1`, `S${k}`, (k * 13) % 360))
    }
    const one = index({})
    one.upsert('sites', sites)
    one.upsert('cells', cells)
    const ref = index({ sites, cells })
    for (const b of [0, 77, 190, 300]) {
      const p = at(1500, b)
      expect(one.servingSites(...p).map((s) => s.site.id)).toEqual(ref.servingSites(...p).map((s) => s.site.id))
    }
    expect(one.counts()).toEqual(ref.counts())
  })
})

describe('time queries', () => {
  const i = index({
    alarms: [
      alarm('old', 'S', T0 - 10 * H, T0 - 9 * H),
      alarm('long', 'S', T0 - 8 * H, T0 + 1 * H),
      alarm('short', 'S', T0 + 2 * H, T0 + 2.5 * H),
      alarm('open', 'S', T0 - 1 * H, null),
      alarm('later', 'S', T0 + 5 * H, null),
    ],
    cutovers: [cutover('C1', ['S'], T0, T0 + 2 * H), cutover('C2', ['S'], T0 + 10 * H, T0 + 12 * H)],
  })

  it('alarmsOf returns the alarms whose window overlaps [from, to], by raisedAt', () => {
    expect(i.alarmsOf('S', T0, T0).map((a) => a.id)).toEqual(['long', 'open'])
    expect(i.alarmsOf('S', T0 + 1.5 * H, T0 + 2.2 * H).map((a) => a.id)).toEqual(['open', 'short'])
    expect(i.alarmsOf('S', T0 - 9.5 * H, T0 - 9.5 * H).map((a) => a.id)).toEqual(['old'])
    expect(i.alarmsOf('S').map((a) => a.id)).toEqual(['old', 'long', 'open', 'short', 'later'])
    expect(i.alarmsOf('nope', T0, T0)).toEqual([])
  })

  it('cutoversOf returns cutovers overlapping the window', () => {
    expect(i.cutoversOf('S', T0 + H, T0 + H).map((c) => c.id)).toEqual(['C1'])
    expect(i.cutoversOf('S', T0 + 3 * H, T0 + 4 * H)).toEqual([])
    expect(i.cutoversOf('S').map((c) => c.id)).toEqual(['C1', 'C2'])
  })

  it('complaintsNear filters by distance and time, across day buckets', () => {
    const j = index({
      complaints: [
        complaint('near-now', ...at(100, 0), T0),
        complaint('near-yesterday', ...at(100, 0), T0 - 20 * H),
        complaint('far-now', ...at(1500, 0), T0),
      ],
    })
    expect(j.complaintsNear(O.lon, O.lat, 500, T0 - H, T0 + H).map((c) => c.id)).toEqual(['near-now'])
    expect(j.complaintsNear(O.lon, O.lat, 500, T0 - 24 * H, T0 + H).map((c) => c.id).sort()).toEqual(['near-now', 'near-yesterday'])
    expect(j.complaintsNear(O.lon, O.lat, 2000, -Infinity, Infinity).length).toBe(3)
  })
})

describe('siteState', () => {
  const i = index({
    sites: [site('S', O.lon, O.lat)],
    alarms: [alarm('A', 'S', T0 + 5 * 60_000, T0 + 70 * 60_000)],
    cutovers: [cutover('C', ['S'], T0, T0 + 2 * H)],
  })
  it('alarm while the alarm is active', () => expect(i.siteState('S', T0 + 30 * 60_000)).toBe('alarm'))
  it('cutover inside the window once the alarm cleared', () => expect(i.siteState('S', T0 + 90 * 60_000)).toBe('cutover'))
  it('recent_alarm within 24 h after (黄灯闪烁)', () => expect(i.siteState('S', T0 + 20 * H)).toBe('recent_alarm'))
  it('normal after 24 h', () => expect(i.siteState('S', T0 + 26 * H)).toBe('normal'))
  it('normal before anything happened', () => expect(i.siteState('S', T0 - H)).toBe('normal'))
  it('normal for an unknown site', () => expect(i.siteState('X', T0)).toBe('normal'))
})

describe('remove (published objects withdrawn or expired)', () => {
  it('takes blind spots, cutovers (by site, element and area) and planned sites out of every lookup and count', () => {
    const i = index({
      sites: [{ ...site('S1', O.lon, O.lat), bsc: 'B1' }],
      coverage: [{ id: 'pub:1', kind: 'blind', description: '', reason: '', remedy: '', status: '', geometry: square(O.lon, O.lat, 0.01) }],
      cutovers: [
        { ...cutover('pub:2', ['S1'], T0 - H, T0 + H, square(O.lon, O.lat, 0.01)), elements: [{ type: 'bsc', id: 'B1' }] },
        cutover('C-kept', ['S1'], T0 - H, T0 + H),
      ],
      plannedSites: [{ id: 'pub:3', name: '规划', lon: O.lon, lat: O.lat, radiusM: 500, period: '2026Q4', status: '' }],
    })
    expect(i.coverageAt(O.lon, O.lat).map((a) => a.id)).toEqual(['pub:1'])
    expect(i.cutoversOf('S1', T0, T0).map((c) => c.id).sort()).toEqual(['C-kept', 'pub:2'])
    expect(i.cutoversAt(O.lon, O.lat, T0).map((c) => c.id)).toContain('pub:2')
    expect(i.plannedAt(O.lon, O.lat).map((p) => p.id)).toEqual(['pub:3'])
    const before = i.counts()

    i.remove('blind-spots', ['pub:1', 'no-such'])
    i.remove('cutovers', ['pub:2'])
    i.remove('planned-sites', ['pub:3'])

    expect(i.coverageAt(O.lon, O.lat)).toEqual([])
    expect(i.cutoversOf('S1', T0, T0).map((c) => c.id)).toEqual(['C-kept'])
    expect(i.cutoversAt(O.lon, O.lat, T0).map((c) => c.id)).not.toContain('pub:2')
    expect(i.cutover('pub:2')).toBeUndefined()
    expect(i.plannedAt(O.lon, O.lat)).toEqual([])
    expect(i.counts()).toEqual({ ...before, cutovers: before.cutovers - 1, blindSpots: before.blindSpots - 1, plannedSites: before.plannedSites - 1 })
  })
})
