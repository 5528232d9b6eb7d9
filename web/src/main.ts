/**
 * The web app: one map, two screens. 客服 (agent): search a place, see the sites around it by state,
 * open a site, diagnose and record a complaint. 网维 (engineer): analyse the complaints in an area.
 */
import L from './leaflet.js'
// After Leaflet's own CSS, so the app's rules win where both style a marker.
import './app.css'
import './layout.css'
import './agent/agent.css'
import './engineer/engineer.css'
import './admin/admin.css'
import './imports/imports.css'
import { api, type ComplaintHit, type SearchHit, type SiteView } from './api.js'
import { byId, debounce, fill, h } from './dom.js'
import { createMap, viewBbox } from './map/base.js'
import { SitesLayer } from './map/sites-layer.js'
import { OVERLAY_LABELS, Overlays, type OverlayName } from './map/overlays.js'
import { layerControl, type Switch } from './map/layer-control.js'
import { isNarrow, mountLayout, showView } from './layout.js'
import { WarningsLayer, type SiteWarnings } from './map/warnings-layer.js'
import { searchBox } from './agent/search-box.js'
import { SitePanel, stateBadge } from './agent/site-panel.js'
import { DiagnosePanel } from './agent/diagnose-panel.js'
import { EvidenceLayer } from './agent/evidence-layer.js'
import type { AnalysisPanel } from './engineer/analysis-panel.js'
import { KIND_LABELS, STATE_ORDER } from './labels.js'
import { live } from './live.js'
import { signIn } from './auth.js'
import { mountDiagnoseForm } from './agent/diagnose-form.js'
import { ALONG_M, STREET_POINT_M, lengthM, lineParts, nearestOnLine, paddedBbox, type Line } from './agent/street.js'
import { errorText } from './errors.js'

/** Nearby sites of a searched place: within this many metres, at most this many listed. */
const NEARBY_M = 1200
const NEARBY_MAX = 8
/** The warnings are fetched again this often (besides after every import), so a surge shows without one. */
const WARNINGS_POLL_MS = 60_000

declare global {
  interface Window { __app?: { firstPaintMs?: number; updates: number; map: L.Map } }
}

// Nothing of the map loads before a login: every API route but the base map needs a user.
await signIn()
const { map, base } = await createMap(byId('map'))
mountLayout(map)
const app: NonNullable<Window['__app']> = { updates: 0, map }
window.__app = app

const sites = new SitesLayer((s) => void openSite(s.id))
const overlays = new Overlays(map)
const highlight = L.featureGroup().addTo(map)
const evidence = new EvidenceLayer(map, sites)
const sitePanel = new SitePanel(byId('site-panel'), () => sites.select(null), (id) => void openComplaintById(id))
const warnings = new WarningsLayer((id) => void showWarnedSite(id), (list) => showWarningCount(list))
mountDiagnoseForm()
const diagnose = new DiagnosePanel(map, evidence, () => {
  void overlays.load('complaints', viewBbox(map))
  // A recorded complaint may complete a surge (recording sends no import event).
  void warnings.load()
})
// A new call leaves nothing of the last one on the screen: the highlighted place, the nearby list,
// the site and complaint cards. (The panel clears its own form, result and evidence.)
diagnose.onNewCall = () => {
  highlight.clearLayers()
  nearbyOf = null
  byId('nearby-box').hidden = true
  fill(byId('nearby'))
  sitePanel.close()
  byId('complaint-box').hidden = true
}
// On a phone the map and the panel are two views: picking a point shows the map, the picked point the panel.
diagnose.onPicking = (on) => {
  if (isNarrow()) showView(on ? 'map' : 'panel')
}
byId('new-call').addEventListener('click', () => {
  byId<HTMLInputElement>('q').value = ''
  byId('q').focus()
})
// The engineer's screen (and its plugins) loads the first time it is opened.
let analysis: Promise<AnalysisPanel> | null = null
const engineer = () => (analysis ??= import('./engineer/analysis-panel.js').then((m) => new m.AnalysisPanel(map, (id) => void showSiteFromEngineer(id), (id) => sites.get(id)?.state)))
let nearbyOf: { lon: number; lat: number } | null = null

