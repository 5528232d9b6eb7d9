/** README's table of operators' column names is the ingest layer's table (server/src/ingest/headers.ts), line for line. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HEADERS } from '../../server/src/ingest/headers.js'

describe('README: Importing data', () => {
  it('lists every kind\'s header aliases as headers.ts has them', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8')
    for (const [kind, table] of Object.entries(HEADERS)) {
      const cells = Object.entries(table).map(([f, a]) => `\`${f}\` ← ${a.join('/')}`)
      expect(readme, kind).toContain(`| \`${kind}\` | ${cells.join('; ')} |`)
    }
  })
})
