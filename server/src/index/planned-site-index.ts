/**
 * Planned sites 规划站 as circles: an R-tree of the bbox of each circle (radiusM around the planned
 * point), with the exact distance test on the few whose bbox holds the point. Replace-by-id.
 */
import RBush from 'rbush'
import type { PlannedSite } from '../domain/types.js'
import { bboxAround, distanceM } from '../geo/distance.js'
import { type BBox, type BoxEntry, boxEntry } from './bbox.js'

/** Planned sites by id and by the circle they will cover. */
export class PlannedSiteIndex {
  private readonly byId = new Map<string, BoxEntry<PlannedSite>>()
  private readonly tree = new RBush<BoxEntry<PlannedSite>>()

  /** Number of planned sites held. */
  get size(): number {
    return this.byId.size
  }

  /** Replaces everything (bulk load; later rows win on duplicate ids). */
  load(rows: readonly PlannedSite[]): void {
    this.byId.clear()
    for (const x of rows) this.byId.set(x.id, entry(x))
    this.tree.clear().load([...this.byId.values()])
  }

  /** Adds or replaces planned sites by id; `bulk` rebuilds the tree with one bulk load instead. */
  upsert(rows: readonly PlannedSite[], bulk: boolean): void {
    for (const x of rows) {
      const old = this.byId.get(x.id)
      if (old && !bulk) this.tree.remove(old)
      const e = entry(x)
      this.byId.set(x.id, e)
      if (!bulk) this.tree.insert(e)
    }
    if (bulk) this.tree.clear().load([...this.byId.values()])
  }

  /** Removes the planned site with this id; an unknown id is ignored. */
  remove(id: string): void {
    const old = this.byId.get(id)
    if (!old) return
    this.tree.remove(old)
    this.byId.delete(id)
  }

  /** Planned sites whose circle covers the point (boundary included). */
  at(lon: number, lat: number): PlannedSite[] {
    const hits = this.tree.search({ minX: lon, minY: lat, maxX: lon, maxY: lat })
    const out: PlannedSite[] = []
    for (let i = 0; i < hits.length; i++) {
      const p = hits[i].item
      if (distanceM(p.lon, p.lat, lon, lat) <= p.radiusM) out.push(p)
    }
    return out
  }

  /** Planned sites whose circle's bbox intersects the bbox (for the map). */
  inBbox(b: BBox): PlannedSite[] {
    return this.tree.search({ minX: b[0], minY: b[1], maxX: b[2], maxY: b[3] }).map((e) => e.item)
  }
}

function entry(p: PlannedSite): BoxEntry<PlannedSite> {
  return boxEntry(bboxAround(p.lon, p.lat, p.radiusM), p)
}
