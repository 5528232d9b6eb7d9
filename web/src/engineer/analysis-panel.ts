/**
 * The engineer's screen (网维): draw an area (leaflet-geoman) or pick a district, choose a window →
 * the complaints in it (POST /api/analysis/area) as a heat map and clusters, bar charts by cause and
 * phenomenon, the sites with most complaints, the unexplained hot spots, and CSV/XLSX export.
 */
import L from '../leaflet.js'
import { withGeoman } from './plugins.js'
import { api, type AreaAnalysis } from '../api.js'
import { byId, fill, h } from '../dom.js'
import { CAUSE_LABELS, PHENOMENA, type CauseCode } from '../labels.js'
import { fromLocalInput, showTime, toLocalInput } from '../time.js'
import { barChart } from './chart.js'
import { download, toCsv, toXlsx } from './export.js'
import { stateBadge } from '../agent/site-panel.js'

/** The default window: the last week. */
const DEFAULT_WINDOW_MS = 7 * 24 * 3600_000
/** Rows listed on screen (the export has them all). */
const TABLE_ROWS = 200

export const CAUSE_COLORS: Record<CauseCode, string> = {
  known_issue: '#7f8c8d', cutover: '#8e44ad', site_fault: '#c0392b', mass_outage: '#d35400',
  blind_spot: '#2c3e50', weak_coverage: '#e67e22', planned_site: '#27ae60', unknown: '#95a5a6',
}

type Area = GeoJSON.Polygon | GeoJSON.MultiPolygon

export class AnalysisPanel {
  readonly results = L.layerGroup()
  private areaLayer: L.Layer | null = null
  private area: Area | null = null
  private last: AreaAnalysis | null = null
  private districts: GeoJSON.Feature[] = []

  constructor(private readonly map: L.Map, private readonly openSite: (id: string) => void) {
    const now = Date.now()
    byId<HTMLInputElement>('an-from').value = toLocalInput(now - DEFAULT_WINDOW_MS)
    byId<HTMLInputElement>('an-to').value = toLocalInput(now + 60_000)
    withGeoman(map)
    map.pm.setLang('zh')
    map.pm.setGlobalOptions({ pathOptions: { color: '#1a5276', weight: 2, fillOpacity: 0.05 } })
    map.on('pm:create', (e) => {
      const layer = e.layer as L.Polygon
      this.setArea(layer.toGeoJSON().geometry as Area, layer)
      this.status('区域已选定,点击“分析”')
    })
    byId('draw-polygon').addEventListener('click', () => this.draw('Polygon'))
    byId('draw-rect').addEventListener('click', () => this.draw('Rectangle'))
    byId('clear-area').addEventListener('click', () => this.clearArea())
    byId('district').addEventListener('change', () => this.pickDistrict())
    byId('an-form').addEventListener('submit', (e) => {
      e.preventDefault()
      void this.run()
    })
    byId('export-csv').addEventListener('click', () => this.exportCsv())
    byId('export-xlsx').addEventListener('click', () => void this.exportXlsx())
  }

  /** Loads the district list for the picker (once). */
  async init(): Promise<void> {
    if (this.districts.length) return
    const fc = await api.districts()
    this.districts = fc.features as GeoJSON.Feature[]
    fill(byId('district'), h('option', { value: '' }, '— 选择行政区 —'),
      ...this.districts.map((f, i) => h('option', { value: String(i) }, String(f.properties?.name ?? f.id))))
  }

  /** Shows or hides the engineer's layers (when the screen changes). */
  setActive(on: boolean): void {
    for (const l of [this.results, this.areaLayer]) if (l) on ? this.map.addLayer(l) : this.map.removeLayer(l)
    if (!on) this.map.pm.disableDraw()
  }

  private draw(shape: 'Polygon' | 'Rectangle'): void {
    this.clearArea()
    this.map.pm.enableDraw(shape, { snappable: false, continueDrawing: false })
    this.status(shape === 'Polygon' ? '在地图上逐点点击,点击起点结束' : '在地图上点击两个对角')
  }

  private clearArea(): void {
    if (this.areaLayer) this.map.removeLayer(this.areaLayer)
    this.areaLayer = null
    this.area = null
    byId<HTMLSelectElement>('district').value = ''
  }

  private setArea(area: Area, layer: L.Layer): void {
    if (this.areaLayer && this.areaLayer !== layer) this.map.removeLayer(this.areaLayer)
    this.area = area
    this.areaLayer = layer
    if (!this.map.hasLayer(layer)) layer.addTo(this.map)
  }

  private pickDistrict(): void {
    const f = this.districts[Number(byId<HTMLSelectElement>('district').value)]
    if (!f) return
    const layer = L.geoJSON(f, { style: { color: '#1a5276', weight: 2, fillOpacity: 0.04 }, interactive: false })
    this.setArea(f.geometry as Area, layer)
    this.map.fitBounds(layer.getBounds(), { padding: [20, 20] })
  }

