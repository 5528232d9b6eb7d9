/**
 * The 预警 overlay (GET /api/warnings): sites whose complaints surged in an hour against the site's own
 * baseline for that hour of the week, with no alarm or cutover behind them — a hidden fault or a mass
 * outage the network does not report. One pulsing ring per site (above the site markers), a popup in
 * Chinese with each surge hour and a link that opens the site; the count feeds the header badge and
 * the layer switch. Every text is a DOM text node, never HTML.
 */
import L from '../leaflet.js'
import { api, type SurgeWarning } from '../api.js'
import { h } from '../dom.js'
import { showTime } from '../time.js'

/** The warnings of one site, newest hour first. */
export interface SiteWarnings { siteId: string; siteName: string; lon: number; lat: number; hours: SurgeWarning[] }

/** Groups warnings by site (most recent surge first). */
export function bySite(list: readonly SurgeWarning[]): SiteWarnings[] {
  const out = new Map<string, SiteWarnings>()
  for (const w of list) {
    const s = out.get(w.siteId) ?? { siteId: w.siteId, siteName: w.siteName, lon: w.lon, lat: w.lat, hours: [] }
    s.hours.push(w)
    out.set(w.siteId, s)
  }
  for (const s of out.values()) s.hours.sort((a, b) => Date.parse(b.from) - Date.parse(a.from))
  return [...out.values()].sort((a, b) => Date.parse(b.hours[0].from) - Date.parse(a.hours[0].from) || a.siteId.localeCompare(b.siteId))
}

const n1 = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1))

/** One surge hour in words: "11-23 14:00–15:00 投诉 8 件,常态 0 件(阈值 3)". */
export function hourLine(w: SurgeWarning): string {
  return `${showTime(w.from)}–${showTime(w.to).slice(6)} 投诉 ${w.count} 件,该站同一时段常态 ${n1(w.baselineMean)} 件(±${n1(w.baselineSd)},阈值 ${n1(w.threshold)})`
}

export class WarningsLayer {
  readonly group = L.layerGroup()
  /** The sites warned about, as last loaded. */
  sites: SiteWarnings[] = []
  private seq = 0

  /** onSite opens a site; onChange hears the sites after every load. */
  constructor(private readonly onSite: (id: string) => void, private readonly onChange: (sites: SiteWarnings[]) => void) {}

  /** Fetches the warnings and redraws; a failed fetch keeps what is shown. */
  async load(): Promise<void> {
    const seq = ++this.seq
    let list: SurgeWarning[]
    try {
      list = (await api.warnings()).warnings
    } catch {
      return
    }
    // A slower, older answer never overwrites a newer one.
    if (seq !== this.seq) return
    this.sites = bySite(list)
    this.group.clearLayers()
    for (const s of this.sites) this.marker(s).addTo(this.group)
    this.onChange(this.sites)
  }

  /** Opens the popup of a site's warning marker (if it is warned about and shown). */
  open(siteId: string): void {
    this.group.eachLayer((l) => {
      if ((l as L.Marker & { siteId?: string }).siteId === siteId) (l as L.Marker).openPopup()
    })
  }

  private marker(s: SiteWarnings): L.Marker {
    const m = L.marker([s.lat, s.lon], {
      icon: L.divIcon({ className: 'warning-icon', html: h('span', { class: 'warning-core' }, '!'), iconSize: [30, 30] }),
      // Above the site markers (clusters included): a warning must not hide under a green site.
      zIndexOffset: 2000,
      title: `预警:${s.siteName} 投诉激增`,
      alt: `预警 ${s.siteName}`,
      keyboard: true,
    }) as L.Marker & { siteId?: string }
    m.siteId = s.siteId
    m.on('add', () => m.getElement()?.setAttribute('data-site', s.siteId))
    m.bindTooltip(() => h('span', {}, `预警:${s.siteName} 投诉激增`), { direction: 'top', offset: [0, -14] })
    m.bindPopup(() => this.popup(s), { minWidth: 240, maxWidth: 340 })
    return m
  }

  private popup(s: SiteWarnings): HTMLElement {
    const open = h('button', { type: 'button', class: 'link warn-open-site', 'data-site': s.siteId }, '查看基站详情')
    open.addEventListener('click', () => this.onSite(s.siteId))
    const name = h('button', { type: 'button', class: 'link', 'data-site': s.siteId }, s.siteName)
    name.addEventListener('click', () => this.onSite(s.siteId))
    return h('div', { class: 'warn-popup', 'data-site': s.siteId },
      h('div', {}, h('strong', { class: 'danger' }, '预警:投诉激增,无告警、无割接')),
      h('div', {}, '基站 ', name, h('span', { class: 'muted' }, ` ${s.siteId}`)),
      h('ul', { class: 'plain' }, ...s.hours.map((w) => h('li', { 'data-from': w.from }, hourLine(w)))),
      h('div', { class: 'muted' }, '常态:此前几周每周同一小时的平均投诉数。疑似隐性故障或大面积故障,请核查。'),
      open)
  }
}
