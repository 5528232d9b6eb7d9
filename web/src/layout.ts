/**
 * The page's overall layout on narrow screens (≤ NARROW_PX wide, a phone): the map and the side panel
 * become two views, one shown at a time filling the space between the header and a two-button switch
 * (地图 / the current tab's panel). Wider, both are side by side and the switch is hidden; the chosen
 * view is still kept, so narrowing the window (or turning a tablet) shows the one last chosen.
 *
 * The CSS (layout.css) does the showing and hiding from body[data-view]. The hidden view keeps its box
 * (visibility, not display): the map keeps its size, so a flyTo made while the panel is shown lands
 * where it should, and the panel keeps its scroll position.
 */
import type L from './leaflet.js'
import { h } from './dom.js'

export type View = 'map' | 'panel'

/** The widest window (CSS px) that gets the two-view layout; layout.css's media query says the same. */
export const NARROW_PX = 700

const narrowQuery = () => matchMedia(`(max-width: ${NARROW_PX}px)`)

let current: View = 'panel'
let theMap: L.Map | null = null
let mapButton: HTMLButtonElement | null = null
let panelButton: HTMLButtonElement | null = null

/** Is the page in its two-view (phone) layout now? */
export function isNarrow(): boolean {
  return narrowQuery().matches
}

/** The view chosen last (on a wide screen both are visible whatever it says). */
export function currentView(): View {
  return current
}

/**
 * Shows `view` on a narrow screen (on a wide one both are visible; the choice is kept for when it
 * narrows). Showing the map fits it to its box again (map.invalidateSize) and clears the 地图
 * button's "the map moved" mark. Safe to call before mountLayout: the choice then applies once mounted.
 */
export function showView(view: View): void {
  current = view
  document.body.dataset.view = view
  mapButton?.setAttribute('aria-pressed', String(view === 'map'))
  panelButton?.setAttribute('aria-pressed', String(view === 'panel'))
  if (view === 'map') {
    mapButton?.removeAttribute('data-attention')
    fitMap()
  }
}

/** After the layout changed the map's box: Leaflet measures it again (next frame, once the CSS applied). */
function fitMap(): void {
  const map = theMap
  if (map) requestAnimationFrame(() => map.invalidateSize({ pan: false }))
}

/** The selected header tab's name (客服受理, 网维分析, …): what the panel view shows. */
function panelLabel(): string {
  return document.querySelector('header.top [role=tablist] [role=tab][aria-selected=true]')?.textContent?.trim() || '工作面板'
}

/**
 * Adds the view switch (a bar at the bottom of the page, shown on narrow screens only) and starts in
 * the panel view: an agent's first act is a search. Call once, after the map is created.
 * - Choosing a header tab shows the panel (that is what the user asked to see).
 * - The map moving while the panel is shown (a search result, a site opened from a list) marks the
 *   地图 button, so the user sees there is something to look at, one tap away.
 * - Crossing NARROW_PX (resize, rotation) fits the map to its new box.
 */
export function mountLayout(map: L.Map): void {
  if (theMap) return
  theMap = map
  mapButton = h('button', { type: 'button', class: 'view-map', 'aria-pressed': 'false', 'aria-controls': 'map' }, '地图')
  panelButton = h('button', { type: 'button', class: 'view-panel', 'aria-pressed': 'false' }, panelLabel())
  mapButton.addEventListener('click', () => showView('map'))
  panelButton.addEventListener('click', () => showView('panel'))
  document.body.append(h('nav', { class: 'view-switch', 'aria-label': '切换地图与面板' }, mapButton, panelButton))
  document.body.classList.add('has-view-switch')

  const tablist = document.querySelector('header.top [role=tablist]')
  if (tablist) {
    // Tabs are added later (口径管理, 统计报表, 信息发布) and switch aria-selected: keep the label current.
    new MutationObserver(() => {
      if (panelButton) panelButton.textContent = panelLabel()
    }).observe(tablist, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-selected'] })
    tablist.addEventListener('click', (e) => {
      if ((e.target as Element).closest('[role=tab]') && isNarrow()) showView('panel')
    })
  }
  map.on('movestart', () => {
    if (isNarrow() && current === 'panel') mapButton?.setAttribute('data-attention', '')
  })
  narrowQuery().addEventListener('change', fitMap)
  showView(current)
}
