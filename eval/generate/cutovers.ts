/** The cutover scenario: planned work on sites and BSCs, on time or not, with or without actual times. */
import type { Cutover } from '../../server/src/domain/types.js'
import { type Builder, HOUR, MIN } from './builder.js'

/** Cutovers on sites (and some on a BSC): on time, late start, overrun, or no actual times recorded. */
export function cutoverWork(g: Builder): void {
  const rng = g.root.fork('cutover')
  const nSite = rng.poisson(1.2 * g.o.days)
  const n = nSite + rng.poisson(g.o.days / 7)
  for (let i = 0; i < n; i++) {
    const onBsc = i >= nSite
    const site = rng.pick(g.sites)
    const under = onBsc ? g.sitesOf('bsc', site.bsc as string) : [site]
    const day = rng.chance(0.12)
    const plannedStart = day ? g.timeAtHours(rng, 10, 15) : g.timeAtHours(rng, 0, 2.5)
    const plannedEnd = plannedStart + (day ? rng.range(1, 2) : rng.range(2, 4)) * HOUR
    const variant = rng.weighted({ on_time: 40, late_start: 25, overrun: 20, no_actual: 15 })
    const actualStart = plannedStart + (variant === 'late_start' ? rng.range(10, 60) : rng.range(0, 5)) * MIN
    const actualEnd = variant === 'overrun' ? plannedEnd + rng.range(30, 150) * MIN : Math.min(plannedEnd, actualStart + (plannedEnd - plannedStart)) - rng.range(0, 20) * MIN
    const planned: Cutover = {
      id: g.id('CUT'),
      siteIds: onBsc ? [] : [site.id],
      ...(onBsc ? { elements: [{ type: 'bsc' as const, id: site.bsc as string }] } : {}),
      plannedStart, plannedEnd, actualStart: null, actualEnd: null,
      description: onBsc ? 'BSC软件升级' : rng.pick(['基站设备割接', '传输割接', '天馈整改']),
      area: null,
    }
    g.cutovers.push(planned)
    if (variant !== 'no_actual') {
      g.timeline.push({ at: actualStart, cutover: { ...planned, actualStart } })
      g.timeline.push({ at: actualEnd, cutover: { ...planned, actualStart, actualEnd } })
      g.cutovers[g.cutovers.length - 1] = { ...planned, actualStart, actualEnd }
    }
    const withAlarm = rng.chance(0.7)
    const lateAlarm = rng.chance(0.2)
    let raisedAt = actualStart
    if (withAlarm) {
      for (const s of under) {
        raisedAt = actualStart + (lateAlarm ? rng.range(5, 20) : rng.range(0, 3)) * MIN
        g.alarm({ id: g.id('A'), siteId: s.id, kind: '基站断站告警', severity: 'critical', raisedAt, clearedAt: Math.max(raisedAt + MIN, actualEnd - rng.range(0, 5) * MIN) })
      }
    }
    const k = rng.poisson((day ? 2 : 0.5) * Math.sqrt(under.length))
    for (let j = 0; j < k; j++) {
      const s = rng.pick(under)
      const [lon, lat] = g.servedPoint(rng, s, rng.range(40, 350))
      const at = rng.range(actualStart, actualEnd)
      const tags = [variant, ...(onBsc ? ['element_cutover'] : []), ...(withAlarm ? (at < raisedAt ? ['late_alarm'] : []) : ['no_alarm']), ...(at > plannedEnd ? ['after_planned_end'] : [])]
      g.complain(rng, { scenario: 'cutover', tags, underlying: 'cutover', lon, lat, at, phenomena: 'down', cause: { what: `${planned.id} @${s.id}`, lon: s.lon, lat: s.lat } })
    }
  }
}
