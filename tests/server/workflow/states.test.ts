/** The state machine: every step from every status, legal or refused (409 naming status, step and what is allowed). */
import { describe, expect, it } from 'vitest'
import { STATUSES, USER_ACTIONS, allowedActions, transition } from '../../../server/src/workflow/states.js'
import { AppError } from '../../../server/src/errors.js'
import { LEGAL } from './legal.js'

describe('transition()', () => {
  for (const from of STATUSES) {
    for (const action of USER_ACTIONS) {
      const to = LEGAL[from][action]
      it(`${from} + ${action} → ${to ?? '409'}`, () => {
        if (to) {
          expect(transition(from, action)).toBe(to)
          return
        }
        let err: unknown
        try { transition(from, action) } catch (e) { err = e }
        expect(err).toBeInstanceOf(AppError)
        const e = err as AppError
        expect(e.statusCode).toBe(409)
        expect(e.message).toContain(`(${from})`)
        expect(e.message).toContain(`(${action})`)
        expect(e.details).toEqual({ status: from, action, allowed: Object.keys(LEGAL[from]) })
      })
    }
  }

  it('the system steps: a new complaint is received, then diagnosed; neither twice', () => {
    expect(transition(null, 'receive')).toBe('received')
    expect(transition('received', 'diagnose')).toBe('diagnosed')
    expect(() => transition('diagnosed', 'diagnose')).toThrow(/已分析\(diagnosed\).*分析定位\(diagnose\)/)
    expect(() => transition(null, 'answer')).toThrow(/cannot 答复\(answer\); allowed: none/)
  })

  it('close after an unsatisfied call-back is refused; after a satisfied one allowed', () => {
    expect(transition('called_back', 'close', true)).toBe('closed')
    expect(() => transition('called_back', 'close', false)).toThrow(/not satisfied.*reopen/)
    expect(allowedActions('called_back', false)).toEqual(['reopen'])
    expect(allowedActions('called_back', true)).toEqual(['close', 'reopen'])
  })
})
