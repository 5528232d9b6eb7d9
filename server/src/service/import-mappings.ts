/**
 * Saved column mappings of operators' own files, by source: "规划工参" renames 站号 to id and reads
 * GCJ-02, "网管告警导出" reads the second sheet. Saved once by an engineer, named on every import of
 * that source (`mapping=` on the route, the import page's 使用已存映射). Kept in the store, read at
 * each use, so every instance on one PostgreSQL sees a mapping the moment it is saved.
 */
import type { Db } from '../store/db.js'
import { importMappingsRepo, type ImportMappingRow } from '../store/repos/import-mappings.js'
import { AppError } from '../errors.js'
import { IMPORT_KINDS, type ImportKind } from '../domain/types.js'
import { CRS_NAMES, type Crs } from '../geo/crs.js'
import { KIND_FIELDS } from '../ingest/headers.js'
import { ENCODING_NAMES } from '../ingest/encoding.js'

/** A saved mapping as the API gives it. */
export interface ImportMapping {
  name: string
  kind: ImportKind
  /** Source column → CONTRACT field (a field the kind reads, or a name starting with "_": not imported). */
  columns: Record<string, string>
  /** CONTRACT field → value for rows that leave it empty. */
  defaults: Record<string, string>
  crs: Crs | null
  encoding: string | null
  sheet: string | null
  updatedBy: string | null
  updatedAt: string
}

/** What a client sends to save a mapping. */
export interface ImportMappingInput {
  kind: string
  columns?: Record<string, string>
  defaults?: Record<string, string>
  crs?: string | null
  encoding?: string | null
  sheet?: string | null
}

/** A mapping's name: what people call the source; no control characters, no commas or colons (it is a query value). */
const NAME = /^[^\p{Cc},:]{1,64}$/u
const MAX_ENTRIES = 200

export class ImportMappings {
  constructor(private readonly db: Db) {}

  async list(): Promise<ImportMapping[]> {
    return (await importMappingsRepo.all(this.db)).map(toMapping)
  }

  /** The mapping of that name; NOT_FOUND naming the ones there are when there is none. */
  async get(name: string): Promise<ImportMapping> {
    const row = await importMappingsRepo.get(this.db, name)
    if (row) return toMapping(row)
    const names = (await importMappingsRepo.all(this.db)).map((m) => m.name)
    throw new AppError('NOT_FOUND', `no saved mapping "${name}"${names.length ? `; saved: ${names.map((n) => `"${n}"`).join(', ')}` : '; none is saved yet'}`, { field: 'mapping' })
  }

  /** Saves (or replaces) a mapping after checking every part of it; VALIDATION names the part. */
  async save(name: string, input: ImportMappingInput, by: string | null): Promise<ImportMapping> {
    if (!NAME.test(name.trim())) throw bad('name', `expected a name of 1–64 characters without commas, colons or control characters, got ${JSON.stringify(name.slice(0, 80))}`)
    if (!(IMPORT_KINDS as readonly string[]).includes(input.kind)) throw bad('kind', `expected one of ${IMPORT_KINDS.join(', ')}, got ${JSON.stringify(input.kind)}`)
    const kind = input.kind as ImportKind
    const fields = new Set(KIND_FIELDS[kind])
    const columns = checkPairs('columns', input.columns ?? {}, (to) => fields.has(to.toLowerCase()) || to.startsWith('_'),
      `a field of ${kind} (${KIND_FIELDS[kind].join(', ')}) or a name starting with "_" (not imported)`)
    const defaults = checkPairs('defaults', input.defaults ?? {}, () => true, '')
    for (const field of Object.keys(defaults)) if (!fields.has(field.toLowerCase())) throw bad('defaults', `expected fields of ${kind} (${KIND_FIELDS[kind].join(', ')}), got ${JSON.stringify(field)}`)
    const crs = input.crs == null || input.crs === '' ? null : String(input.crs).toLowerCase()
    if (crs !== null && !(CRS_NAMES as readonly string[]).includes(crs)) throw bad('crs', `expected one of ${CRS_NAMES.join(', ')}, got ${JSON.stringify(input.crs)}`)
    const encoding = input.encoding == null || input.encoding === '' ? null : String(input.encoding).toLowerCase()
    if (encoding !== null && !ENCODING_NAMES.includes(encoding)) throw bad('encoding', `expected one of ${ENCODING_NAMES.join(', ')}, got ${JSON.stringify(input.encoding)}`)
    const sheet = input.sheet == null || input.sheet === '' ? null : String(input.sheet).slice(0, 100)
    const row = await importMappingsRepo.upsert(this.db, { name: name.trim(), kind, columns, defaults, crs, encoding, sheet, updatedBy: by })
    return toMapping(row)
  }

  /** Removes a mapping; NOT_FOUND when there is none of that name. */
  async remove(name: string): Promise<void> {
    if (!(await importMappingsRepo.remove(this.db, name))) throw new AppError('NOT_FOUND', `no saved mapping "${name}"`, { field: 'name' })
  }
}

function checkPairs(field: string, v: unknown, ok: (to: string) => boolean, expected: string): Record<string, string> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(field, `expected an object of name → value, got ${JSON.stringify(v)}`)
  const entries = Object.entries(v)
  if (entries.length > MAX_ENTRIES) throw bad(field, `expected at most ${MAX_ENTRIES} entries, got ${entries.length}`)
  const out: Record<string, string> = {}
  for (const [from, to] of entries) {
    if (typeof to !== 'string' || from.trim() === '' || from.length > 100 || to.length > 200) throw bad(field, `expected non-empty names and text values, got ${JSON.stringify(from)}: ${JSON.stringify(to)}`)
    if (/[,:]/.test(from) || (field === 'columns' && /[,:]/.test(to))) throw bad(field, `expected names without commas or colons, got ${JSON.stringify(from)}`)
    if (!ok(to.trim())) throw bad(field, `${JSON.stringify(from)}: expected ${expected}, got ${JSON.stringify(to)}`)
    out[from.trim()] = to.trim()
  }
  return out
}

const bad = (field: string, message: string) => new AppError('VALIDATION', `${field}: ${message}`, { field, rule: 'format' })

function toMapping(r: ImportMappingRow): ImportMapping {
  return {
    name: r.name, kind: r.kind as ImportKind, columns: r.columns ?? {}, defaults: r.defaults ?? {}, crs: (r.crs as Crs | null) ?? null,
    encoding: r.encoding, sheet: r.sheet, updatedBy: r.updated_by, updatedAt: new Date(r.updated_at).toISOString(),
  }
}
