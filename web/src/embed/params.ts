/**
 * What the host system put in the embed URL: the complaint's fields in the query, the token in the
 * fragment (#token=…). The fragment is removed from the address bar at once, so the token is neither
 * copied with the URL nor kept in history.
 */
import { PHENOMENA } from '../labels.js'

export interface EmbedParams {
  address: string
  lon: number | null
  lat: number | null
  /** A phenomenon code (a Chinese label in the URL is mapped to its code); null when absent or unknown. */
  phenomenon: string | null
  ticket: string | null
  occurredAt: number | null
  service: 'voice' | 'data' | null
  description: string
}

const num = (s: string | null) => (s == null || s.trim() === '' ? null : Number.isFinite(Number(s)) ? Number(s) : null)

/** Reads the query of `url`. */
export function readParams(url: URL): EmbedParams {
  const q = url.searchParams
  const ph = q.get('phenomenon')?.trim() ?? ''
  const code = ph in PHENOMENA ? ph : (Object.entries(PHENOMENA).find(([, label]) => label === ph)?.[0] ?? null)
  const when = q.get('occurredAt')
  const t = when ? Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(when) ? when : `${when}+08:00`) : NaN
  const lon = num(q.get('lon'))
  const lat = num(q.get('lat'))
  const service = q.get('service')
  return {
    address: q.get('address')?.trim() ?? '',
    lon: lon != null && lat != null ? lon : null,
    lat: lon != null && lat != null ? lat : null,
    phenomenon: code,
    ticket: q.get('ticket') || null,
    occurredAt: Number.isFinite(t) ? t : null,
    service: service === 'voice' || service === 'data' ? service : null,
    description: q.get('description') ?? '',
  }
}

/** Takes the token out of the fragment and the fragment out of the address bar. */
export function takeToken(): string | null {
  const token = new URLSearchParams(location.hash.slice(1)).get('token')
  if (location.hash) history.replaceState(null, '', location.pathname + location.search)
  return token && /^\S{10,200}$/.test(token) ? token : null
}

/** Sends `Authorization: Bearer <token>` with every call of this page to its own API (the page has no session cookie). */
export function useBearer(token: string): void {
  const plain = window.fetch.bind(window)
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href)
    if (url.origin !== location.origin || !url.pathname.startsWith('/api/')) return plain(input, init)
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined))
    headers.set('authorization', `Bearer ${token}`)
    return plain(input, { ...init, headers, credentials: 'omit' })
  }
}
