/**
 * What the rules see: the complaint, the nearby network objects gathered once by diagnose() (step 2),
 * and small helpers to describe them. Rules only read this; they never query beyond it except for
 * complaints (known_issue, mass_outage), which are their own business.
 */
import type { AnswerBook, TemplateRef } from '../answers/answer-book.js'
import { chinaTime } from '../answers/china-time.js'
import type { DiagnosisOptions } from '../config/index.js'
import {
  CAUSE_LABELS,
  ELEMENT_LABELS,
  PHENOMENA,
  type Alarm,
  type Candidate,
  type CauseCode,
  type CoverageArea,
  type Cutover,
  type DiagnoseInput,
  type ElementRef,
  type Evidence,
  type PlannedSite,
  type Service,
  type Specialty,
} from '../domain/types.js'
import type { NetworkIndex, ServingSite, SiteElement } from '../index/network-index.js'
import type { AlarmEffectRow } from './effects.js'

/**
 * An alarm on a serving site — or on an element the serving site hangs on (BSC, MSC, ring; `element`) —
 * whose window overlaps the occurrence and that can cause the phenomenon.
 */
export interface AlarmFinding {
  serving: ServingSite
  alarm: Alarm
  /** The element above the serving site the alarm is on; absent for the site's own alarm. */
  element?: SiteElement
  row: AlarmEffectRow
  /** Effect weight of the alarm kind on the phenomenon (> 0). */
  effect: number
  /** Weight of the alarm's severity. */
  severity: number
  /**
   * A cutover whose window (± cutoverAlarmSlackMs) holds the alarm's raise time: of the same site or
   * element, or — for a site alarm — of an element the site hangs on (a BSC cutover takes its sites down).
   */
  cutover: Cutover | null
  /** The element the explaining cutover is on, when not the alarm's own site or element. */
  cutoverElement?: SiteElement
}

/** A cutover of a serving site — or of an element it hangs on (`element`) — whose window overlaps the occurrence. */
export interface SiteCutover {
  serving: ServingSite
  cutover: Cutover
  element?: SiteElement
}

/** Slots every answer template may use. */
export interface CommonSlots {
  address: string
  occurred: string
  service: string
  phenomenon: string
}

/** Everything a rule reads. */
export interface RuleContext {
  input: DiagnoseInput
  index: NetworkIndex
  answers: AnswerBook
  options: DiagnosisOptions
  /** The time of the request: decides whether an alarm or a cutover "has cleared". */
  now: number
  serving: ServingSite[]
  alarms: AlarmFinding[]
  siteCutovers: SiteCutover[]
  areaCutovers: Cutover[]
  coverage: CoverageArea[]
  /**
   * Coverage areas just outside the point (within coverageSlackM of their edge), nearest first: the
   * place agents type is often the street, not the customer's building.
   */
  coverageNear: { item: CoverageArea; distanceM: number }[]
  planned: PlannedSite[]
  common: CommonSlots
}

/** Which template (and version) an answer came from; the chosen answer's also keeps its slot values. */
export type AnswerTemplate = TemplateRef & { slots?: Record<string, string> }

/**
 * A rule's candidate before ranking: `basis` explains its score and becomes part of the rankReason;
 * `template` names the answer template and version the answer was rendered from.
 */
export type RuleCandidate = Omit<Candidate, 'rankReason'> & { basis: string; template: AnswerTemplate }

/** A ranked candidate: the contract's Candidate plus the template its answer came from. */
export type RankedCandidate = Candidate & { template: AnswerTemplate }

/** A rule: traces the objects of one cause (step 3) and proposes answered candidates (step 4). */
export type Rule = (ctx: RuleContext) => RuleCandidate[]

/** { code, label } of a cause. */
export function causeOf(code: CauseCode): { code: CauseCode; label: string } {
  return { code, label: CAUSE_LABELS[code] }
}

/** The 专业 003 names by default when a complaint goes to field test: data → 数据核心网, voice → 无线-基站及配套. */
export function defaultSpecialty(service: Service): Specialty {
  return service === 'data' ? '数据核心网' : '无线-基站及配套'
}

/** The slots common to every template, from the complaint. */
export function commonSlots(input: DiagnoseInput): CommonSlots {
  const address = input.address?.trim()
  return {
    address: address ? address : '您所在地点',
    occurred: chinaTime(input.occurredAt),
    service: input.service === 'data' ? '数据' : '语音',
    phenomenon: PHENOMENA[input.phenomenon],
  }
}

/** A site's name as said aloud: "白马花园基站" (not "白马花园基站基站"). */
export function siteLabel(name: string): string {
  return /(基站|站)$/.test(name) ? name : `${name}基站`
}

/** An element as said aloud: "BSC12" (its id already says what it is), else "传输环 R3". */
export function elementName(e: ElementRef): string {
  const label = ELEMENT_LABELS[e.type]
  return e.id.toUpperCase().startsWith(label.toUpperCase()) ? e.id : `${label} ${e.id}`
}

/** Why an element's fault reaches the complaint: "服务基站 TH003 龙口东路南 属于 BSC12". */
export function belongsTo(s: ServingSite, e: ElementRef): string {
  return `服务基站 ${s.site.id} ${s.site.name} 属于 ${elementName(e)}`
}

/** The `{site}` slot of an answer about an element's fault: "龙口东路南基站所属的BSC12". */
export function elementSiteLabel(s: ServingSite, e: ElementRef): string {
  return `${siteLabel(s.site.name)}所属的${elementName(e)}`
}

/** The element part of an evidence item (type and id only). */
export function elementRef(e: ElementRef): ElementRef {
  return { type: e.type, id: e.id }
}

/** Chinese names of alarm severities, as the NMS shows them. */
export const SEVERITY_LABEL: Record<string, string> = { critical: '紧急', major: '重要', minor: '次要', warning: '提示' }

/** Rounded metres for evidence. */
export function metres(d: number): number {
  return Math.round(d)
}

/** The evidence that a site serves the point: distance and which cell faces it. */
export function siteEvidence(s: ServingSite, index: NetworkIndex): Evidence {
  const name = siteLabel(s.site.name)
  let how: string
  if (s.cellId == null) how = '全向覆盖'
  else {
    const cell = index.cell(s.cellId)
    const az = cell ? `方位角${Math.round(cell.azimuth)}°` : ''
    how = s.facing ? `小区${s.cellId}(${az})朝向投诉点` : `小区${s.cellId}(${az})未正对投诉点,旁瓣覆盖`
  }
  return {
    type: 'site',
    id: s.site.id,
    name: s.site.name,
    distance_m: metres(s.distanceM),
    why: `${name}距投诉点${metres(s.distanceM)}米,${how}`,
  }
}

/** Ends a clause with a comma unless it already ends with punctuation; '' stays ''. */
export function clause(s: string): string {
  const t = s.trim()
  if (!t) return ''
  return /[,,;;、。.!!??]$/.test(t) ? t.replace(/[。.]$/, ',') : `${t},`
}

/** Strips trailing punctuation (the template supplies it). */
export function lastClause(s: string): string {
  return s.trim().replace(/[,,;;、。.!!??]+$/, '')
}
