/**
 * Alarms as columns (province scale: millions of rows): times in Float64Array, the site, key, kind and
 * severity as indexes into interned string tables, one id string per row. A row costs ~40 bytes plus its
 * id instead of an object and four strings (~250 bytes). The store fills one while it streams the alarms
 * table (repos/alarms-repo.ts); AlarmTimeline keeps its rows in one.
 *
 * `asAlarmArray()` hands the columns on where an `Alarm[]` is expected (NetworkSnapshot.alarms, so
 * Store.loadSnapshot() keeps its signature): reading an element makes the same object the row mapping
 * would (repos/index.ts alarmsRepo.fromRow), and NetworkIndex.load() takes the columns back with
 * `alarmColumnsOf()` without making any object.
 */
import type { Alarm, ElementType, Severity } from '../domain/types.js'
import { elementKey } from './elements.js'

/** Interned strings: each distinct value once, rows hold its number. */
export class StringTable {
  readonly values: string[] = []
  private readonly numbers = new Map<string, number>()

  /** The number of `s`, made on first use. */
  intern(s: string): number {
    let k = this.numbers.get(s)
    if (k === undefined) {
      k = this.values.length
      this.values.push(s)
      this.numbers.set(s, k)
    }
    return k
  }

  /** The number of `s`, or -1 if it was never interned. */
  find(s: string): number {
    return this.numbers.get(s) ?? -1
  }
}

const FLAG_ELEMENT = 1

/**
 * Append-only alarm rows. `key` is what the alarm is on (its site id, or elementKey() of its element),
 * `site` the row's siteId as read ('' for an element alarm); clearedAt null is NaN.
 */
export class AlarmColumns {
  length = 0
  ids: string[] = []
  raised = new Float64Array(0)
  cleared = new Float64Array(0)
  key = new Int32Array(0)
  site = new Int32Array(0)
  kind = new Uint16Array(0)
  severity = new Uint8Array(0)
  flags = new Uint8Array(0)
  /** Site ids and element keys (shared by `key` and `site`). */
  readonly strings = new StringTable()
  readonly kinds = new StringTable()
  readonly severities = new StringTable()

  constructor(capacity = 1024) {
    this.resize(Math.max(16, capacity))
  }

  /** Appends one row (the fields of an alarms table row); returns its row number. */
  push(id: string, siteId: string, elementType: ElementType | null, elementId: string | null, kind: string, severity: string, raisedAt: number, clearedAt: number | null): number {
    const r = this.length
    // Doubling (from at least 16: trim() may have left no room at all).
    if (r === this.raised.length) this.resize(Math.max(16, r * 2))
    this.ids.push(id)
    this.raised[r] = raisedAt
    this.cleared[r] = clearedAt == null ? NaN : clearedAt
    this.site[r] = this.strings.intern(siteId)
    if (elementType != null) {
      this.key[r] = this.strings.intern(elementKey(elementType, elementId ?? ''))
      this.flags[r] = FLAG_ELEMENT
    } else {
      this.key[r] = this.site[r]
      this.flags[r] = 0
    }
    const k = this.kinds.intern(kind)
    const v = this.severities.intern(severity)
    if (k > 0xffff || v > 0xff) throw new Error('alarm columns: more than 65,536 distinct kinds or 256 severities')
    this.kind[r] = k
    this.severity[r] = v
    this.length = r + 1
    return r
  }

  /** Appends the row of an Alarm object. */
  pushAlarm(a: Alarm): number {
    return this.push(a.id, a.siteId, a.element?.type ?? null, a.element?.id ?? null, a.kind, a.severity, a.raisedAt, a.clearedAt)
  }

  /** Whether the row is on an element (BSC/MSC/ring) rather than a site. */
  isElement(r: number): boolean {
    return (this.flags[r] & FLAG_ELEMENT) !== 0
  }

  /** clearedAt of the row, null while active. */
  clearedAt(r: number): number | null {
    const c = this.cleared[r]
    return c === c ? c : null
  }

  /** A new object of the row, shaped as alarmsRepo.fromRow makes it (`element` only on an element alarm). */
  materialise(r: number): Alarm {
    const a: Alarm = {
      id: this.ids[r], siteId: this.strings.values[this.site[r]], kind: this.kinds.values[this.kind[r]],
      severity: this.severities.values[this.severity[r]] as Severity, raisedAt: this.raised[r], clearedAt: this.clearedAt(r),
    }
    if (this.isElement(r)) {
      const k = this.strings.values[this.key[r]]
      const i = k.indexOf('\u0000')
      a.element = { type: k.slice(0, i) as ElementType, id: k.slice(i + 1) }
    }
    return a
  }

  /** Drops the spare capacity (after a bulk fill). */
  trim(): void {
    if (this.raised.length > this.length) this.resize(this.length)
  }

  private resize(n: number): void {
    const copy = <A extends Float64Array | Int32Array | Uint16Array | Uint8Array>(a: A, make: (n: number) => A): A => {
      const b = make(n)
      b.set(a.subarray(0, Math.min(this.length, n)))
      return b
    }
    this.raised = copy(this.raised, (k) => new Float64Array(k))
    this.cleared = copy(this.cleared, (k) => new Float64Array(k))
    this.key = copy(this.key, (k) => new Int32Array(k))
    this.site = copy(this.site, (k) => new Int32Array(k))
    this.kind = copy(this.kind, (k) => new Uint16Array(k))
    this.severity = copy(this.severity, (k) => new Uint8Array(k))
    this.flags = copy(this.flags, (k) => new Uint8Array(k))
  }
}

const COLUMNS = Symbol('alarm columns')

/**
 * The columns as a read-only `Alarm[]`: length, index reads, iteration and the array methods work
 * (each read makes a new object of the row); writes are refused. Made for NetworkSnapshot.alarms.
 */
export function asAlarmArray(cols: AlarmColumns): Alarm[] {
  const rowOf = (p: string | symbol): number => {
    if (typeof p !== 'string') return -1
    const i = Number(p)
    return Number.isInteger(i) && i >= 0 && i < cols.length && String(i) === p ? i : -1
  }
  return new Proxy([] as Alarm[], {
    get(target, p, receiver) {
      if (p === COLUMNS) return cols
      if (p === 'length') return cols.length
      const r = rowOf(p)
      if (r >= 0) return cols.materialise(r)
      return Reflect.get(target, p, receiver)
    },
    has(target, p) {
      return rowOf(p) >= 0 || Reflect.has(target, p)
    },
    set() {
      throw new TypeError('alarm columns: a snapshot of alarms is read-only')
    },
    getOwnPropertyDescriptor(target, p) {
      const r = rowOf(p)
      if (r >= 0) return { value: cols.materialise(r), writable: false, enumerable: true, configurable: true }
      if (p === 'length') return { value: cols.length, writable: true, enumerable: false, configurable: false }
      return Reflect.getOwnPropertyDescriptor(target, p)
    },
  })
}

/** The columns behind an array made by asAlarmArray(), or null for a plain array. */
export function alarmColumnsOf(alarms: readonly Alarm[]): AlarmColumns | null {
  return ((alarms as unknown as Record<symbol, unknown>)[COLUMNS] as AlarmColumns | undefined) ?? null
}
