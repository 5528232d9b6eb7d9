/**
 * Publishing network information (网维信息发布, issue 9 item 3): information types and the objects
 * engineers publish, with their validity. Every change of an object and of the kind row the diagnosis
 * holds of it (materialise.ts) is one transaction (NetworkService.changeRows), after which the index is
 * in step and open maps are told (`import` event of kind 'publish'). Writes are applied one at a time
 * in this process, so the index sees them in commit order. Nothing here knows about HTTP.
 */
import { randomUUID } from 'node:crypto'
import type { Point, Polygon } from 'geojson'
import type { PublishOptions } from '../config/index.js'
import { AppError } from '../errors.js'
import type { KindChange } from '../store/store.js'
import type { Tx } from '../store/repos/table-repo.js'
import type { NetworkService } from '../service/network-service.js'
import { changeFor, isLive, materialId, materialise, siteIds } from './materialise.js'
import { publishStore as db, type ObjectFilter } from '../store/repos/publish.js'
import { BUILTIN_TYPES, type DiagnosisAs, type FieldDef, type InfoType, type MapSymbol, type PublishedObject, type GeometryKind } from './types.js'
import { checkFields, checkGeometry, checkType, checkValidity } from './validate.js'

/** A new object as an engineer sends it. */
export interface PublishInput {
  typeId: string
  geometry: unknown
  fields: Record<string, unknown>
  validFrom?: string
  validTo?: string | null
}

/** An edit: any part; fields replace the old values as a whole (the form sends them all). */
export type EditInput = Partial<Omit<PublishInput, 'typeId'>>

/** A new type (admin). */
export interface TypeCreate {
  id: string
  name: string
  geometry: GeometryKind
  fields: FieldDef[]
  symbol: MapSymbol
  diagnosisAs?: DiagnosisAs
}

/** What a sweep did: objects whose validity ended, and objects whose row for the diagnosis came or went. */
export interface SweepResult {
  expired: string[]
  changed: string[]
}

const DUE_BATCH = 500
const notFound = (what: string, id: string) => new AppError('NOT_FOUND', `no ${what} with id ${JSON.stringify(id.slice(0, 100))}`)

export class PublishService {
  private queue: Promise<unknown> = Promise.resolve()
  private timer: NodeJS.Timeout | null = null
  private builtins: Promise<void> | null = null

  constructor(readonly network: NetworkService, readonly options: PublishOptions) {}

  private now(): number {
    return this.network.now()
  }

