/**
 * A month of network events and customer complaints, each complaint with its true cause and the
 * scenario that produced it. Deterministic for a seed: each scenario draws from its own stream.
 *
 * The network (sites, cells, coverage areas, planned sites, cutovers as planned) goes through the
 * project's own importers (parseImport, CSV/GeoJSON as an operator would send them), so the rows the
 * index gets are exactly what an import would store. What the NMS learns during the month (alarms
 * raised and cleared, cutovers' actual start and end) is a timeline of rows, each as known at that time,
 * so a diagnosis at `now` never sees the future.
 *
 * Scenarios (each complaint is tagged with its scenario and the difficulties it carries):
 *   site_fault        a site down (断站/退服/传输/停电/板卡), some alarms raised minutes late (late_alarm)
 *   element_fault     a BSC or transmission ring down, many sites at once, with or without their own alarms
 *   flap_cause        a two-minute flap that did drop a call (rare)
 *   flap / storm      a complaint with no network cause beside a flapping site or in an alarm storm
 *   cutover           planned work: on time, starting late, overrunning, or with no actual times recorded
 *   mass_outage       a hidden fault: many complaints in one area within ~90 minutes, no alarm
 *   weak_coverage / blind_spot / planned_site   known areas (imported objects)
 *   hidden_hole       a coverage hole known to no object: only complaints settled by a field test know it;
 *                     a later complaint there is truly `known_issue` once one was settled (decided when it is
 *                     diagnosed, see evaluate.ts)
 *   no_network_cause  the customer's own problem: field test is the right answer (truth `unknown`)
 * Difficulties: rounded_time, late_time (stated time later than the occurrence), street_place (a street
 * 50–300 m from the true place), far_event (the causing object > 400 m from the stated place), night
 * (the customer calls the next morning).
 */
import { generatedCity, shanghai } from '../geography.js'
import { Rng } from '../rng.js'
import { background, elementFaults, flaps, siteFaults, storms } from './alarms.js'
import { coverageAreas, hiddenHoles, massOutages, noNetworkCause, plannedSites } from './areas.js'
import { Builder, DAY } from './builder.js'
import { cutoverWork } from './cutovers.js'
import type { Month, MonthOptions } from './month.js'

export type { Month, MonthOptions, TruthComplaint, WorldEvent } from './month.js'

/** Builds the month. The scenarios run in this order; each forks its own stream, so the month is the same for a seed. */
export function generateMonth(o: MonthOptions): Month {
  const root = new Rng(`${o.city}:${o.seed}`)
  const geo = o.city === 'shanghai' ? shanghai() : generatedCity(root.fork('city'))
  const start = o.start ?? Date.parse('2026-11-01T00:00:00+08:00')
  const end = start + o.days * DAY
  const g = new Builder(geo, root, start, end, o)
  g.network()
  siteFaults(g)
  elementFaults(g)
  flaps(g)
  storms(g)
  background(g)
  cutoverWork(g)
  massOutages(g)
  coverageAreas(g)
  plannedSites(g)
  hiddenHoles(g)
  noNetworkCause(g)
  return g.finish()
}
