/**
 * The import page's kinds and fields (contract/src/imports.ts) are the server's: the same kinds, the
 * same fields per kind in the same order (server/src/ingest/headers.ts KIND_FIELDS), and a Chinese
 * label for every field, so the page's field dropdowns offer exactly what the importer reads.
 */
import { describe, expect, it } from 'vitest'
import { IMPORT_FIELDS, IMPORT_FIELD_LABELS, IMPORT_KINDS, IMPORT_KIND_LABELS } from '../../contract/src/imports.js'
import { IMPORT_KINDS as SERVER_KINDS } from '../../server/src/domain/types.js'
import { KIND_FIELDS } from '../../server/src/ingest/headers.js'

describe('import kinds and fields in the contract', () => {
  it('are the server\'s kinds and fields', () => {
    expect([...IMPORT_KINDS]).toEqual(SERVER_KINDS)
    for (const kind of IMPORT_KINDS) expect(IMPORT_FIELDS[kind], kind).toEqual(KIND_FIELDS[kind])
  })

  it('name every kind and field in Chinese', () => {
    for (const kind of IMPORT_KINDS) {
      expect(IMPORT_KIND_LABELS[kind]).toMatch(/[\u4e00-\u9fff]/)
      for (const f of IMPORT_FIELDS[kind]) expect(IMPORT_FIELD_LABELS[kind][f], `${kind}.${f}`).toMatch(/[\u4e00-\u9fff]/)
    }
  })
})
