/**
 * The switchable overlays: blind spots and weak coverage, planned sites, cutovers, cell sectors (street
 * zoom only), recent complaints. Each is fetched for the view when shown and again after an import;
 * every tooltip is built from DOM nodes with text, never HTML. Complaints past a time limit (issue 8)
 * are drawn as a red ring labelled 超时, whatever their age; a complaint's popup is its workflow card.
 */
import L from '../leaflet.js'
import { api, type BBox, type GeoFeature } from '../api.js'
import { h } from '../dom.js'
import { CAUSE_LABELS, COVERAGE_KINDS, CUTOVER_STATES, PHENOMENA } from '../labels.js'
import { showTime } from '../time.js'
import { overdueText, workflowApi, type WorkflowComplaint } from '../workflow/api.js'
import { showComplaintCard } from '../workflow/complaint-card.js'

/** Cell sectors below this zoom would be a blur of wedges. */
export const CELLS_MIN_ZOOM = 16

export type OverlayName = 'coverage' | 'planned' | 'cutovers' | 'cells' | 'complaints'
export const OVERLAY_LABELS: Record<OverlayName, string> = {
  coverage: '盲点/弱覆盖', planned: '规划基站', cutovers: '割接', cells: '小区扇区(放大后显示)', complaints: '近3天投诉',
}

const str = (v: unknown) => (v == null ? '' : String(v))
const tip = (...lines: (string | Node)[]) => h('div', { class: 'tip' }, ...lines.map((l) => h('div', {}, l)))

/** The overlay layer groups and how to fill them. */
export class Overlays {
  readonly groups: Record<OverlayName, L.LayerGroup>

  constructor(private readonly map: L.Map) {
    this.groups = {
      coverage: L.layerGroup(), planned: L.layerGroup(), cutovers: L.layerGroup(), cells: L.layerGroup(), complaints: L.layerGroup(),
    }
  }

  /** Re-fetches every shown overlay for the view. */
  async refresh(b: BBox): Promise<void> {
    await Promise.all((Object.keys(this.groups) as OverlayName[]).filter((n) => this.map.hasLayer(this.groups[n])).map((n) => this.load(n, b)))
  }

  /** Fetches one overlay for the bbox and redraws it. */
  async load(name: OverlayName, b: BBox): Promise<void> {
    if (name === 'complaints') this.complaintsBbox = b
    const g = this.groups[name]
    if (name === 'cells' && this.map.getZoom() < CELLS_MIN_ZOOM) {
      g.clearLayers()
      return
    }
    if (name === 'complaints') {
      // Loads overlap (a pan, a workflow step): only the latest one draws.
      const seq = ++this.complaintsSeq
      const [fc, overdue] = await Promise.all([api.layer(name, b), workflowApi.overdue(b).catch(() => [] as WorkflowComplaint[])])
      if (seq !== this.complaintsSeq) return
      const late = new Map(overdue.map((c) => [c.id, c]))
      g.clearLayers()
      for (const f of fc.features) if (!late.has(String(f.properties.id))) this.draw(name, f).addTo(g)
      for (const c of overdue) this.drawOverdue(c).addTo(g)
      return
    }
    const fc = await api.layer(name, b)
    g.clearLayers()
    for (const f of fc.features) this.draw(name, f).addTo(g)
  }

  /** The bbox the complaints were last loaded for (reloaded after a workflow step). */
  private complaintsBbox: BBox | null = null
  private complaintsSeq = 0

  /** A complaint's popup: its workflow card; a step taken in it redraws the complaints. */
  private withCard<T extends L.Layer>(layer: T, id: string): T {
    const box = h('div', { class: 'wf-popup' })
    layer.bindPopup(box, { minWidth: 260, maxWidth: 340 })
    layer.on('popupopen', (e: L.PopupEvent) => {
      void showComplaintCard(box, id, () => {
        if (this.complaintsBbox) void this.load('complaints', this.complaintsBbox)
      }, () => e.popup.update())
    })
    return layer
  }