const warnCountInControl = h('span', { class: 'warn-count', id: 'warn-layer-count', 'data-count': 0 }, '0')
const switches: Switch[] = [
  { id: 'sites', label: '基站', layer: sites.group, on: true },
  { id: 'warnings', label: '预警(投诉激增)', layer: warnings.group, on: true, badge: warnCountInControl },
  ...(['coverage', 'planned', 'cutovers', 'cells', 'complaints'] as OverlayName[]).map((n) => ({ id: n, label: OVERLAY_LABELS[n], layer: overlays.groups[n], on: true })),
]
layerControl(map, switches, (s, on) => {
  if (on && s.id === 'warnings') void warnings.load()
  else if (on && s.id !== 'sites') void overlays.load(s.id as OverlayName, viewBbox(map))
}).addTo(map)

/** Reloads sites and overlays for the view; the view itself never moves. */
async function refresh(): Promise<void> {
  const b = viewBbox(map)
  const [list] = await Promise.all([api.sites(b), overlays.refresh(b)])
  sites.set(list)
}

// First paint: the base tiles of the first view and the sites on them; the overlays follow.
const firstTiles = new Promise<void>((resolve) => (base ? base.once('load', () => resolve()) : resolve()))
const b0 = viewBbox(map)
const overlaysDone = overlays.refresh(b0)
const warningsDone = warnings.load()
sites.set(await api.sites(b0))
await firstTiles
app.firstPaintMs = Math.round(performance.now())
await Promise.all([overlaysDone, warningsDone])
setInterval(() => void warnings.load(), WARNINGS_POLL_MS)
document.body.dataset.ready = '1'
map.on('moveend', debounce(() => void refresh(), 150))

// ——— agent ———

async function openSite(id: string): Promise<void> {
  sites.select(id)
  const s = await sitePanel.show(id)
  const ll = L.latLng(s.lat, s.lon)
  if (!map.getBounds().pad(-0.1).contains(ll)) map.flyTo(ll, Math.max(map.getZoom(), 16))
  byId('site-panel').scrollIntoView({ block: 'nearest' })
}

async function showNearby(lon: number, lat: number, place?: string): Promise<void> {
  nearbyOf = { lon, lat }
  if (place !== undefined) byId('nearby-place').textContent = `· ${place}`
  const d = NEARBY_M / 111_000
  const here = L.latLng(lat, lon)
  const list = (await api.sites([lon - d / Math.cos((lat * Math.PI) / 180), lat - d, lon + d / Math.cos((lat * Math.PI) / 180), lat + d]))
    .map((s) => ({ s, m: here.distanceTo([s.lat, s.lon]) }))
    .filter((x) => x.m <= NEARBY_M)
    .sort((a, b) => a.m - b.m)
    .slice(0, NEARBY_MAX)
  fill(byId('nearby'), ...(list.length ? list.map(({ s, m }) => siteRow(s, m)) : [h('li', { class: 'muted' }, `${NEARBY_M} 米内无基站`)]))
  byId('nearby-box').hidden = false
  const flagged = list.filter(({ s }) => s.state !== 'normal').sort((a, b) => STATE_ORDER.indexOf(a.s.state) - STATE_ORDER.indexOf(b.s.state))
  noteFlagged(flagged.length, '附近')
}

/** The nearby list's note: a warning when sites are flagged, a calm line when all are normal. */
function noteFlagged(n: number, where: string): void {
  const note = byId('nearby-note')
  note.textContent = n ? `注意:${where} ${n} 个基站状态异常` : `${where}基站均正常`
  note.className = n ? 'note warn' : 'note ok'
}

function siteRow(s: SiteView, m: number): HTMLLIElement {
  const b = h('button', { type: 'button', class: 'link' }, s.name)
  b.addEventListener('click', () => void openSite(s.id))
  return h('li', { 'data-site': s.id, 'data-state': s.state }, b, h('span', { class: 'muted' }, ` ${Math.round(m)} 米 `), stateBadge(s.state))
}

