/**
 * Published network information on the map, for everyone: each object drawn with its type's symbol
 * (polygons in the type's colour, dashed; points as the type's shape), with a popup giving the type,
 * the fields, the validity and who published it. Engineers' popups add 编辑 and 撤销.
 */
import L from '../leaflet.js'
import type { BBox } from '../api.js'
import { h } from '../dom.js'
import { fullTime, showTime } from '../time.js'
import { publishApi, type FieldValue, type InfoType, type Published } from './api.js'

/** How each diagnosisAs reads in a popup. */
export const DIAGNOSIS_AS_LABELS: Record<InfoType['diagnosisAs'], string> = {
  none: '仅展示,不参与原因分析', blind_spot: '按盲点参与原因分析', weak_coverage: '按弱覆盖参与原因分析',
  planned_site: '按规划基站参与原因分析', cutover: '按割接参与原因分析',
}

/** Engineers' actions on an object, from its popup. */
export interface ObjectActions {
  edit(o: Published, type: InfoType): void
  withdraw(o: Published): Promise<void>
}

export class PublishLayer {
  readonly group = L.featureGroup()
  types = new Map<string, InfoType>()
  objects: Published[] = []
  actions: ObjectActions | null = null
  private bbox: BBox | null = null

  constructor(private readonly map: L.Map) {
    // Above the other overlays (so their popups open), below the markers of the sites.
    map.createPane('publish').style.zIndex = '450'
    this.group.addTo(map)
  }

  /** Reloads the types (they may have changed) and the objects valid now in the bbox. */
  async load(b: BBox, reloadTypes = false): Promise<void> {
    this.bbox = b
    if (reloadTypes || this.types.size === 0) this.types = new Map((await publishApi.types()).map((t) => [t.id, t]))
    const list = await publishApi.objects(b)
    this.objects = list
    this.group.clearLayers()
    for (const o of list) {
      const type = this.types.get(o.typeId)
      if (type) this.draw(o, type).addTo(this.group)
    }
    this.map.getContainer().dataset.published = String(list.length)
  }

  /** Loads again for the last bbox (after a change here or elsewhere). */
  async reload(reloadTypes = true): Promise<void> {
    if (this.bbox) await this.load(this.bbox, reloadTypes)
  }

  private draw(o: Published, type: InfoType): L.Layer {
    const color = type.symbol.color
    const label = `${type.name}:${headline(o, type)}`
    let layer: L.Polygon | L.Marker
    if (o.geometry.type === 'Polygon') {
      const rings = o.geometry.coordinates.map((ring) => ring.map(([lon, lat]) => L.latLng(lat, lon)))
      layer = L.polygon(rings, { pane: 'publish', color, weight: 2, dashArray: '6 4', fillColor: color, fillOpacity: 0.18, className: `pub-area pub-type-${type.id}` })
    } else {
      const [lon, lat] = o.geometry.coordinates
      const shape = h('span', { class: `pub-shape pub-shape-${type.symbol.shape}` })
      shape.style.setProperty('--pub-color', color)
      layer = L.marker([lat, lon], { title: label, keyboard: false, icon: L.divIcon({ className: `pub-marker pub-type-${type.id}`, html: shape, iconSize: [20, 20] }) })
    }
    layer.on('add', () => {
      const el = layer.getElement()
      el?.setAttribute('data-pub-id', o.id)
      el?.setAttribute('aria-label', label)
    })
    layer.bindTooltip(label, { sticky: true })
    layer.bindPopup(() => this.popup(o, type), { minWidth: 220, maxWidth: 320 })
    return layer
  }

  private popup(o: Published, type: InfoType): HTMLElement {
    const rows = type.fields.filter((f) => o.fields[f.key] != null && o.fields[f.key] !== '')
      .map((f) => [h('dt', {}, f.label), h('dd', {}, show(o.fields[f.key], f.type))])
    const box = h('div', { class: 'pub-popup', 'data-pub-id': o.id },
      h('strong', {}, type.name), ' ', h('span', { class: 'muted' }, DIAGNOSIS_AS_LABELS[type.diagnosisAs]),
      h('dl', {}, ...rows.flat(),
        h('dt', {}, '有效期'), h('dd', { class: 'pub-validity' }, `${fullTime(o.validFrom)} 至 ${o.validTo ? fullTime(o.validTo) : '长期(至撤销)'}`),
        h('dt', {}, '发布'), h('dd', { class: 'pub-by' }, `${o.createdBy ?? '—'} ${fullTime(o.createdAt)}`),
        o.version > 1 ? h('dt', {}, '更新') : null, o.version > 1 ? h('dd', {}, `${o.updatedBy ?? '—'} ${fullTime(o.updatedAt)}(第 ${o.version} 版)`) : null))
    const actions = this.actions
    if (actions) {
      const edit = h('button', { type: 'button', class: 'secondary pub-edit' }, '编辑')
      edit.addEventListener('click', () => {
        this.map.closePopup()
        actions.edit(o, type)
      })
      const withdraw = withdrawButton(() => actions.withdraw(o))
      box.append(h('div', { class: 'row' }, edit, withdraw))
    }
    return box
  }
}

/** A two-step 撤销 button: the first click asks, the second withdraws (no browser dialog). */
export function withdrawButton(run: () => Promise<void>): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'secondary pub-withdraw' }, '撤销')
  b.addEventListener('click', () => {
    if (b.dataset.confirm !== '1') {
      b.dataset.confirm = '1'
      b.textContent = '确认撤销'
      return
    }
    b.disabled = true
    void run().finally(() => (b.disabled = false))
  })
  return b
}

/** The object's line in lists and tooltips: its description or name, else its first value. */
export function headline(o: Published, type: InfoType): string {
  for (const key of ['description', 'name']) if (typeof o.fields[key] === 'string') return o.fields[key] as string
  const first = type.fields.find((f) => o.fields[f.key] != null)
  return first ? show(o.fields[first.key], first.type) : o.id
}

function show(v: FieldValue | undefined, type: string): string {
  if (v == null) return ''
  if (type === 'boolean') return v ? '是' : '否'
  if (type === 'datetime' && typeof v === 'string') return showTime(v)
  return String(v)
}
