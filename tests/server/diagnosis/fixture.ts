/**
 * Reads a diagnosis fixture (tests/fixtures/diagnosis/in/<case>.json): a small network snapshot, a
 * diagnose input and the time of the request, written for people — ISO times with +08:00, rows with
 * only the fields that matter. Fills the rest with neutral defaults.
 */
import { readFileSync } from 'node:fs'
import type {
  Alarm,
  Cell,
  Complaint,
  CoverageArea,
  Cutover,
  DiagnoseInput,
  NetworkSnapshot,
  PlannedSite,
  Site,
} from '../../../server/src/domain/types.js'
import type { DiagnosisOptions } from '../../../server/src/config/index.js'

/** What a fixture may assert by hand, checked even when REGEN rewrites the out file. */
export interface FixtureExpect {
  cause?: string
  disposition?: string
  specialty?: string
  answer?: string
  /** "type:id" of the chosen cause's evidence, in order. */
  evidence?: string[]
  servingSites?: string[]
  candidates_exclude?: string[]
}

export interface Fixture {
  title: string
  now: number
  network: NetworkSnapshot
  input: DiagnoseInput
  options?: Partial<DiagnosisOptions>
  expect?: FixtureExpect
}

type Raw = Record<string, unknown>

/** ISO string → epoch ms; null/undefined → null; numbers kept. */
function time(v: unknown): number | null {
  if (v == null) return null
  if (typeof v === 'number') return v
  const t = Date.parse(String(v))
  if (Number.isNaN(t)) throw new Error(`fixture: bad time ${String(v)}`)
  return t
}

function site(r: Raw): Site {
  return { tech: null, type: null, bsc: null, msc: null, ...(r as object) } as Site
}
function cell(r: Raw): Cell {
  return { tech: null, ...(r as object) } as Cell
}
function alarm(r: Raw): Alarm {
  return { severity: 'critical', ...(r as object), raisedAt: time(r.raisedAt), clearedAt: time(r.clearedAt) } as Alarm
}
function cutover(r: Raw): Cutover {
  return {
    siteIds: [],
    description: '',
    area: null,
    ...(r as object),
    plannedStart: time(r.plannedStart),
    plannedEnd: time(r.plannedEnd),
    actualStart: time(r.actualStart),
    actualEnd: time(r.actualEnd),
  } as unknown as Cutover
}
function complaint(r: Raw): Complaint {
  const occurredAt = time(r.occurredAt) as number
  return {
    reportedAt: null,
    address: '',
    description: '',
    vip: null,
    number: null,
    suggestedCause: null,
    cause: null,
    answer: null,
    disposition: null,
    specialty: null,
    linkedSites: [],
    createdAt: occurredAt,
    // A fixture's earlier complaints are history (settled) unless they say "settled": false.
    settled: true,
    ...(r as object),
    occurredAt,
  } as unknown as Complaint
}

/** Loads and normalises one fixture file. */
export function loadFixture(file: string): Fixture {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Raw
  const n = (raw.network ?? {}) as Record<string, Raw[] | undefined>
  const input = raw.input as Raw
  return {
    title: String(raw.title ?? ''),
    now: time(raw.now) as number,
    network: {
      sites: (n.sites ?? []).map(site),
      cells: (n.cells ?? []).map(cell),
      alarms: (n.alarms ?? []).map(alarm),
      cutovers: (n.cutovers ?? []).map(cutover),
      coverage: (n.coverage ?? []) as unknown as CoverageArea[],
      plannedSites: (n.plannedSites ?? []) as unknown as PlannedSite[],
      complaints: (n.complaints ?? []).map(complaint),
    },
    input: { ...(input as object), occurredAt: time(input.occurredAt) } as DiagnoseInput,
    options: raw.options as Partial<DiagnosisOptions> | undefined,
    expect: raw.expect as FixtureExpect | undefined,
  }
}
