/** The alarm scenarios: sites and elements down, flaps, storms, and background alarms no customer feels. */
import type { Alarm } from '../../server/src/domain/types.js'
import { type Builder, HOUR, MIN } from './builder.js'

/** Sites down for 20 min – 6 h; a quarter of the alarms are raised 3–40 minutes after the outage began. */
export function siteFaults(g: Builder): void {
  const rng = g.root.fork('site_fault')
  const n = rng.poisson(2.5 * g.o.days)
  const KINDS = { 基站断站告警: 35, 小区退服告警: 20, 传输中断告警: 20, 市电停电告警: 15, 单板硬件故障告警: 10 }
  for (let i = 0; i < n; i++) {
    const site = rng.pick(g.sites)
    const kind = rng.weighted(KINDS)
    const t0 = g.anyTime(rng)
    const dur = Math.exp(rng.range(Math.log(20), Math.log(360))) * MIN
    const open = rng.chance(0.05)
    const late = rng.chance(0.25)
    const raisedAt = t0 + (late ? rng.range(3, 40) : rng.range(0, 2)) * MIN
    const t1 = t0 + dur
    const a: Alarm = { id: g.id('A'), siteId: site.id, kind, severity: rng.chance(0.8) ? 'critical' : 'major', raisedAt, clearedAt: open ? null : Math.max(raisedAt + MIN, t1 + rng.range(0, 3) * MIN) }
    g.alarm(a)
    const night = g.localHour(t0) < 7
    const k = rng.poisson(Math.min(4, 0.6 + (dur / HOUR) * 0.8) * (night ? 0.3 : 1))
    for (let j = 0; j < k; j++) {
      const far = rng.chance(0.15)
      const [lon, lat] = g.servedPoint(rng, site, far ? rng.range(300, 550) : rng.range(40, 300))
      const at = rng.range(t0, open ? t0 + 6 * HOUR : t1)
      g.complain(rng, {
        scenario: 'site_fault',
        tags: [...(at < raisedAt ? ['late_alarm'] : [])],
        underlying: 'site_fault',
        lon, lat, at,
        phenomena: kind === '单板硬件故障告警' ? 'board' : 'down',
        cause: { what: `${a.id} ${kind} @${site.id}`, lon: site.lon, lat: site.lat },
      })
    }
  }
}

/** A BSC or a transmission ring down: an element alarm, and in half the cases an alarm storm of its sites' own. */
export function elementFaults(g: Builder): void {
  const rng = g.root.fork('element_fault')
  // At least one a month: an element fault is rare but the month without one is not what operators see.
  const n = Math.max(1, rng.poisson(g.o.days / 5))
  for (let i = 0; i < n; i++) {
    const type = rng.chance(0.5) ? 'ring' : 'bsc'
    const ids = [...new Set(g.sites.map((s) => (type === 'bsc' ? s.bsc : s.ring)).filter((x): x is string => !!x))]
    const id = rng.pick(ids)
    const under = g.sitesOf(type, id)
    const t0 = g.anyTime(rng)
    const t1 = t0 + Math.exp(rng.range(Math.log(30), Math.log(240))) * MIN
    const kind = type === 'ring' ? '传输中断告警' : '基站控制器退服告警'
    const raisedAt = t0 + rng.range(0, 3) * MIN
    g.alarm({ id: g.id('A'), siteId: '', element: { type, id }, kind, severity: 'critical', raisedAt, clearedAt: t1 })
    if (rng.chance(0.5)) for (const s of under) g.alarm({ id: g.id('A'), siteId: s.id, kind: '基站断站告警', severity: 'critical', raisedAt: raisedAt + rng.range(0, 4) * MIN, clearedAt: t1 + rng.range(0, 4) * MIN })
    const night = g.localHour(t0) < 7
    const k = Math.min(15, rng.poisson((1 + 0.5 * under.length) * (night ? 0.3 : 1)))
    for (let j = 0; j < k; j++) {
      const s = rng.pick(under)
      const [lon, lat] = g.servedPoint(rng, s, rng.range(40, 350))
      g.complain(rng, { scenario: 'element_fault', underlying: 'site_fault', lon, lat, at: rng.range(t0, t1), phenomena: 'down', cause: { what: `${type}:${id} ${kind} @${s.id}`, lon: s.lon, lat: s.lat } })
    }
  }
}

