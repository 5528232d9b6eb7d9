/**
 * Which sites hang on which element: BSC, MSC and transmission ring, from the sites' own
 * `bsc`/`msc`/`ring` fields, kept in step with site upserts. The diagnosis asks, per serving site, for
 * the elements above it (precomputed keys, no allocation on the hot path); the tree and the element
 * pages ask the other way round.
 */
import type { ElementRef, ElementType, Site } from '../domain/types.js'

/** The key an element's alarms and cutovers are indexed under. Site ids never hold NUL (ingest refuses it). */
export function elementKey(type: ElementType, id: string): string {
  return `${type}\u0000${id}`
}

/** The key of what an alarm is on: its site id, or its element's key. */
export function alarmKey(a: { siteId: string; element?: ElementRef | null }): string {
  return a.element ? elementKey(a.element.type, a.element.id) : a.siteId
}

/**
 * An element above a site, with its index key: one object per element, shared by all its sites.
 * `eventful` turns true once an alarm or cutover is indexed under the element (and stays true): the
 * diagnosis skips the elements without any by reading a property, not by looking keys up.
 */
export interface SiteElement extends ElementRef {
  readonly key: string
  eventful: boolean
}

const NONE: readonly SiteElement[] = []

/** Sites by element and elements by site. */
export class ElementMembership {
  private readonly bySite = new Map<string, readonly SiteElement[]>()
  private readonly sitesByKey = new Map<string, Set<string>>()
  /** Every element ever seen (by a site, an alarm or a cutover), kept across loads so marks survive. */
  private readonly slots = new Map<string, SiteElement>()

  /** The one object of an element (made on first use). */
  slot(type: ElementType, id: string): SiteElement {
    const key = elementKey(type, id)
    let s = this.slots.get(key)
    if (!s) this.slots.set(key, (s = { type, id, key, eventful: false }))
    return s
  }

  /** Notes that an alarm or cutover is indexed under the element. */
  markEventful(e: ElementRef): void {
    this.slot(e.type, e.id).eventful = true
  }

  /** The elements of a site, most local first (ring, BSC, MSC): the order the diagnosis looks them up in. */
  private elementsOfSite(s: Site): SiteElement[] {
    const out: SiteElement[] = []
    if (s.ring) out.push(this.slot('ring', s.ring))
    if (s.bsc) out.push(this.slot('bsc', s.bsc))
    if (s.msc) out.push(this.slot('msc', s.msc))
    return out
  }

  /** Replaces everything with these sites. */
  load(sites: Iterable<Site>): void {
    this.bySite.clear()
    this.sitesByKey.clear()
    for (const s of sites) this.add(s)
  }

  /** Adds or replaces one site (its elements may have changed). */
  upsert(s: Site): void {
    this.remove(s.id)
    this.add(s)
  }

  /** The elements above the site (ring, BSC, MSC; those it names). */
  of(siteId: string): readonly SiteElement[] {
    return this.bySite.get(siteId) ?? NONE
  }

  /** Ids of the sites hanging on the element (empty when no site names it). */
  sites(type: ElementType, id: string): ReadonlySet<string> {
    return this.sitesByKey.get(elementKey(type, id)) ?? new Set()
  }

  /** Whether any site names the element. */
  has(type: ElementType, id: string): boolean {
    return this.sitesByKey.has(elementKey(type, id))
  }

  private add(s: Site): void {
    const els = this.elementsOfSite(s)
    if (!els.length) return
    this.bySite.set(s.id, els)
    for (const e of els) {
      let set = this.sitesByKey.get(e.key)
      if (!set) this.sitesByKey.set(e.key, (set = new Set()))
      set.add(s.id)
    }
  }

  private remove(siteId: string): void {
    const old = this.bySite.get(siteId)
    if (!old) return
    this.bySite.delete(siteId)
    for (const e of old) {
      const set = this.sitesByKey.get(e.key)
      if (!set) continue
      set.delete(siteId)
      if (set.size === 0) this.sitesByKey.delete(e.key)
    }
  }
}
