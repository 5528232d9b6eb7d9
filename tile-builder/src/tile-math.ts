/**
 * Web Mercator tile maths (XYZ, 256 px tiles, y down from the north edge).
 * World coordinates are normalised to [0, 1] on both axes so one projected copy of the data
 * serves every zoom: pixel = world × 256 × 2^z.
 */

/** Latitude beyond which Web Mercator is cut off (the square world). */
export const MAX_LAT = 85.0511287798066

/** Tile edge in pixels. */
export const TILE_SIZE = 256

/** Highest zoom the builder accepts: 2^25 tiles a side still fits Float64 world pixels exactly. */
export const MAX_ZOOM = 24

/** Longitude (degrees) → world x in [0, 1]. */
export const lonToX = (lon: number): number => (lon + 180) / 360

/** Latitude (degrees) → world y in [0, 1], clamped at the Mercator cut-off. */
export function latToY(lat: number): number {
  const l = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat))
  const s = Math.sin((l * Math.PI) / 180)
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)
}

/** World x in [0, 1] → longitude (degrees). */
export const xToLon = (x: number): number => x * 360 - 180

/** World y in [0, 1] → latitude (degrees). */
export const yToLat = (y: number): number => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI

/** The tile containing a point at zoom z (edges belong to the tile east/south of them; the world's last row/column is kept). */
export function lonLatToTile(lon: number, lat: number, z: number): { x: number; y: number } {
  const n = 2 ** z
  return {
    x: Math.min(n - 1, Math.max(0, Math.floor(lonToX(lon) * n))),
    y: Math.min(n - 1, Math.max(0, Math.floor(latToY(lat) * n))),
  }
}

/** A tile's bounds in degrees: [west, south, east, north]. */
export function tileBounds(z: number, x: number, y: number): [number, number, number, number] {
  const n = 2 ** z
  return [xToLon(x / n), yToLat((y + 1) / n), xToLon((x + 1) / n), yToLat(y / n)]
}

/** True when z/x/y names a tile that exists (integers, 0 ≤ x,y < 2^z, 0 ≤ z ≤ MAX_ZOOM). */
export function isValidTile(z: number, x: number, y: number): boolean {
  if (!Number.isInteger(z) || !Number.isInteger(x) || !Number.isInteger(y)) return false
  if (z < 0 || z > MAX_ZOOM) return false
  const n = 2 ** z
  return x >= 0 && y >= 0 && x < n && y < n
}

/** The tile range [minX, minY, maxX, maxY] (inclusive) covering a WGS-84 bbox at zoom z. */
export function tileRange(bbox: readonly [number, number, number, number], z: number): [number, number, number, number] {
  const [w, s, e, n] = bbox
  const a = lonLatToTile(w, n, z)
  const b = lonLatToTile(e, s, z)
  return [a.x, a.y, b.x, b.y]
}

/** Every tile covering bbox for each zoom in [minZoom, maxZoom], in z, x, y order. */
export function tilesInBBox(bbox: readonly [number, number, number, number], minZoom: number, maxZoom: number): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = []
  for (let z = minZoom; z <= maxZoom; z++) {
    const [x0, y0, x1, y1] = tileRange(bbox, z)
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) out.push([z, x, y])
  }
  return out
}
