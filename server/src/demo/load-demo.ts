/**
 * Loads the invented demo district (data/demo) into an empty store on first start. Its times are fixed
 * around DEMO_ANCHOR (the moment the worked example's customer calls); with shiftToNow they are moved
 * so that the anchor is now, which keeps the demo's alarms "recent" whenever it is started.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ImportKind, KindRows } from '../domain/types.js'
import { parseImport } from '../ingest/index.js'
import type { NetworkService } from '../service/network-service.js'

export const DEMO_DIR = join(import.meta.dirname, '..', '..', '..', 'data', 'demo')
/** The demo's "now": two hours after the 白马花园 outage, when the customer on 天河直街 calls. */
export const DEMO_ANCHOR = Date.parse('2026-11-23T16:30:00+08:00')

/** Import order: sites before what refers to them. */
const FILES: [ImportKind, string][] = [
  ['sites', 'sites.csv'],
  ['cells', 'cells.csv'],
  ['features', 'features.geojson'],
  ['alarms', 'alarms.csv'],
  ['cutovers', 'cutovers.csv'],
  ['blind-spots', 'blind-spots.geojson'],
  ['planned-sites', 'planned-sites.csv'],
  ['complaints', 'complaints.csv'],
]

const shift = (t: number | null, d: number) => (t == null ? null : t + d)

/** Moves every time of a row by d milliseconds. */
function shiftRow<K extends ImportKind>(kind: K, row: KindRows[K], d: number): KindRows[K] {
  switch (kind) {
    case 'alarms': {
      const a = row as KindRows['alarms']
      return { ...a, raisedAt: a.raisedAt + d, clearedAt: shift(a.clearedAt, d) } as KindRows[K]
    }
    case 'cutovers': {
      const c = row as KindRows['cutovers']
      return { ...c, plannedStart: shift(c.plannedStart, d), plannedEnd: shift(c.plannedEnd, d), actualStart: shift(c.actualStart, d), actualEnd: shift(c.actualEnd, d) } as KindRows[K]
    }
    case 'complaints': {
      const c = row as KindRows['complaints']
      return { ...c, occurredAt: c.occurredAt + d, reportedAt: shift(c.reportedAt, d), createdAt: c.createdAt + d } as KindRows[K]
    }
    default:
      return row
  }
}

/** Reads and parses every demo file (times shifted by `shiftMs`). */
export function readDemo(shiftMs = 0): { kind: ImportKind; rows: KindRows[ImportKind][] }[] {
  return FILES.map(([kind, file]) => {
    const text = readFileSync(join(DEMO_DIR, file), 'utf8')
    const { rows } = parseImport(kind, { text, format: file.endsWith('.csv') ? 'csv' : 'geojson' }, { crs: 'wgs84' })
    return { kind, rows: shiftMs ? rows.map((r) => shiftRow(kind, r, shiftMs)) : rows }
  })
}

/** Loads the demo when the store holds nothing; returns the counts loaded, or null when it was not empty. */
export async function loadDemoIfEmpty(service: NetworkService, opts: { shiftToNow: boolean; now?: number }): Promise<Record<string, number> | null> {
  const counts = await service.store.counts()
  if (Object.values(counts).some((n) => n > 0)) return null
  const d = opts.shiftToNow ? (opts.now ?? Date.now()) - DEMO_ANCHOR : 0
  const loaded: Record<string, number> = {}
  for (const { kind, rows } of readDemo(d)) {
    await service.importRows(kind, rows)
    loaded[kind] = rows.length
  }
  return loaded
}
