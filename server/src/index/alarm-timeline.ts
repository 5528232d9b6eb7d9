/**
 * Alarms by site and time. Per site, cleared alarms are kept sorted by raisedAt together with the
 * longest cleared span seen, so "which alarms overlap [from, to]" is two binary searches and a short
 * scan; still-active alarms (usually a handful) are kept apart, also sorted.
 */
import type { Alarm } from '../domain/types.js'
import { alarmKey } from './elements.js'
import { insertSorted, lowerBound, removeItem, upperBound } from './sorted.js'

interface SiteAlarms {
  /** Cleared alarms, sorted by raisedAt. */
  closed: Alarm[]
  /** Active alarms (clearedAt null), sorted by raisedAt. */
  open: Alarm[]
  /** Longest clearedAt − raisedAt among closed alarms ever added (never shrinks: stays a safe bound). */
  maxSpan: number
}

/**
 * Per-site, time-sorted alarm store with replace-by-id. An alarm on an element (BSC/MSC/ring) is held
 * under its element's key (elements.ts elementKey), so `query(key)` serves elements as it serves sites.
 */
export class AlarmTimeline {
  private bySite = new Map<string, SiteAlarms>()
  private byId = new Map<string, Alarm>()
  private openCount = 0

  /** Number of alarms held. */
  get size(): number {
    return this.byId.size
  }

  /** Number of alarms not cleared. */
  get activeCount(): number {
    return this.openCount
  }

  /** The alarm with this id, if held. */
  get(id: string): Alarm | undefined {
    return this.byId.get(id)
  }

  /** Replaces everything with `alarms` (later rows win on duplicate ids). Sorts once per site. */
  load(alarms: readonly Alarm[]): void {
    this.bySite.clear()
    this.byId.clear()
    this.openCount = 0
    for (let i = 0; i < alarms.length; i++) this.byId.set(alarms[i].id, alarms[i])
    for (const a of this.byId.values()) {
      const s = this.slot(alarmKey(a))
      if (a.clearedAt == null) {
        s.open.push(a)
        this.openCount++
      } else {
        s.closed.push(a)
        const span = a.clearedAt - a.raisedAt
        if (span > s.maxSpan) s.maxSpan = span
      }
    }
    for (const s of this.bySite.values()) {
      if (s.closed.length > 1) s.closed.sort(byRaised)
      if (s.open.length > 1) s.open.sort(byRaised)
    }
  }

  /** Adds an alarm, replacing the one with the same id wherever it was (its site may have changed). */
  upsert(a: Alarm): void {
    this.remove(a.id)
    this.byId.set(a.id, a)
    const s = this.slot(alarmKey(a))
    if (a.clearedAt == null) {
      insertSorted(s.open, 'raisedAt', a)
      this.openCount++
    } else {
      insertSorted(s.closed, 'raisedAt', a)
      const span = a.clearedAt - a.raisedAt
      if (span > s.maxSpan) s.maxSpan = span
    }
  }

  /** Removes the alarm with this id; returns whether it was held. */
  remove(id: string): boolean {
    const old = this.byId.get(id)
    if (!old) return false
    this.byId.delete(id)
    const s = this.bySite.get(alarmKey(old))
    if (s) {
      if (old.clearedAt == null) {
        if (removeItem(s.open, old)) this.openCount--
      } else removeItem(s.closed, old)
    }
    return true
  }

  /**
   * Alarms of the site whose window [raisedAt, clearedAt ?? ∞] overlaps [from, to], sorted by raisedAt.
   * Without bounds: every alarm of the site.
   */
  query(siteId: string, from = -Infinity, to = Infinity): Alarm[] {
    const s = this.bySite.get(siteId)
    if (!s) return []
    const out: Alarm[] = []
    const closed = s.closed
    const lo = from === -Infinity ? 0 : lowerBound(closed, 'raisedAt', from - s.maxSpan)
    const hi = to === Infinity ? closed.length : upperBound(closed, 'raisedAt', to)
    for (let i = lo; i < hi; i++) {
      const a = closed[i]
      if ((a.clearedAt as number) >= from) out.push(a)
    }
    const open = s.open
    if (open.length === 0) return out
    const before = out.length
    for (let i = 0; i < open.length && open[i].raisedAt <= to; i++) out.push(open[i])
    if (before > 0 && out.length > before) out.sort(byRaised)
    return out
  }

  private slot(siteId: string): SiteAlarms {
    let s = this.bySite.get(siteId)
    if (!s) {
      s = { closed: [], open: [], maxSpan: 0 }
      this.bySite.set(siteId, s)
    }
    return s
  }
}

function byRaised(a: Alarm, b: Alarm): number {
  return a.raisedAt - b.raisedAt
}
