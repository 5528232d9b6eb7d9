/** The figures of an evaluation as text (the default output of npm run eval). */
import { CAUSE_CODES } from '../server/src/domain/types.js'
import type { EvalResult, Figures } from './evaluate.js'
import type { StoreFigures } from './store.js'

const pct = (x: number | null) => (x == null ? '   –  ' : `${(100 * x).toFixed(1).padStart(5)}%`)
const SHORT: Record<string, string> = {
  known_issue: 'known', cutover: 'cutovr', site_fault: 'site', mass_outage: 'mass', blind_spot: 'blind', weak_coverage: 'weak', planned_site: 'plan', unknown: 'unknwn',
}

export function formatEval(r: EvalResult, seconds?: number): string {
  const out: string[] = []
  const w = r.world
  out.push(`# Diagnosis quality — ${r.city} (${r.source}), ${r.days} days, seed ${r.seed}`)
  out.push(`world: ${w.sites} sites, ${w.cells} cells, ${w.alarms} alarms, ${w.cutovers} cutovers, ${w.coverageAreas} coverage areas, ${w.plannedSites} planned sites, ${w.hiddenHoles} hidden holes; ${w.complaints} complaints${seconds != null ? `; ${seconds.toFixed(1)} s` : ''}`)
  out.push(`complaints per true cause: ${CAUSE_CODES.map((c) => `${c} ${r.byTruth[c]}`).join(', ')}`)
  out.push(`complaints per scenario:   ${Object.entries(r.byScenario).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`)
  out.push('')
  const d = r.diagnosis
  const a = r.baselines.nearestAlarm
  const f = r.baselines.fieldTest
  out.push('                          diagnosis   nearest alarm ≤1 km   always field test')
  out.push(`top-1 accuracy            ${pct(d.top1)}      ${pct(a.top1)}               ${pct(f.top1)}`)
  out.push(`top-3 accuracy            ${pct(d.top3)}`)
  out.push(`confidently wrong (self)  ${pct(d.confidentlyWrongShare)} (${d.confidentlyWrong})   ${pct(a.confidentlyWrongShare)} (${a.confidentlyWrong})          ${pct(f.confidentlyWrongShare)} (${f.confidentlyWrong})`)
  out.push(`wrong among self answers  ${pct(d.selfWrongShare)}      ${pct(a.selfWrongShare)}`)
  out.push(`dispositions self/dispatch/field_test: diagnosis ${d.dispositions.self}/${d.dispositions.dispatch}/${d.dispositions.field_test}, nearest alarm ${a.dispositions.self}/${a.dispositions.dispatch}/${a.dispositions.field_test}`)
  out.push('')
  out.push('per cause          n   precision  recall   | nearest alarm recall | field test recall')
  for (const c of CAUSE_CODES) {
    const p = d.perCause[c]
    out.push(`${c.padEnd(14)} ${String(p.truth).padStart(5)}   ${pct(p.precision)}   ${pct(p.recall)}  |       ${pct(a.perCause[c].recall)}         |      ${pct(f.perCause[c].recall)}`)
  }
  out.push('')
  out.push(confusion(d))
  out.push('')
  if (r.reliability) {
    const n = r.reliability.bins.reduce((s, b) => s + b.n, 0) || 1
    // Expected calibration error: the answers' share-weighted gap between confidence and accuracy per bin.
    const ece = r.reliability.bins.reduce((s, b) => s + (b.n && b.meanConfidence != null && b.accuracy != null ? (b.n / n) * Math.abs(b.accuracy - b.meanConfidence) : 0), 0)
    out.push(`reliability (confidence bin: n, mean confidence, accuracy); expected calibration error ${ece.toFixed(3)}`)
    for (const b of r.reliability.bins) if (b.n) out.push(`  ${b.from.toFixed(1)}–${b.to.toFixed(1)}  ${String(b.n).padStart(5)}  ${b.meanConfidence == null ? '  –  ' : b.meanConfidence.toFixed(3)}  ${pct(b.accuracy)}`)
  } else out.push('reliability: no confidence in the diagnosis yet')
  out.push('')
  out.push('top-1 per scenario / difficulty (n, diagnosis, nearest alarm)')
  const tags = Object.entries(r.byTag).sort((x, y) => y[1].n - x[1].n)
  for (let i = 0; i < tags.length; i += 3) {
    out.push(`  ${tags.slice(i, i + 3).map(([t, b]) => `${t.padEnd(20)}${String(b.n).padStart(4)} ${pct(b.top1)} ${pct(b.nearestAlarmTop1)}`).join('   ')}`)
  }
  out.push(`alarm kinds behind wrong site_fault/cutover answers: ${Object.entries(r.wrongAlarmKinds).sort((x, y) => y[1] - x[1]).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`)
  out.push('')
  out.push('commonest wrong answers (truth → predicted, disposition: n; top tags)')
  for (const k of r.mistakeClasses.slice(0, 12)) {
    const tags = Object.entries(k.tags).sort((x, y) => y[1] - x[1]).slice(0, 4).map(([t, n]) => `${t} ${n}`).join(', ')
    out.push(`  ${k.truth} → ${k.predicted}, ${k.disposition}: ${k.n}; ${tags}`)
  }
  out.push('')
  out.push('worst mistakes (wrong self answers first)')
  for (const x of r.worst) {
    out.push(`  ${x.id} truth ${x.truth} → ${x.predicted} [${x.disposition}]; cause ${x.causeDistanceM == null ? '–' : `${x.causeDistanceM} m`} from the stated place; stated−true ${x.statedMinusTrueMin} min, called after ${x.callDelayMin} min; ${x.tags.join(',')}`)
    if (x.evidence) out.push(`      evidence: ${x.evidence.slice(0, 110)}`)
  }
  return out.join('\n')
}

function confusion(f: Figures): string {
  const cols = CAUSE_CODES
  const lines = ['confusion (rows: true cause, columns: predicted; known = known_issue, right only when it reuses the true cause)']
  lines.push(`${'true \\ pred'.padEnd(14)}${cols.map((c) => SHORT[c].padStart(7)).join('')}    sum`)
  for (const t of cols) {
    const row = f.confusion[t] ?? {}
    const sum = cols.reduce((s, c) => s + (row[c] ?? 0), 0)
    lines.push(`${t.padEnd(14)}${cols.map((c) => String(row[c] ?? 0).padStart(7)).join('')}  ${String(sum).padStart(5)}`)
  }
  return lines.join('\n')
}

export function formatStore(s: StoreFigures): string {
  const out: string[] = []
  out.push(`# Suggestion accuracy on the store (${s.store}): ${s.settled} complaints with a final cause of ${s.total}`)
  out.push(`suggested = final: ${pct(s.accuracy)} (${s.agree}/${s.settled}); a known_issue suggestion counts as the cause of the complaint it reused`)
  out.push('per final cause      n   suggestion right (recall) | per suggested cause: n, precision')
  for (const c of CAUSE_CODES) {
    const p = s.perCause[c]
    out.push(`${c.padEnd(14)} ${String(p.final).padStart(6)}   ${pct(p.recall)}                  | ${String(p.suggested).padStart(6)}  ${pct(p.precision)}`)
  }
  out.push('per month (China time of occurrence): settled, suggestion right')
  for (const m of s.perMonth) out.push(`  ${m.month}  ${String(m.settled).padStart(6)}  ${pct(m.accuracy)}`)
  return out.join('\n')
}
