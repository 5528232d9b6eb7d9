import { describe, expect, it } from 'vitest'
import { precisionRecall } from '../../../server/src/analysis/precision.js'

describe('precisionRecall', () => {
  it('computes precision and recall per cause on a hand-made set', () => {
    // 10 settled complaints: cutover suggested 4× (3 kept, 1 → site_fault); site_fault suggested 2× (kept);
    // unknown suggested 4× (1 kept, 2 → blind_spot, 1 → site_fault).
    const r = precisionRecall([
      { suggested: 'cutover', final: 'cutover', n: 3 },
      { suggested: 'cutover', final: 'site_fault', n: 1 },
      { suggested: 'site_fault', final: 'site_fault', n: 2 },
      { suggested: 'unknown', final: 'unknown', n: 1 },
      { suggested: 'unknown', final: 'blind_spot', n: 2 },
      { suggested: 'unknown', final: 'site_fault', n: 1 },
    ])
    expect(r.total).toBe(10)
    expect(r.agreement).toBeCloseTo(0.6)
    const by = Object.fromEntries(r.causes.map((c) => [c.code, c]))
    expect(by.cutover).toMatchObject({ truePositives: 3, falsePositives: 1, falseNegatives: 0, precision: 0.75, recall: 1 })
    expect(by.site_fault).toMatchObject({ truePositives: 2, falsePositives: 0, falseNegatives: 2, precision: 1, recall: 0.5 })
    expect(by.unknown).toMatchObject({ truePositives: 1, falsePositives: 3, falseNegatives: 0, precision: 0.25, recall: 1 })
    expect(by.blind_spot).toMatchObject({ truePositives: 0, falsePositives: 0, falseNegatives: 2, precision: null, recall: 0 })
    expect(r.confusion[0]).toEqual({ suggested: 'cutover', final: 'cutover', n: 3 })
  })

  it('answers nulls, not NaN, with nothing settled', () => {
    expect(precisionRecall([])).toEqual({ total: 0, agreement: null, causes: [], confusion: [] })
  })
})
