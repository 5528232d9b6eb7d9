/**
 * 信息发布 (engineers): a tab where an engineer picks an information type, draws its point or polygon
 * on the map (leaflet-geoman), fills the form generated from the type's fields and the validity, and
 * publishes; objects in view are listed with 编辑 and 撤销 (also in their popups). Loaded only for users
 * with the 'publish' permission, so agents' pages never load geoman for it.
 */
import type L from '../leaflet.js'
import { byId, fill, h } from '../dom.js'
import { mountTab } from '../tabs.js'
import { viewBbox } from '../map/base.js'
import { fromLocalInput, toLocalInput } from '../time.js'
import { withGeoman } from '../engineer/plugins.js'
import { publishApi, type FieldDef, type FieldValue, type InfoType, type Published } from './api.js'
import { DIAGNOSIS_AS_LABELS, headline, withdrawButton, type PublishLayer } from './layer.js'

type Input = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement

/** Adds the 信息发布 tab and its panel; popups of published objects get 编辑 and 撤销. */
export function mountEditor(map: L.Map, layer: PublishLayer): PublishEditor {
  // Another tab shows its own panel; this one steps aside (and stops any drawing).
  const { tab, panel } = mountTab({ name: 'publish', label: '信息发布', screen: 'publish', onShow: () => void editor.init(), onHide: () => editor.stopDrawing() })
  const editor = new PublishEditor(panel, map, layer)
  layer.actions = { edit: (o, type) => { tab.click(); editor.edit(o, type) }, withdraw: (o) => editor.withdraw(o) }
  return editor
}

export class PublishEditor {
  private readonly type = h('select', { id: 'pub-type', 'aria-label': '信息类型' })
  private readonly typeNote = h('p', { id: 'pub-type-note', class: 'muted' })
  private readonly drawButton = h('button', { type: 'button', id: 'pub-draw', class: 'secondary' }, '在地图上绘制')
  private readonly geomStatus = h('output', { id: 'pub-geom', class: 'muted' }, '未绘制')
  private readonly fields = h('fieldset', { id: 'pub-fields' })
  private readonly from = h('input', { id: 'pub-from', type: 'datetime-local', required: true })
  private readonly to = h('input', { id: 'pub-to', type: 'datetime-local' })
  private readonly save = h('button', { type: 'submit', id: 'pub-save' }, '发布')
  private readonly cancel = h('button', { type: 'button', id: 'pub-cancel', class: 'secondary', hidden: true }, '取消编辑')
  private readonly status = h('p', { id: 'pub-status', role: 'status' })
  private readonly list = h('ol', { id: 'pub-list', class: 'plain' })
  private types: InfoType[] = []
  private inputs = new Map<string, Input>()
  private geometry: GeoJSON.Point | GeoJSON.Polygon | null = null
  private preview: L.Layer | null = null
  private editing: Published | null = null
  private started = false

  constructor(private readonly box: HTMLElement, private readonly map: L.Map, private readonly layer: PublishLayer) {}

  async init(): Promise<void> {
    if (this.started) return this.refreshList()
    this.started = true
    const form = h('form', { id: 'pub-form' },
      h('label', {}, '信息类型 ', this.type), this.typeNote,
      h('div', { class: 'row' }, this.drawButton, ' ', this.geomStatus),
      this.fields,
      h('div', { class: 'row3' }, h('label', {}, '生效时间 ', this.from), h('label', {}, '失效时间 ', this.to)),
      h('p', { class: 'muted' }, '失效时间留空为长期有效(至撤销)。'),
      this.save, ' ', this.cancel, this.status)
    form.addEventListener('submit', (e) => {
      e.preventDefault()
      void this.submit()
    })
    this.type.addEventListener('change', () => this.showType())
    this.drawButton.addEventListener('click', () => this.draw())
    this.cancel.addEventListener('click', () => this.reset('已取消编辑'))
    fill(this.box, h('h2', {}, '网维信息发布'), form, h('h3', {}, '当前地图范围内的发布信息'), this.list)
    withGeoman(this.map)
    this.map.pm.setLang('zh')
    this.types = await publishApi.types()
    fill(this.type, ...this.types.map((t) => h('option', { value: t.id }, t.name)))
    this.reset()
    await this.refreshList()
  }

