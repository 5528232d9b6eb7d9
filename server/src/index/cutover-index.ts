/**
 * Cutovers 割接 by what they name and where they are: per site (and per element key, elementKey())
 * a list sorted by start, and the area cutovers' polygons in an AreaTree. A cutover's window is the
 * union of its planned and actual windows (cutover-window.ts). Replace-by-id: a re-imported cutover
 * leaves every list and the tree before its new version enters.
 */
import type { Cutover } from '../domain/types.js'
import { AreaTree } from './area-tree.js'
import type { BBox } from './bbox.js'
import { cutoverOverlaps, cutoverStart } from './cutover-window.js'
import { elementKey, type ElementMembership } from './elements.js'
import { dropFrom, pushTo } from './list-map.js'

/** Cutovers by id, by the sites and elements they name, and by area. */
export class CutoverIndex {
  private readonly byId = new Map<string, Cutover>()
  /** Cutovers by the site they name, and by elementKey() of the element they name, sorted by start. */
  private readonly byKey = new Map<string, Cutover[]>()
  private readonly areas = new AreaTree<Cutover>((c) => c.area)

  /** @param elements marked eventful for every element a cutover names (the diagnosis skips the others). */
  constructor(private readonly elements: ElementMembership) {}

  /** Number of cutovers held. */
  get size(): number {
    return this.byId.size
  }

  /** The cutover with this id. */
  get(id: string): Cutover | undefined {
    return this.byId.get(id)
  }

  /** Replaces everything (later rows win on duplicate ids). */
  load(rows: readonly Cutover[]): void {
    this.byId.clear()
    for (const x of rows) this.byId.set(x.id, x)
    this.rebuild()
  }

  /** Adds or replaces cutovers by id; `bulk` rebuilds every list and the tree once instead. */
  upsert(rows: readonly Cutover[], bulk: boolean): void {
    for (const x of rows) {
      const old = this.byId.get(x.id)
      this.byId.set(x.id, x)
      if (!bulk) this.index(x, old)
    }
    if (bulk) this.rebuild()
  }

  /** Takes the cutover out of every list and the tree; an unknown id is ignored. */
  remove(id: string): void {
    const old = this.byId.get(id)
    if (!old) return
    this.unlist(old)
    this.byId.delete(id)
    this.areas.remove(id)
  }

  /** Cutovers naming the site (or, given an element's key, the element) whose window overlaps [from, to], by start. */
  of(key: string, from: number, to: number): Cutover[] {
    const list = this.byKey.get(key)
    const out: Cutover[] = []
    if (!list) return out
    for (let i = 0; i < list.length; i++) if (cutoverOverlaps(list[i], from, to)) out.push(list[i])
    return out
  }

  /** Area cutovers whose polygon contains the point and whose window overlaps [t, to]. */
  at(lon: number, lat: number, t: number, to: number): Cutover[] {
    const hits = this.areas.at(lon, lat)
    const out: Cutover[] = []
    for (const c of hits) if (cutoverOverlaps(c, t, to)) out.push(c)
    return out
  }

  /** Area cutovers whose bbox intersects the bbox (for the map). */
  inBbox(b: BBox): Cutover[] {
    return this.areas.inBbox(b)
  }

  private rebuild(): void {
    this.byKey.clear()
    for (const c of this.byId.values()) {
      for (const key of keysOf(c)) pushTo(this.byKey, key, c)
      for (const e of c.elements ?? []) this.elements.markEventful(e)
    }
    for (const list of this.byKey.values()) list.sort(byStart)
    this.areas.load([...this.byId.values()])
  }

  /** Takes a cutover out of the per-site/element lists. */
  private unlist(old: Cutover): void {
    for (const key of keysOf(old)) dropFrom(this.byKey, key, old)
  }

  /** Indexes one cutover (already in byId), removing the version `old` it replaces. */
  private index(c: Cutover, old: Cutover | undefined): void {
    if (old) this.unlist(old)
    for (const e of c.elements ?? []) this.elements.markEventful(e)
    for (const key of keysOf(c)) {
      pushTo(this.byKey, key, c)
      this.byKey.get(key)!.sort(byStart)
    }
    this.areas.upsert(c)
  }
}

/** The keys a cutover is indexed under: the sites it names and the elements it names (elementKey). */
function keysOf(c: Cutover): string[] {
  if (!c.elements?.length) return c.siteIds
  return [...c.siteIds, ...c.elements.map((e) => elementKey(e.type, e.id))]
}

/** Earliest start first; Array.prototype.sort is stable, so ties keep the order they came in. */
function byStart(a: Cutover, b: Cutover): number {
  const x = cutoverStart(a)
  const y = cutoverStart(b)
  return x < y ? -1 : x > y ? 1 : 0
}
