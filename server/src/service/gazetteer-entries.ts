/**
 * How the network's sites and ground features enter the gazetteer, and how its hits come back out:
 * site ids carry a prefix there, so a site and a feature with the same id never collide, and the
 * prefix is taken off again before a hit leaves the service.
 */
import type { GroundFeature, Site } from '../domain/types.js'
import type { Gazetteer, GazetteerEntry, SearchHit } from '../search/index.js'
import type { NetworkIndex } from '../index/network-index.js'
import { WORLD } from '../index/bbox.js'

/** Prefix of site ids in the gazetteer. */
export const SITE_PREFIX = 'site:'

/** The gazetteer entry of a ground feature (its own id, name, aliases and bbox). */
export function featureEntry(f: GroundFeature): GazetteerEntry {
  return { id: f.id, name: f.name, aliases: f.aliases, type: f.type, lon: f.lon, lat: f.lat, bbox: f.bbox }
}

/** The gazetteer entry of a site: a point bbox, the id prefixed with SITE_PREFIX. */
export function siteEntry(s: Site): GazetteerEntry {
  return { id: SITE_PREFIX + s.id, name: s.name, aliases: [], type: 'site', lon: s.lon, lat: s.lat, bbox: [s.lon, s.lat, s.lon, s.lat] }
}

/**
 * Upserts every ground feature and every site the index holds. Features and sites are never deleted,
 * so this brings a gazetteer in step with the store whether it was empty or not.
 */
export function fillGazetteer(gazetteer: Gazetteer, features: readonly GroundFeature[], index: NetworkIndex): void {
  gazetteer.upsert(features.map(featureEntry))
  gazetteer.upsert(index.sitesInBbox(WORLD).map(siteEntry))
}

/** The gazetteer's best hits for a text, site hits answered with the site's own id. */
export function searchGazetteer(gazetteer: Gazetteer, q: string, limit: number): SearchHit[] {
  return gazetteer.search(q, limit).map((h) => (h.type === 'site' ? { ...h, id: h.id.slice(SITE_PREFIX.length) } : h))
}
