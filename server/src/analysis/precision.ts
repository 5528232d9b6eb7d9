/**
 * Rule precision: how often each cause the diagnosis suggested was the one the agent or the field test
 * settled on. For a cause c: precision = suggested c and final c / suggested c; recall = suggested c
 * and final c / final c. A rule with low precision misleads agents; one with low recall misses its cases.
 */
import { CAUSE_CODES, CAUSE_LABELS, type CauseCode } from '../domain/types.js'

/** How many settled complaints had this (suggested, final) pair. */
export interface CausePair {
  suggested: CauseCode
  final: CauseCode
  n: number
}

export interface CausePrecision {
  code: CauseCode
  label: string
  /** suggested = final = code */
  truePositives: number
  /** suggested code, settled on another cause */
  falsePositives: number
  /** settled on code, another cause suggested */
  falseNegatives: number
  /** null when the cause was never suggested */
  precision: number | null
  /** null when no complaint was settled on the cause */
  recall: number | null
}

export interface PrecisionReport {
  /** Settled complaints counted (both a suggested and a final cause). */
  total: number
  /** Share where the suggestion was kept; null with no settled complaints. */
  agreement: number | null
  causes: CausePrecision[]
  /** Every (suggested, final) pair seen, most frequent first. */
  confusion: CausePair[]
}

export function precisionRecall(pairs: readonly CausePair[]): PrecisionReport {
  const tp = new Map<CauseCode, number>(), sug = new Map<CauseCode, number>(), fin = new Map<CauseCode, number>()
  const add = (m: Map<CauseCode, number>, k: CauseCode, n: number) => m.set(k, (m.get(k) ?? 0) + n)
  let total = 0, agree = 0
  const merged = new Map<string, CausePair>()
  for (const p of pairs) {
    total += p.n
    add(sug, p.suggested, p.n)
    add(fin, p.final, p.n)
    if (p.suggested === p.final) { agree += p.n; add(tp, p.suggested, p.n) }
    const key = `${p.suggested}\u0000${p.final}`
    const m = merged.get(key)
    if (m) m.n += p.n
    else merged.set(key, { ...p })
  }
  const causes = CAUSE_CODES.filter((c) => sug.has(c) || fin.has(c)).map((code) => {
    const t = tp.get(code) ?? 0, s = sug.get(code) ?? 0, f = fin.get(code) ?? 0
    return {
      code, label: CAUSE_LABELS[code], truePositives: t, falsePositives: s - t, falseNegatives: f - t,
      precision: s > 0 ? t / s : null, recall: f > 0 ? t / f : null,
    }
  })
  return { total, agreement: total > 0 ? agree / total : null, causes, confusion: [...merged.values()].sort((a, b) => b.n - a.n) }
}
