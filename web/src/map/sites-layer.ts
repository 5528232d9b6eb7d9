/**
 * Sites as markers coloured by state, clustered. A cluster takes the worst state of the sites inside it
 * (alarm > cutover > recent alarm > normal), so a down site never hides in a green cluster; recently
 * alarmed sites blink (篇3's 黄灯闪烁).
 */
import L from '../leaflet.js'
import type { SiteView } from '../api.js'
import { h } from '../dom.js'
import { STATE_LABELS, STATE_ORDER, type SiteState } from '../labels.js'

/** Past this zoom every site shows on its own. */
const UNCLUSTER_ZOOM = 16

interface SiteMarker extends L.Marker { site: SiteView }

const worst = (states: SiteState[]) => STATE_ORDER.find((s) => states.includes(s)) ?? 'normal'

/** The sites layer: set() replaces the sites shown; onClick opens one. */
export class SitesLayer {
  readonly group: L.MarkerClusterGroup
  private readonly markers = new Map<string, SiteMarker>()
  private selected: string | null = null

  constructor(private readonly onClick: (site: SiteView) => void) {
    this.group = L.markerClusterGroup({
      disableClusteringAtZoom: UNCLUSTER_ZOOM,
      maxClusterRadius: 45,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: false,
      chunkedLoading: true,
      iconCreateFunction: (cluster) => {
        const states = (cluster.getAllChildMarkers() as SiteMarker[]).map((m) => m.site.state)
        const state = worst(states)
        const count = cluster.getChildCount()
        const body = h('span', { class: 'cluster-count' }, count)
        return L.divIcon({ html: body, className: `site-cluster state-${state}`, iconSize: [36, 36] })
      },
    })
  }

  /** Replaces the markers with these sites (the agent's view does not move). */
  set(sites: SiteView[]): void {
    const keep = new Set(sites.map((s) => s.id))
    const gone: L.Layer[] = []
    for (const [id, m] of this.markers) if (!keep.has(id)) {
      gone.push(m)
      this.markers.delete(id)
    }
    if (gone.length) this.group.removeLayers(gone)
    const added: L.Layer[] = []
    const changed: L.Layer[] = []
    for (const s of sites) {
      const m = this.markers.get(s.id)
      if (!m) {
        const marker = this.marker(s)
        this.markers.set(s.id, marker)
        added.push(marker)
      } else if (m.site.state !== s.state || m.site.name !== s.name || m.site.lat !== s.lat || m.site.lon !== s.lon) {
        // Re-add so the cluster recomputes its worst state.
        changed.push(m)
        m.site = s
        m.setLatLng([s.lat, s.lon]).setIcon(this.icon(s))
      }
    }
    if (changed.length) {
      this.group.removeLayers(changed)
      this.group.addLayers(changed)
    }
    if (added.length) this.group.addLayers(added)
  }

  /** The site shown with this id. */
  get(id: string): SiteView | undefined {
    return this.markers.get(id)?.site
  }

  /** Marks one site as selected (ring around it); null clears. */
  select(id: string | null): void {
    const prev = this.selected ? this.markers.get(this.selected) : undefined
    this.selected = id
    if (prev) prev.setIcon(this.icon(prev.site))
    const m = id ? this.markers.get(id) : undefined
    if (m) m.setIcon(this.icon(m.site))
  }

  /** Scrolls the cluster open so the site's marker is visible. */
  reveal(id: string, then?: () => void): void {
    const m = this.markers.get(id)
    if (m) this.group.zoomToShowLayer(m, () => then?.())
  }

  private icon(s: SiteView): L.DivIcon {
    return L.divIcon({
      className: `site-icon state-${s.state}${s.id === this.selected ? ' selected' : ''}`,
      iconSize: [18, 18],
      html: '',
    })
  }

  private marker(s: SiteView): SiteMarker {
    // title goes into an attribute (never parsed as HTML): screen readers and hover both read it.
    const m = L.marker([s.lat, s.lon], { icon: this.icon(s), title: `${s.name}(${STATE_LABELS[s.state]})`, alt: s.name, keyboard: true, riseOnHover: true }) as SiteMarker
    m.site = s
    m.bindTooltip(() => h('span', {}, m.site.name, ' · ', STATE_LABELS[m.site.state]), { direction: 'top', offset: [0, -8] })
    m.on('click', () => this.onClick(m.site))
    m.on('add', () => m.getElement()?.setAttribute('data-site', m.site.id))
    return m
  }
}
