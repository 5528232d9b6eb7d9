/** Tabs mounted after the page's own (口径管理, 统计报表, 信息发布): one tab, one panel, stepping aside for any other. */
import { byId, h } from './dom.js'

export interface TabSpec {
  /** The tab is #tab-{name}, its panel #{name}-panel. */
  name: string
  label: string
  /** body[data-screen] while it is shown. */
  screen: string
  onShow: () => void
  /** When another tab is chosen. */
  onHide?: () => void
}

/**
 * Adds the tab after 网维分析 and its panel after the engineer panel. Choosing it shows its panel and
 * hides every other; choosing any other tab (main.ts's, or one mounted later) hides it again.
 */
export function mountTab({ name, label, screen, onShow, onHide }: TabSpec): { tab: HTMLButtonElement; panel: HTMLElement } {
  const tab = h('button', { type: 'button', role: 'tab', id: `tab-${name}`, 'aria-controls': `${name}-panel`, 'aria-selected': 'false' }, label)
  byId('tab-engineer').after(tab)
  const panel = h('section', { id: `${name}-panel`, role: 'tabpanel', 'aria-labelledby': `tab-${name}`, hidden: true })
  byId('engineer-panel').after(panel)
  tab.addEventListener('click', () => {
    for (const other of document.querySelectorAll<HTMLElement>('[role=tab]')) if (other !== tab) other.setAttribute('aria-selected', 'false')
    for (const p of document.querySelectorAll<HTMLElement>('[role=tabpanel]')) p.hidden = p !== panel
    tab.setAttribute('aria-selected', 'true')
    document.body.dataset.screen = screen
    onShow()
  })
  tab.parentElement!.addEventListener('click', (e) => {
    const t = (e.target as HTMLElement).closest('[role=tab]')
    if (t && t !== tab) {
      tab.setAttribute('aria-selected', 'false')
      panel.hidden = true
      onHide?.()
    }
  })
  return { tab, panel }
}
