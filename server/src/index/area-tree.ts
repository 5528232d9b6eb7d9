/**
 * Polygons (blind spots, weak-coverage areas, area cutovers) in an R-tree of their bboxes, with an
 * exact point-in-polygon test on the few whose bbox holds the point. Replace-by-id.
 */
import RBush from 'rbush'
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import type { AreaGeometry } from '../domain/types.js'
import type { BBox } from './bbox.js'
import { geometryBbox } from './bbox.js'
import { distanceToRingsM, M_PER_DEG } from '../geo/distance.js'

interface AreaEntry<T> {
  minX: number
  minY: number
  maxX: number
  maxY: number
  item: T
  geometry: AreaGeometry
}

/** An R-tree of items that each carry a polygon, found by the point they contain or by bbox. */
export class AreaTree<T extends { id: string }> {
  private tree = new RBush<AreaEntry<T>>()
  private byId = new Map<string, AreaEntry<T>>()

  /** @param geometryOf the item's polygon, or null when the item has no area (it is then not indexed). */
  constructor(private readonly geometryOf: (item: T) => AreaGeometry | null) {}

  /** Number of items indexed. */
  get size(): number {
    return this.byId.size
  }

  /** Every indexed item (for a bulk rebuild). */
  items(): T[] {
    const out: T[] = []
    for (const e of this.byId.values()) out.push(e.item)
    return out
  }

  /** Replaces everything with `items` (bulk load; later rows win on duplicate ids). */
  load(items: readonly T[]): void {
    this.tree.clear()
    this.byId.clear()
    for (const item of items) {
      const e = this.entry(item)
      if (e) this.byId.set(item.id, e)
      else this.byId.delete(item.id)
    }
    this.tree.load([...this.byId.values()])
  }

  /** Adds or replaces (by id) one item; an item without an area only removes the old one. */
  upsert(item: T): void {
    this.remove(item.id)
    const e = this.entry(item)
    if (!e) return
    this.byId.set(item.id, e)
    this.tree.insert(e)
  }

  /** Removes the item with this id, if indexed. */
  remove(id: string): void {
    const old = this.byId.get(id)
    if (!old) return
    this.tree.remove(old)
    this.byId.delete(id)
  }

  /**
   * Items whose polygon does not contain the point but comes within radiusM of it, with that distance
   * (nearest first). For a place given as a street, 50–300 m from where the customer really is.
   */
  near(lon: number, lat: number, radiusM: number): { item: T; distanceM: number }[] {
    const dLat = radiusM / M_PER_DEG
    const dLon = dLat / Math.max(0.01, Math.cos((lat * Math.PI) / 180))
    const hits = this.tree.search({ minX: lon - dLon, minY: lat - dLat, maxX: lon + dLon, maxY: lat + dLat })
    const out: { item: T; distanceM: number }[] = []
    const pt = [lon, lat]
    for (let i = 0; i < hits.length; i++) {
      const g = hits[i].geometry
      if (booleanPointInPolygon(pt, g)) continue
      const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat()
      const d = distanceToRingsM(lon, lat, rings)
      if (d <= radiusM) out.push({ item: hits[i].item, distanceM: d })
    }
    return out.sort((a, b) => a.distanceM - b.distanceM)
  }

  /** Items whose polygon contains the point (boundary included). */
  at(lon: number, lat: number): T[] {
    const hits = this.tree.search({ minX: lon, minY: lat, maxX: lon, maxY: lat })
    const out: T[] = []
    if (hits.length === 0) return out
    const pt = [lon, lat]
    for (let i = 0; i < hits.length; i++) {
      if (booleanPointInPolygon(pt, hits[i].geometry)) out.push(hits[i].item)
    }
    return out
  }

  /** Items whose bbox intersects the given bbox (for the map). */
  inBbox(b: BBox): T[] {
    const hits = this.tree.search({ minX: b[0], minY: b[1], maxX: b[2], maxY: b[3] })
    const out: T[] = new Array(hits.length)
    for (let i = 0; i < hits.length; i++) out[i] = hits[i].item
    return out
  }

  private entry(item: T): AreaEntry<T> | null {
    const g = this.geometryOf(item)
    if (!g) return null
    const b = geometryBbox(g)
    if (!(b[0] <= b[2] && b[1] <= b[3])) return null
    return { minX: b[0], minY: b[1], maxX: b[2], maxY: b[3], item, geometry: g }
  }
}
