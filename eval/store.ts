/**
 * npm run eval -- --store: the accuracy of the suggestions recorded in a real store — the cause the
 * diagnosis suggested when the complaint was recorded against the final cause the agent or a field test
 * settled — per cause and per month. Reads the store named as the service reads it (DATABASE_URL, or the
 * embedded database in DATA_DIR: stop a service using the same DATA_DIR first); writes nothing.
 */
import { CAUSE_CODES, type CauseCode } from '../server/src/domain/types.js'
import { complaintsRepo } from '../server/src/store/repos/index.js'
import { Store } from '../server/src/store/store.js'
import type { StoreOptions } from '../server/src/store/db.js'

export interface StoreFigures {
  store: string
  total: number
  settled: number
  agree: number
  accuracy: number | null
  perCause: Record<string, { final: number; suggested: number; right: number; recall: number | null; precision: number | null }>
  perMonth: { month: string; settled: number; accuracy: number | null }[]
}

export async function storeFigures(opts: StoreOptions): Promise<StoreFigures> {
  const store = await Store.open(opts)
  try {
    const all = await complaintsRepo.all(store.db)
    const byId = new Map(all.map((c) => [c.id, c]))
    const perCause: StoreFigures['perCause'] = {}
    for (const c of CAUSE_CODES) perCause[c] = { final: 0, suggested: 0, right: 0, recall: null, precision: null }
    const months = new Map<string, { settled: number; right: number }>()
    let settled = 0
    let agree = 0
    for (const c of all) {
      if (c.cause == null || c.suggestedCause == null) continue
      settled++
      // A known_issue suggestion stands for the cause of the complaint it reused (its final cause, else its suggestion).
      let suggested: CauseCode = c.suggestedCause
      if (suggested === 'known_issue' && c.cause !== 'known_issue') {
        const ev = (c.diagnosis as { evidence?: { type?: string; id?: string }[] } | null)?.evidence?.find((e) => e.type === 'complaint')
        const reused = ev?.id ? byId.get(ev.id) : undefined
        if (reused) suggested = reused.cause ?? reused.suggestedCause ?? suggested
      }
      const right = suggested === c.cause
      perCause[c.cause].final++
      perCause[c.suggestedCause].suggested++
      if (right) {
        agree++
        perCause[c.cause].right++
      }
      const month = new Date(c.occurredAt + 8 * 3600_000).toISOString().slice(0, 7)
      const m = months.get(month) ?? { settled: 0, right: 0 }
      m.settled++
      if (right) m.right++
      months.set(month, m)
    }
    // Precision per suggested code: how often a suggestion of that code matched the final cause.
    const rightBySuggested = new Map<string, number>()
    for (const c of all) {
      if (c.cause == null || c.suggestedCause == null) continue
      let s: CauseCode = c.suggestedCause
      if (s === 'known_issue' && c.cause !== 'known_issue') {
        const ev = (c.diagnosis as { evidence?: { type?: string; id?: string }[] } | null)?.evidence?.find((e) => e.type === 'complaint')
        const reused = ev?.id ? byId.get(ev.id) : undefined
        if (reused) s = reused.cause ?? reused.suggestedCause ?? s
      }
      if (s === c.cause) rightBySuggested.set(c.suggestedCause, (rightBySuggested.get(c.suggestedCause) ?? 0) + 1)
    }
    for (const code of CAUSE_CODES) {
      const p = perCause[code]
      p.recall = p.final ? p.right / p.final : null
      p.precision = p.suggested ? (rightBySuggested.get(code) ?? 0) / p.suggested : null
    }
    return {
      store: store.kind === 'embedded' ? `embedded, ${opts.dataDir}` : 'PostgreSQL',
      total: all.length,
      settled,
      agree,
      accuracy: settled ? agree / settled : null,
      perCause,
      perMonth: [...months].sort((a, b) => a[0].localeCompare(b[0])).map(([month, m]) => ({ month, settled: m.settled, accuracy: m.settled ? m.right / m.settled : null })),
    }
  } finally {
    await store.close()
  }
}