  private status(msg: string): void {
    byId('an-status').textContent = msg
  }

  async run(): Promise<void> {
    if (!this.area) {
      this.status('请先画出区域或选择行政区')
      return
    }
    const from = fromLocalInput(byId<HTMLInputElement>('an-from').value)
    const to = fromLocalInput(byId<HTMLInputElement>('an-to').value)
    this.status('分析中…')
    try {
      const a = await api.analyse(this.area, from, to)
      this.last = a
      this.render(a)
      this.status(a.truncated ? '区域内投诉过多,只分析了最近的10000件' : '')
    } catch (err) {
      this.status((err as Error).message)
    }
  }

  private render(a: AreaAnalysis): void {
    this.results.clearLayers()
    const heat = L.heatLayer(a.complaints.map((c) => [c.lat, c.lon, 1] as L.HeatLatLngTuple), { radius: 28, blur: 20, maxZoom: 17, minOpacity: 0.3 })
    const clusters = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false })
    clusters.addLayers(a.complaints.map((c) => L.circleMarker([c.lat, c.lon], { radius: 6, weight: 1, color: '#fff', fillColor: CAUSE_COLORS[c.attributedCause], fillOpacity: 0.95 })
      .bindTooltip(() => h('div', {}, h('div', {}, `${c.id} ${showTime(c.occurredAt)}`), h('div', {}, c.address), h('div', {}, CAUSE_LABELS[c.attributedCause])))))
    this.results.addLayer(heat).addLayer(clusters)
    for (const s of a.hotspots) {
      L.circle([s.lat, s.lon], { radius: Math.max(120, s.radius_m + 60), color: '#d35400', weight: 3, dashArray: '8 5', fill: false, className: 'hotspot' })
        .bindTooltip(() => h('span', {}, `不明原因热点:${s.count} 件`)).addTo(this.results)
    }
    byId('an-total').textContent = `区域内投诉 ${a.total} 件`
    fill(byId('chart-cause'), barChart('按原因', a.byCause.map((r) => ({ label: r.label, count: r.count, color: CAUSE_COLORS[r.code] }))))
    fill(byId('chart-phenomenon'), barChart('按现象', a.byPhenomenon.map((r) => ({ label: PHENOMENA[r.code as keyof typeof PHENOMENA] ?? r.label, count: r.count }))))
    fill(byId('top-sites'), ...(a.topSites.length ? a.topSites.map((s) => {
      const b = h('button', { type: 'button', class: 'link' }, s.name)
      b.addEventListener('click', () => this.openSite(s.id))
      return h('li', {}, b, ` ${s.count} 件 `, stateBadge(s.state))
    }) : [h('li', { class: 'muted' }, '无')]))
    fill(byId('hotspots'), ...(a.hotspots.length ? a.hotspots.map((s, i) => {
      const b = h('button', { type: 'button', class: 'link' }, `热点 ${i + 1}`)
      b.addEventListener('click', () => this.map.flyTo([s.lat, s.lon], 17))
      return h('li', {}, b, ` ${s.count} 件原因不明的投诉,半径约 ${s.radius_m} 米,建议派分公司实测或排查隐性故障`)
    }) : [h('li', { class: 'muted' }, '无成片的不明原因投诉')]))
    fill(byId('an-table-body'), ...a.complaints.slice(0, TABLE_ROWS).map((c) => h('tr', {},
      h('td', {}, c.id), h('td', {}, showTime(c.occurredAt)), h('td', {}, c.address),
      h('td', {}, PHENOMENA[c.phenomenon as keyof typeof PHENOMENA] ?? c.phenomenon), h('td', {}, CAUSE_LABELS[c.attributedCause]))))
    byId('an-more').textContent = a.complaints.length > TABLE_ROWS ? `仅列出前 ${TABLE_ROWS} 件,导出可得全部` : ''
    byId('an-result').hidden = false
    byId<HTMLButtonElement>('export-csv').disabled = a.total === 0
    byId<HTMLButtonElement>('export-xlsx').disabled = a.total === 0
  }

  private fileName(ext: string): string {
    return `投诉清单-${toLocalInput(Date.now()).replace(/[-:T]/g, '').slice(0, 12)}.${ext}`
  }

  private exportCsv(): void {
    if (this.last) download(new Blob([toCsv(this.last.complaints)], { type: 'text/csv;charset=utf-8' }), this.fileName('csv'))
  }

  private async exportXlsx(): Promise<void> {
    if (this.last) download(await toXlsx(this.last.complaints), this.fileName('xlsx'))
  }
}