/** A searched place starts a new call: the last caller's point, result and number are gone first. */
async function choose(hit: SearchHit): Promise<void> {
  diagnose.newCall()
  if (hit.type === 'site') {
    diagnose.setPoint({ lon: hit.lon, lat: hit.lat, address: hit.name })
    await openSite(hit.id)
    await showNearby(hit.lon, hit.lat, hit.name)
    return
  }
  const f = await api.feature(hit.id).catch(() => null)
  if (f) {
    L.geoJSON(f as GeoJSON.Feature, {
      style: { color: '#f1c40f', weight: 9, opacity: 0.85, fillColor: '#f7dc6f', fillOpacity: 0.25 },
      pointToLayer: (_f, ll) => L.circleMarker(ll, { radius: 12, color: '#f1c40f', weight: 4 }),
      interactive: false,
    }).addTo(highlight)
  }
  const [w, s, e, n] = hit.bbox
  if (w === e && s === n) map.flyTo([hit.lat, hit.lon], 17)
  else map.flyToBounds([[s, w], [n, e]], { maxZoom: 17, padding: [80, 80] })
  // A street longer than one place: its midpoint is not where the customer is — ask where on it.
  const parts = hit.type === 'road' ? lineParts(f?.geometry) : null
  const length = parts ? lengthM(parts) : 0
  if (parts && length > STREET_POINT_M) {
    diagnose.askForPoint(`${hit.name}全长约 ${Math.round(length)} 米:请问客户在街上哪个位置?在地图上点击该位置,或选下方沿街基站旁的位置`, hit.name)
    await showStreet(hit, parts)
    return
  }
  diagnose.setPoint({ lon: hit.lon, lat: hit.lat, address: hit.name })
  await showNearby(hit.lon, hit.lat, hit.name)
}

/**
 * The sites along a street (within ALONG_M of it), worst state first, then in street order; each
 * offers the point of the street nearest to it as the complaint point.
 */
async function showStreet(hit: SearchHit, parts: Line[]): Promise<void> {
  nearbyOf = null
  const along = (await api.sites(paddedBbox(parts, ALONG_M)))
    .map((site) => ({ site, on: nearestOnLine(parts, site.lon, site.lat)! }))
    .filter((x) => x.on && x.on.distanceM <= ALONG_M)
    .sort((a, b) => STATE_ORDER.indexOf(a.site.state) - STATE_ORDER.indexOf(b.site.state) || a.on.alongM - b.on.alongM)
  byId('nearby-place').textContent = `· ${hit.name}沿街`
  const flagged = along.filter((x) => x.site.state !== 'normal')
  const pick = (x: (typeof along)[number]) => {
    diagnose.setPoint({ lon: x.on.lon, lat: x.on.lat, address: `${hit.name}(${x.site.name}附近)` })
    map.flyTo([x.on.lat, x.on.lon], Math.max(map.getZoom(), 17))
  }
  const rows = along.slice(0, NEARBY_MAX * 2).map((x) => {
    const li = siteRow(x.site, x.on.distanceM)
    const here = h('button', { type: 'button', class: 'secondary small', 'data-pick': x.site.id, title: '以街上离该基站最近的位置作为投诉点' }, '选此处')
    here.addEventListener('click', () => pick(x))
    li.append(h('span', { class: 'muted' }, ` 沿街 ${Math.round(x.on.alongM)} 米处 `), here)
    return li
  })
  fill(byId('nearby'), ...(rows.length ? rows : [h('li', { class: 'muted' }, `沿街 ${ALONG_M} 米内无基站`)]))
  byId('nearby-box').hidden = false
  noteFlagged(flagged.length, '沿街')
  fill(diagnose.streetList())
  diagnose.streetList().hidden = true
}

/** A complaint of the site panel's list: its card (the call in progress is not touched). */
async function openComplaintById(id: string): Promise<void> {
  const c = await api.complaint(id).catch(() => null)
  if (c) await showComplaint(c)
}

/** A complaint found by its ticket, phone or address (a call-back starts a new call): its card, and the map on it. */
async function openComplaint(c: ComplaintHit): Promise<void> {
  diagnose.newCall()
  await showComplaint(c)
}

async function showComplaint(c: { id: string; lon: number; lat: number }): Promise<void> {
  const box = byId('complaint-box')
  box.hidden = false
  map.flyTo([c.lat, c.lon], Math.max(map.getZoom(), 17))
  L.circleMarker([c.lat, c.lon], { radius: 12, color: '#8e44ad', weight: 4, interactive: false }).addTo(highlight)
  const { showComplaintCard } = await import('./workflow/complaint-card.js')
  const close = h('button', { type: 'button', class: 'close', 'aria-label': '关闭投诉详情' }, '×')
  close.addEventListener('click', () => (box.hidden = true))
  const body = h('div', {})
  fill(box, h('div', { class: 'card-head' }, h('h2', { id: 'complaint-title' }, '投诉详情'), close), body)
  await showComplaintCard(body, c.id, () => void overlays.load('complaints', viewBbox(map)))
  box.scrollIntoView({ block: 'nearest' })
}

searchBox(byId<HTMLInputElement>('q'), byId<HTMLUListElement>('q-list'), (hit) => void choose(hit).catch((e) => (byId('diag-error').textContent = errorText(e))), (c) => void openComplaint(c))
document.addEventListener('keydown', (e) => {
  // "/" jumps to the search box, as on most search-driven tools.
  const t = e.target as HTMLElement
  if (e.key === '/' && !/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) {
    e.preventDefault()
    byId('q').focus()
  }
})

