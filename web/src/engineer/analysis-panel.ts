/**
 * The engineer's screen (网维): draw an area (leaflet-geoman) or pick a district, choose a window →
 * the batch analysis (POST /api/analysis): every complaint attributed to its site and cause at its own
 * time, as a heat map and clusters, bar charts by cause and phenomenon, the sites with most complaints,
 * the ranked unexplained clusters (未解释聚集, suspected hidden faults) and the spatio-temporal clusters,
 * and CSV/XLSX export. The analysis lists complaints by id only, so their stored fields (time, address,
 * phenomenon, …) come from POST /api/complaints/area for the same area and window, joined by id: the
 * rows shown and exported are exactly the analysis' rows, in its order.
 *
 * The complaint list opens in a drawer over the map (as wide as the map, one line a row, scrolling
 * sideways when needed); a row opens the complaint's workflow card in the side panel and centres the map
 * on it. The screen's map layers (results, the area) are on the map only while its panel is shown,
 * whichever tab hides it. Every message it shows is Chinese and says what to do (messages.ts).
 */
import L from '../leaflet.js'
import { withGeoman } from './plugins.js'
import { api, type AnalysedComplaint, type BatchAnalysis, type ComplaintView, type StCluster, type UnexplainedCluster } from '../api.js'
import { byId, fill, h } from '../dom.js'
import { CAUSE_LABELS, PHENOMENA, type CauseCode, type SiteState } from '../labels.js'
import { fromLocalInput, showTime, toLocalInput } from '../time.js'
import { barChart } from './chart.js'
import { clusterNo, download, toCsv, toXlsx } from './export.js'
import { MESSAGES, ScreenError, userMessage } from './messages.js'
import { stateBadge } from '../agent/site-panel.js'
import { showComplaintCard } from '../workflow/complaint-card.js'

/** The default window: the last week. */
const DEFAULT_WINDOW_MS = 7 * 24 * 3600_000
/** Rows listed on screen (the export has them all). */
const TABLE_ROWS = 200
/** Complaints the analysis lists (and the export holds) at most: the server's cap. All are analysed. */
const LIST_MAX = 10_000
/** Complaints fetched one by one when the area query missed them (an import between the two queries). */
const REFETCH_MAX = 200
/** The drawer's height: this share of the map, at least MIN px, so the map's centre stays uncovered. */
const LIST_SHARE = 0.42
const LIST_MIN_PX = 170

export const EMPTY_EXPORT = '当前结果没有投诉,无可导出的内容;请调整区域或时间后重新分析'

export const CAUSE_COLORS: Record<CauseCode, string> = {
  known_issue: '#7f8c8d', cutover: '#8e44ad', site_fault: '#c0392b', mass_outage: '#d35400',
  blind_spot: '#2c3e50', weak_coverage: '#e67e22', planned_site: '#27ae60', unknown: '#95a5a6',
}

type Area = GeoJSON.Polygon | GeoJSON.MultiPolygon
/** What is analysed: a drawn area, or a district by id (the server resolves its border). */
type Where = { area: Area } | { district: string }

/** "11-23 14:05–14:50(45 分钟)": a cluster's span in China time. */
function span(c: StCluster): string {
  const from = showTime(c.from), to = showTime(c.to)
  const min = Math.round((Date.parse(c.to) - Date.parse(c.from)) / 60_000)
  return `${from}–${to.slice(0, 5) === from.slice(0, 5) ? to.slice(6) : to}(${min} 分钟)`
}

const centre = (c: StCluster) => `${c.lat.toFixed(5)}, ${c.lon.toFixed(5)}`
const causeMix = (c: StCluster) => Object.entries(c.byCause).sort((a, b) => b[1] - a[1])
  .map(([code, n]) => `${CAUSE_LABELS[code as CauseCode] ?? code} ${n}`).join('、')