  /** The chosen type. */
  private current(): InfoType {
    return this.types.find((t) => t.id === this.type.value) ?? this.types[0]
  }

  /** Builds the form of the chosen type's fields. */
  private showType(values: Record<string, FieldValue> = {}): void {
    const type = this.current()
    this.typeNote.textContent = `${type.geometry === 'point' ? '点' : '多边形'} · ${DIAGNOSIS_AS_LABELS[type.diagnosisAs]}`
    this.drawButton.textContent = type.geometry === 'point' ? '在地图上选点' : '在地图上画多边形'
    this.inputs.clear()
    fill(this.fields, h('legend', {}, `${type.name}信息`), ...type.fields.map((f) => this.fieldRow(f, values[f.key] ?? null)))
    if (!this.editing) this.clearGeometry()
  }

  private fieldRow(f: FieldDef, v: FieldValue): HTMLElement {
    const id = `pub-f-${f.key}`
    const attrs = { id, name: f.key, required: f.required && f.type !== 'boolean' }
    let input: Input
    switch (f.type) {
      case 'textarea':
        input = h('textarea', { ...attrs, rows: 2, maxlength: f.max ?? 2000 })
        input.value = v == null ? '' : String(v)
        break
      case 'number':
      case 'integer':
        input = h('input', { ...attrs, type: 'number', step: f.type === 'integer' ? 1 : 'any', min: f.min, max: f.max })
        input.value = v == null ? '' : String(v)
        break
      case 'boolean':
        input = h('input', { ...attrs, type: 'checkbox' })
        input.checked = v === true
        break
      case 'datetime':
        input = h('input', { ...attrs, type: 'datetime-local' })
        input.value = typeof v === 'string' ? toLocalInput(Date.parse(v)) : ''
        break
      case 'select':
        input = h('select', attrs, h('option', { value: '' }, '—'), ...(f.options ?? []).map((o) => h('option', { value: o }, o)))
        input.value = v == null ? '' : String(v)
        break
      default:
        input = h('input', { ...attrs, maxlength: f.max ?? 2000, autocomplete: 'off' })
        input.value = v == null ? '' : String(v)
    }
    this.inputs.set(f.key, input)
    return h('label', { class: f.type === 'boolean' ? 'check' : '' }, `${f.label}${f.required ? ' *' : ''} `, input)
  }

  /** The values of the form, as the API takes them (empty ones left out). */
  private values(): Record<string, FieldValue> {
    const out: Record<string, FieldValue> = {}
    for (const f of this.current().fields) {
      const input = this.inputs.get(f.key)!
      if (f.type === 'boolean') out[f.key] = (input as HTMLInputElement).checked
      else if (input.value.trim() === '') continue
      else if (f.type === 'number' || f.type === 'integer') out[f.key] = Number(input.value)
      else if (f.type === 'datetime') out[f.key] = fromLocalInput(input.value)
      else out[f.key] = input.value
    }
    return out
  }

  private draw(): void {
    const type = this.current()
    this.clearGeometry()
    this.map.pm.enableDraw(type.geometry === 'point' ? 'Marker' : 'Polygon', { snappable: false, continueDrawing: false })
    this.geomStatus.textContent = type.geometry === 'point' ? '请在地图上点击位置' : '在地图上逐点点击,点击起点结束'
    this.map.once('pm:create', (e) => {
      const l = (e as unknown as { layer: L.Polygon | L.Marker }).layer
      this.preview = l
      this.geometry = l.toGeoJSON().geometry as GeoJSON.Point | GeoJSON.Polygon
      this.geomStatus.textContent = type.geometry === 'point' ? '已选点' : `已绘制(${(this.geometry as GeoJSON.Polygon).coordinates[0].length - 1} 个顶点)`
      this.geomStatus.dataset.drawn = '1'
    })
  }

