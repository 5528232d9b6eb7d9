/**
 * The embedded complaint page (GET /embed, issue 8): the map and the agent's diagnose-and-record
 * form in a small layout, for an iframe of the operator's customer-service system. It opens on the
 * address or point of the URL with the form filled in, and tells the host what happens through
 * postMessage (messenger.ts). It reuses the web app's map and agent modules; its API calls carry
 * the embed token (params.ts), since a cross-site iframe has no session cookie.
 */
import { mountDiagnoseForm } from '../agent/diagnose-form.js'
import L from '../leaflet.js'
import '../app.css'
import './embed.css'
import { api, type DiagnoseRequest, type Diagnosis, type SearchHit } from '../api.js'
import { byId, debounce } from '../dom.js'
import { createMap, viewBbox } from '../map/base.js'
import { SitesLayer } from '../map/sites-layer.js'
import { EvidenceLayer } from '../agent/evidence-layer.js'
import { DiagnosePanel, type Point } from '../agent/diagnose-panel.js'
import { searchBox } from '../agent/search-box.js'
import { toLocalInput } from '../time.js'
import type { DiagnosisMessage, LocationMessage } from '../../../contract/src/embed.js'
import { Messenger, parentOrigin } from './messenger.js'
import { readParams, takeToken, useBearer } from './params.js'

/** Zoom the page opens at on a point or a small place. */
const PLACE_ZOOM = 17

declare global {
  interface Window { __embed?: { messenger: Messenger; map: L.Map } }
}

async function main(): Promise<void> {
  const params = readParams(new URL(location.href))
  const token = takeToken()
  byId('ticket').textContent = params.ticket ? `工单 ${params.ticket}` : ''
  const origin = parentOrigin()
  if (!origin) {
    byId('embed-error').textContent = '此页面须经 /embed 打开(由工单系统嵌入)'
    return
  }
  const messenger = new Messenger(origin, params.ticket)
  const fail = (code: 'no_token' | 'token_refused' | 'address_not_found' | 'api', message: string) => {
    byId('embed-error').textContent = message
    messenger.post({ type: 'tousu:error', code, message })
  }
  if (!token) return fail('no_token', '缺少访问令牌,请从工单系统重新打开')
  useBearer(token)
  const me = await fetch('/api/auth/me')
  if (!me.ok) return fail('token_refused', '访问令牌无效或已过期,请从工单系统重新打开')
  const { user } = (await me.json()) as { user: { username: string; role: string; roleLabel: string } }
  byId('who').textContent = `${user.roleLabel} ${user.username}`
  document.body.dataset.role = user.role
  messenger.post({ type: 'tousu:ready', user: { username: user.username, role: user.role } })

  const { map } = await createMap(byId('map'))
  window.__embed = { messenger, map }
  const sites = new SitesLayer((s) => map.flyTo([s.lat, s.lon], Math.max(map.getZoom(), PLACE_ZOOM)))
  sites.group.addTo(map)
  const evidence = new EvidenceLayer(map, sites)
  const loadSites = async () => sites.set(await api.sites(viewBbox(map)).catch(() => []))
  map.on('moveend', debounce(() => void loadSites(), 150))

  // The host hears of every diagnosis and every recorded complaint: wrap the calls the panel makes.
  const diagnoseCall = api.diagnose
  api.diagnose = async (req) => {
    const d = await diagnoseCall(req)
    messenger.post(diagnosisMessage(req, d))
    return d
  }
  const recordCall = api.record
  // The host's ticket number is stored with the complaint, and comes back in its webhooks.
  api.record = async (r, key) => {
    const c = await recordCall(params.ticket ? { ...r, ticket: params.ticket } as typeof r : r, key)
    messenger.post({
      type: 'tousu:recorded', complaintId: c.id, cause: c.cause, suggestedCause: c.suggestedCause, disposition: c.disposition,
      specialty: c.specialty, answer: c.answer, linkedSites: c.linkedSites,
    })
    return c
  }

  mountDiagnoseForm()
  const panel = new DiagnosePanel(map, evidence, () => undefined)
  // Every change of the point is told to the host, with where it came from (a click or drag is 'map').
  let from: Pick<LocationMessage, 'source' | 'feature'> = { source: 'map', feature: null }
  const setPoint = panel.setPoint.bind(panel)
  panel.setPoint = (p: Point) => {
    setPoint(p)
    messenger.post({ type: 'tousu:location', lon: p.lon, lat: p.lat, address: p.address, ...from })
    from = { source: 'map', feature: null }
  }
  const place = (hit: SearchHit, address: string) => {
    from = { source: 'search', feature: { id: hit.id, name: hit.name, type: hit.type } }
    panel.setPoint({ lon: hit.lon, lat: hit.lat, address })
    const [w, s, e, n] = hit.bbox
    if (w === e && s === n) map.setView([hit.lat, hit.lon], PLACE_ZOOM)
    else map.fitBounds([[s, w], [n, e]], { maxZoom: PLACE_ZOOM, padding: [40, 40] })
  }
  searchBox(byId<HTMLInputElement>('q'), byId<HTMLUListElement>('q-list'), (hit) => place(hit, hit.name))

  // The form as the ticket describes the complaint.
  if (params.occurredAt != null) byId<HTMLInputElement>('occurredAt').value = toLocalInput(params.occurredAt)
  if (params.service) byId<HTMLSelectElement>('service').value = params.service
  if (params.phenomenon) byId<HTMLSelectElement>('phenomenon').value = params.phenomenon
  if (params.description) byId<HTMLTextAreaElement>('description').value = params.description
  if (params.address) byId<HTMLInputElement>('address').value = params.address

  if (params.lon != null && params.lat != null) {
    from = { source: 'params', feature: null }
    panel.setPoint({ lon: params.lon, lat: params.lat, address: params.address })
    map.setView([params.lat, params.lon], PLACE_ZOOM)
  } else if (params.address) {
    byId<HTMLInputElement>('q').value = params.address
    const hits = await api.search(params.address).catch((err: Error) => {
      fail('api', `地址查询失败:${err.message}`)
      return null
    })
    if (hits?.length) place(hits[0], params.address)
    else if (hits) fail('address_not_found', `未找到地址“${params.address}”,请查询或在地图上选点`)
  }
  await loadSites()
  document.body.dataset.ready = '1'
}

/** The diagnosis as the host receives it: what was asked, and the answer of POST /api/diagnose. */
function diagnosisMessage(req: DiagnoseRequest, d: Diagnosis): Omit<DiagnosisMessage, 'version' | 'ticket'> {
  return {
    type: 'tousu:diagnosis', lon: req.lon, lat: req.lat, address: req.address ?? '', occurredAt: req.occurredAt, service: req.service, phenomenon: req.phenomenon,
    cause: d.cause, disposition: d.disposition, specialty: d.specialty, answer: d.answer,
    evidence: d.evidence.map((e) => ({ type: e.type, id: e.id, distance_m: e.distance_m, why: e.why })),
    linkedSites: d.servingSites.map((s) => ({ id: s.id, name: s.name, distance_m: s.distance_m, facing: s.facing })),
  }
}

void main()
