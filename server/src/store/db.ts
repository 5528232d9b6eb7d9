/**
 * One pg-promise `db` per process. Embedded: PGlite (Postgres in WASM) in DATA_DIR, reached over
 * loopback through @electric-sql/pglite-socket so that the very same pg-promise code runs on it and
 * on PostgreSQL + PostGIS (DATABASE_URL).
 */
import { randomBytes } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import pgPromise from 'pg-promise'
import type { IDatabase, IMain } from 'pg-promise'

export type Db = IDatabase<unknown>

/** What kind of store is behind the db. */
export type StoreKind = 'embedded' | 'postgres'

export interface OpenedDb {
  db: Db
  pgp: IMain
  kind: StoreKind
  /** Closes the pool, then the socket server and PGlite (which flushes to disk). */
  close(): Promise<void>
}

/** The one pg-promise instance of the process (its helpers build the bulk upserts). */
export const pgp: IMain = pgPromise({ capSQL: true })
// count(*) is int8, which pg returns as a string; every count here fits a double.
pgp.pg.types.setTypeParser(20, (v: string) => Number(v))

/** Where the store is and how to talk to it (defaults in config.ts). */
export interface StoreOptions {
  dataDir: string
  databaseUrl: string | null
  /** PostgreSQL pool size. */
  poolMax?: number
  /** Every statement on PostgreSQL is cancelled after this long. */
  statementTimeoutMs?: number
}

/** Opens the store named by the options: PostgreSQL when databaseUrl is set, else PGlite in dataDir. */
export async function openDb(opts: StoreOptions): Promise<OpenedDb> {
  if (opts.databaseUrl) {
    const db = pgp({
      connectionString: opts.databaseUrl,
      max: opts.poolMax ?? 10,
      statement_timeout: opts.statementTimeoutMs ?? 15_000,
      application_name: 'tousu-gis',
    })
    // An idle connection the server ends (a restart, pg_terminate_backend, a dropped test database) is an
    // 'error' on the pool; unhandled it would take the whole process down. The pool replaces it on demand.
    db.$pool.on('error', (err) => console.error(`database: an idle connection was lost (${err.message}); the pool reconnects on the next query`))
    // Fail at start, with the reason, rather than at the first request.
    await db.one('SELECT 1 AS ok')
    return { db, pgp, kind: 'postgres', close: async () => { await db.$pool.end() } }
  }
  const { PGlite } = await import('@electric-sql/pglite')
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket')
  const dir = join(opts.dataDir, 'pgdata')
  mkdirSync(dir, { recursive: true })
  // Taken before PGlite touches the files, released only after PGlite has closed them.
  const lock = EmbeddedLock.take(opts.dataDir)
  let pglite: Awaited<ReturnType<typeof PGlite.create>>
  let server: InstanceType<typeof PGLiteSocketServer>
  try {
    pglite = await PGlite.create(dir)
    server = new PGLiteSocketServer({ db: pglite, port: 0, host: '127.0.0.1', maxConnections: 4 })
    await server.start()
  } catch (err) {
    lock.release()
    throw err
  }
  const address = (server as unknown as { server: { address(): { port: number } } }).server.address()
  // PGlite is a single session underneath: one pooled connection keeps transactions from interleaving.
  const db = pgp({ host: '127.0.0.1', port: address.port, user: 'postgres', database: 'postgres', max: 1 })
  return {
    db,
    pgp,
    kind: 'embedded',
    close: async () => {
      await db.$pool.end()
      await server.stop()
      await pglite.close()
      lock.release()
    },
  }
}

/** Who holds an embedded store's lock: the pid, and on Linux the boot and the clock tick the process started at. */
interface LockOwner {
  pid: number
  /** When the lock was taken (for people reading the file). */
  takenAt: string
  /** Field 22 of /proc/<pid>/stat: tells a reused pid from the process that wrote the lock. */
  procStart: string | null
  /** /proc/sys/kernel/random/boot_id: a lock written before the last reboot is stale whatever its pid. */
  bootId: string | null
}

/** Lock files this process holds now: a second open in the same process fails as one from another process. */
const heldLocks = new Set<string>()

