/** The complaint workflow's rows (issue 8): one status row per tracked complaint, one history row per step. */
import type { AreaGeometry } from '../../domain/types.js'
import { date, ms, type Row } from './table-repo.js'

/** A complaint's workflow now. Times are epoch ms. */
export interface WorkflowRow {
  complaintId: string
  status: string
  ticket: string | null
  repeatOf: string | null
  receivedAt: number
  respondedAt: number | null
  answeredAt: number | null
  closedAt: number | null
  dispatched: boolean
  fieldTested: boolean
  reopened: boolean
  team: string | null
  teamSpecialty: string | null
  satisfied: boolean | null
}

/** One step of a complaint's history. */
export interface HistoryEntry {
  seq: number
  action: string
  from: string | null
  to: string
  by: string | null
  at: number
  note: string | null
  /** The step's own fields: team, specialty, cause, satisfied, repeatOf … */
  data: Record<string, unknown> | null
}

export function workflowFromRow(r: Row): WorkflowRow {
  return {
    complaintId: r.complaint_id as string, status: r.status as string, ticket: r.ticket as string | null, repeatOf: r.repeat_of as string | null,
    receivedAt: ms(r.received_at)!, respondedAt: ms(r.responded_at), answeredAt: ms(r.answered_at), closedAt: ms(r.closed_at),
    dispatched: r.dispatched as boolean, fieldTested: r.field_tested as boolean, reopened: r.reopened as boolean,
    team: r.team as string | null, teamSpecialty: r.team_specialty as string | null, satisfied: r.satisfied as boolean | null,
  }
}

/** Named parameters of upsert.sql. */
export function workflowParams(w: WorkflowRow): Row {
  return {
    ...w, receivedAt: date(w.receivedAt), respondedAt: date(w.respondedAt), answeredAt: date(w.answeredAt), closedAt: date(w.closedAt),
  }
}

export function historyFromRow(r: Row): HistoryEntry {
  return {
    seq: r.seq as number, action: r.action as string, from: r.from_status as string | null, to: r.to_status as string,
    by: r.by_user as string | null, at: ms(r.at)!, note: r.note as string | null, data: (r.data as Record<string, unknown> | null) ?? null,
  }
}

/** An earlier complaint that a new one may repeat (repeat-candidates.sql). */
export interface RepeatCandidateRow {
  id: string
  number: string | null
  lon: number
  lat: number
  phenomenon: string
  reportedAt: number
  repeatOf: string | null
}

export function repeatCandidateFromRow(r: Row): RepeatCandidateRow {
  return {
    id: r.id as string, number: r.number as string | null, lon: r.lon as number, lat: r.lat as number,
    phenomenon: r.phenomenon as string, reportedAt: ms(r.reported_at)!, repeatOf: r.repeat_of as string | null,
  }
}

/** A district with its user count (districts-users.sql). */
export interface DistrictUsersRow {
  id: string
  name: string
  users: number
  geometry: AreaGeometry
}
