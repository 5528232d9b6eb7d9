/** Bounding boxes as [minLon, minLat, maxLon, maxLat], the order of GeoJSON and of the map routes. */
import type { AreaGeometry } from '../domain/types.js'

/** [minLon, minLat, maxLon, maxLat]. */
export type BBox = [number, number, number, number]

/** The whole world: every site, complaint or cutover the index holds lies in it. */
export const WORLD = Object.freeze([-180, -90, 180, 90]) as BBox

/** The bbox of a Polygon or MultiPolygon (outer rings are enough; holes lie inside them). */
export function geometryBbox(g: AreaGeometry): BBox {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates
  for (const poly of polys) {
    const ring = poly[0]
    if (!ring) continue
    for (let i = 0; i < ring.length; i++) {
      const x = ring[i][0]
      const y = ring[i][1]
      if (x < minX) minX = x
      if (x > maxX) maxX = x
      if (y < minY) minY = y
      if (y > maxY) maxY = y
    }
  }
  return [minX, minY, maxX, maxY]
}

/** An R-tree (rbush) item: the bbox of `item` in rbush's field names, carrying the item. */
export interface BoxEntry<T> {
  minX: number
  minY: number
  maxX: number
  maxY: number
  item: T
}

/** The entry of an item in the bbox `b`. */
export function boxEntry<T>(b: BBox, item: T): BoxEntry<T> {
  return { minX: b[0], minY: b[1], maxX: b[2], maxY: b[3], item }
}