  /** Runs writes one after the other (the index must see them in commit order). */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn)
    this.queue = run.catch(() => undefined)
    return run
  }

  /** Inserts the built-in types that are missing (once per process; concurrent starts insert nothing twice). */
  ensureBuiltins(): Promise<void> {
    return (this.builtins ??= (async () => {
      const at = this.now()
      for (const t of BUILTIN_TYPES) await db.insertType(this.network.store.db, t, true, null, at)
    })())
  }

  // ——— types ———

  async types(): Promise<InfoType[]> {
    await this.ensureBuiltins()
    return db.types(this.network.store.db)
  }

  async type(id: string): Promise<InfoType> {
    await this.ensureBuiltins()
    const t = await db.type(this.network.store.db, id)
    if (!t) throw notFound('information type', id)
    return t
  }

  /** A new operator type; a taken id → 409. */
  async createType(input: TypeCreate, by: string | null): Promise<InfoType> {
    await this.ensureBuiltins()
    const def = { ...input, name: input.name.trim(), diagnosisAs: input.diagnosisAs ?? 'none' }
    checkType(def)
    const t = await db.insertType(this.network.store.db, def, false, by, this.now())
    if (!t) throw new AppError('CONFLICT', `an information type with id "${input.id}" exists already`)
    this.tell(1)
    return t
  }

  /**
   * Changes a type. A built-in type keeps its fields, geometry and diagnosisAs (the materialisation
   * reads them); a type with objects keeps its geometry. The active objects of the type are
   * materialised again in the same transaction (a change of diagnosisAs adds or removes their rows).
   * Objects keep the values they have; fields removed from the type are no longer shown.
   */
  async updateType(id: string, patch: Partial<Omit<TypeCreate, 'id'>>, by: string | null): Promise<InfoType> {
    await this.ensureBuiltins()
    return this.serial(async () => {
      const { result } = await this.network.changeRows(async (t) => {
        const old = await db.type(t, id)
        if (!old) throw notFound('information type', id)
        if (old.builtin) {
          const locked = (['fields', 'geometry', 'diagnosisAs'] as const).filter((k) => patch[k] !== undefined && JSON.stringify(patch[k]) !== JSON.stringify(old[k]))
          if (locked.length) throw new AppError('VALIDATION', `${locked.join(', ')}: a built-in type (${old.name}) keeps its ${locked.join(', ')}; only name and symbol can change`)
        }
        const next = { ...old, ...definedOf(patch), id }
        next.name = next.name.trim()
        checkType(next)
        if (next.geometry !== old.geometry && (await db.countObjects(t, id)) > 0) {
          throw new AppError('CONFLICT', `geometry: the type ${old.name} has published objects drawn as ${old.geometry}; make a new type instead`)
        }
        const type = await db.updateType(t, next, by, this.now())
        const changes: KindChange[] = []
        for (const objectId of await db.idsOfType(t, id)) {
          const o = (await db.object(t, objectId, true))!
          changes.push(...(await this.write(t, o, { ...o }, type, by)).changes)
        }
        return { result: type, changes }
      }, null)
      this.tell(1)
      return result
    })
  }

  // ——— objects ———

  /** Objects meeting a bbox: valid now (default), active (upcoming too) or all (withdrawn and expired too). */
  async objects(q: { bbox: [number, number, number, number]; typeId?: string; filter?: ObjectFilter; limit: number }): Promise<PublishedObject[]> {
    return db.objectsInBbox(this.network.store.db, { bbox: q.bbox, typeId: q.typeId ?? null, filter: q.filter ?? 'live', at: this.now(), limit: q.limit })
  }

  async object(id: string): Promise<PublishedObject> {
    const o = await db.object(this.network.store.db, id)
    if (!o) throw notFound('published object', id)
    return o
  }

  /** Publishes an object: validated against its type, stored, materialised while valid. */
  async publish(input: PublishInput, by: string | null): Promise<PublishedObject> {
    const type = await this.type(input.typeId).catch((e: unknown) => {
      throw e instanceof AppError && e.code === 'NOT_FOUND' ? new AppError('VALIDATION', `typeId: no information type "${input.typeId.slice(0, 100)}" (GET /api/publish/types)`) : e
    })
    const now = this.now()
    const geometry = checkGeometry(type, input.geometry)
    const fields = checkFields(type, input.fields)
    const validity = checkValidity(input.validFrom, input.validTo, now)
    this.checkSites(type, fields)
    const id = `${new Date(now).toISOString().slice(0, 10).replaceAll('-', '')}-${randomUUID().slice(0, 8)}`
    return this.writeOne((t) => this.write(t, null, { id, typeId: type.id, geometry, fields, ...validity, status: 'active', materialisedKind: null }, type, by))
  }

  /** Edits an active object: what is given replaces what was; its row for the diagnosis is replaced too. */
  async edit(id: string, patch: EditInput, by: string | null): Promise<PublishedObject> {
    const current = await this.object(id)
    if (current.status !== 'active') throw new AppError('CONFLICT', `the object ${id} is ${current.status}; publish a new one instead`)
    const type = await this.type(current.typeId)
    const geometry = patch.geometry === undefined ? current.geometry : checkGeometry(type, patch.geometry)
    const fields = patch.fields === undefined ? current.fields : checkFields(type, patch.fields)
    const validity = checkValidity(
      patch.validFrom ?? new Date(current.validFrom).toISOString(),
      patch.validTo === undefined ? (current.validTo == null ? null : new Date(current.validTo).toISOString()) : patch.validTo,
      this.now(),
    )
    this.checkSites(type, fields)
    return this.writeOne(async (t) => {
      const o = await db.object(t, id, true)
      if (!o || o.status !== 'active') throw new AppError('CONFLICT', `the object ${id} is ${o?.status ?? 'gone'}; publish a new one instead`)
      return this.write(t, o, { ...o, geometry, fields, ...validity }, type, by)
    })
  }

  /** Withdraws an object: kept (and listed with filter=all), no longer shown or used by the diagnosis. */
  async withdraw(id: string, by: string | null): Promise<PublishedObject> {
    const current = await this.object(id)
    if (current.status !== 'active') throw new AppError('CONFLICT', `the object ${id} is ${current.status} already`)
    const type = await this.type(current.typeId)
    return this.writeOne(async (t) => {
      const o = await db.object(t, id, true)
      if (!o || o.status !== 'active') throw new AppError('CONFLICT', `the object ${id} is ${o?.status ?? 'gone'} already`)
      return this.write(t, o, { ...o, status: 'withdrawn' }, type, by)
    })
  }

  /**
   * Brings the objects whose validity ended or started in step at `now` (default: the service's clock):
   * an ended one becomes expired and its row leaves the kind table; a started one gets its row.
   */
  async sweep(now = this.now()): Promise<SweepResult> {
    await this.ensureBuiltins()
    return this.serial(async () => {
      const out: SweepResult = { expired: [], changed: [] }
      const types = new Map((await db.types(this.network.store.db)).map((t) => [t.id, t]))
      for (;;) {
        const ids = await db.dueIds(this.network.store.db, now, DUE_BATCH)
        const todo = ids.filter((id) => !out.changed.includes(id) && !out.expired.includes(id))
        if (!todo.length) break
        await this.network.changeRows(async (t) => {
          const changes: KindChange[] = []
          for (const id of todo) {
            const o = await db.object(t, id, true)
            if (!o || o.status !== 'active') continue
            const ended = o.validTo != null && o.validTo <= now
            const r = await this.write(t, o, { ...o, status: ended ? 'expired' : 'active' }, types.get(o.typeId)!, null, now)
            changes.push(...r.changes)
            ;(ended ? out.expired : out.changed).push(id)
          }
          return { result: null, changes }
        }, null)
        if (ids.length < DUE_BATCH) break
      }
      if (out.expired.length || out.changed.length) this.tell(out.expired.length + out.changed.length)
      return out
    })
  }

  /** Sweeps every sweepMs (0: never); `onSwept` hears of what expired (the audit). */
  startTimer(onSwept?: (r: SweepResult) => void | Promise<void>, onError?: (err: unknown) => void): void {
    if (this.timer || this.options.sweepMs <= 0) return
    this.timer = setInterval(() => {
      this.sweep().then(async (r) => { if (r.expired.length || r.changed.length) await onSwept?.(r) }).catch((err: unknown) => onError?.(err))
    }, this.options.sweepMs)
    this.timer.unref()
  }

  stopTimer(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** Whether the object counts now (for the API's `live`). */
  isLive(o: PublishedObject): boolean {
    return isLive(o, this.now())
  }

  // ——— internals ———

  /** One object's write (write() inside `fn`) as its own transaction, in turn; open maps are told. */
  private writeOne(fn: (t: Tx) => Promise<{ object: PublishedObject; changes: KindChange[] }>): Promise<PublishedObject> {
    return this.serial(async () => {
      const { result } = await this.network.changeRows(async (t) => {
        const r = await fn(t)
        return { result: r.object, changes: r.changes }
      }, null)
      this.tell(1)
      return result
    })
  }

  /**
   * Stores the object's next state with the row the diagnosis should hold of it, inside the caller's
   * transaction; returns the stored object and the kind changes to make.
   */
  private async write(
    t: Tx, prev: PublishedObject | null,
    next: Pick<PublishedObject, 'id' | 'typeId' | 'geometry' | 'fields' | 'validFrom' | 'validTo' | 'status' | 'materialisedKind'>,
    type: InfoType, by: string | null, now = this.now(),
  ): Promise<{ object: PublishedObject; changes: KindChange[] }> {
    const full = { ...next, version: 0, createdBy: null, createdAt: 0, updatedBy: null, updatedAt: 0 } as PublishedObject
    const material = materialise(full, type, now, this.options)
    const change = changeFor(prev?.materialisedKind ?? null, material)
    const state = { ...next, materialisedKind: material?.kind ?? null }
    const object = prev ? await db.updateObject(t, state, by, now) : await db.insertObject(t, state, by, now)
    const changes: KindChange[] = []
    if (change.remove) changes.push({ kind: change.remove, remove: [materialId(next.id)] })
    if (change.upsert) changes.push({ kind: change.upsert.kind, upsert: [change.upsert.row] } as KindChange)
    return { object, changes }
  }

  /** A cutover's site ids must name sites the network knows (as an import of cutovers requires). */
  private checkSites(type: InfoType, fields: PublishedObject['fields']): void {
    if (type.diagnosisAs !== 'cutover' || typeof fields.site_ids !== 'string') return
    const missing = siteIds(fields.site_ids).filter((id) => !this.network.index.site(id))
    if (missing.length) throw new AppError('VALIDATION', `fields.site_ids: no site with id ${missing.slice(0, 10).map((m) => `"${m}"`).join(', ')}`)
  }

  /** Tells open maps (and anyone listening) that published information changed. */
  private tell(count: number): void {
    this.network.events.emit('import', { kind: 'publish', count, at: Date.now() })
  }
}

/** The patch without its undefined keys (so they do not overwrite). */
function definedOf<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>
}

export type { Point, Polygon }
