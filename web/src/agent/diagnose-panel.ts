/**
 * "Diagnose here": the complaint point (map click or the searched place), time, service and phenomenon
 * → cause, evidence (drawn on the map), the answer script with a copy button, disposition and 专业;
 * then the agent records the complaint, confirming or overriding the cause.
 *
 * One phone call is one unit of work: newCall() (the 新来电 button, or a new search) clears everything
 * of the last call — point, result, number, evidence — and gives the call a fresh idempotency key, so
 * a record can never carry the previous caller's place or cause, and a double click or a retried POST
 * stores one complaint. A result whose inputs changed after it was given is marked stale and cannot be
 * recorded until the agent diagnoses again.
 */
import L from '../leaflet.js'
import { api, type ComplaintView, type Diagnosis, type DiagnoseRequest, type Evidence } from '../api.js'
import { byId, fill, h } from '../dom.js'
import { CAUSE_CODES, CAUSE_LABELS, DISPOSITIONS, EVIDENCE_TYPES, type CauseCode } from '../labels.js'
import { fromLocalInput, toLocalInput } from '../time.js'
import { errorText } from '../errors.js'
import { copyText } from '../clipboard.js'

/** Default occurrence time: the customer usually calls a while after it started (counted from now, not from page load). */
const DEFAULT_AGO_MS = 2 * 3600_000
/** While the agent has not touched the time, its default follows the clock at this step. */
const CLOCK_STEP_MS = 30_000

export interface Point { lon: number; lat: number; address: string }

/** Where the panel finds network objects to draw as evidence. */
export interface EvidenceMap {
  sitePosition(id: string): Promise<[number, number] | null>
  draw(d: Diagnosis, p: Point): Promise<void>
  focus(e: Evidence, d: Diagnosis): void
  clear?(): void
}

/** A fresh key for one call's record (getRandomValues works without a secure context; randomUUID does not). */
function newKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16))
  return `call-${Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')}`
}

const input = (id: string) => byId<HTMLInputElement>(id)

export class DiagnosePanel {
  point: Point | null = null
  private marker: L.Marker | null = null
  private picking = false
  private last: { req: DiagnoseRequest; d: Diagnosis } | null = null
  /** The idempotency key of this call's record: the same for every retry, new for every call. */
  private key = newKey()
  /** The complaint this call recorded (the form is locked once it is set). */
  private recorded: ComplaintView | null = null
  private saving = false
  /** Has the agent set the occurrence time of this call by hand? (then the clock leaves it alone) */
  private timeTouched = false
  /** Hears of every new call (main.ts clears the map's and the panels' traces of the last one). */
  onNewCall: (() => void) | null = null
  /** Hears when the agent asks to pick on the map (true) and when a point was picked (false): a phone shows the map, then the panel. */
  onPicking: ((on: boolean) => void) | null = null

