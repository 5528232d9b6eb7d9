/**
 * Lists of rows by key (cells by site, cutovers by site or element). An emptied list leaves its map,
 * so a key is present exactly when something is listed under it.
 */

/** Appends `v` to the list under `key`, making the list on first use. */
export function pushTo<T>(m: Map<string, T[]>, key: string, v: T): void {
  const list = m.get(key)
  if (list) list.push(v)
  else m.set(key, [v])
}

/** Removes `v` (by reference) from the list under `key`; the list leaves the map once empty. */
export function dropFrom<T>(m: Map<string, T[]>, key: string, v: T): void {
  const list = m.get(key)
  if (!list) return
  const i = list.indexOf(v)
  if (i >= 0) list.splice(i, 1)
  if (list.length === 0) m.delete(key)
}