  /** An overdue complaint: a red ring with a permanent 超时 label. */
  private drawOverdue(c: WorkflowComplaint): L.Layer {
    const marker: L.CircleMarker = L.circleMarker([c.lat, c.lon], { radius: 9, weight: 3, color: '#e74c3c', fillColor: '#fdedec', fillOpacity: 0.9, className: 'complaint-overdue' })
      // The label says 超时; which limit and by how much is on the marker (title) and in its card.
      .bindTooltip('超时', { permanent: true, direction: 'right', className: 'overdue-label', offset: [8, 0] })
    marker.on('add', () => marker.getElement()?.setAttribute('aria-label', `超时投诉 ${c.id}:${overdueText(c.breaches)}`))
    return this.withCard(marker, c.id)
  }

  private draw(name: OverlayName, f: GeoFeature): L.Layer {
    const p = f.properties
    switch (name) {
      case 'coverage': {
        const blind = p.kind === 'blind'
        return L.geoJSON(f as GeoJSON.Feature, {
          style: { color: blind ? '#c0392b' : '#e67e22', weight: 2, dashArray: blind ? undefined : '6 4', fillColor: blind ? '#e74c3c' : '#f39c12', fillOpacity: 0.22 },
        }).bindTooltip(() => tip(`${COVERAGE_KINDS[str(p.kind)] ?? str(p.kind)}:${str(p.description)}`, `原因:${str(p.reason)}`, `解决方式:${str(p.remedy)}(${str(p.status)})`), { sticky: true })
      }
      case 'planned': {
        const [lon, lat] = (f.geometry as GeoJSON.Point).coordinates
        return L.layerGroup([
          L.circle([lat, lon], { radius: Number(p.radius_m) || 300, color: '#1e8449', weight: 2, dashArray: '4 4', fillColor: '#27ae60', fillOpacity: 0.08 }),
          L.circleMarker([lat, lon], { radius: 6, color: '#1e8449', weight: 2, fillColor: '#ffffff', fillOpacity: 1 })
            .bindTooltip(() => tip(`规划基站:${str(p.name)}`, `建设期:${str(p.period)} · ${str(p.status)}`, `覆盖半径 ${str(p.radius_m)} 米`)),
        ])
      }
      case 'cutovers': {
        const state = str(p.state)
        const text = () => tip(`割接(${CUTOVER_STATES[state] ?? state}):${str(p.description)}`,
          `计划 ${showTime(p.planned_start as string)} – ${showTime(p.planned_end as string)}`,
          `实际 ${showTime(p.actual_start as string)} – ${showTime(p.actual_end as string)}`)
        if (f.geometry.type === 'MultiPoint') {
          return L.layerGroup(f.geometry.coordinates.map(([lon, lat]) =>
            L.circleMarker([lat, lon], { radius: 15, color: '#6c3483', weight: 2, dashArray: state === 'planned' ? '3 4' : undefined, fill: false, className: 'cutover-ring' }).bindTooltip(text)))
        }
        return L.geoJSON(f as GeoJSON.Feature, { style: { color: '#6c3483', weight: 2, dashArray: '6 4', fillColor: '#8e44ad', fillOpacity: 0.12 } }).bindTooltip(text, { sticky: true })
      }
      case 'complaints': {
        const [lon, lat] = (f.geometry as GeoJSON.Point).coordinates
        const cause = (p.cause ?? p.suggested_cause) as keyof typeof CAUSE_LABELS | null
        return this.withCard(L.circleMarker([lat, lon], { radius: 5, weight: 1, color: '#5b2a86', fillColor: cause ? '#9b6bc9' : '#ffffff', fillOpacity: 0.9, className: 'complaint-dot' })
          .bindTooltip(() => tip(`投诉 ${showTime(p.occurred_at as string)} · ${PHENOMENA[p.phenomenon as keyof typeof PHENOMENA] ?? str(p.phenomenon)}`, str(p.address), cause ? `原因:${CAUSE_LABELS[cause]}` : '原因:待定')), str(p.id))
      }
      case 'cells':
        return L.geoJSON(f as GeoJSON.Feature, { style: { color: '#2471a3', weight: 0.8, fillColor: '#5dade2', fillOpacity: 0.05, opacity: 0.4 }, interactive: true })
          .bindTooltip(() => tip(`小区 ${str(p.id)}(${str(p.site_name)})`, `方位角 ${str(p.azimuth)}° · 波束 ${str(p.beamwidth)}° · ${str(p.radius_m)} 米 · ${str(p.tech)}`), { sticky: true })
    }
  }
}