// ——— warnings (both screens) ———

/** The header badge and the layer switch count the warned sites; the badge hides at none. */
function showWarningCount(list: SiteWarnings[]): void {
  const n = list.length
  byId('warn-count').textContent = String(n)
  const badge = byId<HTMLButtonElement>('warn-badge')
  badge.hidden = n === 0
  badge.dataset.count = String(n)
  badge.title = n ? `${n} 个基站投诉激增且无告警、无割接:${list.map((s) => s.siteName).join('、')}` : ''
  warnCountInControl.textContent = String(n)
  warnCountInControl.dataset.count = String(n)
}

/** The badge shows the warned sites: the layer on, the map fitted to them, a lone warning's popup open. */
byId('warn-badge').addEventListener('click', () => {
  const list = warnings.sites
  if (!list.length) return
  const input = byId<HTMLInputElement>('layer-warnings')
  if (!input.checked) {
    input.checked = true
    input.dispatchEvent(new Event('change'))
  }
  if (list.length === 1) {
    const s = list[0]
    const open = () => warnings.open(s.siteId)
    if (map.getZoom() >= 16 && map.getBounds().pad(-0.1).contains([s.lat, s.lon])) open()
    else {
      map.once('moveend', open)
      map.flyTo([s.lat, s.lon], Math.max(map.getZoom(), 16))
    }
  } else {
    map.flyToBounds(L.latLngBounds(list.map((s) => [s.lat, s.lon] as [number, number])), { padding: [60, 60], maxZoom: 16 })
  }
})

/** A warning's link opens the site on the agent's screen (where the site panel is). */
async function showWarnedSite(id: string): Promise<void> {
  map.closePopup()
  if (document.body.dataset.screen === 'engineer') await showScreen('agent')
  await openSite(id)
}

/** The engineer's site links: the site panel lives on the agent's screen. */
async function showSiteFromEngineer(id: string): Promise<void> {
  await showScreen('agent')
  await openSite(id)
}

// ——— screens ———

async function showScreen(name: 'agent' | 'engineer'): Promise<void> {
  for (const n of ['agent', 'engineer'] as const) {
    byId(`tab-${n}`).setAttribute('aria-selected', String(n === name))
    byId(`${n}-panel`).hidden = n !== name
  }
  for (const l of [highlight, evidence.group]) name === 'agent' ? map.addLayer(l) : map.removeLayer(l)
  if (name === 'engineer' || analysis) {
    const panel = await engineer()
    panel.setActive(name === 'engineer')
    if (name === 'engineer') await panel.init()
  }
  document.body.dataset.screen = name
}
byId('tab-agent').addEventListener('click', () => void showScreen('agent'))
byId('tab-engineer').addEventListener('click', () => void showScreen('engineer'))
// 口径管理 (admins only): its own tab and panel, loaded on demand (web/src/templates/).
void import('./templates/panel.js').then((m) => m.mountTemplates())
void import('./admin/panel.js').then((m) => m.mountAdmin())
// 统计报表 (engineers and admins): figures, overdue complaints and their workflow (web/src/figures/).
void import('./figures/page.js').then((m) => m.mountFigures(map))
// 数据导入 (issue 17; engineers and admins): drop a file, preview, fix the mapping, import (web/src/imports/).
void import('./imports/page.js').then((m) => m.mountImports(map))
// 网元树 (issue 9): MSC → BSC → site → cell; a site opens here, an element draws its footprint (web/src/tree/).
const tree = import('./tree/tree-panel.js').then((m) => m.mountTree(map, (id) => openSite(id)))
// 网维信息发布 (issue 9): published information on the map for everyone; the 信息发布 tab for engineers (web/src/publish/).
const published = import('./publish/index.js').then((m) => m.mountPublish(map))

// ——— live ———

live((kinds) => {
  app.updates++
  void published.then((p) => p.refresh(kinds))
  void refresh()
  void warnings.load()
  void sitePanel.refresh()
  void tree.then((t) => t.refresh())
  if (nearbyOf) void showNearby(nearbyOf.lon, nearbyOf.lat)
  const what = kinds.length ? kinds.map((k) => KIND_LABELS[k] ?? k).join('、') : '网络数据'
  byId('live-status').textContent = `${what}已更新 ${new Date().toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' })}`
})
