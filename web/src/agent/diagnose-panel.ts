/**
 * "Diagnose here": the complaint point (map click or the searched place), time, service and phenomenon
 * → cause, evidence (drawn on the map), the answer script with a copy button, disposition and 专业;
 * then the agent records the complaint, confirming or overriding the cause.
 */
import L from '../leaflet.js'
import { api, type Diagnosis, type DiagnoseRequest, type Evidence } from '../api.js'
import { byId, fill, h } from '../dom.js'
import { CAUSE_CODES, CAUSE_LABELS, DISPOSITIONS, EVIDENCE_TYPES, type CauseCode } from '../labels.js'
import { fromLocalInput, toLocalInput } from '../time.js'

/** Default occurrence time: the customer usually calls a while after it started. */
const DEFAULT_AGO_MS = 2 * 3600_000

export interface Point { lon: number; lat: number; address: string }

/** Where the panel finds network objects to draw as evidence. */
export interface EvidenceMap {
  sitePosition(id: string): Promise<[number, number] | null>
  draw(d: Diagnosis, p: Point): Promise<void>
  focus(e: Evidence, d: Diagnosis): void
}

export class DiagnosePanel {
  point: Point | null = null
  private marker: L.Marker | null = null
  private picking = false
  private last: { req: DiagnoseRequest; d: Diagnosis } | null = null

