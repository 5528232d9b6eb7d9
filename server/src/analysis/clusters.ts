/**
 * Spatio-temporal DBSCAN (ST-DBSCAN): two complaints are neighbours when they are within `radiusM`
 * of each other AND within `windowMs` in time; a core has at least `minPoints` neighbours (itself
 * included); clusters are the cores chained by neighbourhood plus their border points.
 *
 * The index is a uniform grid of `radiusM` cells in compressed-row form, each cell's complaints
 * sorted by time: a neighbourhood query visits 3×3 cells and binary-searches each for the time
 * window, so the cost follows the complaints near in space AND time — a month of background in a
 * cell is skipped in a few comparisons. turf's clustersDbscan (space only, objects, a kd-tree per
 * call) takes minutes at 10^6 points; this takes well under a second.
 */
import { makeProjection } from './nearest.js'

export interface ClusterOptions {
  radiusM: number
  windowMs: number
  minPoints: number
}

export interface Clustering {
  /** Cluster of each complaint, 0…count-1; -1 = noise. */
  label: Int32Array
  count: number
}

/** Grid cells at most: a bbox too large for `radiusM` cells gets coarser ones (still correct: cell ≥ radius). */
const MAX_CELLS = 8_000_000

export function stDbscan(lonLat: Float64Array, time: Float64Array, o: ClusterOptions): Clustering {
  const n = time.length
  const label = new Int32Array(n).fill(-2) // -2 unvisited, -1 noise
  if (n === 0) return { label, count: 0 }
  let latSum = 0
  for (let i = 0; i < n; i++) latSum += lonLat[2 * i + 1]
  const project = makeProjection(latSum / n)
  const xy = new Float64Array(2 * n)
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity
  for (let i = 0; i < n; i++) {
    project(lonLat[2 * i], lonLat[2 * i + 1], xy, i)
    const x = xy[2 * i], y = xy[2 * i + 1]
    if (x < minX) minX = x
    if (x > maxX) maxX = x
    if (y < minY) minY = y
    if (y > maxY) maxY = y
  }
  const w = maxX - minX, h = maxY - minY
  const cell = Math.max(o.radiusM, Math.sqrt((w * h) / MAX_CELLS), 1e-6)
  const nx = Math.floor(w / cell) + 1, ny = Math.floor(h / cell) + 1
  const cellOf = new Int32Array(n)
  const start = new Int32Array(nx * ny + 1)
  for (let i = 0; i < n; i++) {
    const c = Math.floor((xy[2 * i + 1] - minY) / cell) * nx + Math.floor((xy[2 * i] - minX) / cell)
    cellOf[i] = c
    start[c + 1]++
  }
  for (let c = 0; c < nx * ny; c++) start[c + 1] += start[c]
  const fill = start.slice(0, nx * ny)
  const items = new Int32Array(n)
  for (let i = 0; i < n; i++) items[fill[cellOf[i]]++] = i
  // Each cell's complaints by time; itemT mirrors items for the binary search.
  const itemT = new Float64Array(n)
  for (let c = 0; c < nx * ny; c++) {
    const a = start[c], b = start[c + 1]
    if (b - a > 1) sortByTime(items, a, b, time)
    for (let k = a; k < b; k++) itemT[k] = time[items[k]]
  }

  const r2 = o.radiusM * o.radiusM, win = o.windowMs
  let nb = new Int32Array(64)
  /** Writes the neighbours of i (itself included) into nb; returns how many. */
  const region = (i: number): number => {
    const x = xy[2 * i], y = xy[2 * i + 1], t = time[i]
    const cx = Math.floor((x - minX) / cell), cy = Math.floor((y - minY) / cell)
    let m = 0
    for (let gy = cy > 0 ? cy - 1 : 0; gy <= cy + 1 && gy < ny; gy++) {
      for (let gx = cx > 0 ? cx - 1 : 0; gx <= cx + 1 && gx < nx; gx++) {
        const c = gy * nx + gx
        let lo = start[c], hi = start[c + 1]
        const end = hi
        const t0 = t - win
        while (lo < hi) { const mid = (lo + hi) >>> 1; if (itemT[mid] < t0) lo = mid + 1; else hi = mid }
        for (let k = lo; k < end && itemT[k] <= t + win; k++) {
          const j = items[k]
          const dx = xy[2 * j] - x, dy = xy[2 * j + 1] - y
          if (dx * dx + dy * dy <= r2) {
            if (m === nb.length) { const g = new Int32Array(2 * m); g.set(nb); nb = g }
            nb[m++] = j
          }
        }
      }
    }
    return m
  }

  let count = 0
  let queue = new Int32Array(256)
  for (let p = 0; p < n; p++) {
    if (label[p] !== -2) continue
    let m = region(p)
    if (m < o.minPoints) { label[p] = -1; continue }
    const id = count++
    label[p] = id
    let qn = 0
    const enqueue = (len: number) => {
      for (let k = 0; k < len; k++) {
        const j = nb[k]
        if (label[j] >= 0 || label[j] === -3) continue
        if (label[j] === -1) { label[j] = id; continue } // noise reached from a core: a border point
        if (qn === queue.length) { const g = new Int32Array(2 * qn); g.set(queue); queue = g }
        label[j] = -3 // queued
        queue[qn++] = j
      }
    }
    enqueue(m)
    while (qn > 0) {
      const q = queue[--qn]
      label[q] = id
      m = region(q)
      if (m >= o.minPoints) enqueue(m)
    }
  }
  return { label, count }
}

/** Sorts items[a..b) by time (insertion sort for the usual handful, a typed sort for a crowded cell). */
function sortByTime(items: Int32Array, a: number, b: number, time: Float64Array): void {
  if (b - a > 32) {
    items.subarray(a, b).sort((p, q) => time[p] - time[q] || p - q)
    return
  }
  for (let k = a + 1; k < b; k++) {
    const v = items[k], tv = time[v]
    let j = k - 1
    while (j >= a && time[items[j]] > tv) { items[j + 1] = items[j]; j-- }
    items[j + 1] = v
  }
}