export class AnalysisPanel {
  readonly results = L.layerGroup()
  /** The ring around the complaint opened from the list. */
  private readonly focusRing = L.layerGroup()
  private areaLayer: L.Layer | null = null
  /** Are this screen's layers on the map (its panel shown)? */
  private active = false
  /** The listed rows by id (what a row of the table opens). */
  private listed = new Map<string, AnalysedComplaint>()
  private where: Where | null = null
  private last: { analysis: BatchAnalysis; rows: AnalysedComplaint[] } | null = null
  private districts: GeoJSON.Feature[] = []
  /** Analyses shown so far (the result's data-run: a test or a screen reader can tell a new one). */
  private runs = 0

  constructor(
    private readonly map: L.Map,
    private readonly openSite: (id: string) => void,
    /** A site's state when the map knows it (for the badges beside the most complained-about sites). */
    private readonly siteState: (id: string) => SiteState | undefined = () => undefined,
  ) {
    const now = Date.now()
    byId<HTMLInputElement>('an-from').value = toLocalInput(now - DEFAULT_WINDOW_MS)
    byId<HTMLInputElement>('an-to').value = toLocalInput(now + 60_000)
    withGeoman(map)
    map.pm.setLang('zh')
    // The area's class lets a test (or a stylesheet) tell it from the other paths on the map.
    map.pm.setGlobalOptions({ pathOptions: { color: '#1a5276', weight: 2, fillOpacity: 0.05, className: 'an-area' } })
    map.on('pm:create', (e) => {
      const layer = e.layer as L.Polygon
      this.setArea({ area: layer.toGeoJSON().geometry as Area }, layer)
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
    byId('an-list-toggle').addEventListener('click', () => this.showList(byId('an-list').hidden))
    byId('an-list-close').addEventListener('click', () => {
      this.showList(false)
      byId('an-list-toggle').focus()
    })
    byId('an-list').addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return
      this.showList(false)
      byId('an-list-toggle').focus()
    })
    const body = byId('an-table-body')
    body.addEventListener('click', (e) => this.openRow((e.target as HTMLElement).closest('tr')))
    body.addEventListener('keydown', (e) => this.rowKey(e))
    byId('an-complaint-close').addEventListener('click', () => this.closeComplaint())
    // The drawer covers the map exactly, whatever the window or the panel's width.
    new ResizeObserver(() => this.placeList()).observe(byId('map'))
    // The panel is hidden by main.ts's tabs (客服受理) and by mounted ones (口径管理, 统计报表, 信息发布,
    // web/src/tabs.ts) alike: following its `hidden` takes the layers off the map for every other tab
    // and brings them back with this one.
    new MutationObserver(() => {
      const shown = !byId('engineer-panel').hidden
      if (shown !== this.active) this.setActive(shown)
    }).observe(byId('engineer-panel'), { attributes: true, attributeFilter: ['hidden'] })
  }

  /** Loads the district list for the picker (once). */
  async init(): Promise<void> {
    if (this.districts.length) return
    let fc
    try {
      fc = await api.districts()
    } catch (err) {
      this.status(`行政区列表加载失败:${userMessage(err)};仍可在地图上画出区域`, true)
      return
    }
    this.districts = fc.features as GeoJSON.Feature[]
    fill(byId('district'), h('option', { value: '' }, '— 选择行政区 —'),
      ...this.districts.map((f, i) => h('option', { value: String(i) }, String(f.properties?.name ?? f.id))))
  }

  /** Shows or hides the engineer's layers (when the screen changes). */
  setActive(on: boolean): void {
    this.active = on
    for (const l of [this.results, this.focusRing, this.areaLayer]) if (l) on ? this.map.addLayer(l) : this.map.removeLayer(l)
    if (!on) this.map.pm.disableDraw()
    else this.placeList()
  }

  private draw(shape: 'Polygon' | 'Rectangle'): void {
    this.clearArea()
    this.map.pm.enableDraw(shape, { snappable: false, continueDrawing: false })
    this.status(shape === 'Polygon' ? '在地图上逐点点击,点击起点结束' : '在地图上点击两个对角')
  }

