/**
 * The import page's kinds and fields (contract/src/imports.ts) are the server's: the same kinds, every
 * field a kind's mapper reads (server/src/ingest/kinds) in its list, and a Chinese label for every
 * field, so the page's field dropdowns offer exactly what the importer reads.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { IMPORT_FIELDS, IMPORT_FIELD_LABELS, IMPORT_KINDS, IMPORT_KIND_LABELS } from '../../contract/src/imports.js'
import { IMPORT_KINDS as SERVER_KINDS } from '../../server/src/domain/types.js'
import { KIND_FIELDS } from '../../server/src/ingest/headers.js'

describe('import kinds and fields in the contract', () => {
  it('are the server\'s kinds and fields: every field a kind\'s mapper reads is in its list', () => {
    expect([...IMPORT_KINDS]).toEqual(SERVER_KINDS)
    for (const kind of IMPORT_KINDS) {
      expect(KIND_FIELDS[kind], kind).toBe(IMPORT_FIELDS[kind])
      const mapper = readFileSync(join(import.meta.dirname, '..', '..', 'server', 'src', 'ingest', 'kinds', `${kind}.ts`), 'utf8')
      const read = [...mapper.matchAll(/\br\.[a-zA-Z]+\('([a-z_]+)'/g)].map((m) => m[1])
      for (const f of read) expect(IMPORT_FIELDS[kind], `${kind} reads ${f}`).toContain(f)
    }
  })

  it('name every kind and field in Chinese', () => {
    for (const kind of IMPORT_KINDS) {
      expect(IMPORT_KIND_LABELS[kind]).toMatch(/[\u4e00-\u9fff]/)
      for (const f of IMPORT_FIELDS[kind]) expect(IMPORT_FIELD_LABELS[kind][f], `${kind}.${f}`).toMatch(/[\u4e00-\u9fff]/)
    }
  })
})
