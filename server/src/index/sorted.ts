/**
 * Binary searches over arrays sorted by a numeric key (alarms by raisedAt, cutovers by start).
 * Plain loops, no closures on the hot path: the key is read through a field name.
 */

/** First index i with arr[i][key] >= value (arr.length if none). */
export function lowerBound<K extends string, T extends Record<K, number>>(arr: readonly T[], key: K, value: number): number {
  let lo = 0
  let hi = arr.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (arr[mid][key] < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** First index i with arr[i][key] > value (arr.length if none). */
export function upperBound<K extends string, T extends Record<K, number>>(arr: readonly T[], key: K, value: number): number {
  let lo = 0
  let hi = arr.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (arr[mid][key] <= value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Inserts `item` keeping `arr` sorted by `key` (after equal keys, so insertion order is kept among ties). */
export function insertSorted<K extends string, T extends Record<K, number>>(arr: T[], key: K, item: T): void {
  arr.splice(upperBound(arr, key, item[key]), 0, item)
}

/** Removes `item` (by reference) from `arr`; returns whether it was there. */
export function removeItem<T>(arr: T[], item: T): boolean {
  const i = arr.indexOf(item)
  if (i < 0) return false
  arr.splice(i, 1)
  return true
}