  stopDrawing(): void {
    if (this.started) this.map.pm.disableDraw()
  }

  private clearGeometry(): void {
    this.stopDrawing()
    if (this.preview) this.map.removeLayer(this.preview)
    this.preview = null
    this.geometry = null
    this.geomStatus.textContent = '未绘制'
    delete this.geomStatus.dataset.drawn
  }

  /** Back to a new, empty object of the chosen type. */
  private reset(message = ''): void {
    this.editing = null
    this.type.disabled = false
    this.save.textContent = '发布'
    this.cancel.hidden = true
    this.from.value = toLocalInput(Date.now())
    this.to.value = ''
    this.showType()
    this.status.textContent = message
  }

  /** Loads an object into the form; its geometry stays unless redrawn. */
  edit(o: Published, type: InfoType): void {
    void this.init().then(() => {
      this.clearGeometry()
      this.editing = o
      this.type.value = type.id
      this.type.disabled = true
      this.showType(o.fields)
      this.geometry = o.geometry
      this.geomStatus.textContent = '沿用原位置(可重新绘制)'
      this.from.value = toLocalInput(Date.parse(o.validFrom))
      this.to.value = o.validTo ? toLocalInput(Date.parse(o.validTo)) : ''
      this.save.textContent = '保存修改'
      this.cancel.hidden = false
      this.status.textContent = `正在编辑:${type.name} ${headline(o, type)}`
    })
  }

  private async submit(): Promise<void> {
    const type = this.current()
    if (!this.geometry) {
      this.status.textContent = type.geometry === 'point' ? '请先在地图上选点' : '请先在地图上画出范围'
      return
    }
    const body = {
      geometry: this.geometry, fields: this.values(),
      validFrom: fromLocalInput(this.from.value), validTo: this.to.value ? fromLocalInput(this.to.value) : null,
    }
    this.save.disabled = true
    try {
      const o = this.editing ? await publishApi.edit(this.editing.id, body) : await publishApi.publish({ typeId: type.id, ...body })
      this.clearGeometry()
      this.reset(`${this.editing ? '已保存' : '已发布'}:${type.name} ${headline(o, type)}${o.diagnosis ? '(已参与原因分析)' : ''}`)
      this.status.dataset.published = o.id
      await Promise.all([this.layer.reload(false), this.refreshList()])
    } catch (err) {
      this.status.textContent = `未保存:${(err as Error).message}`
    } finally {
      this.save.disabled = false
    }
  }

  async withdraw(o: Published): Promise<void> {
    try {
      await publishApi.withdraw(o.id)
      if (this.editing?.id === o.id) this.reset()
      this.status.textContent = '已撤销'
      this.map.closePopup()
      await Promise.all([this.layer.reload(false), this.refreshList()])
    } catch (err) {
      this.status.textContent = `撤销失败:${(err as Error).message}`
    }
  }

  /** The objects in view (also upcoming ones), with 编辑 and 撤销. */
  async refreshList(): Promise<void> {
    if (!this.started) return
    const list = await publishApi.objects(viewBbox(this.map), 'active')
    const types = new Map(this.types.map((t) => [t.id, t]))
    fill(this.list, ...(list.length ? list.map((o) => {
      const type = types.get(o.typeId)
      if (!type) return null
      const edit = h('button', { type: 'button', class: 'link' }, '编辑')
      edit.addEventListener('click', () => this.edit(o, type))
      return h('li', { 'data-pub-id': o.id }, h('strong', {}, type.name), ` ${headline(o, type)} `,
        h('span', { class: 'muted' }, o.live ? `${o.createdBy ?? ''}` : '未生效'), ' ', edit, ' ', withdrawButton(() => this.withdraw(o)))
    }) : [h('li', { class: 'muted' }, '当前范围内没有发布信息')]))
  }
}
