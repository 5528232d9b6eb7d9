/** The legal workflow steps, written out by hand from the seeds' process, independently of the server's table (states.ts). */
import type { Status } from '../../../server/src/workflow/states.js'

/** Status → (step → the status it leads to); a step not listed is refused with 409. */
export const LEGAL: Record<Status, Record<string, Status>> = {
  received: {},
  diagnosed: { answer: 'answered', dispatch: 'dispatched' },
  answered: { call_back: 'called_back', close: 'closed', reopen: 'reopened' },
  dispatched: { answer: 'answered', dispatch: 'dispatched', field_test: 'field_tested' },
  field_tested: { answer: 'answered', dispatch: 'dispatched' },
  called_back: { close: 'closed', reopen: 'reopened' },
  closed: { reopen: 'reopened' },
  reopened: { answer: 'answered', dispatch: 'dispatched' },
}
