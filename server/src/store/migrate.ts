/**
 * Applies the numbered .sql files of migrations/ once each, in order, each in its own transaction; on
 * PostgreSQL it then applies migrations/postgis/ (real geometry columns and GiST indexes).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Db, StoreKind } from './db.js'
import { SQL } from './sql/index.js'
import { locks } from './repos/locks.js'

const dir = join(import.meta.dirname, 'migrations')
/** The advisory lock instances migrating one PostgreSQL take in turn. */
const MIGRATE_LOCK = 727001

/** The migrations a store of this kind runs, as [version, file]: common ones first, then its own. */
function plan(kind: StoreKind): [string, string][] {
  const list = (sub: string) =>
    readdirSync(join(dir, sub)).filter((f) => f.endsWith('.sql')).sort().map((f): [string, string] => [join(sub, f).replace(/\.sql$/, ''), join(dir, sub, f)])
  return kind === 'postgres' ? [...list('.'), ...list('postgis')] : list('.')
}

/**
 * Runs the migrations not yet recorded in schema_migrations; returns the versions applied now. On
 * PostgreSQL the whole run holds an advisory lock: instances starting at once on one database migrate
 * one after the other (even CREATE TABLE IF NOT EXISTS races without it), the later ones finding it done.
 */
export async function migrate(db: Db, kind: StoreKind): Promise<string[]> {
  if (kind !== 'postgres') return run(db, kind)
  return db.task('migrate', async (t) => {
    await locks.lock(t, MIGRATE_LOCK)
    try {
      return await run(t, kind)
    } finally {
      await locks.unlock(t, MIGRATE_LOCK)
    }
  })
}

async function run(db: Pick<Db, 'none' | 'map' | 'tx'>, kind: StoreKind): Promise<string[]> {
  await db.none(SQL.schemaMigrations.create)
  const done = new Set(await db.map(SQL.schemaMigrations.all, [], (r: { version: string }) => r.version))
  const applied: string[] = []
  for (const [version, file] of plan(kind)) {
    if (done.has(version)) continue
    await db.tx(async (t) => {
      if (await t.oneOrNone(SQL.schemaMigrations.get, { version })) return
      // A migration file runs as it is: it is a script of several statements, not a query with parameters.
      await t.none(readFileSync(file, 'utf8'))
      await t.none(SQL.schemaMigrations.insert, { version })
      applied.push(version)
    })
  }
  return applied
}
