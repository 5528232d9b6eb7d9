/**
 * The agent's diagnose-and-record form (原因分析 → 建议原因 → 记录投诉), built once for both pages that
 * have it: the agent's screen (index.html) and the embedded page (embed.html). DiagnosePanel finds its
 * fields by id, so mount this before constructing it.
 */
import { h, fill, byId } from '../dom.js'
import { PHENOMENA } from '../labels.js'

/** Fills `#diagnose-box` with the form and the (hidden) result. */
export function mountDiagnoseForm(box: HTMLElement = byId('diagnose-box')): void {
  const phenomena = Object.entries(PHENOMENA).map(([code, label]) => h('option', { value: code }, label))
  fill(box,
    h('div', { class: 'row call-bar' },
      h('button', { type: 'button', id: 'new-call', class: 'secondary', title: '清空上一通来电的地点、结果和号码,开始受理新的来电' }, '新来电'),
      h('span', { id: 'call-status', role: 'status', class: 'muted' })),
    h('form', { id: 'diag-form' },
      h('div', { class: 'row' },
        h('span', {}, '投诉点 ', h('output', { id: 'point-text', class: 'muted' }, '未选')),
        h('button', { type: 'button', id: 'pick-point', class: 'secondary' }, '在地图上选点')),
      h('label', {}, '地址 ', h('input', { id: 'address', maxlength: 500, autocomplete: 'off' })),
      h('label', {}, '发生时间 ', h('input', { id: 'occurredAt', type: 'datetime-local', required: true })),
      h('div', { class: 'row3' },
        h('label', {}, '业务', h('select', { id: 'service' }, h('option', { value: 'voice' }, '语音'), h('option', { value: 'data' }, '数据'))),
        h('label', {}, '投诉现象', h('select', { id: 'phenomenon' }, ...phenomena))),
      h('label', {}, '描述 ', h('textarea', { id: 'description', rows: 2, maxlength: 4000 })),
      h('button', { type: 'submit', id: 'diagnose', disabled: true }, '分析原因'),
      h('p', { id: 'street-note', class: 'hint', hidden: true }),
      h('ol', { id: 'street-sites', class: 'plain', hidden: true }),
      h('p', { id: 'diag-error', role: 'alert', class: 'error' })),
    h('div', { id: 'result', hidden: true, 'aria-live': 'polite' },
      h('p', { id: 'stale-note', class: 'hint', hidden: true }, '地点、时间或现象已改动,以下结果不再适用:请重新点击“分析原因”'),
      h('p', { class: 'cause-line' }, '建议原因:', h('strong', { id: 'cause' }), ' ', h('span', { id: 'confidence', class: 'confidence', hidden: true })),
      h('p', { id: 'low-confidence', class: 'hint low-confidence', hidden: true }, '把握不足,已转实测核查'),
      h('p', {}, '处理方式:', h('strong', { id: 'disposition' }), ' · 专业:', h('span', { id: 'specialty' })),
      h('h3', {}, '解释口径'),
      h('blockquote', { id: 'answer' }),
      h('button', { type: 'button', id: 'copy', class: 'secondary' }, '复制口径'), ' ', h('span', { id: 'copy-status', role: 'status' }),
      h('h3', {}, '依据(地图上已标出)'),
      h('ul', { id: 'evidence', class: 'plain' }),
      h('details', { id: 'candidates-box' }, h('summary', {}, '其他可能原因'), h('ol', { id: 'candidates' })),
      h('form', { id: 'record-form' },
        h('h3', {}, '记录投诉'),
        h('div', { class: 'row3' },
          h('label', {}, '客户号码 ', h('input', { id: 'number', inputmode: 'tel', maxlength: 20, autocomplete: 'off' })),
          h('label', {}, '最终原因 ', h('select', { id: 'final-cause' }))),
        h('label', {}, '答复客户 ', h('textarea', { id: 'final-answer', rows: 2, maxlength: 4000 })),
        h('button', { type: 'submit', id: 'record' }, '记录投诉'), ' ',
        h('span', { id: 'recorded', role: 'status' }),
        h('p', { id: 'record-error', role: 'alert', class: 'error' }))))
}
