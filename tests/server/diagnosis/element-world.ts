/**
 * A small network for the element tests (issue 9): two MSCs, three BSCs, two rings, sites 3 km apart
 * so that each complaint point (150 m from its site) is served by that site alone.
 *
 *   MSC1 ─ BSC12 ─ S1 (ring R1), S2 (ring R2)
 *        └ BSC14 ─ S4
 *   MSC2 ─ BSC13 ─ S3 (ring R2)
 */
import type { Alarm, Cutover, NetworkSnapshot, Site } from '../../../server/src/domain/types.js'
import { destination } from '../../../server/src/geo/distance.js'

export const O = { lon: 113.33, lat: 23.14 }
export const T = Date.parse('2026-11-23T14:30:00+08:00')
export const H = 3600_000

const at = (km: number): [number, number] => destination(O.lon, O.lat, km * 1000, 90)
const site = (id: string, name: string, km: number, bsc: string | null, msc: string | null, ring?: string): Site => {
  const [lon, lat] = at(km)
  const s: Site = { id, name, lon, lat, tech: '4G', type: '宏站', bsc, msc }
  if (ring) s.ring = ring
  return s
}

export const SITES: Site[] = [
  site('S1', '白马花园', 0, 'BSC12', 'MSC1', 'R1'),
  site('S2', '体育中心', 3, 'BSC12', 'MSC1', 'R2'),
  site('S3', '龙口东路', 6, 'BSC13', 'MSC2', 'R2'),
  site('S4', '石牌东', 9, 'BSC14', 'MSC1'),
]

/** A complaint point 150 m north of the site. */
export function near(siteId: string): { lon: number; lat: number } {
  const s = SITES.find((x) => x.id === siteId)!
  const [lon, lat] = destination(s.lon, s.lat, 150, 0)
  return { lon, lat }
}

export function snapshot(alarms: Alarm[] = [], cutovers: Cutover[] = []): NetworkSnapshot {
  return { sites: SITES, cells: [], alarms, cutovers, coverage: [], plannedSites: [], complaints: [] }
}

/** An active 传输中断 alarm on an element, raised an hour before T. */
export function elementAlarm(id: string, type: 'bsc' | 'msc' | 'ring', elementId: string, kind = '传输中断'): Alarm {
  return { id, siteId: '', element: { type, id: elementId }, kind, severity: 'critical', raisedAt: T - H, clearedAt: null }
}

/** A cutover on elements whose window holds T. */
export function elementCutover(id: string, elements: Cutover['elements']): Cutover {
  return { id, siteIds: [], elements, plannedStart: T - 2 * H, plannedEnd: T + H, actualStart: null, actualEnd: null, description: '核心网割接', area: null }
}