/**
 * The embedded store's files belong to one process: PGlite keeps the database in memory and writes it
 * back, so a second process on the same DATA_DIR would corrupt it. DATA_DIR/pglite.lock guarantees one
 * opener at a time: it is created atomically (written aside, then hard-linked into place, so it never
 * exists half-written and link fails if any lock is there), holds the owner's pid and start time, and is
 * removed on close and on process exit. A lock whose owner is gone (dead pid, a pid reused by another
 * process, a lock from before a reboot, or left by an earlier process of this pid) is stale and taken over;
 * of two processes racing for a stale lock exactly one wins.
 */
class EmbeddedLock {
  private released = false
  private readonly onExit = () => this.release()

  private constructor(
    readonly path: string,
    private readonly owner: LockOwner,
  ) {
    heldLocks.add(path)
    process.once('exit', this.onExit)
  }

  static take(dataDir: string): EmbeddedLock {
    const dir = resolve(dataDir)
    const path = join(dir, 'pglite.lock')
    const me: LockOwner = { pid: process.pid, takenAt: new Date().toISOString(), procStart: procStartTime(process.pid), bootId: bootId() }
    const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`
    writeFileSync(tmp, `${JSON.stringify(me)}\n`)
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          linkSync(tmp, path)
          return new EmbeddedLock(path, me)
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
        }
        const seen = readLock(path)
        if (!seen) continue // released between our link and our read: try again
        if (seen.owner && isLive(seen.owner, path)) throw inUse(dir, seen.owner.pid)
        if (attempt >= 5) throw inUse(dir, seen.owner?.pid ?? NaN)
        // Stale. Move it aside (atomic), then make sure the file moved is the stale one we judged and not
        // a fresh lock another process put there meanwhile; if it is not, put that one back.
        const aside = `${path}.stale.${process.pid}.${randomBytes(4).toString('hex')}`
        try {
          renameSync(path, aside)
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue
          throw err
        }
        if (statSync(aside).ino !== seen.ino) {
          try {
            linkSync(aside, path)
          } catch {
            // a third process took it meanwhile; its lock stands
          }
        }
        rmSync(aside, { force: true })
      }
    } finally {
      rmSync(tmp, { force: true })
    }
  }

  /** Removes the lock if it is still ours (idempotent; also runs on process exit). */
  release(): void {
    if (this.released) return
    this.released = true
    heldLocks.delete(this.path)
    process.off('exit', this.onExit)
    const seen = readLock(this.path)
    if (seen?.owner && seen.owner.pid === this.owner.pid && seen.owner.takenAt === this.owner.takenAt) {
      try {
        unlinkSync(this.path)
      } catch {
        // already gone
      }
    }
  }
}

/** The lock file's owner (null when unreadable: a stale, damaged lock) and inode; null when there is no file. */
function readLock(path: string): { owner: LockOwner | null; ino: number } | null {
  let text: string
  let ino: number
  try {
    ino = statSync(path).ino
    text = readFileSync(path, 'utf8')
  } catch {
    return null
  }
  try {
    const o = JSON.parse(text) as Partial<LockOwner> | number
    // A bare pid: the lock format of earlier versions.
    if (typeof o === 'number') return { owner: { pid: o, takenAt: '', procStart: null, bootId: null }, ino }
    if (Number.isInteger(o.pid)) return { owner: { pid: o.pid!, takenAt: o.takenAt ?? '', procStart: o.procStart ?? null, bootId: o.bootId ?? null }, ino }
  } catch {
    // damaged
  }
  return { owner: null, ino }
}

function isLive(owner: LockOwner, path: string): boolean {
  if (owner.pid === process.pid) return heldLocks.has(path)
  const boot = bootId()
  if (owner.bootId && boot && owner.bootId !== boot) return false
  if (!pidAlive(owner.pid)) return false
  const start = procStartTime(owner.pid)
  return !(owner.procStart && start && owner.procStart !== start)
}

function inUse(dir: string, pid: number): Error {
  const err = new Error(`DATA_DIR ${dir} is in use by process ${pid} (the embedded store serves one process; run several instances on PostgreSQL with DATABASE_URL)`)
  ;(err as NodeJS.ErrnoException).code = 'DATA_DIR_IN_USE'
  return err
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The process's start time in clock ticks since boot (Linux), or null where /proc does not say. */
function procStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so count from the last ')'; starttime is field 22.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null
  } catch {
    return null
  }
}

function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null
  } catch {
    return null
  }
}
