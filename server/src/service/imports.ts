/**
 * An import and its dry run: the same parsing, mapping, validation and reference checks; the import
 * stores the rows atomically (nothing when anything is wrong), the dry run stores nothing and answers
 * what the import would do.
 */
import type { ImportKind, KindRows } from '../domain/types.js'
import { ImportError } from '../errors.js'
import type { NetworkIndex } from '../index/network-index.js'
import { parseImport, type ImportInput, type ImportOptions } from '../ingest/index.js'
import { mapForPreview, previewImport as previewRows, type ImportPreview } from '../ingest/preview.js'
import { referenceProblems } from './reference-problems.js'

/** What an import stored: how many rows, and which rows were skipped and why. */
export interface ImportSummary {
  kind: ImportKind
  imported: number
  skipped: { row: number; reason: string }[]
}

/** Stores validated rows in one transaction and brings the index in step (IndexUpkeep.importRows). */
export type RowImporter = <K extends ImportKind>(kind: K, rows: KindRows[K][]) => Promise<void>

/**
 * Parses, validates and stores one import atomically through `importRows`. Any problem (including a
 * reference to a site that does not exist) → ImportError, nothing stored.
 */
export async function importText<K extends ImportKind>(index: NetworkIndex, importRows: RowImporter, kind: K, input: ImportInput, options: ImportOptions): Promise<ImportSummary> {
  const parsed = parseImport(kind, input, options)
  const problems = referenceProblems(index, parsed)
  if (problems.length) throw new ImportError(parsed.kind, problems)
  await importRows(kind, parsed.rows)
  return { kind, imported: parsed.rows.length, skipped: parsed.skipped }
}

/**
 * A dry run of importText: how each column was mapped, the first rows as they would be stored, every
 * problem with its row and field (reference problems included, in row order), and how many rows would
 * replace stored ones (null for kinds the index cannot tell); stores nothing.
 */
export function previewImport<K extends ImportKind>(index: NetworkIndex, kind: K, input: ImportInput, options: ImportOptions): ImportPreview<K> & { replaces: number | null } {
  const parsed = mapForPreview(kind, input, options)
  const preview = previewRows(kind, input, options, parsed)
  const problems = [...preview.problems, ...referenceProblems(index, parsed)].sort((a, b) => a.row - b.row)
  const stored = storedIds(index, kind)
  const replaces = stored && !problems.length ? parsed.rows.filter((r) => stored((r as { id: string }).id)).length : stored ? 0 : null
  return { ...preview, valid: problems.length ? 0 : preview.valid, problems, replaces }
}

/** Whether a row of a kind with this id is stored (the index mirrors the store); null for kinds it cannot tell. */
function storedIds(index: NetworkIndex, kind: ImportKind): ((id: string) => boolean) | null {
  switch (kind) {
    case 'sites': return (id) => index.site(id) !== undefined
    case 'cells': return (id) => index.cell(id) !== undefined
    case 'alarms': return (id) => index.alarm(id) !== undefined
    case 'cutovers': return (id) => index.cutover(id) !== undefined
    case 'complaints': return (id) => index.complaint(id) !== undefined
    default: return null
  }
}
