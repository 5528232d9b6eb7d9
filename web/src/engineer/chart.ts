/** A horizontal bar chart in SVG, built node by node (labels are text nodes, never markup). */
const SVG = 'http://www.w3.org/2000/svg'
/** Characters of a label shown beside its bar (about 12 px each at the chart's font size). */
const MAX_LABEL = 11

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag)
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v))
  if (text !== undefined) e.textContent = text
  return e
}

/** Bars for `rows` (label, count), longest first as given; `title` names the chart for screen readers. */
export function barChart(title: string, rows: { label: string; count: number; color?: string }[], width = 360): SVGSVGElement {
  const rowH = 22
  const labelW = Math.min(170, width * 0.45)
  const max = Math.max(1, ...rows.map((r) => r.count))
  const svg = el('svg', { viewBox: `0 0 ${width} ${rows.length * rowH + 4}`, width: '100%', role: 'img', class: 'chart' })
  svg.appendChild(el('title', {}, title))
  rows.forEach((r, i) => {
    const y = i * rowH + 2
    const w = ((width - labelW - 40) * r.count) / max
    const g = el('g', { 'data-label': r.label })
    // Long labels (突发性大面积投诉(疑似隐性故障)) are cut to fit; the whole text is the bar's tooltip.
    const short = r.label.length > MAX_LABEL ? `${r.label.slice(0, MAX_LABEL - 1)}…` : r.label
    g.appendChild(el('title', {}, `${r.label}:${r.count}`))
    g.appendChild(el('text', { x: labelW - 6, y: y + 15, 'text-anchor': 'end', class: 'chart-label' }, short))
    g.appendChild(el('rect', { x: labelW, y: y + 3, width: Math.max(2, w), height: rowH - 6, rx: 2, fill: r.color ?? '#2e86c1' }))
    g.appendChild(el('text', { x: labelW + Math.max(2, w) + 4, y: y + 15, class: 'chart-value' }, String(r.count)))
    svg.appendChild(g)
  })
  return svg
}
