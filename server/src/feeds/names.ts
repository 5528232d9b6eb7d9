/**
 * What a file's place and name in the inbox say: its import kind (the subfolder, or a `<kind>-` prefix),
 * its format (the extension), its encoding (a `.gbk.` part) — and whether it is still being written
 * (`*.tmp`, `*.part`, hidden files: the NMS writes under such a name, then renames).
 */
import { IMPORT_KINDS, type ImportKind } from '../domain/types.js'
import type { ImportFormat } from '../ingest/index.js'
import { formatChinaTime } from '../ingest/time.js'

/** Folders of the inbox the watcher never takes files from (where it puts them). */
export const DONE_DIR = 'done'
export const FAILED_DIR = 'failed'
/** Beside each refused file in failed/: why it was refused. */
export const REASON_SUFFIX = '.reason.txt'

/** Subfolders created at start so the NMS sees where to write; any other kind's folder works too. */
export const DEFAULT_KIND_DIRS: ImportKind[] = ['alarms', 'cutovers']

// Longest first: "planned-sites-1.csv" is planned-sites, not sites.
const BY_LENGTH = [...IMPORT_KINDS].sort((a, b) => b.length - a.length)

/** True for names under which a file is still being written, or that are ours (reason files). */
export function isPending(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || /\.(tmp|part|partial|filepart|crdownload|swp)$/i.test(name) || name.endsWith(REASON_SUFFIX)
}

/** True when `name` is the folder of an import kind (alarms/, cutovers/, …). */
export const isKindDir = (name: string): name is ImportKind => (IMPORT_KINDS as string[]).includes(name)

/**
 * The import kind of a file: its folder's when it is in a kind's folder, else the kind its name starts
 * with (`alarms-20261123.csv`, `cutovers_1.gbk.csv`, `alarms.csv`); null when neither says.
 */
export function kindOf(dir: string | null, name: string): ImportKind | null {
  if (dir !== null) return isKindDir(dir) ? dir : null
  const lower = name.toLowerCase()
  for (const k of BY_LENGTH) if (lower.startsWith(k) && /^[-_.]/.test(lower.slice(k.length))) return k
  return null
}

/** The format by extension (.csv, .txt → CSV; .geojson, .json → GeoJSON); null for anything else. */
export function formatOf(name: string): ImportFormat | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1].toLowerCase()
  if (ext === 'csv' || ext === 'txt') return 'csv'
  if (ext === 'geojson' || ext === 'json') return 'geojson'
  return null
}

const ENCODING_PARTS = new Set(['gbk', 'gb2312', 'gb18030', 'utf8', 'utf-8'])

/** The encoding a name declares (`alarms-1.gbk.csv` → gbk), or undefined. */
export function encodingOf(name: string): string | undefined {
  const parts = name.toLowerCase().split('.').slice(1, -1)
  return parts.reverse().find((p) => ENCODING_PARTS.has(p))
}

/** `name` with `-n` before its first dot (alarms-1.gbk.csv → alarms-1-2.gbk.csv), for a free name. */
export function numbered(name: string, n: number): string {
  const dot = name.indexOf('.', 1)
  return dot < 0 ? `${name}-${n}` : `${name.slice(0, dot)}-${n}${name.slice(dot)}`
}

/** The China calendar date of an instant, 2026-11-23: done/ is filed by it. */
export const chinaDate = (t: number) => formatChinaTime(t).slice(0, 10)
