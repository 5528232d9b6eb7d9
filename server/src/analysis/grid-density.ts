/** A complaint density grid for the heat map: counts per square cell of about `cellM` metres. */

const M_PER_DEG = 111_320

export interface DensityGrid {
  /** South-west corner of cell (0, 0) and the cell size in degrees. */
  minLon: number
  minLat: number
  dLon: number
  dLat: number
  nx: number
  ny: number
  /** Row-major counts: counts[y * nx + x]. */
  counts: Uint32Array
}

/** At most this many cells: a city at 500 m is ~50,000; a country-wide bbox gets coarser cells. */
const MAX_CELLS = 4_000_000

export function densityGrid(lonLat: Float64Array, cellM: number): DensityGrid {
  const n = lonLat.length / 2
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity
  for (let i = 0; i < n; i++) {
    const x = lonLat[2 * i], y = lonLat[2 * i + 1]
    if (x < minLon) minLon = x
    if (x > maxLon) maxLon = x
    if (y < minLat) minLat = y
    if (y > maxLat) maxLat = y
  }
  if (n === 0) return { minLon: 0, minLat: 0, dLon: 0, dLat: 0, nx: 0, ny: 0, counts: new Uint32Array(0) }
  let dLat = cellM / M_PER_DEG
  let dLon = dLat / Math.max(Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180), 0.01)
  let nx = Math.floor((maxLon - minLon) / dLon) + 1, ny = Math.floor((maxLat - minLat) / dLat) + 1
  if (nx * ny > MAX_CELLS) {
    const f = Math.sqrt((nx * ny) / MAX_CELLS)
    dLon *= f
    dLat *= f
    nx = Math.floor((maxLon - minLon) / dLon) + 1
    ny = Math.floor((maxLat - minLat) / dLat) + 1
  }
  const counts = new Uint32Array(nx * ny)
  for (let i = 0; i < n; i++) {
    const cx = Math.min(nx - 1, Math.floor((lonLat[2 * i] - minLon) / dLon))
    const cy = Math.min(ny - 1, Math.floor((lonLat[2 * i + 1] - minLat) / dLat))
    counts[cy * nx + cx]++
  }
  return { minLon, minLat, dLon, dLat, nx, ny, counts }
}

/** The non-empty cells as [centre lon, centre lat, count], densest first, at most `limit`. */
export function densityCells(g: DensityGrid, limit: number): [number, number, number][] {
  const out: [number, number, number][] = []
  for (let c = 0; c < g.counts.length; c++) {
    if (g.counts[c] === 0) continue
    const x = c % g.nx, y = Math.floor(c / g.nx)
    out.push([g.minLon + (x + 0.5) * g.dLon, g.minLat + (y + 0.5) * g.dLat, g.counts[c]])
  }
  return out.sort((a, b) => b[2] - a[2]).slice(0, limit)
}
