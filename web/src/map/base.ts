/**
 * The map and its base layer: our own tile pyramid (/tiles.json names the build, the zooms and the
 * bounds). The map never zooms past the pyramid's deepest zoom (TileJSON `maxzoom`): beyond it the
 * only base map there is would be its tiles scaled up — blurred, labels doubled in size — so every
 * setView/fitBounds (Leaflet clamps them to the map's maxZoom) and flyTo (clampFlights) stops there.
 */
import L from '../leaflet.js'
import type { BBox } from '../api.js'
import type { TileJson } from '../../../contract/src/schemas/tiles.js'

/** Deepest zoom the map allows when there is no pyramid (overlays only, nothing to blur). */
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
  // The URL template comes from tiles.json, so it names the pyramid's own file type (.png or .webp).
  const base = L.tileLayer(tj.tiles[0], {
    minZoom: tj.minzoom, maxZoom: tj.maxzoom, bounds: L.latLngBounds([s, w], [n, e]),
    attribution: tj.attribution ?? '', keepBuffer: 4,
  }).addTo(map)
  map.setMinZoom(tj.minzoom)
  map.setMaxZoom(tj.maxzoom)
  clampFlights(map)
  const c = tj.center
  if (c) map.setView([c[1], c[0]], Math.min(Math.max(c[2], tj.minzoom), tj.maxzoom))
  else map.fitBounds([[s, w], [n, e]])
  return { map, base }
}

/**
 * Leaflet 1.9 clamps setView, setZoom and fitBounds to the map's zoom range but not flyTo (nor the
 * flyToBounds that ends in it): a flight to 19 lands at 19 whatever maxZoom says. This map's flights
 * are clamped too, so no caller (a diagnosis, a search, a site) can take it past the pyramid.
 */
function clampFlights(map: L.Map): void {
  const fly = map.flyTo.bind(map)
  map.flyTo = (center, zoom, options) =>
    fly(center, zoom === undefined ? undefined : Math.max(map.getMinZoom(), Math.min(map.getMaxZoom(), zoom)), options)
}

/** The map's view as a bbox, grown by `pad` (0.5 = half a screen each side) so small pans need no reload. */
export function viewBbox(map: L.Map, pad = 0.5): BBox {
  const b = map.getBounds().pad(pad)
  return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
}
