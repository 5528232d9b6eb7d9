/**
 * 网元树 (issue 9): the MSC → BSC → site → cell tree and the transmission rings in a collapsible section
 * of the agent's screen. Search filters the tree (id or name; the ancestors of a hit stay, opened);
 * a site opens on the map (the site panel); a BSC, MSC or ring draws its footprint on the map and shows
 * its alarm state, its own alarms and cutovers and the complaints inside it.
 */
import L from '../leaflet.js'
import { byId, debounce, fill, h, type Child } from '../dom.js'
import { ELEMENT_LABELS, PHENOMENA, STATE_LABELS, type SiteState } from '../labels.js'
import { treeApi, type BscNode, type ElementDetail, type ElementType, type MscNode, type NetworkTree, type SiteNode } from './api.js'

const STATE_COLORS: Record<SiteState, string> = { alarm: '#e74c3c', cutover: '#8e44ad', recent_alarm: '#d4ac0d', normal: '#27ae60' }
/** Complaints listed under a selected element (the count is of all). */
const LIST_MAX = 20
const china = (iso: string) => new Date(iso).toLocaleString('zh-CN', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' })

const badge = (s: SiteState) => h('span', { class: `badge state-${s}`, title: STATE_LABELS[s] }, STATE_LABELS[s].replace(/\(.*\)/, ''))
const dot = (s: SiteState) => h('span', { class: `tree-dot state-${s}`, title: STATE_LABELS[s], 'aria-label': STATE_LABELS[s] })

/** The tree panel; refresh() reloads it (after imports) when it has been opened. */
export class TreePanel {
  private tree: NetworkTree | null = null
  private readonly footprint: L.FeatureGroup
  private selected: { type: ElementType; id: string } | null = null
  private readonly box = byId<HTMLDetailsElement>('tree-box')
  private readonly list = byId('tree-list')
  private readonly info = byId('tree-element')
  private readonly search = byId<HTMLInputElement>('tree-q')

  constructor(private readonly map: L.Map, private readonly openSite: (id: string) => Promise<void>) {
    this.footprint = L.featureGroup().addTo(map)
    this.box.addEventListener('toggle', () => { if (this.box.open && !this.tree) void this.refresh() })
    this.search.addEventListener('input', debounce(() => this.render(), 150))
    byId('tree-refresh').addEventListener('click', () => void this.refresh())
  }

  /** Reloads the tree (and the selected element) if the panel was ever opened. */
  async refresh(): Promise<void> {
    if (!this.box.open && !this.tree) return
    try {
      this.tree = await treeApi.tree()
      byId('tree-status').textContent = ''
    } catch (e) {
      byId('tree-status').textContent = `网元树加载失败:${(e as Error).message}`
      return
    }
    this.render()
    if (this.selected) await this.select(this.selected.type, this.selected.id, false)
  }

  private render(): void {
    const t = this.tree
    if (!t) return
    const q = this.search.value.trim().toLowerCase()
    const match = (...s: (string | null)[]) => !q || s.some((x) => x != null && x.toLowerCase().includes(q))
    const items: Child[] = []
    let hits = 0
    for (const m of t.mscs) {
      const bscs: Child[] = []
      for (const b of m.bscs) {
        const bscHit = match(b.id)
        const sites = b.sites.filter((s) => bscHit || match(m.id) || match(s.id, s.name) || s.cells.some((c) => match(c.id)))
        if (!sites.length) continue
        hits += sites.length
        bscs.push(this.bscItem(b, sites, !!q))
      }
      if (bscs.length) items.push(this.elementItem('msc', m, m.id, `${m.counts.bscs} BSC · ${m.counts.sites} 站`, bscs, true))
    }
    const rings = t.rings.filter((r) => match(r.id))
    fill(this.list,
      items.length ? h('ul', { class: 'tree', role: 'tree' }, ...items) : h('p', { class: 'muted' }, q ? `没有匹配"${this.search.value.trim()}"的网元` : '没有基站'),
      rings.length ? h('div', {}, h('h4', {}, '传输环'), h('ul', { class: 'tree', role: 'tree' }, ...rings.map((r) => this.elementItem('ring', r, r.id, `${r.counts.sites} 站`, [], false)))) : null,
      orphanNote(t),
    )
    byId('tree-count').textContent = q ? `匹配 ${hits} 个基站` : `${t.counts.mscs} MSC · ${t.counts.bscs} BSC · ${t.counts.sites} 基站 · ${t.counts.cells} 小区`
  }

  private bscItem(b: BscNode, sites: SiteNode[], open: boolean): HTMLLIElement {
    const note = b.alsoUnder.length ? ` · 也挂在 ${b.alsoUnder.join('、')} 下` : ''
    return this.elementItem('bsc', b, b.id, `${b.counts.sites} 站${note}`, sites.map((s) => this.siteItem(s)), open)
  }

  /** An MSC, BSC or ring line: a toggle for its children, its name (select: footprint), state and counts. */
  private elementItem(type: ElementType, n: MscNode | BscNode | { state: SiteState; ownState: SiteState }, id: string | null, counts: string, children: Child[], open: boolean): HTMLLIElement {
    const name = id ?? `未归属${ELEMENT_LABELS[type]}`
    const label = id
      ? h('button', { type: 'button', class: 'link tree-label', onclick: () => void this.select(type, id) }, name)
      : h('span', { class: 'tree-label muted' }, name)
    const own = n.ownState !== 'normal' ? h('span', { class: 'muted' }, ` 本身${STATE_LABELS[n.ownState].replace(/\(.*\)/, '')}`) : null
    const head = h('span', { class: 'tree-head' }, dot(n.state), h('span', { class: 'tree-type' }, ELEMENT_LABELS[type]), label, own, h('span', { class: 'muted' }, ` ${counts}`))
    const li = h('li', { role: 'treeitem', 'data-tree-node': `${type}:${id ?? ''}`, 'data-state': n.state })
    if (children.length) {
      const d = h('details', {}, h('summary', {}, head), h('ul', { role: 'group' }, ...children))
      d.open = open
      li.append(d)
    } else li.append(head)
    return li
  }

  private siteItem(s: SiteNode): HTMLLIElement {
    const open = h('button', { type: 'button', class: 'link tree-label', onclick: () => void this.openSite(s.id) }, `${s.name}`)
    const cells = s.cells.length
      ? h('details', { class: 'tree-cells' }, h('summary', {}, `${s.cells.length} 小区`),
        h('ul', {}, ...s.cells.map((c) => h('li', { 'data-tree-node': `cell:${c.id}` }, `${c.id} · 方位角${Math.round(c.azimuth)}° · ${c.beamwidth >= 360 ? '全向' : `${c.beamwidth}°`} · ${c.radiusM} 米`))))
      : h('span', { class: 'muted' }, ' 全向')
    return h('li', { role: 'treeitem', 'data-tree-node': `site:${s.id}`, 'data-state': s.state },
      h('span', { class: 'tree-head' }, dot(s.state), open, h('span', { class: 'muted' }, ` ${s.id}${s.ring ? ` · ${s.ring}` : ''} `)), cells)
  }

  /** Selects an element: its footprint on the map (fitted unless refreshing), its state, alarms, cutovers, complaints. */
  async select(type: ElementType, id: string, fit = true): Promise<void> {
    this.selected = { type, id }
    let d: ElementDetail
    try {
      d = await treeApi.element(type, id)
    } catch (e) {
      fill(this.info, h('p', { class: 'error', role: 'alert' }, (e as Error).message))
      this.info.hidden = false
      return
    }
    this.footprint.clearLayers()
    const layer = L.geoJSON(d.footprint, {
      style: { color: STATE_COLORS[d.state], weight: 3, dashArray: '6 4', fillOpacity: 0.08, className: `element-footprint footprint-${type}` },
      interactive: false,
    }).addTo(this.footprint)
    if (fit) this.map.flyToBounds(layer.getBounds(), { padding: [40, 40], maxZoom: 16 })
    const close = h('button', { type: 'button', class: 'secondary', 'aria-label': '关闭', onclick: () => this.clear() }, '×')
    fill(this.info,
      h('div', { class: 'card-head' }, h('h3', { id: 'tree-element-title' }, `${ELEMENT_LABELS[type]} ${id}`), close),
      h('p', {}, '状态 ', badge(d.state), d.ownState !== 'normal' ? h('span', {}, ' 网元本身:', badge(d.ownState)) : null,
        ` · ${d.sites.length} 个基站`, d.related.length ? ` · ${d.related.map((r) => `${ELEMENT_LABELS[r.type]} ${r.id}`).join('、')}` : ''),
      d.alarms.length ? h('ul', { class: 'plain', id: 'tree-element-alarms' }, ...d.alarms.map((a) => h('li', {}, `告警 ${a.kind}(${a.severity}) ${china(a.raisedAt)} 起,${a.active ? '未清除' : `${china(a.clearedAt!)} 清除`}`))) : null,
      d.cutovers.length ? h('ul', { class: 'plain' }, ...d.cutovers.map((c) => h('li', {}, `割接 ${c.description || c.id}${c.plannedStart ? ` ${china(c.plannedStart)}` : ''}`))) : null,
      h('p', {}, '区域内投诉(近7天):', h('strong', { id: 'tree-complaint-count', 'data-count': d.complaints.count }, String(d.complaints.count)), ' 条'),
      d.complaints.list.length ? h('ol', { class: 'plain', id: 'tree-complaints' }, ...d.complaints.list.slice(0, LIST_MAX).map((c) =>
        h('li', { 'data-complaint': c.id }, `${china(c.occurredAt)} ${PHENOMENA[c.phenomenon as keyof typeof PHENOMENA] ?? c.phenomenon} ${c.address}`))) : null,
    )
    this.info.hidden = false
    this.info.dataset.element = `${type}:${id}`
  }

  private clear(): void {
    this.selected = null
    this.footprint.clearLayers()
    this.info.hidden = true
    delete this.info.dataset.element
  }
}

function orphanNote(t: NetworkTree): HTMLElement | null {
  const o = t.orphans
  const parts = [
    o.sitesWithoutBsc.length ? `${o.sitesWithoutBsc.length} 个基站无 BSC` : '',
    o.sitesWithoutMsc.length ? `${o.sitesWithoutMsc.length} 个基站无 MSC` : '',
    o.cellsWithoutSite.length ? `${o.cellsWithoutSite.length} 个小区找不到基站` : '',
    ...o.bscsUnderSeveralMscs.map((b) => `${b.id} 同时挂在 ${b.mscs.join('、')} 下`),
  ].filter(Boolean)
  return parts.length ? h('p', { class: 'note', id: 'tree-orphans' }, `数据问题:${parts.join(';')}`) : null
}

/** Mounts the panel (the section is in index.html). */
export function mountTree(map: L.Map, openSite: (id: string) => Promise<void>): TreePanel {
  return new TreePanel(map, openSite)
}
