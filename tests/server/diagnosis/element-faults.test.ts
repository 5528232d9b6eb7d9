/**
 * Element-level faults in the diagnosis (issue 9): an alarm or a cutover on a BSC, an MSC or a
 * transmission ring explains complaints at every site under it — and at no site under another.
 */
import { describe, expect, it } from 'vitest'
import { AnswerBook } from '../../../server/src/answers/answer-book.js'
import { defaultDiagnosisOptions } from '../../../server/src/config/index.js'
import { diagnose } from '../../../server/src/diagnosis/diagnose.js'
import type { Alarm, Cutover, Site } from '../../../server/src/domain/types.js'
import { NetworkIndex } from '../../../server/src/index/network-index.js'
import { elementAlarm, elementCutover, H, near, snapshot, SITES, T } from './element-world.js'

const answers = AnswerBook.load()

function world(alarms: Alarm[] = [], cutovers: Cutover[] = []): NetworkIndex {
  const index = new NetworkIndex(defaultDiagnosisOptions)
  index.load(snapshot(alarms, cutovers))
  return index
}
const at = (index: NetworkIndex, siteId: string, now = T + 10 * 60_000) =>
  diagnose({ ...near(siteId), occurredAt: T, service: 'voice', phenomenon: 'no_signal' }, index, answers, defaultDiagnosisOptions, now)

describe('a BSC alarm', () => {
  const index = world([elementAlarm('AB1', 'bsc', 'BSC12')])

  it('explains a complaint at any site of the BSC, naming the BSC and why the serving site belongs to it', () => {
    for (const id of ['S1', 'S2']) {
      const d = at(index, id)
      expect(d.servingSites[0].id).toBe(id)
      expect(d.cause.code).toBe('site_fault')
      expect(d.disposition).toBe('dispatch')
      const ev = d.evidence.find((e) => e.type === 'alarm')!
      expect(ev.id).toBe('AB1')
      expect(ev.element).toEqual({ type: 'bsc', id: 'BSC12' })
      expect(ev.why).toContain(`服务基站 ${id}`)
      expect(ev.why).toContain('属于 BSC12')
      expect(ev.why).toContain('BSC12 传输中断告警')
      expect(d.answer).toContain('所属的BSC12')
    }
  })

  it('does not explain a complaint at a site of another BSC', () => {
    const d = at(index, 'S3')
    expect(d.servingSites[0].id).toBe('S3')
    expect(d.cause.code).toBe('unknown')
    expect(d.candidates.some((c) => c.evidence.some((e) => e.id === 'AB1'))).toBe(false)
  })

  it('is counted once when several serving sites hang on the BSC, through the best one', () => {
    // A point half-way between S1 and S2 (both of BSC12) with omni reach: still one alarm finding.
    const mid = world([elementAlarm('AB1', 'bsc', 'BSC12')])
    const [a, b] = [SITES[0], SITES[1]]
    const near2: Site[] = [{ ...b, lon: a.lon + 0.004 }]
    mid.upsert('sites', near2)
    const d = diagnose({ lon: a.lon + 0.002, lat: a.lat, occurredAt: T, service: 'voice', phenomenon: 'no_signal' }, mid, answers, defaultDiagnosisOptions, T)
    expect(d.servingSites.map((s) => s.id).sort()).toEqual(['S1', 'S2'])
    expect(d.cause.code).toBe('site_fault')
    expect(d.candidates.find((c) => c.cause.code === 'site_fault')!.rankReason).not.toContain('另有')
  })

  it('follows a site that moves to another BSC (the index re-hangs it)', () => {
    const moved = world([elementAlarm('AB1', 'bsc', 'BSC12')])
    moved.upsert('sites', [{ ...SITES[2], bsc: 'BSC12' }])
    expect(at(moved, 'S3').cause.code).toBe('site_fault')
    moved.upsert('sites', [{ ...SITES[2], bsc: 'BSC13' }])
    expect(at(moved, 'S3').cause.code).toBe('unknown')
  })

  it('a cleared BSC alarm is answered by the agent (self)', () => {
    const d = at(world([{ ...elementAlarm('AB2', 'bsc', 'BSC12'), clearedAt: T + 5 * 60_000 }]), 'S2', T + H)
    expect(d.cause.code).toBe('site_fault')
    expect(d.disposition).toBe('self')
  })
})

describe('an MSC cutover', () => {
  const index = world([], [elementCutover('CM1', [{ type: 'msc', id: 'MSC1' }])])

  it('explains a complaint at any site under the MSC (through its BSCs), naming the MSC', () => {
    for (const id of ['S1', 'S2', 'S4']) {
      const d = at(index, id)
      expect(d.cause.code).toBe('cutover')
      const ev = d.evidence.find((e) => e.type === 'cutover')!
      expect(ev.id).toBe('CM1')
      expect(ev.element).toEqual({ type: 'msc', id: 'MSC1' })
      expect(ev.why).toContain(`服务基站 ${id}`)
      expect(ev.why).toContain('属于 MSC1')
    }
  })

  it('does not explain a complaint at a site of another MSC', () => {
    expect(at(index, 'S3').cause.code).toBe('unknown')
  })

  it('explains a site\'s own alarm raised inside it (the work took the site down)', () => {
    const siteAlarm: Alarm = { id: 'AS1', siteId: 'S4', kind: '断站', severity: 'critical', raisedAt: T - 90 * 60_000, clearedAt: T + 5 * 60_000 }
    const d = at(world([siteAlarm], [elementCutover('CM1', [{ type: 'msc', id: 'MSC1' }])]), 'S4', T + H)
    expect(d.cause.code).toBe('cutover')
    expect(d.evidence.map((e) => e.id)).toEqual(expect.arrayContaining(['AS1', 'CM1']))
    expect(d.evidence.find((e) => e.id === 'CM1')!.why).toContain('属于 MSC1')
    expect(d.answer).toBe('因为工程维护引起信号短暂中断,现在信号已恢复。')
  })
})

describe('a transmission-ring alarm', () => {
  const index = world([elementAlarm('AR1', 'ring', 'R2')])

  it('explains complaints at the ring\'s sites, across BSCs and MSCs, and not elsewhere', () => {
    for (const id of ['S2', 'S3']) {
      const d = at(index, id)
      expect(d.cause.code).toBe('site_fault')
      const ev = d.evidence.find((e) => e.type === 'alarm')!
      expect(ev.element).toEqual({ type: 'ring', id: 'R2' })
      expect(ev.why).toContain('属于 传输环 R2')
    }
    expect(at(index, 'S1').cause.code).toBe('unknown')
    expect(at(index, 'S4').cause.code).toBe('unknown')
  })

  it('an element alarm outside the occurrence window explains nothing', () => {
    const old = world([{ ...elementAlarm('AR2', 'ring', 'R2'), raisedAt: T - 30 * H, clearedAt: T - 20 * H }])
    expect(at(old, 'S2').cause.code).toBe('unknown')
  })
})
