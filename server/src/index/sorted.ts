/**
 * Binary searches over lists of row numbers kept sorted by a numeric column (alarm rows by raisedAt).
 * One loop serves both bounds; plain loops over a typed array, no closures and no allocation, as
 * the diagnosis calls them for every serving site.
 */

/**
 * First index i with keys[rows[i]] >= value (`orEqual` false: > value), rows.length if none.
 * Both bounds of a window come from here so they cannot drift apart.
 */
function firstFrom(rows: readonly number[], keys: Float64Array, value: number, orEqual: boolean): number {
  let lo = 0
  let hi = rows.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const k = keys[rows[mid]]
    if (k < value || (!orEqual && k === value)) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** First index i with keys[rows[i]] >= value (rows.length if none). */
export function lowerBound(rows: readonly number[], keys: Float64Array, value: number): number {
  return firstFrom(rows, keys, value, true)
}

/** First index i with keys[rows[i]] > value (rows.length if none). */
export function upperBound(rows: readonly number[], keys: Float64Array, value: number): number {
  return firstFrom(rows, keys, value, false)
}

/** Inserts row r after the rows with a key at or before its own (insertion order kept among ties). */
export function insertSorted(rows: number[], keys: Float64Array, r: number): void {
  rows.splice(upperBound(rows, keys, keys[r]), 0, r)
}
