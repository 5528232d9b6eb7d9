/**
 * Complaints in space and time: one R-tree of points per day of occurrence, so a query for the last
 * few hours around a point only searches one or two small trees however long the history grows.
 */
import RBush from 'rbush'
import type { Complaint } from '../domain/types.js'
import { bboxAround, distanceM } from '../geo/distance.js'
import type { BBox } from './bbox.js'

/** Width of a time bucket: one day keeps "last 2 h / ±12 h" queries to one or two trees. */
const BUCKET_MS = 24 * 3600_000

interface ComplaintEntry {
  minX: number
  minY: number
  maxX: number
  maxY: number
  c: Complaint
  bucket: number
}

/**
 * Space-time index of complaints with replace-by-id. Each complaint is held as given, `settled`
 * included: the store sets it on every row it loads or returns, and a workflow step or the change feed
 * upserts the complaint again, so the diagnosis (known_issue) always reads the current value.
 */
export class ComplaintIndex {
  private buckets = new Map<number, RBush<ComplaintEntry>>()
  private byId = new Map<string, ComplaintEntry>()

  /** Number of complaints held. */
  get size(): number {
    return this.byId.size
  }

  /** The complaint with this id, if held. */
  get(id: string): Complaint | undefined {
    return this.byId.get(id)?.c
  }

  /** Replaces everything (later rows win on duplicate ids), bulk-loading each day's tree. */
  load(rows: readonly Complaint[]): void {
    this.buckets.clear()
    this.byId.clear()
    for (const c of rows) this.byId.set(c.id, entry(c))
    const groups = new Map<number, ComplaintEntry[]>()
    for (const e of this.byId.values()) {
      let g = groups.get(e.bucket)
      if (!g) groups.set(e.bucket, (g = []))
      g.push(e)
    }
    for (const [b, g] of groups) this.buckets.set(b, new RBush<ComplaintEntry>().load(g))
  }

  /** Adds or replaces (by id) one complaint. */
  upsert(c: Complaint): void {
    this.remove(c.id)
    const e = entry(c)
    this.byId.set(c.id, e)
    let t = this.buckets.get(e.bucket)
    if (!t) this.buckets.set(e.bucket, (t = new RBush<ComplaintEntry>()))
    t.insert(e)
  }

  /** Removes the complaint with this id, if held. */
  remove(id: string): void {
    const old = this.byId.get(id)
    if (!old) return
    this.byId.delete(id)
    const t = this.buckets.get(old.bucket)
    if (!t) return
    t.remove(old)
    // toJSON() is the root node itself (no copy): an empty root means an empty day.
    if ((t.toJSON() as { children: unknown[] }).children.length === 0) this.buckets.delete(old.bucket)
  }

  /** Complaints within radiusM of the point that occurred in [from, to] (inclusive), in no set order. */
  near(lon: number, lat: number, radiusM: number, from: number, to: number): Complaint[] {
    const b = bboxAround(lon, lat, radiusM)
    const out: Complaint[] = []
    this.scan(b, from, to, (e) => {
      if (distanceM(lon, lat, e.minX, e.minY) <= radiusM) out.push(e.c)
    })
    return out
  }

  /** Complaints inside the bbox that occurred in [from, to] (for the map and the batch analysis). */
  inBbox(b: BBox, from = -Infinity, to = Infinity): Complaint[] {
    const out: Complaint[] = []
    this.scan(b, from, to, (e) => out.push(e.c))
    return out
  }

  private scan(b: BBox, from: number, to: number, visit: (e: ComplaintEntry) => void): void {
    if (from > to) return
    const box = { minX: b[0], minY: b[1], maxX: b[2], maxY: b[3] }
    const b0 = bucketOf(from)
    const b1 = bucketOf(to)
    // A short window walks its buckets; a long (or open) one walks the buckets that exist.
    if (Number.isFinite(b0) && Number.isFinite(b1) && b1 - b0 < this.buckets.size) {
      for (let k = b0; k <= b1; k++) this.scanTree(this.buckets.get(k), box, from, to, visit)
    } else {
      for (const [k, t] of this.buckets) if (k >= b0 && k <= b1) this.scanTree(t, box, from, to, visit)
    }
  }

  private scanTree(
    t: RBush<ComplaintEntry> | undefined,
    box: { minX: number; minY: number; maxX: number; maxY: number },
    from: number,
    to: number,
    visit: (e: ComplaintEntry) => void,
  ): void {
    if (!t) return
    const hits = t.search(box)
    for (let i = 0; i < hits.length; i++) {
      const at = hits[i].c.occurredAt
      if (at >= from && at <= to) visit(hits[i])
    }
  }
}

function bucketOf(t: number): number {
  return Math.floor(t / BUCKET_MS)
}

function entry(c: Complaint): ComplaintEntry {
  return { minX: c.lon, minY: c.lat, maxX: c.lon, maxY: c.lat, c, bucket: bucketOf(c.occurredAt) }
}
