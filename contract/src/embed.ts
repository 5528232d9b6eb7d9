/**
 * The messages the embedded page (GET /embed) posts to its parent window with
 * `window.parent.postMessage(message, origin)` — the host system's side of the contract (issue 8).
 * Every message has `type`, `version` (1) and `ticket` (the `ticket=` of the URL, or null). Fields
 * are only ever added; a change that is not additive would raise `version`.
 */

/** Message version: raised only for a change that is not purely additive. */
export const EMBED_MESSAGE_VERSION = 1

interface Base { version: 1; ticket: string | null }

/** The page has started and its token works. */
export interface ReadyMessage extends Base { type: 'tousu:ready'; user: { username: string; role: string } }

/** The complaint point was set: from lon/lat of the URL, the geocoded address, or the agent's click/drag on the map. */
export interface LocationMessage extends Base {
  type: 'tousu:location'
  lon: number
  lat: number
  address: string
  source: 'params' | 'search' | 'map'
  /** The place the address was geocoded to (source 'search'). */
  feature: { id: string; name: string; type: string } | null
}

/** The agent diagnosed the complaint: what was asked and what came back (POST /api/diagnose). */
export interface DiagnosisMessage extends Base {
  type: 'tousu:diagnosis'
  lon: number
  lat: number
  address: string
  occurredAt: string
  service: 'voice' | 'data'
  phenomenon: string
  cause: { code: string; label: string }
  disposition: 'self' | 'dispatch' | 'field_test'
  specialty: string
  answer: string
  evidence: { type: string; id: string; distance_m: number; why: string }[]
  /** The sites serving the point, best first (the complaint links the first of them when recorded). */
  linkedSites: { id: string; name: string; distance_m: number; facing: boolean }[]
}

/** The agent recorded the complaint (POST /api/complaints): its id, for the host's ticket. */
export interface RecordedMessage extends Base {
  type: 'tousu:recorded'
  complaintId: string
  cause: string | null
  suggestedCause: string | null
  disposition: string | null
  specialty: string | null
  answer: string | null
  linkedSites: string[]
}

/** Something the host should know went wrong (the agent sees it in the page too). */
export interface ErrorMessage extends Base {
  type: 'tousu:error'
  code: 'no_token' | 'token_refused' | 'address_not_found' | 'api'
  message: string
}

export type EmbedMessage = ReadyMessage | LocationMessage | DiagnosisMessage | RecordedMessage | ErrorMessage

/** The same, as text for OpenAPI (GET /embed's description). */
export const EMBED_MESSAGES = `Open in an iframe of the customer-service system:
\`/embed?origin=<host origin>&address=…&lon=…&lat=…&phenomenon=…&ticket=…&occurredAt=…&service=voice|data#token=<POST /api/embed/tokens>\`.
The token goes in the fragment (never sent to a server, nor in Referer); the page removes it from its URL and sends it as a Bearer token.
\`origin\` must be one of FRAME_ANCESTORS; the page may be framed by that origin only (CSP frame-ancestors) and posts to it only.
Without lon/lat the address is geocoded with /api/search (the best hit).

Messages, \`window.parent.postMessage(message, origin)\`; every one has \`type\`, \`version\` (1) and \`ticket\` (from the URL or null):
- \`tousu:ready\` {user:{username, role}} — started, token accepted.
- \`tousu:location\` {lon, lat, address, source: params|search|map, feature:{id,name,type}|null} — the complaint point was set or moved.
- \`tousu:diagnosis\` {lon, lat, address, occurredAt, service, phenomenon, cause:{code,label}, disposition, specialty, answer, evidence:[{type,id,distance_m,why}], linkedSites:[{id,name,distance_m,facing}]} — the agent diagnosed (same answer as POST /api/diagnose).
- \`tousu:recorded\` {complaintId, cause, suggestedCause, disposition, specialty, answer, linkedSites:[id]} — the agent recorded the complaint.
- \`tousu:error\` {code: no_token|token_refused|address_not_found|api, message}.`
