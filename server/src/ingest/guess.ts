/**
 * Which kind a file is, from its column names alone: first the kinds whose own id the file fills,
 * then the kind with the most fields only some kinds have (告警级别 is an alarm, 方位角 a cell), then
 * the most columns read. The import page preselects it; the user confirms or changes it before
 * anything is read as that kind.
 */
import { IMPORT_KINDS, type ImportKind } from '../domain/types.js'
import { KIND_FIELDS } from './headers.js'
import type { ImportOptions } from './options.js'
import { columnMapping } from './source.js'

/** One kind's fit to a header: the fields it would fill. */
export interface KindFit {
  kind: ImportKind
  fields: string[]
}

/** Fields that say little about the kind: nearly every kind has them. */
const COMMON = new Set(['id', 'name', 'lon', 'lat', 'geometry', 'wkt', 'description', 'status', 'tech'])

/**
 * The kinds ranked by how well they read a file's header (best first); a kind that reads nothing is
 * left out. `headerFor` gives the header as that kind would find it (a worksheet's header row depends
 * on the kind: the first row naming two of its fields).
 */
export function guessKind(headerFor: (kind: ImportKind) => readonly string[]): KindFit[] {
  const options: ImportOptions = { crs: 'wgs84' }
  const fits = IMPORT_KINDS.map((kind) => {
    const fields = columnMapping(kind, options, headerFor(kind)).filter((m) => m.how !== 'unused').map((m) => m.field!)
    return { kind, fields, distinctive: fields.filter((f) => !COMMON.has(f)).length, share: fields.length / KIND_FIELDS[kind].length }
  }).filter((f) => f.fields.length > 0)
  // A kind whose own id the file fills comes first (基站编号 is a site's id in a 工参 table, but only a
  // reference in a cell table that also has 小区编号), then the fields only some kinds have.
  const ownId = (f: { fields: string[] }) => (f.fields.includes('id') ? 1 : 0)
  fits.sort((a, b) => ownId(b) - ownId(a) || b.distinctive - a.distinctive || b.fields.length - a.fields.length || b.share - a.share)
  return fits.map(({ kind, fields }) => ({ kind, fields }))
}
