/**
 * How long a settled transient cause is reused (known_issue): within the short window, and never after
 * the alarm or cutover the earlier complaint's own diagnosis named has ended (past the time slack); a
 * transient cause without such evidence (a field test's finding) lasts the window alone.
 */
import { describe, expect, it } from 'vitest'
import { AnswerBook } from '../../../server/src/answers/answer-book.js'
import { defaultDiagnosisOptions } from '../../../server/src/config/index.js'
import { diagnose } from '../../../server/src/diagnosis/diagnose.js'
import type { Complaint, Cutover } from '../../../server/src/domain/types.js'
import { destination } from '../../../server/src/geo/distance.js'
import { NetworkIndex } from '../../../server/src/index/network-index.js'

const answers = AnswerBook.load()
const O = { lon: 113.33, lat: 23.14 }
const at = (hhmm: string, day = 20) => Date.parse(`2026-11-${day}T${hhmm}:00+08:00`)
const options = { ...defaultDiagnosisOptions, lowConfidenceThreshold: 0 }

/** A cutover on a site 2 km away (not serving O), 16:00–18:00, and one earlier complaint at O settled with `cause`. */
function world(earlier: Partial<Complaint>): NetworkIndex {
  const index = new NetworkIndex(options)
  const [lon, lat] = destination(O.lon, O.lat, 2000, 90)
  const [lon2, lat2] = destination(O.lon, O.lat, 150, 0)
  const cutover: Cutover = { id: 'K1', siteIds: ['FAR'], plannedStart: at('16:00'), plannedEnd: at('18:00'), actualStart: at('16:00'), actualEnd: at('18:00'), description: '割接', area: null }
  const complaint = {
    id: 'E1', occurredAt: at('16:30'), reportedAt: at('16:40'), address: '', service: 'voice', phenomenon: 'no_signal', description: '', vip: null,
    lon: O.lon, lat: O.lat, number: null, suggestedCause: 'cutover', cause: 'cutover', answer: null, disposition: 'self', specialty: null,
    linkedSites: [], createdAt: at('16:40'), settled: true, ...earlier,
  } as Complaint
  index.load({
    sites: [
      { id: 'FAR', name: '远站', lon, lat, tech: null, type: null, bsc: null, msc: null },
      { id: 'NEAR', name: '近站', lon: lon2, lat: lat2, tech: null, type: null, bsc: null, msc: null },
    ],
    cells: [], alarms: [], cutovers: [cutover], coverage: [], plannedSites: [], complaints: [complaint],
  })
  return index
}

const reuses = (index: NetworkIndex, hhmm: string, day = 20) =>
  diagnose({ lon: O.lon, lat: O.lat, occurredAt: at(hhmm, day), service: 'voice', phenomenon: 'no_signal' }, index, answers, options, at(hhmm, day) + 600_000)
    .candidates.some((c) => c.cause.code === 'known_issue')

describe('reusing a settled transient cause', () => {
  const named = { diagnosis: { cause: { code: 'cutover' }, evidence: [{ type: 'cutover', id: 'K1', distance_m: 2000, why: '' }], candidates: [] } } as unknown as Partial<Complaint>

  it('lasts while the cutover its diagnosis named is on, and within the time slack after', () => {
    const index = world(named)
    expect(reuses(index, '17:30')).toBe(true)
    expect(reuses(index, '18:20')).toBe(true)
  })

  it('ends once that cutover has ended past the slack, though the 12 h window is still open', () => {
    const index = world(named)
    expect(reuses(index, '18:45')).toBe(false)
    expect(reuses(index, '23:00')).toBe(false)
  })

  it('without a named event (a field test found it) lasts the window alone', () => {
    const index = world({ diagnosis: null } as Partial<Complaint>)
    expect(reuses(index, '23:00')).toBe(true)
    // Past the 12 h window (16:30 + 12 h) it is not reused either way.
    expect(reuses(index, '04:40', 21)).toBe(false)
  })
})
