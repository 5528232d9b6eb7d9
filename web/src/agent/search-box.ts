/**
 * The place search: suggestions as the agent types (debounced, the previous request aborted), an ARIA
 * combobox driven by the keyboard (↓ ↑ to move, Enter to choose, Esc to close) or the mouse.
 */
import { api, type SearchHit } from '../api.js'
import { debounce, fill, h } from '../dom.js'

/** Wait this long after the last key before asking: a fast typist sends one request, not six. */
const DEBOUNCE_MS = 150

export const TYPE_LABELS: Record<string, string> = {
  road: '道路', compound: '小区', landmark: '地标', building: '建筑', district: '行政区', site: '基站',
}

/** Wires the combobox `input` + `list`; `onChoose` gets the chosen hit. */
export function searchBox(input: HTMLInputElement, list: HTMLUListElement, onChoose: (hit: SearchHit) => void): void {
  let hits: SearchHit[] = []
  let active = -1
  let pending: AbortController | null = null

  const close = () => {
    list.hidden = true
    input.setAttribute('aria-expanded', 'false')
    input.removeAttribute('aria-activedescendant')
    active = -1
  }
  const setActive = (i: number) => {
    active = i
    list.querySelectorAll('[role=option]').forEach((el, k) => el.setAttribute('aria-selected', String(k === i)))
    if (i >= 0) {
      input.setAttribute('aria-activedescendant', `q-opt-${i}`)
      list.children[i]?.scrollIntoView({ block: 'nearest' })
    } else input.removeAttribute('aria-activedescendant')
  }
  const choose = (i: number) => {
    const hit = hits[i]
    if (!hit) return
    input.value = hit.name
    close()
    onChoose(hit)
  }
  const render = (text: string) => {
    if (!hits.length) {
      fill(list, h('li', { class: 'empty', role: 'presentation' }, `未找到“${text}”`))
    } else {
      fill(list, ...hits.map((hit, i) => {
        const li = h('li', { id: `q-opt-${i}`, role: 'option', 'aria-selected': 'false', 'data-id': hit.id },
          h('span', { class: 'hit-name' }, hit.name), h('span', { class: 'hit-type' }, TYPE_LABELS[hit.type] ?? hit.type))
        // mousedown, not click: choosing must not blur the input first.
        li.addEventListener('mousedown', (e) => {
          e.preventDefault()
          choose(i)
        })
        return li
      }))
    }
    list.hidden = false
    input.setAttribute('aria-expanded', 'true')
    setActive(hits.length ? 0 : -1)
  }
  const lookup = debounce(async (text: string) => {
    pending?.abort()
    if (!text.trim()) {
      hits = []
      close()
      return
    }
    const ctl = (pending = new AbortController())
    try {
      hits = await api.search(text.trim(), ctl.signal)
      if (ctl.signal.aborted || input.value !== text) return
      render(text)
    } catch (err) {
      if ((err as Error).name !== 'AbortError') fill(list, h('li', { class: 'empty' }, (err as Error).message))
    }
  }, DEBOUNCE_MS)

  input.addEventListener('input', () => lookup(input.value))
  input.addEventListener('keydown', (e) => {
    const open = !list.hidden && hits.length > 0
    if (e.key === 'ArrowDown') {
      e.preventDefault()
      if (!open) lookup(input.value)
      else setActive((active + 1) % hits.length)
    } else if (e.key === 'ArrowUp') {
      e.preventDefault()
      if (open) setActive((active - 1 + hits.length) % hits.length)
    } else if (e.key === 'Enter') {
      e.preventDefault()
      if (open) choose(active >= 0 ? active : 0)
    } else if (e.key === 'Escape') {
      close()
    }
  })
  input.addEventListener('blur', () => setTimeout(close, 100))
}
