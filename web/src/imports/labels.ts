/** The import page's words for kinds, fields and file formats (the contract's labels, with fallbacks). */
import { IMPORT_FIELD_LABELS, IMPORT_KINDS, IMPORT_KIND_LABELS, type ImportKindName } from '../../../contract/src/imports.js'

/** How a file's format is named on the page. */
export const FORMAT_LABELS: Record<string, string> = { csv: 'CSV', xlsx: 'Excel', geojson: 'GeoJSON' }

/** Whether a name is one of the import kinds. */
export const isKind = (k: string): k is ImportKindName => (IMPORT_KINDS as readonly string[]).includes(k)
/** A kind's Chinese name; an unknown name as it is. */
export const kindLabel = (k: string) => (isKind(k) ? IMPORT_KIND_LABELS[k] : k)
/** A field's Chinese name within its kind; an unknown field as it is. */
export const fieldLabel = (kind: string, field: string) => (isKind(kind) ? IMPORT_FIELD_LABELS[kind][field] : undefined) ?? field
