/**
 * 工程维护/割接 (篇3 §4, the worked example): an alarm on a serving site raised inside a cutover window
 * of that site is put down to the work, short-lived; the answer says whether service is back (the
 * alarm cleared before the request). A cutover window over the occurrence without an alarm, on a
 * serving site or as an area cutover over the point, is weaker evidence of the same cause. Cutovers
 * and alarms of the elements a serving site hangs on (BSC, MSC, ring; issue 9) count as the site's; the
 * evidence then names the element and why the serving site belongs to it.
 */
import { chinaTimeAfter, chinaWindow, chinaTime } from '../../answers/china-time.js'
import { CAUSE_LABELS, type Cutover, type Evidence } from '../../domain/types.js'
import { cutoverEnd, cutoverExpectedEnd, cutoverStart } from '../../index/cutover-window.js'
import { proximity } from '../score.js'
import { ALARM_EFFECTS, EVERY_PHENOMENON } from '../effects.js'
import { COMMON_SLOTS, type RuleModule } from '../rule-module.js'
import {
  belongsTo,
  causeOf,
  elementName,
  elementRef,
  elementSiteLabel,
  lastClause,
  metres,
  siteEvidence,
  siteLabel,
  type AlarmFinding,
  type Rule,
  type RuleCandidate,
  type RuleContext,
  type SiteCutover,
} from '../context.js'

/** Base scores of the two variants of cutover evidence (rank.ts: how bases are ordered). */
const BASE = {
  /** An alarm on a serving site raised inside a cutover window of that site. */
  cutover_alarm: 0.9,
  /** A cutover on a serving site (or an area cutover over the point) without an alarm to confirm it. */
  cutover_window: 0.75,
} as const
/** A cutover can take a site down: it can cause every phenomenon. */
const EFFECTS = EVERY_PHENOMENON

/**
 * The best cutover explanation: an alarm raised inside a cutover window of its site, else a cutover
 * window of a serving site over the occurrence, else an area cutover over the point. Only the best
 * is written out (ranking keeps one candidate per cause).
 */
export const cutoverRule: Rule = (ctx) => {
  let bestAlarm: AlarmFinding | null = null
  let best = 0
  // Cutovers already confirmed by one of their alarms are not proposed again as "no alarm".
  const confirmed = new Set<Cutover>()
  for (const f of ctx.alarms) {
    if (!f.cutover) continue
    confirmed.add(f.cutover)
    const score = BASE.cutover_alarm * f.effect * f.severity * proximity(f.serving.score)
    if (score > best) {
      best = score
      bestAlarm = f
    }
  }
  const effect = EFFECTS[ctx.input.phenomenon] ?? 0
  let bestSite: SiteCutover | null = null
  let bestArea: Cutover | null = null
  if (effect > 0) {
    for (const sc of ctx.siteCutovers) {
      if (confirmed.has(sc.cutover)) continue
      const score = BASE.cutover_window * effect * proximity(sc.serving.score)
      if (score > best) {
        best = score
        bestSite = sc
        bestAlarm = null
      }
    }
    for (const c of ctx.areaCutovers) {
      const score = BASE.cutover_window * effect
      if (score > best) {
        best = score
        bestArea = c
        bestSite = null
        bestAlarm = null
      }
    }
  }
  if (bestAlarm) return [fromAlarm(ctx, bestAlarm, bestAlarm.cutover as Cutover)]
  if (bestSite) {
    const { serving, cutover, element } = bestSite
    const site = element ? elementSiteLabel(serving, element) : siteLabel(serving.site.name)
    const prox = proximity(serving.score)
    const cutEv = element
      ? { ...cutoverEvidence(cutover, metres(serving.distanceM), `${belongsTo(serving, element)},${elementName(element)}割接`), element: elementRef(element) }
      : cutoverEvidence(cutover, metres(serving.distanceM), `${site}割接`)
    return [
      candidate(
        ctx,
        cutover,
        site,
        endedAt(cutover, ctx.now),
        best,
        [cutEv, siteEvidence(serving, ctx.index)],
        `${site}割接窗口覆盖发生时间,无告警印证(基础${BASE.cutover_window}×现象${effect}×服务${prox.toFixed(2)})`,
      ),
    ]
  }
  if (bestArea) {
    return [
      candidate(
        ctx,
        bestArea,
        '该区域基站',
        endedAt(bestArea, ctx.now),
        best,
        [cutoverEvidence(bestArea, 0, '区域割接(覆盖投诉点)')],
        `区域割接覆盖投诉点和发生时间(基础${BASE.cutover_window}×现象${effect})`,
      ),
    ]
  }
  return []
}