  constructor(private readonly map: L.Map, private readonly evidence: EvidenceMap, private readonly onRecorded: () => void) {
    this.resetTime()
    setInterval(() => {
      if (!this.timeTouched) this.resetTime()
    }, CLOCK_STEP_MS)
    input('occurredAt').addEventListener('input', () => {
      this.timeTouched = true
    })
    byId('pick-point').addEventListener('click', () => {
      this.startPicking()
      this.onPicking?.(true)
    })
    byId('new-call').addEventListener('click', () => this.newCall())
    map.on('click', (e: L.LeafletMouseEvent) => {
      if (!this.picking) return
      this.stopPicking()
      this.setPoint({ lon: e.latlng.lng, lat: e.latlng.lat, address: input('address').value })
      this.onPicking?.(false)
    })
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.picking) this.stopPicking()
    })
    byId('diag-form').addEventListener('submit', (e) => {
      e.preventDefault()
      void this.diagnose()
    })
    // Any change to what was diagnosed makes the shown result stale (it is not what would be recorded).
    for (const id of ['occurredAt', 'service', 'phenomenon']) byId(id).addEventListener('change', () => this.inputsChanged())
    byId('copy').addEventListener('click', () => void this.copy())
    byId('record-form').addEventListener('submit', (e) => {
      e.preventDefault()
      void this.record()
    })
    byId<HTMLSelectElement>('final-cause').addEventListener('change', () => this.causeChanged())
    this.showCallStatus()
  }

  /**
   * Starts a new call: everything of the last one is cleared (point and pin, address, description,
   * result, number, final cause and answer, evidence on the map, messages), the time default is taken
   * from the clock again and the record gets a new idempotency key.
   */
  newCall(): void {
    this.stopPicking()
    this.point = null
    this.marker?.remove()
    this.marker = null
    this.last = null
    this.recorded = null
    this.saving = false
    this.key = newKey()
    this.timeTouched = false
    this.resetTime()
    input('address').value = ''
    byId<HTMLTextAreaElement>('description').value = ''
    byId('point-text').textContent = '未选'
    byId<HTMLButtonElement>('diagnose').disabled = true
    this.hideStreet()
    this.error('')
    this.clearResult()
    this.evidence.clear?.()
    this.onNewCall?.()
    this.showCallStatus()
  }

  /** Sets the complaint point (and the address, when given), with a draggable pin on the map. */
  setPoint(p: Point): void {
    const moved = !this.point || this.point.lon !== p.lon || this.point.lat !== p.lat
    this.point = p
    if (p.address) input('address').value = p.address
    byId('point-text').textContent = `${p.lon.toFixed(6)}, ${p.lat.toFixed(6)}`
    if (!this.marker) {
      this.marker = L.marker([p.lat, p.lon], { draggable: true, keyboard: false, title: '投诉点(可拖动)', icon: L.divIcon({ className: 'complaint-pin', iconSize: [22, 22], iconAnchor: [11, 22], html: '' }) }).addTo(this.map)
      this.marker.on('dragend', () => {
        const ll = this.marker!.getLatLng()
        this.setPoint({ lon: ll.lng, lat: ll.lat, address: input('address').value })
      })
    } else this.marker.setLatLng([p.lat, p.lon])
    byId<HTMLButtonElement>('diagnose').disabled = false
    byId('street-note').hidden = true
    if (moved) this.inputsChanged()
  }

  /**
   * No point yet (a long street was chosen): the agent is asked where on it, by `note`; the pick mode
   * is on so one click on the map sets it.
   */
  askForPoint(note: string, address: string): void {
    this.point = null
    this.marker?.remove()
    this.marker = null
    input('address').value = address
    byId('point-text').textContent = '未选'
    byId<HTMLButtonElement>('diagnose').disabled = true
    const n = byId('street-note')
    n.textContent = note
    n.hidden = false
    this.startPicking()
  }

  /** The list under the form of places along a street the agent may pick (main.ts fills it). */
  streetList(): HTMLOListElement {
    return byId<HTMLOListElement>('street-sites')
  }

  private hideStreet(): void {
    byId('street-note').hidden = true
    const l = this.streetList()
    l.hidden = true
    fill(l)
  }

  private resetTime(): void {
    input('occurredAt').value = toLocalInput(Date.now() - DEFAULT_AGO_MS)
  }

  private showCallStatus(): void {
    const t = new Date().toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' })
    byId('call-status').textContent = `本次来电 ${t} 开始`
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
    const when = input('occurredAt').value
    if (!when) {
      this.error('请填写发生时间')
      return null
    }
    const address = input('address').value.trim()
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
    const key = this.key
    try {
      const d = await api.diagnose(req)
      // A new call started while this one was asked: its answer is not for this call.
      if (key !== this.key) return
      this.last = { req, d }
      this.render(d)
      await this.evidence.draw(d, this.point!)
    } catch (err) {
      this.error(errorText(err))
    } finally {
      btn.disabled = !this.point
    }
  }

  /** The shown result no longer matches the form: it stays visible, marked, and cannot be recorded. */
  private inputsChanged(): void {
    if (!this.last || this.recorded) return
    if (this.same(this.last.req)) {
      byId('stale-note').hidden = true
      byId('result').classList.remove('stale')
      this.lockRecord()
      return
    }
    byId('stale-note').hidden = false
    byId('result').classList.add('stale')
    byId<HTMLButtonElement>('record').disabled = true
  }

  private same(req: DiagnoseRequest): boolean {
    const now = this.request()
    return !!now && now.lon === req.lon && now.lat === req.lat && now.occurredAt === req.occurredAt && now.service === req.service && now.phenomenon === req.phenomenon
  }

  private clearResult(): void {
    byId('result').hidden = true
    byId('result').classList.remove('stale')
    byId('stale-note').hidden = true
    byId('cause').textContent = ''
    delete byId('cause').dataset.code
    byId('confidence').hidden = true
    byId('confidence').textContent = ''
    delete byId('confidence').dataset.level
    byId('low-confidence').hidden = true
    byId('answer').textContent = ''
    fill(byId('evidence'))
    fill(byId('candidates'))
    fill(byId<HTMLSelectElement>('final-cause'))
    input('number').value = ''
    input('number').disabled = false
    byId<HTMLSelectElement>('final-cause').disabled = false
    byId<HTMLTextAreaElement>('final-answer').value = ''
    byId<HTMLTextAreaElement>('final-answer').disabled = false
    const r = byId('recorded')
    r.textContent = ''
    delete r.dataset.id
    byId('record-error').textContent = ''
    byId('copy-status').textContent = ''
    this.lockRecord()
  }

  /** The record button: off while saving, once recorded, and while the result is stale. */
  private lockRecord(): void {
    byId<HTMLButtonElement>('record').disabled = this.saving || !!this.recorded || !this.last
    byId('record').textContent = this.saving ? '正在记录…' : this.recorded ? '已记录' : '记录投诉'
  }

  private render(d: Diagnosis): void {
    this.clearResult()
    // Each result shown gets the next number (data-seq): a new answer is told from the one it replaces.
    byId('result').dataset.seq = String(Number(byId('result').dataset.seq ?? 0) + 1)
    byId('cause').textContent = d.cause.label
    byId('cause').dataset.code = d.cause.code
    if (typeof d.confidence === 'number') {
      // 把握度: how likely the suggested cause is right (calibrated); high ≥ 0.8, low below 0.6.
      const c = byId('confidence')
      c.textContent = `把握度 ${Math.round(d.confidence * 100)}%`
      c.dataset.level = d.confidence >= 0.8 ? 'high' : d.confidence >= 0.6 ? 'medium' : 'low'
      c.hidden = false
    }
    byId('low-confidence').hidden = !d.lowConfidence
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
    this.lockRecord()
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
    const status = byId('copy-status')
    const ok = await copyText(byId('answer').textContent ?? '', byId('answer'))
    status.textContent = ok ? '已复制' : '未能自动复制:口径已选中,请按 Ctrl+C 复制'
    status.className = ok ? 'ok' : 'hint'
    if (ok) setTimeout(() => (status.textContent === '已复制' ? (status.textContent = '') : null), 2000)
  }

  private async record(): Promise<void> {
    if (!this.last || this.saving || this.recorded) return
    const err = byId('record-error')
    err.textContent = ''
    if (!this.same(this.last.req)) {
      this.inputsChanged()
      err.textContent = '地点、时间或现象已改动,请先重新分析原因再记录'
      return
    }
    const number = input('number').value.trim()
    const key = this.key
    this.saving = true
    this.lockRecord()
    try {
      const c = await api.record({
        ...this.last.req,
        ...(number ? { number } : {}),
        cause: byId<HTMLSelectElement>('final-cause').value as CauseCode,
        answer: byId<HTMLTextAreaElement>('final-answer').value,
      }, key)
      if (key !== this.key) return
      this.recorded = c
      const el = byId('recorded')
      fill(el, '已记录投诉,工单号 ', h('strong', { class: 'ticket' }, c.id), ' ')
      const copy = h('button', { type: 'button', class: 'link' }, '复制工单号')
      copy.addEventListener('click', async () => {
        const ok = await copyText(c.id, el.querySelector('.ticket')!)
        copy.textContent = ok ? '已复制工单号' : '请按 Ctrl+C 复制(已选中)'
      })
      el.append(copy, h('div', { class: 'muted' }, '下一位客户请点“新来电”或直接查询新地点'))
      el.dataset.id = c.id
      // The record is done: its fields are locked so nothing typed now is mistaken for saved.
      input('number').value = c.number ?? ''
      input('number').disabled = true
      byId<HTMLSelectElement>('final-cause').disabled = true
      byId<HTMLTextAreaElement>('final-answer').disabled = true
      this.onRecorded()
    } catch (e) {
      if (key === this.key) err.textContent = `未记录:${errorText(e)}`
    } finally {
      if (key === this.key) {
        this.saving = false
        this.lockRecord()
      }
    }
  }
}
