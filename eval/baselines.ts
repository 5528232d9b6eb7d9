/**
 * The two baselines the diagnosis is measured against in the same run — what an agent does by hand
 * with the 篇3 map (the nearest active alarm within 1 km), and "always field test" — and the scoring of
 * a plain answer against the truth.
 */
import type { Alarm, CauseCode, Cutover, Disposition } from '../server/src/domain/types.js'
import { distanceM } from '../server/src/geo/distance.js'
import { cutoverOverlaps } from '../server/src/index/cutover-window.js'
import type { Outcome } from './evaluate.js'
import type { Month, TruthComplaint } from './generate/index.js'

/** A plain answer scored: right only when it names the true physical cause (never for a known_issue truth). */
export function score(a: { code: CauseCode; disposition: Disposition }, c: TruthComplaint, truth: CauseCode): Outcome {
  return { code: a.code, resolved: a.code, disposition: a.disposition, correct: a.code === c.underlying && truth !== 'known_issue' }
}

/**
 * What an agent does by hand with a map: the nearest site within 1 km with an alarm active at the stated
 * time (as the NMS shows it at the call: cleared only if the clear has come in) → site_fault, or
 * cutover if that site (or its BSC/ring) has a cutover window over that time; else field test. An alarm
 * on a BSC or ring shows on each of its sites. Any alarm kind counts: the map does not say which matter.
 */
export class NearestAlarmBaseline {
  private alarmsOf = new Map<string, Alarm[]>()
  private cutoversOf = new Map<string, Cutover[]>()
  constructor(private readonly month: Month) {
    const sites = month.snapshot.sites
    const under = (type: string, id: string) => sites.filter((s) => (type === 'bsc' ? s.bsc : type === 'ring' ? s.ring : s.msc) === id).map((s) => s.id)
    const add = <T>(m: Map<string, T[]>, k: string, v: T) => {
      let l = m.get(k)
      if (!l) m.set(k, (l = []))
      l.push(v)
    }
    for (const a of month.alarms) {
      if (a.element) for (const s of under(a.element.type, a.element.id)) add(this.alarmsOf, s, a)
      else add(this.alarmsOf, a.siteId, a)
    }
    for (const c of month.cutovers) {
      for (const s of c.siteIds) add(this.cutoversOf, s, c)
      for (const e of c.elements ?? []) for (const s of under(e.type, e.id)) add(this.cutoversOf, s, c)
    }
  }

  answer(c: TruthComplaint): { code: CauseCode; disposition: Disposition } {
    const { lon, lat, occurredAt: t } = c.input
    const now = c.callAt
    const near = this.month.snapshot.sites
      .map((s) => ({ s, d: distanceM(lon, lat, s.lon, s.lat) }))
      .filter((x) => x.d <= 1000)
      .sort((a, b) => a.d - b.d || a.s.id.localeCompare(b.s.id))
    for (const { s } of near) {
      const active = (this.alarmsOf.get(s.id) ?? []).find((a) => a.raisedAt <= t && a.raisedAt <= now && (a.clearedAt == null || a.clearedAt > now || a.clearedAt >= t))
      if (!active) continue
      // The cutover as known at the call: actual times only once they happened.
      const cut = (this.cutoversOf.get(s.id) ?? []).some((k) =>
        cutoverOverlaps({ ...k, actualStart: k.actualStart != null && k.actualStart <= now ? k.actualStart : null, actualEnd: k.actualEnd != null && k.actualEnd <= now ? k.actualEnd : null }, t, t),
      )
      if (cut) return { code: 'cutover', disposition: 'self' }
      const cleared = active.clearedAt != null && active.clearedAt <= now
      return { code: 'site_fault', disposition: cleared ? 'self' : 'dispatch' }
    }
    return { code: 'unknown', disposition: 'field_test' }
  }
}
