/**
 * The figures a complaint-handling centre is judged by (issue 8; 000 "一次性处理率 … 转派工单 … 超时工单",
 * 004 "千人抱怨率 … 一次性解决率"), for the complaints of an area and period. Rates are shares in [0, 1],
 * null when their denominator is 0. Complaints imported as history have no workflow: they count in the
 * totals, the causes and the complaints per 1,000 users, not in the workflow rates.
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import type { WorkflowOptions } from '../config/index.js'
import { CAUSE_LABELS, type AreaGeometry, type CauseCode, type Complaint } from '../domain/types.js'
import { breaches } from './limits.js'
import type { Status } from './states.js'

/** A complaint's workflow as the figures need it. */
export interface FigureWorkflow {
  status: Status
  repeatOf: string | null
  dispatched: boolean
  fieldTested: boolean
  reopened: boolean
  receivedAt: number
  respondedAt: number | null
  answeredAt: number | null
  closedAt: number | null
  teamSpecialty: string | null
}

/** A district with a known user count (features of type district with `users`). */
export interface DistrictUsers {
  id: string
  name: string
  users: number
  geometry: AreaGeometry
}

export interface Figures {
  /** Complaints in the area and period. */
  total: number
  /** Of them, recorded through the workflow (the denominator of the rates below but 一次性解决率). */
  tracked: number
  closed: number
  /** 一次性解决率: closed complaints answered without a dispatch and never reopened, over closed complaints. */
  firstTimeResolution: number | null
  /** Tracked complaints ever dispatched (派单率), over tracked. */
  dispatchRate: number | null
  /** Tracked complaints ever field-tested (实测率), over tracked. */
  fieldTestRate: number | null
  /** Tracked complaints that breached a time limit — late or still overdue (超时率), over tracked. */
  overdueRate: number | null
  /** Tracked complaints linked to an earlier one (重复投诉率), over tracked. */
  repeatRate: number | null
  counts: { firstTime: number; dispatched: number; fieldTested: number; overdue: number; repeats: number }
  /**
   * 千人投诉率: complaints per 1,000 users over the districts with a known user count that the area
   * covers whole (every vertex inside it); null when there is none.
   */
  per1000Users: number | null
  districts: { id: string; name: string; users: number; complaints: number; per1000Users: number }[]
  byCause: { code: string; label: string; count: number }[]
  bySpecialty: { specialty: string; count: number }[]
  byStatus: Record<string, number>
}

const rate = (n: number, d: number) => (d === 0 ? null : n / d)

function sorted<K extends string>(m: Map<K, number>): [K, number][] {
  return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
}

/** Whether a district lies whole inside the area (every vertex inside or on its border). */
function covers(area: AreaGeometry, d: AreaGeometry): boolean {
  const polys = d.type === 'Polygon' ? [d.coordinates] : d.coordinates
  return polys.every((rings) => rings.every((ring) => ring.every((p) => booleanPointInPolygon(p, area))))
}

/** The figures of `rows` (the complaints of `area` and the period) at `now`. */
export function computeFigures(
  rows: readonly { complaint: Complaint; workflow: FigureWorkflow | null }[],
  area: AreaGeometry,
  districts: readonly DistrictUsers[],
  o: WorkflowOptions,
  now: number,
): Figures {
  let tracked = 0, closed = 0, firstTime = 0, dispatched = 0, fieldTested = 0, overdue = 0, repeats = 0
  const byCause = new Map<string, number>()
  const bySpecialty = new Map<string, number>()
  const byStatus: Record<string, number> = {}
  for (const { complaint: c, workflow: w } of rows) {
    const cause = c.cause ?? c.suggestedCause ?? 'unknown'
    byCause.set(cause, (byCause.get(cause) ?? 0) + 1)
    const specialty = w?.teamSpecialty ?? c.specialty
    if (specialty) bySpecialty.set(specialty, (bySpecialty.get(specialty) ?? 0) + 1)
    if (!w) continue
    tracked++
    byStatus[w.status] = (byStatus[w.status] ?? 0) + 1
    if (w.status === 'closed') {
      closed++
      if (!w.dispatched && !w.reopened && w.answeredAt != null) firstTime++
    }
    if (w.dispatched) dispatched++
    if (w.fieldTested) fieldTested++
    if (w.repeatOf) repeats++
    if (breaches(w, o, now).length) overdue++
  }
  const perDistrict = districts.filter((d) => covers(area, d.geometry)).map((d) => {
    const n = rows.filter(({ complaint: c }) => booleanPointInPolygon([c.lon, c.lat], d.geometry)).length
    return { id: d.id, name: d.name, users: d.users, complaints: n, per1000Users: d.users > 0 ? (n * 1000) / d.users : 0 }
  })
  const users = perDistrict.reduce((s, d) => s + d.users, 0)
  const inDistricts = perDistrict.reduce((s, d) => s + d.complaints, 0)
  return {
    total: rows.length,
    tracked,
    closed,
    firstTimeResolution: rate(firstTime, closed),
    dispatchRate: rate(dispatched, tracked),
    fieldTestRate: rate(fieldTested, tracked),
    overdueRate: rate(overdue, tracked),
    repeatRate: rate(repeats, tracked),
    counts: { firstTime, dispatched, fieldTested, overdue, repeats },
    per1000Users: users > 0 ? (inDistricts * 1000) / users : null,
    districts: perDistrict,
    byCause: sorted(byCause).map(([code, count]) => ({ code, label: CAUSE_LABELS[code as CauseCode] ?? code, count })),
    bySpecialty: sorted(bySpecialty).map(([specialty, count]) => ({ specialty, count })),
    byStatus,
  }
}
