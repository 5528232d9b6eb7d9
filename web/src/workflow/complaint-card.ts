/**
 * A complaint's workflow card (issue 8): its status (超时 flagged), the repeat link, the history (who,
 * what, when, note) and the buttons of the steps the user may take from here — agents 答复/回访/结单/重开,
 * engineers also 派单/实测. Used in the map's complaint popup and on the 统计报表 page.
 */
import { can } from '../auth.js'
import { fill, h } from '../dom.js'
import { CAUSE_CODES, CAUSE_LABELS, PHENOMENA, SPECIALTIES, type CauseCode } from '../labels.js'
import { showTime } from '../time.js'
import { overdueText, workflowApi, type Action, type StepBody, type WorkflowComplaint } from './api.js'

export const ACTION_LABELS: Record<Action, string> = { answer: '答复', dispatch: '派单', field_test: '实测', call_back: '回访', close: '结单', reopen: '重开' }
const NETWORK_SIDE: Action[] = ['dispatch', 'field_test']

/** May the signed-in user take this step at all (the server checks again)? */
const mayTake = (a: Action) => can(NETWORK_SIDE.includes(a) ? 'complaint:dispatch' : 'complaint:workflow')

/**
 * Renders complaint `id`'s card into `box` (again after every step); `onChange` hears of each step
 * taken, `onRender` of each render (a popup resizes itself).
 */
export async function showComplaintCard(box: HTMLElement, id: string, onChange?: (c: WorkflowComplaint) => void, onRender?: () => void): Promise<void> {
  fill(box, h('p', { class: 'muted' }, '加载中…'))
  try {
    const [c, hist] = await Promise.all([workflowApi.complaint(id), workflowApi.history(id)])
    render(box, c, hist.history, async (body) => {
      const r = await workflowApi.act(id, body)
      onChange?.(r.complaint)
      await showComplaintCard(box, id, onChange, onRender)
    })
  } catch (e) {
    fill(box, h('p', { class: 'error', role: 'alert' }, (e as Error).message))
  }
  onRender?.()
}

function render(box: HTMLElement, c: WorkflowComplaint, history: Awaited<ReturnType<typeof workflowApi.history>>['history'], take: (b: StepBody) => Promise<void>): void {
  const error = h('p', { class: 'error wf-error', role: 'alert' })
  const note = h('textarea', { class: 'wf-note', rows: 2, maxlength: 4000, 'aria-label': '处理说明', placeholder: '处理说明(答复内容、实测结果、回访情况…)' })
  const team = h('input', { class: 'wf-team', maxlength: 100, 'aria-label': '派往', placeholder: '派往:如 天河分公司 / 无线网优中心' })
  const specialty = h('select', { class: 'wf-specialty', 'aria-label': '专业' }, ...SPECIALTIES.map((s) => h('option', { value: s, selected: s === (c.teamSpecialty ?? c.specialty) }, s)))
  const cause = h('select', { class: 'wf-cause', 'aria-label': '实测原因' }, ...CAUSE_CODES.map((k) => h('option', { value: k }, CAUSE_LABELS[k])))
  const satisfied = h('input', { type: 'checkbox', class: 'wf-satisfied', checked: true })
  const actions = c.allowedActions.filter(mayTake)
  const button = (a: Action) => h('button', {
    type: 'button', class: `wf-action${a === 'reopen' ? ' secondary' : ''}`, 'data-action': a,
    onclick: async (e: Event) => {
      const b = e.currentTarget as HTMLButtonElement
      const body: StepBody = { action: a }
      if (note.value.trim()) body.note = note.value.trim()
      if (a === 'dispatch') Object.assign(body, { team: team.value.trim(), specialty: specialty.value })
      if (a === 'field_test') body.cause = cause.value as CauseCode
      if (a === 'call_back') body.satisfied = satisfied.checked
      b.disabled = true
      fill(error)
      try {
        await take(body)
      } catch (err) {
        fill(error, (err as Error).message)
        b.disabled = false
      }
    },
  }, ACTION_LABELS[a])
  const open = overdueText(c.breaches)
  fill(box,
    h('div', { class: 'wf-card', 'data-complaint': c.id, 'data-status': c.status ?? 'untracked' },
      h('p', { class: 'wf-head' },
        h('strong', {}, `工单 ${c.id}`), ' ',
        h('span', { class: `wf-status status-${c.status ?? 'untracked'}` }, c.statusLabel ?? '未纳入流程'),
        c.overdue ? h('span', { class: 'overdue-badge', title: open }, '超时') : null),
      h('p', { class: 'muted' }, `${showTime(c.occurredAt)} ${(PHENOMENA as Record<string, string>)[c.phenomenon] ?? c.phenomenon} · ${c.address}`),
      c.ticket ? h('p', { class: 'muted' }, `外部工单号 ${c.ticket}`) : null,
      c.overdue ? h('p', { class: 'danger wf-overdue' }, open) : null,
      c.breaches.some((b) => !b.open) ? h('p', { class: 'muted' }, `曾超时:${c.breaches.filter((b) => !b.open).map((b) => b.label).join('、')}`) : null,
      c.repeatOf ? h('p', { class: 'wf-repeat' }, `重复投诉,首次投诉:${c.repeatOf}`) : null,
      c.team ? h('p', { class: 'muted' }, `派往 ${c.team}(${c.teamSpecialty ?? ''})`) : null,
      c.cause ? h('p', {}, `最终原因:${CAUSE_LABELS[c.cause]}`) : null,
      h('ol', { class: 'plain wf-history' }, ...history.map((s) => h('li', {},
        h('span', { class: 'muted' }, `${showTime(s.at)} `), `${s.actionLabel} → ${s.toLabel}`, s.by ? h('span', { class: 'muted' }, ` · ${s.by}`) : null,
        s.note ? h('div', { class: 'wf-step-note' }, s.note) : null))),
      actions.length ? h('div', { class: 'wf-form' },
        note,
        actions.includes('dispatch') ? h('div', { class: 'row' }, team, specialty) : null,
        actions.includes('field_test') ? h('label', {}, '实测原因 ', cause) : null,
        actions.includes('call_back') ? h('label', {}, satisfied, ' 客户满意') : null,
        h('div', { class: 'row wf-actions' }, ...actions.map(button)),
        error) : null))
}
