/** The map's layer switches and legend, as real checkboxes (keyboard and screen-reader friendly). */
import L from '../leaflet.js'
import { h } from '../dom.js'
import { STATE_LABELS, STATE_ORDER } from '../labels.js'

/** A layer switch; `badge` (a live count, say) is shown after the label. */
export interface Switch { id: string; label: string; layer: L.Layer; on: boolean; badge?: Node }

/** Where the user's own choice (open or collapsed) is kept, once they have toggled the list. */
export const LAYERS_OPEN_KEY = 'tousu.layers.open'
/** Below either size the list starts collapsed: open, it would cover too much of a small map. */
const ROOMY_WIDTH = 1100
const ROOMY_HEIGHT = 760

/** The user's remembered choice, or null when they never toggled (or storage is unavailable). */
function rememberedOpen(): boolean | null {
  try {
    const v = localStorage.getItem(LAYERS_OPEN_KEY)
    return v === null ? null : v === '1'
  } catch {
    return null
  }
}

function remember(open: boolean): void {
  try {
    localStorage.setItem(LAYERS_OPEN_KEY, open ? '1' : '0')
  } catch {
    // Private mode or storage full: the choice lasts for this page only.
  }
}

/**
 * A control listing the switches, then the legend of site states, behind a 图层 toggle button
 * (aria-expanded). It starts as the user last left it; before any toggle, open only on a map at
 * least ROOMY_WIDTH × ROOMY_HEIGHT. Collapsed, only the button shows. The checkboxes stay in the
 * document either way (collapsed they are hidden, not removed), so code that reads or sets
 * `#layer-{id}` works whatever the state.
 */
export function layerControl(map: L.Map, switches: Switch[], onToggle: (s: Switch, on: boolean) => void): L.Control {
  const Ctl = L.Control.extend({
    onAdd() {
      const size = map.getSize()
      const open = rememberedOpen() ?? (size.x >= ROOMY_WIDTH && size.y >= ROOMY_HEIGHT)
      const body = h('div', { class: 'layer-body', id: 'layer-body', hidden: !open },
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
        h('div', { class: 'layer-legend' },
          ...STATE_ORDER.map((st) => h('div', { class: 'legend-row' }, h('span', { class: `site-icon legend state-${st}` }), STATE_LABELS[st]))))
      const toggle = h('button', { type: 'button', class: 'layer-toggle', id: 'layer-toggle', 'aria-expanded': String(open), 'aria-controls': 'layer-body', title: '显示或收起图层列表' }, '图层')
      const box = h('form', { class: 'layer-switches', 'aria-label': '图层', 'data-open': String(open) }, toggle, body)
      const set = (on: boolean) => {
        body.hidden = !on
        toggle.setAttribute('aria-expanded', String(on))
        box.dataset.open = String(on)
      }
      toggle.addEventListener('click', () => {
        const on = body.hidden
        set(on)
        remember(on)
      })
      // Escape inside the open list closes it and gives focus back to the toggle.
      box.addEventListener('keydown', (e) => {
        if (e.key === 'Escape' && !body.hidden) {
          set(false)
          remember(false)
          toggle.focus()
        }
      })
      L.DomEvent.disableClickPropagation(box)
      L.DomEvent.disableScrollPropagation(box)
      for (const s of switches) if (s.on) map.addLayer(s.layer)
      return box
    },
  })
  return new Ctl({ position: 'topright' })
}