  private clearArea(): void {
    if (this.areaLayer) this.map.removeLayer(this.areaLayer)
    this.areaLayer = null
    this.where = null
    byId<HTMLSelectElement>('district').value = ''
  }

  private setArea(where: Where, layer: L.Layer): void {
    if (this.areaLayer && this.areaLayer !== layer) this.map.removeLayer(this.areaLayer)
    this.where = where
    this.areaLayer = layer
    if (this.active && !this.map.hasLayer(layer)) layer.addTo(this.map)
  }

  private pickDistrict(): void {
    const f = this.districts[Number(byId<HTMLSelectElement>('district').value)]
    if (!f) return
    const layer = L.geoJSON(f, { style: { color: '#1a5276', weight: 2, fillOpacity: 0.04, className: 'an-area' }, interactive: false })
    this.setArea(f.id !== undefined ? { district: String(f.id) } : { area: f.geometry as Area }, layer)
    this.map.fitBounds(layer.getBounds(), { padding: [20, 20] })
  }

  /** The form's status line; `error` marks a failure (red) until the next message. */
  private status(msg: string, error = false): void {
    const el = byId('an-status')
    el.textContent = msg
    el.classList.toggle('an-error', error)
  }

  async run(): Promise<void> {
    const where = this.where
    if (!where) {
      this.status('请先画出区域或选择行政区')
      return
    }
    const fromValue = byId<HTMLInputElement>('an-from').value, toValue = byId<HTMLInputElement>('an-to').value
    if (!fromValue || !toValue) {
      this.status('请填写完整的起止时间', true)
      return
    }
    if (fromValue > toValue) {
      this.status('开始时间晚于结束时间,请调整后重新分析', true)
      return
    }
    const from = fromLocalInput(fromValue), to = fromLocalInput(toValue)
    this.status('分析中…')
    try {
      const [a, stored] = await Promise.all([api.analysis(where, from, to, LIST_MAX), api.complaintsInArea(where, from, to, LIST_MAX)])
      const rows = await this.join(a, stored.complaints)
      this.last = { analysis: a, rows }
      this.render(a, rows)
      this.status(a.truncated ? `区域内投诉过多,只分析了最近的 ${a.total} 件`
        : rows.length < a.total ? `清单与导出为最近的 ${rows.length} 件(共 ${a.total} 件均已分析)` : '')
    } catch (err) {
      this.status(`分析失败:${userMessage(err)}`, true)
    }
  }

  /** The analysis' complaints, in its order, with their stored fields. */
  private async join(a: BatchAnalysis, stored: ComplaintView[]): Promise<AnalysedComplaint[]> {
    const byIdMap = new Map(stored.map((c) => [c.id, c]))
    const missing = a.complaints.filter((c) => !byIdMap.has(c.id)).map((c) => c.id)
    if (missing.length > REFETCH_MAX) throw new ScreenError('投诉数据正在更新,请稍后重新分析')
    for (const c of await Promise.all(missing.map((id) => api.complaint(id)))) byIdMap.set(c.id, c)
    return a.complaints.map((r) => ({ ...byIdMap.get(r.id)!, attributedCause: r.cause, siteId: r.siteId, distance_m: r.distance_m, cluster: r.cluster }))
  }

