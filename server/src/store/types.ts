/** The shapes of the store's queries and writes, as its callers pass them (already validated and clamped). */
import type { ImportKind, KindRows } from '../domain/types.js'

/** A bbox + time window query over complaints, already clamped by the caller. */
export interface ComplaintQuery {
  bbox: [number, number, number, number]
  from: number
  to: number
  limit: number
}

/** An idempotency key a request claims: whose, which, and the hash of the body it came with. */
export interface IdempotencyClaim {
  username: string
  key: string
  bodyHash: string
}

/** What an idempotency key was first used for. */
export interface IdempotencyRecord {
  complaintId: string
  bodyHash: string
}

/** How a complaint matched a lookup. */
export type LookupMatch = 'id' | 'ticket' | 'number' | 'number_tail' | 'address'

/**
 * A call-back lookup, already normalised by the caller: `key` the query upper-cased without spaces and
 * hyphens ('' when it cannot be an id or ticket), `idPrefix`/`ticketPrefix` whether a prefix of that
 * length may match, `numbers` the digit strings a whole number may be stored as, `tail` four digits
 * ('' for none), `address` a text to find in addresses ('' for none).
 */
export interface ComplaintLookup {
  key: string
  idPrefix: boolean
  ticketPrefix: boolean
  numbers: string[]
  tail: string
  address: string
  limit: number
}

/** Rows of one kind to write and ids of that kind to remove (Store.changeRows). */
export interface KindChange<K extends ImportKind = ImportKind> {
  kind: K
  upsert?: KindRows[K][]
  remove?: string[]
}
