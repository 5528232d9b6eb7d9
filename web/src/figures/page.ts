/**
 * 统计报表 (issue 8): the figures of an area and period — 一次性解决率, dispatch, field-test, overdue and
 * repeat rates, 千人投诉率 — with charts by cause and 专业, complaints per district, and the overdue
 * complaints (超时) with their workflow card. Engineers and admins only: the tab and its panel are
 * created here, so the page holds nothing of it for agents.
 */
import type L from '../leaflet.js'
import { api } from '../api.js'
import { can } from '../auth.js'
import { byId, fill, h } from '../dom.js'
import { mountTab } from '../tabs.js'
import { barChart } from '../engineer/chart.js'
import { viewBbox } from '../map/base.js'
import { fromLocalInput, showTime, toLocalInput } from '../time.js'
import { PHENOMENA } from '../labels.js'
import { overdueText, workflowApi, type Figures, type FiguresArea } from '../workflow/api.js'
import { showComplaintCard } from '../workflow/complaint-card.js'

const DAY = 24 * 3600_000
const pct = (r: number | null) => (r == null ? '—' : `${(r * 100).toFixed(1)}%`)

/** Adds the 统计报表 tab and panel for users with the analysis permission. */
export function mountFigures(map: L.Map): void {
  if (!can('analysis')) return
  const { panel } = mountTab({ name: 'figures', label: '统计报表', screen: 'figures', onShow: () => void page.init() })
  const page = new FiguresPage(panel, map)
}

class FiguresPage {
  private readonly district = h('select', { id: 'fig-district', 'aria-label': '区域' }, h('option', { value: '' }, '全部区域'), h('option', { value: 'view' }, '当前地图范围'))
  private readonly from = h('input', { id: 'fig-from', type: 'datetime-local', required: true })
  private readonly to = h('input', { id: 'fig-to', type: 'datetime-local', required: true })
  private readonly status = h('span', { id: 'fig-status', role: 'status', class: 'muted' })
  private readonly result = h('div', { id: 'fig-result', 'aria-live': 'polite' })
  private readonly overdue = h('ol', { id: 'fig-overdue', class: 'plain' })
  private readonly card = h('article', { id: 'fig-card', class: 'card', hidden: true })
  private started = false

  constructor(private readonly box: HTMLElement, private readonly map: L.Map) {}

  async init(): Promise<void> {
    if (this.started) return
    this.started = true
    const now = Date.now()
    this.from.value = toLocalInput(now - 30 * DAY)
    this.to.value = toLocalInput(now + 3600_000)
    const form = h('form', { id: 'fig-form' },
      h('label', {}, '区域 ', this.district),
      h('div', { class: 'row3' }, h('label', {}, '从 ', this.from), h('label', {}, '到 ', this.to)),
      h('button', { type: 'submit', id: 'fig-run' }, '统计'), ' ', this.status)
    form.addEventListener('submit', (e) => {
      e.preventDefault()
      void this.run()
    })
    fill(this.box, h('h2', {}, '统计报表'), form, this.result,
      h('h3', {}, '超时工单 ', h('span', { class: 'muted' }, '响应 15 分钟 · 答复 24 小时 · 结单 72 小时')), this.overdue, this.card)
    const districts = await api.districts().catch(() => ({ features: [] }))
    for (const f of districts.features) this.district.append(h('option', { value: String(f.properties.id) }, String(f.properties.name)))
    await this.run()
  }

  private where(): FiguresArea {
    const v = this.district.value
    if (v === 'view') return { bbox: viewBbox(this.map).map((x) => x.toFixed(6)).join(',') }
    return v ? { district: v } : {}
  }

  async run(): Promise<void> {
    this.status.textContent = '统计中…'
    try {
      const [f] = await Promise.all([workflowApi.figures(this.where(), fromLocalInput(this.from.value), fromLocalInput(this.to.value)), this.loadOverdue()])
      this.show(f)
      this.status.textContent = ''
    } catch (e) {
      this.status.textContent = (e as Error).message
    }
  }

  private show(f: Figures): void {
    const stat = (id: string, label: string, value: string, detail: string) =>
      h('div', { class: 'fig-stat', id }, h('div', { class: 'fig-value' }, value), h('div', { class: 'fig-label' }, label), h('div', { class: 'muted' }, detail))
    fill(this.result,
      h('p', { class: 'cause-line', id: 'fig-total' }, `投诉 ${f.total} 件,纳入流程 ${f.tracked} 件,已结单 ${f.closed} 件`),
      h('div', { class: 'fig-stats' },
        stat('fig-ftr', '一次性解决率', pct(f.firstTimeResolution), `${f.counts.firstTime}/${f.closed} 已结单`),
        stat('fig-dispatch', '派单率', pct(f.dispatchRate), `${f.counts.dispatched}/${f.tracked}`),
        stat('fig-field', '实测率', pct(f.fieldTestRate), `${f.counts.fieldTested}/${f.tracked}`),
        stat('fig-overdue-rate', '超时率', pct(f.overdueRate), `${f.counts.overdue}/${f.tracked}`),
        stat('fig-repeat', '重复投诉率', pct(f.repeatRate), `${f.counts.repeats}/${f.tracked}`),
        stat('fig-per1000', '千人投诉率', f.per1000Users == null ? '—' : `${f.per1000Users.toFixed(2)}‰`, f.districts.length ? `${f.districts.length} 个区有用户数` : '无用户数')),
      h('h3', {}, '按原因'), h('div', { id: 'fig-chart-cause' }, f.byCause.length ? barChart('按原因', f.byCause.map((c) => ({ label: c.label, count: c.count }))) : h('p', { class: 'muted' }, '无')),
      h('h3', {}, '按专业'), h('div', { id: 'fig-chart-specialty' }, f.bySpecialty.length ? barChart('按专业', f.bySpecialty.map((s) => ({ label: s.specialty, count: s.count, color: '#16a085' }))) : h('p', { class: 'muted' }, '无')),
      f.districts.length ? h('table', { class: 'grid', id: 'fig-districts' },
        h('thead', {}, h('tr', {}, h('th', {}, '行政区'), h('th', {}, '用户数'), h('th', {}, '投诉'), h('th', {}, '千人投诉率'))),
        h('tbody', {}, ...f.districts.map((d) => h('tr', {}, h('td', {}, d.name), h('td', {}, String(d.users)), h('td', {}, String(d.complaints)), h('td', {}, `${d.per1000Users.toFixed(2)}‰`))))) : null)
  }

  /** The overdue complaints (of the map's whole world, most overdue first); a click opens the card. */
  async loadOverdue(): Promise<void> {
    const list = await workflowApi.overdue()
    fill(this.overdue, ...(list.length ? list.slice(0, 50).map((c) => h('li', { 'data-complaint': c.id, class: 'fig-overdue-row' },
      h('span', { class: 'overdue-badge' }, '超时'), ' ',
      h('button', { type: 'button', class: 'link', onclick: () => void this.open(c.id, c.lat, c.lon) }, c.id), ' ',
      h('span', { class: 'muted' }, `${showTime(c.occurredAt)} ${(PHENOMENA as Record<string, string>)[c.phenomenon] ?? c.phenomenon} ${c.address} · ${c.statusLabel ?? ''} · ${overdueText(c.breaches)}`)))
      : [h('li', { class: 'muted' }, '无超时工单')]))
  }

  private async open(id: string, lat: number, lon: number): Promise<void> {
    this.card.hidden = false
    this.map.flyTo([lat, lon], Math.max(this.map.getZoom(), 16))
    await showComplaintCard(this.card, id, () => void this.run())
  }
}