/** Two-minute flaps, mostly on a few flappy sites; rarely the cause of a dropped call, sometimes beside an unrelated complaint. */
export function flaps(g: Builder): void {
  const rng = g.root.fork('flap')
  const flappy = Array.from({ length: 8 }, () => rng.pick(g.sites))
  const n = rng.poisson(12 * g.o.days)
  for (let i = 0; i < n; i++) {
    const site = rng.chance(0.7) ? rng.pick(flappy) : rng.pick(g.sites)
    const raisedAt = g.anyTime(rng)
    const a: Alarm = { id: g.id('A'), siteId: site.id, kind: rng.chance(0.6) ? '基站断站告警' : '小区退服告警', severity: rng.chance(0.5) ? 'critical' : 'major', raisedAt, clearedAt: raisedAt + rng.range(60, 180) * 1000 }
    g.alarm(a)
    if (rng.chance(0.03)) {
      const [lon, lat] = g.servedPoint(rng, site, rng.range(40, 250))
      g.complain(rng, { scenario: 'flap_cause', underlying: 'site_fault', lon, lat, at: raisedAt + rng.range(0, 2) * MIN, phenomena: 'down', cause: { what: `${a.id} flap @${site.id}`, lon: site.lon, lat: site.lat } })
    } else if (rng.chance(0.08)) {
      const [lon, lat] = g.around(rng, site.lon, site.lat, 400)
      if (g.inZone(lon, lat, 30)) continue
      g.complain(rng, { scenario: 'flap', underlying: 'unknown', lon, lat, at: raisedAt + rng.range(-20, 20) * MIN, phenomena: 'any', cause: null })
    }
  }
}

/** Alarm storms: 20–60 alarms of one BSC's sites within 15 minutes, mostly minor and short. */
export function storms(g: Builder): void {
  const rng = g.root.fork('storm')
  const n = rng.poisson(g.o.days / 3)
  const KINDS = { 时钟同步告警: 25, 驻波比告警: 15, 温度过高告警: 15, 门禁告警: 15, 小区退服告警: 10, 传输误码告警: 20 }
  for (let i = 0; i < n; i++) {
    const bsc = rng.pick(g.sites).bsc as string
    const under = g.sitesOf('bsc', bsc)
    const t0 = g.anyTime(rng)
    const m = rng.int(20, 60)
    for (let j = 0; j < m; j++) {
      const kind = rng.weighted(KINDS)
      const raisedAt = t0 + rng.range(0, 15) * MIN
      const dur = kind === '小区退服告警' ? rng.range(2, 5) : rng.range(2, 40)
      g.alarm({ id: g.id('A'), siteId: rng.pick(under).id, kind, severity: kind === '小区退服告警' ? 'major' : rng.chance(0.6) ? 'minor' : 'warning', raisedAt, clearedAt: raisedAt + dur * MIN })
    }
    const k = rng.poisson(1)
    for (let j = 0; j < k; j++) {
      const s = rng.pick(under)
      const [lon, lat] = g.around(rng, s.lon, s.lat, 300)
      if (g.inZone(lon, lat, 30)) continue
      g.complain(rng, { scenario: 'storm', underlying: 'unknown', lon, lat, at: t0 + rng.range(0, 30) * MIN, phenomena: 'any', cause: null })
    }
  }
}

/** Long-lived low alarms no customer feels (door, temperature, battery, fan). */
export function background(g: Builder): void {
  const rng = g.root.fork('background')
  const n = rng.poisson(20 * g.o.days)
  const KINDS = { 门禁告警: 30, 温度过高告警: 25, 蓄电池欠压告警: 20, 风扇故障告警: 25 }
  for (let i = 0; i < n; i++) {
    const raisedAt = g.anyTime(rng)
    g.alarm({ id: g.id('A'), siteId: rng.pick(g.sites).id, kind: rng.weighted(KINDS), severity: rng.chance(0.5) ? 'warning' : 'minor', raisedAt, clearedAt: raisedAt + rng.range(1, 24) * HOUR })
  }
}
