/**
 * The diagnosis: its radii, windows and thresholds. A change is made here, and the eval (README,
 * Diagnosis quality) measures what it does — all but one: how sure an answer must be before the agent
 * reads it out at once is the operator's choice between wrong explanations and field tests
 * (SELF_ANSWER_MIN_CONFIDENCE; README, Diagnosis quality → Confidence, has the measured trade-off).
 */
import { envNumber, type Env } from './env.js'

/** Radii, windows and thresholds of the diagnosis. */
export interface DiagnosisOptions {
  /** Radius of a site without cells (treated as omnidirectional); an urban macro cell is ~0.5–1 km. */
  defaultSiteRadiusM: number
  /** How far beyond its nominal radius a cell is still considered as possibly serving (×radius). */
  servingReach: number
  /** A site further than this is never evidence, whatever its cells claim. */
  maxSiteDistanceM: number
  /** An alarm or cutover still counts if it ended this long before the occurrence (customers misremember times). */
  timeSlackMs: number
  /** Step 1: an earlier complaint within this distance … */
  knownIssueRadiusM: number
  /**
   * … and within this time of the occurrence, with the same phenomenon group and a settled cause, is
   * reused — for the transient causes (cutover, site_fault, mass_outage), whose event may be over after it.
   */
  knownIssueWindowMs: number
  /**
   * A settled coverage cause (weak_coverage, blind_spot, planned_site) lasts: it is reused this long
   * after the earlier complaint occurred.
   */
  knownIssueCoverageWindowMs: number
  /**
   * … and only within this distance (at most knownIssueRadiusM): a coverage hole is a place, so an old
   * settled cause speaks only for complaints close to it.
   */
  knownIssueCoverageRadiusM: number
  /** mass_outage: at least this many complaints … */
  massOutageMinComplaints: number
  /** … within this radius … */
  massOutageRadiusM: number
  /** … within this window before the occurrence, with no alarm or cutover behind them. */
  massOutageWindowMs: number
  /** A site whose alarm was raised or cleared this long before now is shown as recently alarmed (篇3: 黄灯闪烁). */
  recentAlarmMs: number
  /** Outside its main beam a cell still serves near the site (side/back lobes): this fraction of its reach. */
  offBeamReach: number
  /** An alarm raised this long before a cutover window opens (or after it closes) is still put down to the cutover. */
  cutoverAlarmSlackMs: number
  /** How many serving sites a diagnosis lists (and the complaint links), best first. */
  maxServingSites: number
  /**
   * Below this confidence (diagnosis/confidence.ts) an answer the agent would give at once ('self')
   * goes to field test with the "cause being checked" script instead; 0 turns it off.
   */
  lowConfidenceThreshold: number
  /**
   * An alarm that cleared within this time of being raised is a flap: it explains a complaint only when
   * the occurrence is within flapSlackMs of it (timeSlackMs is for outages people remember roughly).
   */
  flapMs: number
  flapSlackMs: number
  /**
   * A serving site this far or farther is not believed to serve the point when at least
   * nearerWorkingSites nearer serving sites work (no alarm or cutover that can cause the phenomenon):
   * in a dense network the phone camps on one of those.
   */
  farSiteM: number
  nearerWorkingSites: number
  /**
   * A blind spot or weak-coverage area whose edge is within this distance of the point still counts,
   * its score falling linearly to half at this distance (the address is often the street outside).
   * Off (0) by default: on the eval (README, Diagnosis quality) 60–150 m raised coverage recall but
   * raised confidently wrong self answers more (complaints with no network cause near an area).
   */
  coverageSlackM: number
}

export const defaultDiagnosisOptions: DiagnosisOptions = {
  defaultSiteRadiusM: 800,
  servingReach: 1.5,
  maxSiteDistanceM: 3000,
  timeSlackMs: 30 * 60_000,
  knownIssueRadiusM: 500,
  knownIssueWindowMs: 12 * 3600_000,
  knownIssueCoverageWindowMs: 30 * 24 * 3600_000,
  knownIssueCoverageRadiusM: 100,
  massOutageMinComplaints: 5,
  massOutageRadiusM: 1000,
  massOutageWindowMs: 2 * 3600_000,
  recentAlarmMs: 24 * 3600_000,
  offBeamReach: 0.15,
  cutoverAlarmSlackMs: 15 * 60_000,
  maxServingSites: 5,
  lowConfidenceThreshold: 0.6,
  flapMs: 5 * 60_000,
  flapSlackMs: 10 * 60_000,
  farSiteM: 600,
  nearerWorkingSites: 3,
  coverageSlackM: 0,
}

/**
 * The diagnosis options with the operator's SELF_ANSWER_MIN_CONFIDENCE (0–1; 0 turns the field-test
 * fallback off). A value outside [0, 1] stops the start, naming the variable.
 */
export function loadDiagnosisOptions(env: Env): DiagnosisOptions {
  const min = envNumber(env, 'SELF_ANSWER_MIN_CONFIDENCE', defaultDiagnosisOptions.lowConfidenceThreshold, (n) => n >= 0 && n <= 1, 'a number from 0 to 1')
  return { ...defaultDiagnosisOptions, lowConfidenceThreshold: min }
}
