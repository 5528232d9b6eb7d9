/** A site opened by the agent: state, alarms and cutovers (times, cleared or not), cells, recent complaints. */
import { api, type SiteDetail } from '../api.js'
import { fill, h } from '../dom.js'
import { CAUSE_LABELS, ELEMENT_LABELS, PHENOMENA, SEVERITY_LABELS, STATE_LABELS, type SiteState } from '../labels.js'
import { showTime } from '../time.js'

export const stateBadge = (s: SiteState) => h('span', { class: `badge state-${s}` }, STATE_LABELS[s])

/** The site panel inside `box`; show(id) loads and renders, refresh() reloads the one shown. */
export class SitePanel {
  current: string | null = null

  /** `onComplaint` opens one of the site's recent complaints (its card), by id. */
  constructor(private readonly box: HTMLElement, private readonly onClose: () => void, private readonly onComplaint?: (id: string) => void) {}

  async show(id: string): Promise<SiteDetail> {
    this.current = id
    const s = await api.site(id)
    if (this.current === id) this.render(s)
    return s
  }

  async refresh(): Promise<void> {
    if (this.current) await this.show(this.current)
  }

  close(): void {
    this.current = null
    this.box.hidden = true
    this.onClose()
  }

  private render(s: SiteDetail): void {
    const closeBtn = h('button', { type: 'button', class: 'close', 'aria-label': '关闭基站详情' }, '×')
    closeBtn.addEventListener('click', () => this.close())
    const alarms = s.alarms.length
      ? h('table', { class: 'grid' },
        h('thead', {}, h('tr', {}, h('th', {}, '告警'), h('th', {}, '级别'), h('th', {}, '发生'), h('th', {}, '清除'))),
        h('tbody', {}, ...s.alarms.map((a) => h('tr', { class: a.active ? 'active-alarm' : '' },
          h('td', {}, a.element ? `${ELEMENT_LABELS[a.element.type]} ${a.element.id} ${a.kind}` : a.kind), h('td', { 'data-severity': a.severity }, SEVERITY_LABELS[a.severity] ?? a.severity), h('td', {}, showTime(a.raisedAt)),
          h('td', {}, a.active ? h('strong', { class: 'danger' }, '未清除') : `已清除 ${showTime(a.clearedAt)}`)))))
      : h('p', { class: 'muted' }, '近7天无告警')
    const cutovers = s.cutovers.length
      ? h('ul', { class: 'plain' }, ...s.cutovers.map((c) => h('li', {},
        h('div', {}, c.description),
        h('div', { class: 'muted' }, `计划 ${showTime(c.plannedStart)}–${showTime(c.plannedEnd)} · 实际 ${c.actualStart ? `${showTime(c.actualStart)}–${showTime(c.actualEnd)}` : '未执行'}`))))
      : h('p', { class: 'muted' }, '前后7天无割接')
    fill(this.box,
      h('div', { class: 'card-head' }, h('h2', { id: 'site-title' }, s.name), closeBtn),
      h('p', {}, stateBadge(s.state), ' ', [s.type, s.tech, s.bsc, s.msc].filter(Boolean).join(' · '), h('span', { class: 'muted' }, ` ${s.id}`)),
      h('h3', {}, '告警'), alarms,
      h('h3', {}, '割接 / 工程维护'), cutovers,
      h('h3', {}, `小区(${s.cells.length})`),
      s.cells.length
        ? h('p', { class: 'cells' }, s.cells.map((c) => `${c.id} ${c.beamwidth >= 360 ? '全向' : `${c.azimuth}°`} ${c.radiusM}米`).join(';'))
        : h('p', { class: 'muted' }, '无小区数据(按全向站计)'),
      h('h3', {}, '周边近期投诉'),
      s.complaints.length
        ? h('ul', { class: 'plain' }, ...s.complaints.slice(0, 10).map((c) => h('li', { 'data-complaint': c.id },
          this.onComplaint ? h('button', { type: 'button', class: 'link', onclick: () => this.onComplaint!(c.id) }, c.id) : h('span', {}, c.id), ' ',
          `${showTime(c.occurredAt)} ${PHENOMENA[c.phenomenon as keyof typeof PHENOMENA] ?? c.phenomenon} · `, c.address,
          h('span', { class: 'muted' }, c.cause ? ` (${CAUSE_LABELS[c.cause]})` : ' (待定)'))))
        : h('p', { class: 'muted' }, '近7天1公里内无投诉'))
    this.box.hidden = false
  }
}
