/**
 * The place search: suggestions as the agent types (debounced, the previous request aborted), an ARIA
 * combobox driven by the keyboard (↓ ↑ to move, Enter to choose, Esc to close) or the mouse. The same
 * box finds complaints for a call-back — by ticket (C20261204-…), the customer's number (whole or its
 * last four digits, shown masked to agents) or the address — listed after the places.
 */
import { api, type ComplaintHit, type SearchHit } from '../api.js'
import { debounce, fill, h } from '../dom.js'
import { errorText } from '../errors.js'
import { PHENOMENA } from '../labels.js'
import { showTime } from '../time.js'

/** Wait this long after the last key before asking: a fast typist sends one request, not six. */
const DEBOUNCE_MS = 150

export const TYPE_LABELS: Record<string, string> = {
  road: '道路', compound: '小区', landmark: '地标', building: '建筑', district: '行政区', site: '基站',
}

const MATCH_LABELS: Record<ComplaintHit['match'], string> = { id: '工单号', ticket: '外部工单号', number: '客户号码', number_tail: '号码后四位', address: '地址' }

/** Is the text worth asking the complaint lookup? (a ticket, 4+ digits, or 2+ characters of an address) */
const mayBeComplaint = (t: string) => /^c\d{4}/i.test(t) || /\d{4}/.test(t) || (t.length >= 2 && /[\u4e00-\u9fff]/.test(t))

type Hit = { kind: 'place'; hit: SearchHit } | { kind: 'complaint'; hit: ComplaintHit }

/** Wires the combobox `input` + `list`; `onChoose` gets the chosen place, `onComplaint` the chosen complaint. */
export function searchBox(input: HTMLInputElement, list: HTMLUListElement, onChoose: (hit: SearchHit) => void, onComplaint?: (c: ComplaintHit) => void): void {
  let hits: Hit[] = []
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
      document.getElementById(`q-opt-${i}`)?.scrollIntoView({ block: 'nearest' })
    } else input.removeAttribute('aria-activedescendant')
  }
  const choose = (i: number) => {
    const hit = hits[i]
    if (!hit) return
    close()
    if (hit.kind === 'place') {
      input.value = hit.hit.name
      onChoose(hit.hit)
    } else onComplaint?.(hit.hit)
  }
  const render = (text: string) => {
    if (!hits.length) {
      fill(list, h('li', { class: 'empty', role: 'presentation' }, `未找到“${text}”`))
    } else {
      const options = hits.map((hit, i) => {
        const li = hit.kind === 'place'
          ? h('li', { id: `q-opt-${i}`, role: 'option', 'aria-selected': 'false', 'data-id': hit.hit.id },
            h('span', { class: 'hit-name' }, hit.hit.name), h('span', { class: 'hit-type' }, TYPE_LABELS[hit.hit.type] ?? hit.hit.type))
          : h('li', { id: `q-opt-${i}`, role: 'option', 'aria-selected': 'false', 'data-complaint': hit.hit.id, class: 'hit-complaint' },
            h('span', { class: 'hit-name' }, hit.hit.id, ' ', h('span', { class: 'muted' }, hit.hit.number ?? '')),
            h('span', { class: 'hit-type' }, hit.hit.statusLabel ?? '投诉'),
            h('div', { class: 'hit-sub muted' }, `${showTime(hit.hit.occurredAt)} ${(PHENOMENA as Record<string, string>)[hit.hit.phenomenon] ?? hit.hit.phenomenon} · ${hit.hit.address} · 按${MATCH_LABELS[hit.hit.match]}找到`))
        // mousedown, not click: choosing must not blur the input first.
        li.addEventListener('mousedown', (e) => {
          e.preventDefault()
          choose(i)
        })
        return li
      })
      const first = hits.findIndex((x) => x.kind === 'complaint')
      if (first >= 0) options.splice(first, 0, h('li', { class: 'group', role: 'presentation' }, '投诉工单'))
      fill(list, ...options)
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
    const t = text.trim()
    try {
      const [places, complaints] = await Promise.all([
        api.search(t, ctl.signal),
        onComplaint && mayBeComplaint(t) ? api.lookup(t, ctl.signal).then((r) => r.items, () => [] as ComplaintHit[]) : [],
      ])
      if (ctl.signal.aborted || input.value !== text) return
      // A ticket or a number is what the agent typed for a call-back: its complaints come first.
      const complaintFirst = /^c\d{4}/i.test(t) || /^[\d +-]{4,}$/.test(t)
      const p: Hit[] = places.map((hit) => ({ kind: 'place', hit }))
      const c: Hit[] = complaints.map((hit) => ({ kind: 'complaint', hit }))
      hits = complaintFirst ? [...c, ...p] : [...p, ...c]
      render(text)
    } catch (err) {
      if ((err as Error).name !== 'AbortError') {
        fill(list, h('li', { class: 'empty' }, errorText(err)))
        list.hidden = false
      }
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
