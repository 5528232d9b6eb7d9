/**
 * Alarms by site and time. Per site, cleared alarms are kept sorted by raisedAt together with the
 * longest cleared span seen, so "which alarms overlap [from, to]" is two binary searches and a short
 * scan; still-active alarms (usually a handful) are kept apart, also sorted.
 *
 * The alarms themselves are rows of AlarmColumns (typed arrays; province scale holds millions), the
 * per-site lists hold row numbers. A query hands out Alarm objects: the object the row came in as when
 * it came in as one (load() of a plain array, upsert()), else a new object of the row, the same as the
 * store's row mapping makes. An element alarm's object is kept once made, so the same element alarm
 * reached through two serving sites is one object (the diagnosis counts it once by identity).
 */
import type { Alarm, ElementRef } from '../domain/types.js'
import { alarmColumnsOf, AlarmColumns } from './alarm-columns.js'
import { insertSorted, lowerBound, upperBound } from './sorted.js'

interface SiteAlarms {
  /** Rows of cleared alarms, sorted by raisedAt (ties in the order the alarms came in). */
  closed: number[]
  /** Rows of active alarms (clearedAt null), sorted by raisedAt. */
  open: number[]
  /** Longest clearedAt − raisedAt among closed alarms ever added (never shrinks: stays a safe bound). */
  maxSpan: number
}

/**
 * Per-site, time-sorted alarm store with replace-by-id. An alarm on an element (BSC/MSC/ring) is held
 * under its element's key (elements.ts elementKey), so `query(key)` serves elements as it serves sites.
 */
export class AlarmTimeline {
  private cols = new AlarmColumns()
  private bySite = new Map<string, SiteAlarms>()
  /** Row of each alarm held, by id (replaced rows are no longer reachable from here or any list). */
  private byId = new Map<string, number>()
  /** The objects rows came in as, by row, when load() got a plain array (else null). */
  private dense: readonly Alarm[] | null = null
  /** The objects of upserted rows and of element rows already handed out, by row. */
  private kept = new Map<number, Alarm>()
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
    const r = this.byId.get(id)
    return r === undefined ? undefined : this.obj(r)
  }

  /**
   * Replaces everything with `alarms` (later rows win on duplicate ids). Sorts once per site. An array
   * made by asAlarmArray() is taken over as it is, without making an object per alarm.
   */
  load(alarms: readonly Alarm[]): void {
    const given = alarmColumnsOf(alarms)
    let cols: AlarmColumns
    if (given) {
      cols = given
      cols.trim()
      this.dense = null
    } else {
      cols = new AlarmColumns(alarms.length)
      for (let i = 0; i < alarms.length; i++) cols.pushAlarm(alarms[i])
      this.dense = alarms.slice()
    }
    this.cols = cols
    this.bySite.clear()
    this.byId.clear()
    this.kept.clear()
    this.openCount = 0
    const n = cols.length
    for (let r = 0; r < n; r++) this.byId.set(cols.ids[r], r)
    // Slots by interned key number while filling (no string hashing per row), by key string after.
    const slots: (SiteAlarms | undefined)[] = []
    const { raised, cleared, key } = cols
    for (const r of this.byId.values()) {
      const k = key[r]
      let s = slots[k]
      if (!s) slots[k] = s = { closed: [], open: [], maxSpan: 0 }
      const c = cleared[r]
      if (c !== c) {
        s.open.push(r)
        this.openCount++
      } else {
        s.closed.push(r)
        const span = c - raised[r]
        if (span > s.maxSpan) s.maxSpan = span
      }
    }
    // Array.prototype.sort is stable: ties keep the order the alarms came in, as with objects before.
    // Columns from the store come in storage order, which updates and VACUUM change: their ties go by
    // id instead (the order the store's rows had when they were read sorted by id).
    const ids = cols.ids
    const byRaised = given
      ? (a: number, b: number) => raised[a] - raised[b] || (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0)
      : (a: number, b: number) => raised[a] - raised[b]
    for (let k = 0; k < slots.length; k++) {
      const s = slots[k]
      if (!s) continue
      if (s.closed.length > 1) s.closed.sort(byRaised)
      if (s.open.length > 1) s.open.sort(byRaised)
      this.bySite.set(cols.strings.values[k], s)
    }
  }

  /**
   * The distinct elements (BSC/MSC/ring) of the rows the last load() got, duplicates and replaced rows
   * included (what marking each loaded alarm's element would mark), without making an alarm object.
   */
  loadedElements(): ElementRef[] {
    const cols = this.cols
    const seen = new Set<number>()
    const out: ElementRef[] = []
    for (let r = 0; r < cols.length; r++) {
      if (!cols.isElement(r) || seen.has(cols.key[r])) continue
      seen.add(cols.key[r])
      out.push(cols.materialise(r).element!)
    }
    return out
  }

  /** Adds an alarm, replacing the one with the same id wherever it was (its site may have changed). */
  upsert(a: Alarm): void {
    this.remove(a.id)
    const r = this.cols.pushAlarm(a)
    this.byId.set(a.id, r)
    this.kept.set(r, a)
    const s = this.slot(this.cols.strings.values[this.cols.key[r]])
    if (a.clearedAt == null) {
      insertSorted(s.open, this.cols.raised, r)
      this.openCount++
    } else {
      insertSorted(s.closed, this.cols.raised, r)
      const span = a.clearedAt - a.raisedAt
      if (span > s.maxSpan) s.maxSpan = span
    }
  }

  /** Removes the alarm with this id; returns whether it was held. */
  remove(id: string): boolean {
    const r = this.byId.get(id)
    if (r === undefined) return false
    this.byId.delete(id)
    this.kept.delete(r)
    const s = this.bySite.get(this.cols.strings.values[this.cols.key[r]])
    if (s) {
      const open = this.cols.cleared[r] !== this.cols.cleared[r]
      const list = open ? s.open : s.closed
      const i = list.indexOf(r)
      if (i >= 0) {
        list.splice(i, 1)
        if (open) this.openCount--
      }
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
    const { raised, cleared } = this.cols
    const closed = s.closed
    const lo = from === -Infinity ? 0 : lowerBound(closed, raised, from - s.maxSpan)
    const hi = to === Infinity ? closed.length : upperBound(closed, raised, to)
    for (let i = lo; i < hi; i++) {
      const r = closed[i]
      if (cleared[r] >= from) out.push(this.obj(r))
    }
    const open = s.open
    if (open.length === 0) return out
    const before = out.length
    for (let i = 0; i < open.length && raised[open[i]] <= to; i++) out.push(this.obj(open[i]))
    if (before > 0 && out.length > before) out.sort(byRaised)
    return out
  }

  /** The object of a row (see the header: the one it came in as, a kept one, or a new one). */
  private obj(r: number): Alarm {
    const d = this.dense?.[r]
    if (d) return d
    const k = this.kept.get(r)
    if (k) return k
    const a = this.cols.materialise(r)
    if (this.cols.isElement(r)) this.kept.set(r, a)
    return a
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
