/**
 * How a call-back lookup's free text is read (GET /api/complaints/lookup): which parts of it may be a
 * complaint id or ticket, a customer's number, the last four digits of one, or a part of an address.
 * The store runs the query (complaints/lookup.sql); this only decides its parameters.
 */
import type { ComplaintLookup } from '../store/store.js'

/** A prefix of a complaint id matches only from this many characters on (C + the 8-digit date: C20261204). */
export const ID_PREFIX_MIN = 9
/** A prefix of an operator's ticket matches only from this many characters on (fewer would match most tickets). */
export const TICKET_PREFIX_MIN = 6
/** A whole number has at least this many digits (without the +86 country code). */
export const NUMBER_MIN_DIGITS = 7

/**
 * The lookup parameters of a query text. Ids and tickets are compared upper-cased without spaces and
 * hyphens; a text of digits (spaces, hyphens and a leading + allowed) is a number — whole when it has at
 * least 7 digits after an optional +86/86, its last four when exactly 4; any other text of at least 2
 * characters is looked for in addresses.
 */
export function lookupParams(q: string, limit: number): ComplaintLookup {
  const text = q.trim()
  const key = text.replace(/[\s-]/g, '').toUpperCase()
  const params: ComplaintLookup = { key, idPrefix: key.length >= ID_PREFIX_MIN, ticketPrefix: key.length >= TICKET_PREFIX_MIN, numbers: [], tail: '', address: '', limit }
  if (/^\+?[\d\s-]+$/.test(text)) {
    const digits = key.replace(/^\+/, '')
    if (digits.length === 4) params.tail = digits
    // +86 always is the country code; a bare 86 is taken both ways (it may begin a local number).
    const national = text.startsWith('+86') || (digits.startsWith('86') && digits.length - 2 >= NUMBER_MIN_DIGITS) ? digits.slice(2) : digits
    const forms = new Set<string>()
    if (national.length >= NUMBER_MIN_DIGITS) forms.add(national).add(`86${national}`)
    if (!text.startsWith('+') && digits.length >= NUMBER_MIN_DIGITS) forms.add(digits)
    params.numbers = [...forms]
  } else if ([...text].length >= 2) {
    params.address = text
  }
  return params
}
