/** Alarms and cutovers 割接: the scenarios' own, a night upgrade three days earlier, and cleared history. */
import { at, cst, distanceToLineM, iso } from './frame.js'
import { ROADS } from './places.js'
import type { Row, SiteRow } from './types.js'

const ALARM_KINDS: [string, string][] = [['电源', 'major'], ['硬件', 'minor'], ['传输中断', 'critical'], ['退服', 'critical'], ['断站', 'critical']]

/** Alarms: the three scenario alarms, the upgrade's outages, and cleared history days before. */
export function alarmsOf(sites: SiteRow[], rnd: () => number): { alarms: Row[]; history: Row[] } {
  const byName = (n: string): string => sites.find((s) => s.name === n)!.id
  const alarms: Row[] = [
    { id: 'AL0001', site_id: byName('白马花园'), kind: '断站', severity: 'critical', raised_at: cst('14:05'), cleared_at: cst('15:10') },
    { id: 'AL0002', site_id: byName('龙口东路南'), kind: '传输中断', severity: 'critical', raised_at: cst('15:40'), cleared_at: '' },
    { id: 'AL0003', site_id: byName('体育中心'), kind: '干扰', severity: 'major', raised_at: cst('08:30'), cleared_at: cst('12:40') },
  ]
  // Sites of the night upgrade (CO0002): two of the grid sites on 天河北路.
  for (const [k, s] of upgradeSites(sites).entries()) {
    alarms.push({ id: `AL000${4 + k}`, site_id: s.id, kind: '退服', severity: 'critical', raised_at: cst('01:12', -3), cleared_at: cst('04:28', -3) })
  }
  const history: Row[] = []
  const grid = sites.slice(8)
  for (let k = 0; k < 7; k++) {
    const s = grid[Math.floor(rnd() * grid.length)]
    const [kind, severity] = ALARM_KINDS[Math.floor(rnd() * ALARM_KINDS.length)]
    const start = Date.parse(cst('07:00', -18 + k * 2)) + Math.floor(rnd() * 14 * 60) * 60_000
    const row = { id: `AL${String(alarms.length + 1).padStart(4, '0')}`, site_id: s.id, kind, severity, raised_at: iso(start), cleared_at: iso(start + (20 + Math.floor(rnd() * 220)) * 60_000) }
    alarms.push(row)
    history.push(row)
  }
  return { alarms, history }
}

/** The grid sites nearest 天河北路 west of 体育东路: where the night upgrade happened. */
export function upgradeSites(sites: SiteRow[]): SiteRow[] {
  const line = ROADS.find((r) => r.id === 'R03')!.path.map(at)
  return sites
    .slice(8)
    .filter((s) => s.lon < at([2.2, 0])[0] && s.type === '宏站')
    .sort((a, b) => distanceToLineM([a.lon, a.lat], line) - distanceToLineM([b.lon, b.lat], line))
    .slice(0, 2)
}

/** Cutovers: the worked example's, the night upgrade three days earlier, one planned for tomorrow night. */
export function cutoversOf(sites: SiteRow[]): Row[] {
  const id = (n: string): string => sites.find((s) => s.name === n)!.id
  const east = sites.filter((s) => s.bsc === 'BSC-TH02' && s.type === '宏站' && s.name !== '龙口东路南').slice(0, 3)
  return [
    {
      id: 'CO0001',
      site_ids: id('白马花园'),
      planned_start: cst('14:00'),
      planned_end: cst('16:00'),
      actual_start: cst('14:02'),
      actual_end: cst('15:12'),
      description: '白马花园基站传输割接(提前一天填报),割接期间基站断站',
    },
    {
      id: 'CO0002',
      site_ids: upgradeSites(sites).map((s) => s.id).join(';'),
      planned_start: cst('01:00', -3),
      planned_end: cst('05:00', -3),
      actual_start: cst('01:10', -3),
      actual_end: cst('04:30', -3),
      description: '天河北路片区基站软件升级',
    },
    {
      id: 'CO0003',
      site_ids: east.map((s) => s.id).join(';'),
      planned_start: cst('00:30', 1),
      planned_end: cst('04:30', 1),
      actual_start: '',
      actual_end: '',
      description: '龙口片区BBU替换(计划中,尚未执行)',
    },
  ]
}