  private render(a: BatchAnalysis, rows: AnalysedComplaint[]): void {
    this.results.clearLayers()
    this.closeComplaint()
    // The heat map: every complaint when all are listed, else the density grid of all analysed.
    const maxCell = Math.max(1, ...a.density.cells.map((c) => c[2]))
    const heatPoints: L.HeatLatLngTuple[] = rows.length === a.total
      ? rows.map((c) => [c.lat, c.lon, 1])
      : a.density.cells.map(([lon, lat, n]) => [lat, lon, n / maxCell])
    const heat = L.heatLayer(heatPoints, { radius: 28, blur: 20, maxZoom: 17, minOpacity: 0.3 })
    const dots = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false })
    dots.addLayers(rows.map((c) => L.circleMarker([c.lat, c.lon], { radius: 6, weight: 1, color: '#fff', fillColor: CAUSE_COLORS[c.attributedCause], fillOpacity: 0.95 })
      .bindTooltip(() => h('div', {}, h('div', {}, `${c.id} ${showTime(c.occurredAt)}`), h('div', {}, c.address), h('div', {}, CAUSE_LABELS[c.attributedCause])))))
    this.results.addLayer(heat).addLayer(dots)
    const unexplainedIds = new Set(a.unexplainedClusters.map((c) => c.id))
    for (const c of a.clusters) {
      if (unexplainedIds.has(c.id)) continue
      L.circle([c.lat, c.lon], { radius: Math.max(100, c.radius_m + 50), color: '#2471a3', weight: 2, dashArray: '4 6', fill: false, className: 'st-cluster' })
        .bindTooltip(() => this.clusterTip('时空聚集', c)).addTo(this.results)
    }
    for (const c of a.unexplainedClusters) {
      L.circle([c.lat, c.lon], { radius: Math.max(120, c.radius_m + 60), color: '#d35400', weight: 3, dashArray: '8 5', fillColor: '#e67e22', fillOpacity: 0.08, className: 'unexplained-cluster' })
        .bindTooltip(() => this.clusterTip(`未解释聚集 第 ${c.rank} 名(疑似隐性故障)`, c)).addTo(this.results)
      L.marker([c.lat, c.lon], {
        icon: L.divIcon({ className: 'unexplained-rank', html: h('span', {}, String(c.rank)), iconSize: [22, 22] }),
        title: `未解释聚集 第 ${c.rank} 名`, keyboard: true,
      }).on('click', () => this.zoomTo(c)).addTo(this.results)
    }

    byId('an-total').textContent = `区域内投诉 ${a.total} 件`
    const none = () => h('p', { class: 'muted' }, '无')
    fill(byId('chart-cause'), a.breakdown.byCause.length ? barChart('按原因', a.breakdown.byCause.map((r) => ({ label: r.label, count: r.count, color: CAUSE_COLORS[r.code] }))) : none())
    fill(byId('chart-phenomenon'), a.breakdown.byPhenomenon.length ? barChart('按现象', a.breakdown.byPhenomenon.map((r) => ({ label: PHENOMENA[r.code as keyof typeof PHENOMENA] ?? r.label, count: r.count }))) : none())
    fill(byId('top-sites'), ...(a.breakdown.bySite.length ? a.breakdown.bySite.slice(0, 10).map((s) => {
      const state = this.siteState(s.id)
      return h('li', { 'data-site': s.id }, this.siteButton(s.id, s.name), ` ${s.count} 件`,
        s.unexplained ? h('span', { class: 'muted' }, `(原因不明 ${s.unexplained} 件)`) : null, ' ', state ? stateBadge(state) : null)
    }) : [h('li', { class: 'muted' }, '无')]))
    fill(byId('unexplained'), ...(a.unexplainedClusters.length ? a.unexplainedClusters.map((c) => this.unexplainedRow(c))
      : [h('li', { class: 'muted' }, '无成片的不明原因投诉')]))
    byId('st-count').textContent = String(a.clusters.length)
    fill(byId('st-clusters'), ...(a.clusters.length ? a.clusters.map((c) => {
      const b = h('button', { type: 'button', class: 'link', 'data-no': clusterNo(c.id) }, `聚集 ${clusterNo(c.id)} · ${c.count} 件`)
      b.addEventListener('click', () => this.zoomTo(c))
      return h('li', { 'data-cluster': c.id, 'data-site': c.site?.id },
        b, unexplainedIds.has(c.id) ? h('span', { class: 'note' }, ' 未解释') : null,
        h('div', { class: 'muted' }, `${span(c)} · ${c.site ? `最近基站 ${c.site.name}` : '无基站'} · ${causeMix(c)}`))
    }) : [h('li', { class: 'muted' }, '无')]))
    this.renderList(rows)
    byId('an-result').dataset.run = String(++this.runs)
    byId('an-result').hidden = false
    const empty = rows.length === 0
    for (const id of ['export-csv', 'export-xlsx', 'an-list-toggle']) byId<HTMLButtonElement>(id).disabled = empty
    byId('an-export-note').textContent = empty ? EMPTY_EXPORT : ''
    this.showList(!empty)
  }

  /** The list: one row per complaint (the first TABLE_ROWS), each focusable and opening the complaint. */
  private renderList(rows: AnalysedComplaint[]): void {
    const shown = rows.slice(0, TABLE_ROWS)
    this.listed = new Map(shown.map((c) => [c.id, c]))
    fill(byId('an-table-body'), ...shown.map((c) => {
      const phenomenon = PHENOMENA[c.phenomenon as keyof typeof PHENOMENA] ?? c.phenomenon
      return h('tr', { 'data-id': c.id, tabindex: 0, title: `${c.id}:${c.address}`, 'aria-label': `工单 ${c.id},${showTime(c.occurredAt)},${c.address},${phenomenon},按回车查看详情` },
        h('td', {}, c.id), h('td', {}, showTime(c.occurredAt)),
        h('td', { class: 'an-addr' }, h('span', { title: c.address }, c.address)),
        h('td', {}, phenomenon), h('td', {}, CAUSE_LABELS[c.attributedCause]), h('td', {}, c.siteId ?? ''),
        h('td', { class: 'an-cluster' }, c.cluster === null ? '' : String(clusterNo(c.cluster))))
    }))
    byId('an-list-count').textContent = `共 ${rows.length} 件`
    byId('an-list-toggle').textContent = `投诉清单(${rows.length} 件)`
    byId('an-more').textContent = rows.length > TABLE_ROWS ? `仅列出前 ${TABLE_ROWS} 件,导出可得全部 ${rows.length} 件` : ''
  }

  /** Opens or closes the list's drawer. */
  private showList(open: boolean): void {
    byId('an-list').hidden = !open
    byId('an-list-toggle').setAttribute('aria-expanded', String(open))
    if (open) this.placeList()
  }

  /** Lays the drawer over the bottom of the map: the map's width, LIST_SHARE of its height. */
  private placeList(): void {
    const list = byId('an-list')
    if (list.hidden) return
    const m = byId('map').getBoundingClientRect()
    if (!m.width) return
    Object.assign(list.style, {
      left: `${m.left}px`, width: `${m.width}px`, top: 'auto',
      bottom: `${Math.max(0, window.innerHeight - m.bottom)}px`,
      height: `${Math.round(Math.max(LIST_MIN_PX, m.height * LIST_SHARE))}px`,
    })
  }

  private openRow(row: HTMLTableRowElement | null): void {
    const c = row?.dataset.id ? this.listed.get(row.dataset.id) : undefined
    if (row && c) void this.openComplaint(c, row)
  }

  /** Enter/Space opens the focused row; the arrows, Home and End move between rows. */
  private rowKey(e: KeyboardEvent): void {
    const row = (e.target as HTMLElement).closest('tr')
    if (!row) return
    let next: Element | null = null
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault()
      this.openRow(row)
      return
    }
    if (e.key === 'ArrowDown') next = row.nextElementSibling
    else if (e.key === 'ArrowUp') next = row.previousElementSibling
    else if (e.key === 'Home') next = row.parentElement!.firstElementChild
    else if (e.key === 'End') next = row.parentElement!.lastElementChild
    else return
    e.preventDefault()
    ;(next as HTMLElement | null)?.focus()
  }

  /** A listed complaint: marked in the list, ringed and centred on the map, its card in the side panel. */
  private async openComplaint(c: AnalysedComplaint, row: HTMLTableRowElement): Promise<void> {
    for (const r of byId('an-table-body').querySelectorAll('tr[aria-current]')) r.removeAttribute('aria-current')
    row.setAttribute('aria-current', 'true')
    this.focusRing.clearLayers()
    L.circleMarker([c.lat, c.lon], { radius: 16, color: '#f1c40f', weight: 4, fill: false, interactive: false, className: 'an-focus' }).addTo(this.focusRing)
    this.map.setView([c.lat, c.lon], Math.max(this.map.getZoom(), 16))
    const card = byId('an-complaint')
    card.dataset.id = c.id
    byId('an-complaint-title').textContent = `投诉详情 ${c.id}`
    byId('an-complaint-facts').textContent = [
      `归因:${CAUSE_LABELS[c.attributedCause]}`,
      c.siteId ? `归属基站 ${c.siteId}${c.distance_m !== null ? `(${Math.round(c.distance_m)} 米)` : ''}` : '无归属基站',
      c.cluster !== null ? `时空聚集 ${clusterNo(c.cluster)}` : null,
    ].filter(Boolean).join(' · ')
    card.hidden = false
    card.scrollIntoView({ block: 'nearest' })
    await showComplaintCard(byId('an-complaint-body'), c.id)
  }

  private closeComplaint(): void {
    byId('an-complaint').hidden = true
    delete byId('an-complaint').dataset.id
    this.focusRing.clearLayers()
    for (const r of byId('an-table-body').querySelectorAll('tr[aria-current]')) r.removeAttribute('aria-current')
  }

  private unexplainedRow(c: UnexplainedCluster): HTMLLIElement {
    const b = h('button', { type: 'button', class: 'link' }, `第 ${c.rank} 名 · ${c.count} 件`)
    b.addEventListener('click', () => this.zoomTo(c))
    return h('li', { 'data-rank': c.rank, 'data-site': c.site?.id },
      b, ' ', h('strong', { class: 'danger' }, '疑似隐性故障'),
      h('div', {}, '最近基站 ', c.site ? this.siteButton(c.site.id, c.site.name) : '无', c.site ? h('span', { class: 'muted' }, ` ${c.site.id}`) : null),
      h('div', { class: 'muted' }, `${span(c)} · 每小时 ${c.perHour.toFixed(1)} 件 · 原因不明 ${Math.round(c.share * 100)}%`),
      h('div', { class: 'muted' }, `中心 ${centre(c)} · 半径约 ${c.radius_m} 米 · 建议派分公司实测或排查隐性故障`))
  }

  private siteButton(id: string, name: string): HTMLButtonElement {
    const b = h('button', { type: 'button', class: 'link' }, name)
    b.addEventListener('click', () => this.openSite(id))
    return b
  }

  private clusterTip(title: string, c: StCluster): HTMLElement {
    return h('div', { class: 'tip' }, h('div', {}, h('strong', {}, title)), h('div', {}, `${c.count} 件 · ${span(c)}`),
      h('div', {}, c.site ? `最近基站:${c.site.name}(${c.site.id})` : '附近无基站'), h('div', {}, causeMix(c)))
  }

  /** Zooms to a cluster: its circle fills most of the map. */
  private zoomTo(c: StCluster): void {
    const r = Math.max(150, c.radius_m + 80)
    this.map.flyToBounds(L.latLng(c.lat, c.lon).toBounds(2 * r), { maxZoom: 17, duration: 0.6 })
  }

  private fileName(ext: string): string {
    return `投诉清单-${toLocalInput(Date.now()).replace(/[-:T]/g, '').slice(0, 12)}.${ext}`
  }

  /** The rows to export; none (no analysis, or an empty one) says so beside the buttons instead. */
  private exportable(): AnalysedComplaint[] | null {
    const rows = this.last?.rows ?? []
    byId('an-export-note').textContent = rows.length ? '' : EMPTY_EXPORT
    return rows.length ? rows : null
  }

  private exportCsv(): void {
    const rows = this.exportable()
    if (rows) download(new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }), this.fileName('csv'))
  }

  private async exportXlsx(): Promise<void> {
    const rows = this.exportable()
    if (!rows) return
    try {
      download(await toXlsx(rows), this.fileName('xlsx'))
    } catch {
      byId('an-export-note').textContent = `Excel 导出失败:${MESSAGES.unavailable};可先导出 CSV`
    }
  }
}