  constructor(private readonly map: L.Map, private readonly evidence: EvidenceMap, private readonly onRecorded: () => void) {
    byId<HTMLInputElement>('occurredAt').value = toLocalInput(Date.now() - DEFAULT_AGO_MS)
    byId('pick-point').addEventListener('click', () => this.startPicking())
    map.on('click', (e: L.LeafletMouseEvent) => {
      if (!this.picking) return
      this.stopPicking()
      this.setPoint({ lon: e.latlng.lng, lat: e.latlng.lat, address: byId<HTMLInputElement>('address').value })
    })
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.picking) this.stopPicking()
    })
    byId('diag-form').addEventListener('submit', (e) => {
      e.preventDefault()
      void this.diagnose()
    })
    byId('copy').addEventListener('click', () => void this.copy())
    byId('record-form').addEventListener('submit', (e) => {
      e.preventDefault()
      void this.record()
    })
    byId<HTMLSelectElement>('final-cause').addEventListener('change', () => this.causeChanged())
  }

  /** Sets the complaint point (and the address, when given), with a draggable pin on the map. */
  setPoint(p: Point): void {
    this.point = p
    if (p.address) byId<HTMLInputElement>('address').value = p.address
    byId('point-text').textContent = `${p.lon.toFixed(6)}, ${p.lat.toFixed(6)}`
    if (!this.marker) {
      this.marker = L.marker([p.lat, p.lon], { draggable: true, keyboard: false, title: '投诉点(可拖动)', icon: L.divIcon({ className: 'complaint-pin', iconSize: [22, 22], iconAnchor: [11, 22], html: '' }) }).addTo(this.map)
      this.marker.on('dragend', () => {
        const ll = this.marker!.getLatLng()
        this.setPoint({ lon: ll.lng, lat: ll.lat, address: byId<HTMLInputElement>('address').value })
      })
    } else this.marker.setLatLng([p.lat, p.lon])
    byId<HTMLButtonElement>('diagnose').disabled = false
  }

  private startPicking(): void {
    this.picking = true
    this.map.getContainer().classList.add('picking')
    byId('pick-point').textContent = '请在地图上点击投诉地点(Esc 取消)'
  }

  private stopPicking(): void {
    this.picking = false
    this.map.getContainer().classList.remove('picking')
    byId('pick-point').textContent = '在地图上选点'
  }

  private request(): DiagnoseRequest | null {
    if (!this.point) {
      this.error('请先查询地点或在地图上选点')
      return null
    }
    const when = byId<HTMLInputElement>('occurredAt').value
    if (!when) {
      this.error('请填写发生时间')
      return null
    }
    const address = byId<HTMLInputElement>('address').value.trim()
    const description = byId<HTMLTextAreaElement>('description').value.trim()
    return {
      lon: this.point.lon, lat: this.point.lat, occurredAt: fromLocalInput(when),
      service: byId<HTMLSelectElement>('service').value as 'voice' | 'data', phenomenon: byId<HTMLSelectElement>('phenomenon').value,
      ...(address ? { address } : {}), ...(description ? { description } : {}),
    }
  }

  private error(msg: string): void {
    byId('diag-error').textContent = msg
  }

  async diagnose(): Promise<void> {
    this.error('')
    const req = this.request()
    if (!req) return
    const btn = byId<HTMLButtonElement>('diagnose')
    btn.disabled = true
    try {
      const d = await api.diagnose(req)
      this.last = { req, d }
      this.render(d)
      await this.evidence.draw(d, this.point!)
    } catch (err) {
      this.error((err as Error).message)
    } finally {
      btn.disabled = false
    }
  }

  private render(d: Diagnosis): void {
    byId('cause').textContent = d.cause.label
    byId('cause').dataset.code = d.cause.code
    byId('disposition').textContent = DISPOSITIONS[d.disposition]
    byId('disposition').dataset.code = d.disposition
    byId('specialty').textContent = d.specialty
    byId('answer').textContent = d.answer
    fill(byId('evidence'), ...(d.evidence.length ? d.evidence.map((e) => {
      const b = h('button', { type: 'button', class: 'link' }, `${EVIDENCE_TYPES[e.type] ?? e.type}`, h('span', { class: 'muted' }, ` ${Math.round(e.distance_m)}米`))
      b.addEventListener('click', () => this.evidence.focus(e, d))
      return h('li', { 'data-type': e.type, 'data-id': e.id }, b, h('div', {}, e.why))
    }) : [h('li', { class: 'muted' }, '附近无可解释的网络对象')]))
    fill(byId('candidates'), ...d.candidates.slice(1).map((c) => h('li', {}, h('strong', {}, c.cause.label), ` ${c.rankReason}`)))
    byId('candidates-box').hidden = d.candidates.length < 2
    fill(byId<HTMLSelectElement>('final-cause'), ...CAUSE_CODES.map((code) => {
      const o = h('option', { value: code }, CAUSE_LABELS[code], code === d.cause.code ? '(建议)' : '')
      o.selected = code === d.cause.code
      return o
    }))
    byId<HTMLTextAreaElement>('final-answer').value = d.answer
    byId('recorded').textContent = ''
    byId('result').hidden = false
    byId('result').scrollIntoView({ block: 'nearest' })
  }

  /** Overriding the cause: offer that candidate's script if the diagnosis considered it. */
  private causeChanged(): void {
    if (!this.last) return
    const code = byId<HTMLSelectElement>('final-cause').value
    const c = this.last.d.candidates.find((x) => x.cause.code === code)
    byId<HTMLTextAreaElement>('final-answer').value = c?.answer ?? (code === this.last.d.cause.code ? this.last.d.answer : '')
  }

  private async copy(): Promise<void> {
    const text = byId('answer').textContent ?? ''
    try {
      await navigator.clipboard.writeText(text)
    } catch {
      // Clipboard API refused (plain http on an intranet): select the text for Ctrl+C instead.
      const range = document.createRange()
      range.selectNodeContents(byId('answer'))
      getSelection()?.removeAllRanges()
      getSelection()?.addRange(range)
    }
    byId('copy-status').textContent = '已复制'
    setTimeout(() => (byId('copy-status').textContent = ''), 2000)
  }

  private async record(): Promise<void> {
    if (!this.last) return
    this.error('')
    const number = byId<HTMLInputElement>('number').value.trim()
    try {
      const c = await api.record({
        ...this.last.req,
        ...(number ? { number } : {}),
        cause: byId<HTMLSelectElement>('final-cause').value as CauseCode,
        answer: byId<HTMLTextAreaElement>('final-answer').value,
      })
      const el = byId('recorded')
      el.textContent = `已记录投诉 ${c.id}`
      el.dataset.id = c.id
      this.onRecorded()
    } catch (err) {
      this.error((err as Error).message)
    }
  }
}
