import { describe, expect, it } from 'vitest'
import { detectSurges } from '../../../server/src/analysis/surges.js'

const H = 3600_000
const WEEK = 168 * H
const NOW = Date.parse('2026-11-23T00:00:00+08:00')
const o = { baselineWeeks: 4, k: 3, minSigma: 1, minCount: 5 }

/** A normal history: every site gets 0–2 complaints in each hour of 5 weeks (deterministic pattern). */
function history(sites: number) {
  const site: number[] = [], time: number[] = []
  for (let h = -5 * 168; h < 0; h++) {
    for (let s = 0; s < sites; s++) {
      const n = (h * 7 + s * 3) % 3 === 0 ? 2 : (h + s) % 2 === 0 ? 1 : 0
      for (let k = 0; k < n; k++) { site.push(s); time.push(NOW + h * H + k * 60_000) }
    }
  }
  return { site, time }
}

describe('detectSurges', () => {
  it('stays quiet on a normal day', () => {
    const { site, time } = history(10)
    expect(detectSurges(Int32Array.from(site), Float64Array.from(time), NOW - 24 * H, NOW, o)).toEqual([])
  })

  it('fires on a planted surge at one site in one hour, with the baseline of that hour of the week', () => {
    const { site, time } = history(10)
    const hour = NOW - 5 * H
    for (let k = 0; k < 9; k++) { site.push(4); time.push(hour + k * 5 * 60_000) }
    const surges = detectSurges(Int32Array.from(site), Float64Array.from(time), NOW - 24 * H, NOW, o)
    expect(surges).toHaveLength(1)
    expect(surges[0]).toMatchObject({ site: 4, hour })
    expect(surges[0].count).toBeGreaterThanOrEqual(9)
    expect(surges[0].threshold).toBeLessThanOrEqual(surges[0].count)
    // Its baseline is the same hour 1–4 weeks earlier.
    const same = (w: number) => time.filter((t, i) => site[i] === 4 && t >= hour - w * WEEK && t < hour - w * WEEK + H).length
    const mean = [1, 2, 3, 4].reduce((s, w) => s + same(w), 0) / 4
    expect(surges[0].baselineMean).toBeCloseTo(mean)
  })

  it('does not fire when the site is always that busy at that hour of the week', () => {
    const site: number[] = [], time: number[] = []
    for (let w = 0; w <= 4; w++) for (let k = 0; k < 9; k++) { site.push(0); time.push(NOW - 5 * H - w * WEEK + k * 60_000) }
    expect(detectSurges(Int32Array.from(site), Float64Array.from(time), NOW - 24 * H, NOW, o)).toEqual([])
  })
})
