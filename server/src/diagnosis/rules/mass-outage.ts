/**
 * 突发性大面积投诉: at least massOutageMinComplaints complaints within massOutageRadiusM in the
 * massOutageWindowMs before the occurrence, and no alarm or cutover that explains the point — a hidden
 * fault (隐性故障) above the sites, so it goes to the core-network 专业 to investigate (dispatch).
 */
import { chinaTime } from '../../answers/china-time.js'
import { CAUSE_LABELS, PHENOMENA, type Complaint, type Specialty } from '../../domain/types.js'
import { distanceM } from '../../geo/distance.js'
import { causeOf, metres, type Rule } from '../context.js'
import { COMMON_SLOTS, type RuleModule } from '../rule-module.js'

/** Base score: an unexplained burst of complaints ranks above the static coverage facts. */
const BASE = { mass_outage: 0.7 } as const
/** Added as the burst grows to twice the threshold. */
const BONUS = 0.1

/** At most this many complaints are listed as evidence (nearest first). */
const MAX_EVIDENCE = 10

/** A complaint no known event explained: its cause (final, else suggested) is not an alarm or a cutover. */
function unexplained(c: Complaint): boolean {
  const cause = c.cause ?? c.suggestedCause
  return cause !== 'site_fault' && cause !== 'cutover'
}

/** A mass-outage candidate, unless an alarm or cutover already explains the point. */
export const massOutageRule: Rule = (ctx) => {
  if (ctx.alarms.length > 0 || ctx.siteCutovers.length > 0 || ctx.areaCutovers.length > 0) return []
  const { lon, lat, occurredAt } = ctx.input
  const o = ctx.options
  const since = occurredAt - o.massOutageWindowMs
  // Only complaints no known event explained count: those answered with a cutover or a site fault
  // nearby are that event's, not a sign of a hidden fault.
  const near = ctx.index.complaintsNear(lon, lat, o.massOutageRadiusM, since, occurredAt).filter(unexplained)
  const n = near.length
  if (n < o.massOutageMinComplaints) return []
  const withDistance = near
    .map((c) => ({ c, d: distanceM(lon, lat, c.lon, c.lat) }))
    .sort((a, b) => a.d - b.d || a.c.occurredAt - b.c.occurredAt)
  const growth = Math.min(1, (n - o.massOutageMinComplaints) / o.massOutageMinComplaints)
  const specialty: Specialty = ctx.input.service === 'data' ? '数据核心网' : '无线-核心网'
  return [
    {
      cause: causeOf('mass_outage'),
      score: BASE.mass_outage + BONUS * growth,
      ...ctx.answers.answer('mass_outage', { ...ctx.common, count: String(n), since: chinaTime(since) }),
      disposition: 'dispatch',
      specialty,
      evidence: withDistance.slice(0, MAX_EVIDENCE).map(({ c, d }) => ({
        type: 'complaint' as const,
        id: c.id,
        distance_m: metres(d),
        why: `${chinaTime(c.occurredAt)}投诉(${PHENOMENA[c.phenomenon]}),相距${metres(d)}米`,
      })),
      basis: `${Math.round(o.massOutageWindowMs / 60_000)}分钟内${Math.round(o.massOutageRadiusM)}米内${n}起未由告警/割接解释的投诉且本处无告警/割接(基础${BASE.mass_outage}+规模${(BONUS * growth).toFixed(2)})`,
    },
  ]
}

/** The mass_outage cause: a burst of complaints with nothing on the network to explain it. */
export const massOutageModule = {
  code: 'mass_outage',
  label: CAUSE_LABELS.mass_outage,
  base: BASE,
  bonus: BONUS,
  templates: {
    mass_outage: { label: '附近短时间内大量投诉且无告警(疑似隐性故障)', slots: [...COMMON_SLOTS, 'count', 'since'] },
  },
  slotLabels: { count: '近期投诉数', since: '统计起始时间' },
  unexplained: true,
  evaluate: massOutageRule,
} as const satisfies RuleModule
