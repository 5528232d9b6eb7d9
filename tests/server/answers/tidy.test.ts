/** Empty slots leave no doubled commas in a script read aloud. */
import { describe, expect, it } from 'vitest'
import { tidy } from '../../../server/src/answers/answer-book.js'

describe('tidy', () => {
  it('collapses the commas an empty slot leaves and drops a comma before a full stop', () => {
    expect(tidy('经过核实,该处为盲点,原因:施工围挡遮挡,,该情况将成为依据。')).toBe('经过核实,该处为盲点,原因:施工围挡遮挡,该情况将成为依据。')
    expect(tidy('信号已恢复,。')).toBe('信号已恢复。')
    expect(tidy('甲,、乙')).toBe('甲,乙')
    expect(tidy('经过核实,一切正常。')).toBe('经过核实,一切正常。')
  })
})
