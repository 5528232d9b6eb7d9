/**
 * How far a decoded tile is from the full-colour original: the measure behind "keeps the look"
 * (tests/tile-builder/encode.test.ts and `npm run bench -- tiles` print and bound it).
 */

/** Per-channel differences of two w×h RGB rasters of the same size. */
export interface LookDiff {
  /** Mean absolute difference per channel value, in levels (0–255). */
  mean: number
  /** Largest difference of any channel value. */
  max: number
  /** Share (0–1) of pixels with some channel off by more than `threshold` levels. */
  changedShare: number
}

/** Compares `b` with the original `a` (RGB, 3 bytes a pixel); `threshold` in levels, default 8. */
export function lookDiff(a: Uint8Array, b: Uint8Array, threshold = 8): LookDiff {
  if (a.length !== b.length) throw new Error(`rasters differ in size: ${a.length} vs ${b.length} bytes`)
  let sum = 0, max = 0, changed = 0
  for (let p = 0; p < a.length; p += 3) {
    let worst = 0
    for (let c = 0; c < 3; c++) {
      const d = Math.abs(a[p + c] - b[p + c])
      sum += d
      if (d > worst) worst = d
    }
    if (worst > max) max = worst
    if (worst > threshold) changed++
  }
  return { mean: sum / a.length, max, changedShare: changed / (a.length / 3) }
}
