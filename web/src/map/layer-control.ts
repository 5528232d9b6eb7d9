/** The map's layer switches and legend, as real checkboxes (keyboard and screen-reader friendly). */
import L from '../leaflet.js'
import { h } from '../dom.js'
import { STATE_LABELS, STATE_ORDER } from '../labels.js'

/** A layer switch; `badge` (a live count, say) is shown after the label. */
export interface Switch { id: string; label: string; layer: L.Layer; on: boolean; badge?: Node }

/** A control listing the switches, then the legend of site states. */
export function layerControl(map: L.Map, switches: Switch[], onToggle: (s: Switch, on: boolean) => void): L.Control {
  const Ctl = L.Control.extend({
    onAdd() {
      const box = h('form', { class: 'layer-switches', 'aria-label': '图层' },
        h('div', { class: 'ctl-title' }, '图层'),
        ...switches.map((s) => {
          const input = h('input', { type: 'checkbox', id: `layer-${s.id}`, checked: s.on })
          input.addEventListener('change', () => {
            if (input.checked) map.addLayer(s.layer)
            else map.removeLayer(s.layer)
            onToggle(s, input.checked)
          })
          return h('label', { for: `layer-${s.id}` }, input, ' ', s.label, s.badge ? ' ' : null, s.badge)
        }),
        h('div', { class: 'ctl-title' }, '基站状态'),
        ...STATE_ORDER.map((st) => h('div', { class: 'legend-row' }, h('span', { class: `site-icon legend state-${st}` }), STATE_LABELS[st])))
      L.DomEvent.disableClickPropagation(box)
      L.DomEvent.disableScrollPropagation(box)
      for (const s of switches) if (s.on) map.addLayer(s.layer)
      return box
    },
  })
  return new Ctl({ position: 'topright' })
}
