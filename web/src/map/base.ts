/**
 * The map and its base layer: our own tile pyramid (/tiles.json names the build, the zooms and the
 * bounds). Beyond the pyramid's deepest zoom Leaflet scales its tiles up; there is no outside map.
 */
import L from '../leaflet.js'
import type { BBox } from '../api.js'

interface TileJson { tiles: string[]; minzoom: number; maxzoom: number; bounds: BBox; center?: [number, number, number]; attribution?: string }

/** Deepest zoom the map allows (cells and compounds are readable there). */
const MAX_ZOOM = 19

/** Creates the map in `el` with the base layer; resolves once the view is set. */
export async function createMap(el: HTMLElement): Promise<{ map: L.Map; base: L.TileLayer | null }> {
  const map = L.map(el, { zoomControl: true, maxZoom: MAX_ZOOM, preferCanvas: false, attributionControl: true, keyboard: true })
  map.attributionControl.setPrefix(false)
  L.control.scale({ imperial: false }).addTo(map)
  let tj: TileJson | null = null
  try {
    const res = await fetch('/tiles.json')
    if (res.ok) tj = (await res.json()) as TileJson
  } catch {
    tj = null
  }
  if (!tj) {
    // No pyramid yet: still a usable map (the overlays), centred on the network.
    map.setView([23.1348, 113.3399], 15)
    return { map, base: null }
  }
  const [w, s, e, n] = tj.bounds
  const base = L.tileLayer(tj.tiles[0], {
    minZoom: tj.minzoom, maxNativeZoom: tj.maxzoom, maxZoom: MAX_ZOOM, bounds: L.latLngBounds([s, w], [n, e]),
    attribution: tj.attribution ?? '', keepBuffer: 4,
  }).addTo(map)
  map.setMinZoom(tj.minzoom)
  const c = tj.center
  if (c) map.setView([c[1], c[0]], Math.min(Math.max(c[2], tj.minzoom), tj.maxzoom))
  else map.fitBounds([[s, w], [n, e]])
  return { map, base }
}

/** The map's view as a bbox, grown by `pad` (0.5 = half a screen each side) so small pans need no reload. */
export function viewBbox(map: L.Map, pad = 0.5): BBox {
  const b = map.getBounds().pad(pad)
  return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
}
