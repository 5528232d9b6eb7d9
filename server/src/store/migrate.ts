/** Applies the numbered .sql files of migrations/ once each, in order, each in its own transaction. */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Db } from './db.js'

const dir = join(dirname(fileURLToPath(import.meta.url)), 'migrations')

/** Runs the migrations not yet recorded in schema_migrations; returns the versions applied now. */
export async function migrate(db: Db): Promise<string[]> {
  await db.none('CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())')
  const done = new Set((await db.map('SELECT version FROM schema_migrations', [], (r: { version: string }) => r.version)))
  const applied: string[] = []
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    const version = file.replace(/\.sql$/, '')
    if (done.has(version)) continue
    const sql = readFileSync(join(dir, file), 'utf8')
    await db.tx(async (t) => {
      await t.none(sql)
      await t.none('INSERT INTO schema_migrations (version) VALUES ($1)', [version])
    })
    applied.push(version)
  }
  return applied
}