function fromAlarm(ctx: RuleContext, f: AlarmFinding, c: Cutover): RuleCandidate {
  const { alarm, serving, element } = f
  // The element the work is on: the alarm's own element, or the one above the alarmed site.
  const workOn = element ?? f.cutoverElement
  const site = workOn ? elementSiteLabel(serving, workOn) : siteLabel(serving.site.name)
  const cleared = alarm.clearedAt != null && alarm.clearedAt <= ctx.now
  const prox = proximity(serving.score)
  const score = BASE.cutover_alarm * f.effect * f.severity * prox
  const window = chinaWindow(cutoverStart(c), cutoverEnd(c))
  const state = cleared
    ? `已于${chinaTimeAfter(alarm.raisedAt, alarm.clearedAt as number)}清除`
    : '尚未清除'
  const d = metres(serving.distanceM)
  const on = element ? `${belongsTo(serving, element)},${elementName(element)} ` : ''
  const alarmEv: Evidence = {
    type: 'alarm',
    id: alarm.id,
    distance_m: d,
    why: `${on}割接窗口 ${window} 内${alarm.kind}告警(${chinaTimeAfter(cutoverStart(c), alarm.raisedAt)}起),${state}`,
    ...(element ? { element: elementRef(element) } : {}),
  }
  const cutEv = workOn
    ? { ...cutoverEvidence(c, d, `${belongsTo(serving, workOn)},${elementName(workOn)}割接`), element: elementRef(workOn) }
    : cutoverEvidence(c, d, `${site}割接`)
  return {
    ...candidate(ctx, c, site, cleared ? alarm.clearedAt : null, score, [
      alarmEv,
      cutEv,
      siteEvidence(serving, ctx.index),
    ], `${alarm.kind}告警落在割接窗口内(基础${BASE.cutover_alarm}×现象${f.effect}×级别${f.severity}×服务${prox.toFixed(2)})`),
  }
}

function candidate(
  ctx: RuleContext,
  c: Cutover,
  site: string,
  /** When service came back (alarm cleared / work ended), null while it has not. */
  clearedAt: number | null,
  score: number,
  evidence: Evidence[],
  basis: string,
): RuleCandidate {
  const start = cutoverStart(c)
  const end = cutoverEnd(c)
  const expected = cutoverExpectedEnd(c)
  const common = {
    ...ctx.common,
    site,
    window: chinaWindow(start, end),
    end: expected != null ? chinaTime(expected) : '工程结束',
    description: lastClause(c.description),
  }
  const cleared = clearedAt != null
  const answered = cleared
    ? ctx.answers.answer('cutover.cleared', { ...common, cleared: chinaTime(clearedAt) })
    : ctx.answers.answer('cutover.active', common)
  return {
    cause: causeOf('cutover'),
    score,
    ...answered,
    disposition: 'self',
    specialty: '无线-基站及配套',
    evidence,
    basis: `${basis};${cleared ? '已恢复' : '维护中'}`,
  }
}

/** When the cutover's work ended, if its reported (or else planned) end has passed by `now`; else null. */
function endedAt(c: Cutover, now: number): number | null {
  const e = cutoverExpectedEnd(c)
  return e != null && e <= now ? e : null
}

function cutoverEvidence(c: Cutover, distance: number, prefix: string): Evidence {
  const planned = c.plannedStart != null || c.plannedEnd != null ? `计划${chinaWindow(c.plannedStart, c.plannedEnd)}` : ''
  const actual = c.actualStart != null || c.actualEnd != null ? `实际${chinaWindow(c.actualStart, c.actualEnd)}` : ''
  const when = [planned, actual].filter(Boolean).join(',')
  const what = lastClause(c.description)
  return {
    type: 'cutover',
    id: c.id,
    distance_m: distance,
    why: `${prefix}${when ? `:${when}` : ''}${what ? `,${what}` : ''}`,
  }
}

/** Slots of both cutover templates but `cleared`. */
const CUTOVER_SLOTS = [...COMMON_SLOTS, 'site', 'window', 'end'] as const

/** The cutover cause (工程维护/割接). */
export const cutoverModule = {
  code: 'cutover',
  label: CAUSE_LABELS.cutover,
  base: BASE,
  effects: { alarms: ALARM_EFFECTS, object: EFFECTS },
  templates: {
    'cutover.cleared': { label: '工程维护(割接)引起中断,已恢复', slots: [...CUTOVER_SLOTS, 'cleared', 'description'] },
    'cutover.active': { label: '工程维护正在进行,尚未恢复', slots: [...CUTOVER_SLOTS, 'description'] },
  },
  slotLabels: { site: '基站名', window: '割接时段', end: '预计结束时间', cleared: '恢复时间', description: '描述' },
  batch: ['cutover'],
  evaluate: cutoverRule,
} as const satisfies RuleModule
