/**
 * The diagnosis's evidence drawn on the map: a line from the complaint point to each site behind the
 * cause, the blind spot or planned site outlined, earlier complaints marked. Alarms and cutovers are
 * on a site, so they point at that site's ring.
 */
import L from '../leaflet.js'
import { api, type Diagnosis, type Evidence, type GeoFeature } from '../api.js'
import { h } from '../dom.js'
import type { SitesLayer } from '../map/sites-layer.js'
import type { EvidenceMap, Point } from './diagnose-panel.js'

/** Evidence is looked up within this many degrees (~2 km) of the complaint point. */
const NEAR_DEG = 0.02

export class EvidenceLayer implements EvidenceMap {
  readonly group = L.featureGroup()
  private readonly byId = new Map<string, L.Layer & { getBounds?: () => L.LatLngBounds; getLatLng?: () => L.LatLng }>()

  constructor(private readonly map: L.Map, private readonly sites: SitesLayer) {
    this.group.addTo(map)
  }

  async sitePosition(id: string): Promise<[number, number] | null> {
    const s = this.sites.get(id) ?? (await api.site(id).catch(() => null))
    return s ? [s.lat, s.lon] : null
  }

  async draw(d: Diagnosis, p: Point): Promise<void> {
    this.group.clearLayers()
    this.byId.clear()
    const b: [number, number, number, number] = [p.lon - NEAR_DEG, p.lat - NEAR_DEG, p.lon + NEAR_DEG, p.lat + NEAR_DEG]
    const need = (t: string) => d.evidence.some((e) => e.type === t)
    const [coverage, planned] = await Promise.all([
      need('blind_spot') ? api.layer('coverage', b) : null,
      need('planned_site') ? api.layer('planned', b) : null,
    ])
    const find = (fc: { features: GeoFeature[] } | null, id: string) => fc?.features.find((f) => f.id === id || f.properties.id === id)
    const label = (e: Evidence) => h('span', {}, e.name ?? e.why)
    for (const e of d.evidence) {
      if (this.byId.has(e.id)) continue
      if (e.type === 'site') {
        const pos = await this.sitePosition(e.id)
        if (!pos) continue
        L.polyline([[p.lat, p.lon], pos], { color: '#c0392b', weight: 3, dashArray: '6 6', interactive: false }).addTo(this.group)
        const ring = L.circleMarker(pos, { radius: 16, color: '#c0392b', weight: 3, fill: false, className: 'evidence-ring' }).bindTooltip(label(e), { permanent: false })
        ring.addTo(this.group)
        this.byId.set(e.id, ring)
      } else if (e.type === 'blind_spot') {
        const f = find(coverage, e.id)
        if (!f) continue
        const l = L.geoJSON(f as GeoJSON.Feature, { style: { color: '#c0392b', weight: 4, fillOpacity: 0.15 } }).bindTooltip(label(e), { sticky: true })
        l.addTo(this.group)
        this.byId.set(e.id, l)
      } else if (e.type === 'planned_site') {
        const f = find(planned, e.id)
        if (!f) continue
        const [lon, lat] = (f.geometry as GeoJSON.Point).coordinates
        const l = L.circle([lat, lon], { radius: Number(f.properties.radius_m) || 300, color: '#1e8449', weight: 4, fillOpacity: 0.1 }).bindTooltip(label(e))
        l.addTo(this.group)
        this.byId.set(e.id, l)
      } else if (e.type === 'complaint') {
        const c = await api.complaint(e.id).catch(() => null)
        if (!c) continue
        const l = L.circleMarker([c.lat, c.lon], { radius: 7, color: '#5b2a86', weight: 3, fillColor: '#d2b4de', fillOpacity: 1 }).bindTooltip(label(e))
        l.addTo(this.group)
        this.byId.set(e.id, l)
      }
    }
    const bounds = this.group.getBounds()
    if (bounds.isValid()) this.map.fitBounds(bounds.extend([p.lat, p.lon]), { padding: [60, 60], maxZoom: 17 })
  }

  focus(e: Evidence, d: Diagnosis): void {
    // Alarms and cutovers live on a site: show the site the diagnosis names.
    const key = this.byId.has(e.id) ? e.id : d.evidence.find((x) => x.type === 'site')?.id
    const l = key ? this.byId.get(key) : undefined
    if (!l) return
    if (l.getLatLng) this.map.flyTo(l.getLatLng(), Math.max(this.map.getZoom(), 16))
    else if (l.getBounds) this.map.flyToBounds(l.getBounds(), { maxZoom: 17 })
    ;(l as L.Layer).openTooltip?.()
  }

  clear(): void {
    this.group.clearLayers()
    this.byId.clear()
  }
}
