/**
 * 基站故障告警: an alarm on a serving site, overlapping the occurrence, able to cause the phenomenon,
 * and not explained by a cutover. Cleared by the time of the request → the agent answers (self);
 * still active → the answer says repair is under way and the complaint goes to the 专业 that repairs
 * that kind of alarm (dispatch). An alarm on an element the serving site hangs on (BSC, MSC, ring;
 * issue 9) counts the same way: the evidence names the element and why the serving site belongs to it.
 */
import { chinaTime, chinaTimeAfter } from '../../answers/china-time.js'
import { CAUSE_LABELS } from '../../domain/types.js'
import { ALARM_EFFECTS } from '../effects.js'
import { proximity } from '../score.js'
import { COMMON_SLOTS, type RuleModule } from '../rule-module.js'
import {
  belongsTo,
  causeOf,
  elementName,
  elementRef,
  elementSiteLabel,
  metres,
  SEVERITY_LABEL,
  siteEvidence,
  siteLabel,
  type AlarmFinding,
  type Rule,
  type RuleCandidate,
} from '../context.js'

/** Base score of an alarm no cutover explains: below an alarm inside a cutover window (cutover.ts). */
const BASE = { site_fault: 0.85 } as const

/**
 * The best unexplained alarm on a serving site (score = base × effect × severity × proximity). Only
 * the best is written out — ranking keeps one candidate per cause anyway, and a busy area can have
 * hundreds of overlapping alarms; the others are counted in the basis.
 */
export const siteFaultRule: Rule = (ctx) => {
  let f: AlarmFinding | null = null
  let best = 0
  let others = 0
  for (const x of ctx.alarms) {
    if (x.cutover) continue
    const score = BASE.site_fault * x.effect * x.severity * proximity(x.serving.score)
    if (f) others++
    if (score > best) {
      best = score
      f = x
    }
  }
  if (!f) return []
  const { alarm, serving, element } = f
  const cleared = alarm.clearedAt != null && alarm.clearedAt <= ctx.now
  const prox = proximity(serving.score)
  const site = element ? elementSiteLabel(serving, element) : siteLabel(serving.site.name)
  const slots = { ...ctx.common, site, alarm: alarm.kind, raised: chinaTime(alarm.raisedAt) }
  const answered = cleared
    ? ctx.answers.answer('site_fault.cleared', { ...slots, cleared: chinaTime(alarm.clearedAt as number) })
    : ctx.answers.answer('site_fault.active', slots)
  const state = cleared ? `已于${chinaTimeAfter(alarm.raisedAt, alarm.clearedAt as number)}清除` : '尚未清除'
  const more = others > 0 ? `;另有${others}条告警得分较低` : ''
  const candidate: RuleCandidate = {
    cause: causeOf('site_fault'),
    score: best,
    ...answered,
    disposition: cleared ? 'self' : 'dispatch',
    // An MSC's fault is the switching team's to repair; a BSC's or a ring's stays with the alarm kind's 专业.
    specialty: element?.type === 'msc' ? '交换' : f.row.specialty,
    evidence: [
      {
        type: 'alarm',
        id: alarm.id,
        distance_m: metres(serving.distanceM),
        why: `${element ? `${belongsTo(serving, element)},${elementName(element)} ` : site}${alarm.kind}告警(${SEVERITY_LABEL[alarm.severity] ?? alarm.severity})${chinaTime(alarm.raisedAt)}起,${state},无割接计划`,
        ...(element ? { element: elementRef(element) } : {}),
      },
      siteEvidence(serving, ctx.index),
    ],
    basis: `${element ? `${elementName(element)} ` : ''}${alarm.kind}告警无割接解释(基础${BASE.site_fault}×现象${f.effect}×级别${f.severity}×服务${prox.toFixed(2)});${cleared ? '已清除,自行答复' : '未清除,派单抢修'}${more}`,
  }
  return [candidate]
}

/** Slots of both site-fault templates but `cleared`. */
const SITE_FAULT_SLOTS = [...COMMON_SLOTS, 'site', 'alarm', 'raised'] as const

/** The site_fault cause (基站故障告警). */
export const siteFaultModule = {
  code: 'site_fault',
  label: CAUSE_LABELS.site_fault,
  base: BASE,
  effects: { alarms: ALARM_EFFECTS },
  templates: {
    'site_fault.cleared': { label: '基站故障告警,已清除', slots: [...SITE_FAULT_SLOTS, 'cleared'] },
    'site_fault.active': { label: '基站故障告警,尚未清除(派单抢修)', slots: SITE_FAULT_SLOTS },
  },
  slotLabels: { site: '基站名', alarm: '告警类型', raised: '告警时间', cleared: '恢复时间' },
  batch: ['alarm'],
  evaluate: siteFaultRule,
} as const satisfies RuleModule
