/**
 * Nearest-point attribution for batches (a million complaints to their nearest of 50,000 sites): a
 * uniform grid over the sites in compressed-row form and ring-by-ring search, all in typed arrays — no
 * allocation per query, which is what makes it faster than a general kNN tree for this one question.
 * Coordinates are projected once to a local equirectangular plane in metres, so "nearest" means metres.
 */

const EARTH_M_PER_DEG = 111_320

/** A local plane: x = lon·cos(lat0), y = lat, both in metres. Good to a fraction of a percent over a city. */
export function makeProjection(lat0: number): (lon: number, lat: number, out: Float64Array, i: number) => void {
  const kx = Math.cos((lat0 * Math.PI) / 180) * EARTH_M_PER_DEG
  return (lon, lat, out, i) => {
    out[2 * i] = lon * kx
    out[2 * i + 1] = lat * EARTH_M_PER_DEG
  }
}

/** Sites (or any points) bucketed in a grid of about `perCell` points per cell. */
export class PointGrid {
  private readonly minX: number
  private readonly minY: number
  private readonly cell: number
  private readonly nx: number
  private readonly ny: number
  /** cellStart[c]..cellStart[c+1] index `items` for cell c. */
  private readonly cellStart: Int32Array
  private readonly items: Int32Array
  private readonly xy: Float64Array

  /** xy: interleaved projected coordinates [x0, y0, x1, y1, …]. */
  constructor(xy: Float64Array, perCell = 2) {
    const n = xy.length / 2
    if (n === 0) throw new Error('PointGrid needs at least one point')
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity
    for (let i = 0; i < n; i++) {
      const x = xy[2 * i], y = xy[2 * i + 1]
      if (x < minX) minX = x
      if (x > maxX) maxX = x
      if (y < minY) minY = y
      if (y > maxY) maxY = y
    }
    const w = Math.max(maxX - minX, 1), h = Math.max(maxY - minY, 1)
    this.cell = Math.max(Math.sqrt((w * h * perCell) / n), 1)
    this.nx = Math.max(1, Math.ceil(w / this.cell) + 1)
    this.ny = Math.max(1, Math.ceil(h / this.cell) + 1)
    this.minX = minX
    this.minY = minY
    this.xy = xy
    // Counting sort of the points by cell.
    const cells = this.nx * this.ny
    const start = new Int32Array(cells + 1)
    const cellOf = new Int32Array(n)
    for (let i = 0; i < n; i++) {
      const c = this.cellIndex(xy[2 * i], xy[2 * i + 1])
      cellOf[i] = c
      start[c + 1]++
    }
    for (let c = 0; c < cells; c++) start[c + 1] += start[c]
    const fill = start.slice(0, cells)
    const items = new Int32Array(n)
    for (let i = 0; i < n; i++) items[fill[cellOf[i]]++] = i
    this.cellStart = start
    this.items = items
  }

  private cellIndex(x: number, y: number): number {
    return this.cy(y) * this.nx + this.cx(x)
  }
  private cx(x: number): number {
    const c = Math.floor((x - this.minX) / this.cell)
    return c < 0 ? 0 : c >= this.nx ? this.nx - 1 : c
  }
  private cy(y: number): number {
    const c = Math.floor((y - this.minY) / this.cell)
    return c < 0 ? 0 : c >= this.ny ? this.ny - 1 : c
  }

  /** Index of the point nearest to (x, y) (ties: the lower index), and its squared distance via `dist2`. */
  nearest(x: number, y: number, dist2?: Float64Array): number {
    const cx = this.cx(x), cy = this.cy(y)
    const { nx, ny, cellStart, items, xy } = this
    let best = -1, bestD = Infinity
    const maxR = Math.max(nx, ny)
    for (let r = 0; r <= maxR; r++) {
      // Every cell of ring r+1 and beyond lies at least r cells away along one axis.
      const bound = r > 0 ? (r - 1) * this.cell : 0
      if (best >= 0 && bestD <= bound * bound) break
      const y0 = cy - r, y1 = cy + r, x0 = cx - r, x1 = cx + r
      for (let gy = y0 < 0 ? 0 : y0; gy <= (y1 >= ny ? ny - 1 : y1); gy++) {
        const edgeRow = gy === y0 || gy === y1
        // On the ring's top and bottom rows every column; elsewhere only the two side columns.
        const step = edgeRow ? 1 : x1 - x0
        for (let gx = x0; gx <= x1; gx += step > 0 ? step : 1) {
          if (gx < 0 || gx >= nx) continue
          const c = gy * nx + gx
          for (let k = cellStart[c], end = cellStart[c + 1]; k < end; k++) {
            const i = items[k]
            const dx = xy[2 * i] - x, dy = xy[2 * i + 1] - y
            const d = dx * dx + dy * dy
            if (d < bestD || (d === bestD && i < best)) {
              bestD = d
              best = i
            }
          }
        }
      }
    }
    if (dist2) dist2[0] = bestD
    return best
  }
}

/**
 * For every query point (lon/lat interleaved), the index of the nearest site and the distance in metres.
 * One projection, one grid, one pass of plain loops.
 */
export function attributeNearest(siteLonLat: Float64Array, pointLonLat: Float64Array): { site: Int32Array; distanceM: Float32Array } {
  const ns = siteLonLat.length / 2, np = pointLonLat.length / 2
  let latSum = 0
  for (let i = 0; i < ns; i++) latSum += siteLonLat[2 * i + 1]
  const project = makeProjection(latSum / Math.max(ns, 1))
  const sxy = new Float64Array(2 * ns)
  for (let i = 0; i < ns; i++) project(siteLonLat[2 * i], siteLonLat[2 * i + 1], sxy, i)
  const grid = new PointGrid(sxy)
  const site = new Int32Array(np)
  const distanceM = new Float32Array(np)
  const p = new Float64Array(2)
  const d2 = new Float64Array(1)
  for (let i = 0; i < np; i++) {
    project(pointLonLat[2 * i], pointLonLat[2 * i + 1], p, 0)
    site[i] = grid.nearest(p[0], p[1], d2)
    distanceM[i] = Math.sqrt(d2[0])
  }
  return { site, distanceM }
}
