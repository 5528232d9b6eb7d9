/** Shared pieces of the issue-7 tests: logging in over HTTP, and a fingerprint of everything stored. */
import { expect } from 'vitest'
import type { TestService } from '../../helpers/service.js'

export const SESSION_COOKIE = 'tousu_sid'

export interface Login {
  /** The Cookie header to send back. */
  cookie: string
  /** The session id alone. */
  sid: string
  csrf: string
  /** The raw Set-Cookie header of the login answer. */
  setCookie: string
  body: { user: { username: string; role: string }; permissions: string[]; csrfToken: string }
}

/** POST /api/auth/login as a browser would (no bearer token); fails the test unless it succeeds. */
export async function login(t: TestService, username: string, password: string): Promise<Login> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { authorization: '' }, payload: { username, password } })
  expect(res.statusCode, res.body).toBe(200)
  const raw = res.headers['set-cookie']
  const setCookie = Array.isArray(raw) ? raw.find((c) => c.startsWith(`${SESSION_COOKIE}=`))! : String(raw)
  const sid = /^tousu_sid=([^;]*)/.exec(setCookie)![1]
  const body = res.json() as Login['body']
  return { cookie: `${SESSION_COOKIE}=${sid}`, sid, csrf: body.csrfToken, setCookie, body }
}

/** A fingerprint of every row the service keeps: network data, complaints, users, tokens, sessions, audit. */
export async function snapshot(t: TestService): Promise<string> {
  const db = t.service.store.db
  return JSON.stringify({
    store: await t.service.store.counts(),
    index: t.service.index.counts(),
    users: await db.any('SELECT username, role, disabled, display_name, password_hash FROM users ORDER BY username'),
    tokens: await db.any('SELECT id, username, revoked_at FROM api_tokens ORDER BY id'),
    sessions: await db.any('SELECT id_hash FROM sessions ORDER BY id_hash'),
    audit: (await db.one<{ n: number }>('SELECT count(*) AS n FROM audit_log')).n,
  })
}

/** A small network: three sites in Guangzhou. */
export const SITES_CSV = [
  'id,name,tech,type,bsc,msc,lon,lat',
  'S1,白马花园,4G,宏站,BSC1,MSC1,113.3300,23.1350',
  'S2,天河东,5G,宏站,BSC1,MSC1,113.3400,23.1360',
  'S3,体育中心室分,4G,室分,BSC2,MSC1,113.3350,23.1400',
].join('\n') + '\n'

/** One district, D1, around the sites. */
export const DISTRICT = JSON.stringify({
  type: 'FeatureCollection',
  features: [{
    type: 'Feature', properties: { id: 'D1', name: '天河区', type: 'district' },
    geometry: { type: 'Polygon', coordinates: [[[113.2, 23.0], [113.5, 23.0], [113.5, 23.3], [113.2, 23.3], [113.2, 23.0]]] },
  }],
})

/** A complaint body for POST /api/diagnose and POST /api/complaints. */
export const COMPLAINT = { lon: 113.331, lat: 23.1352, occurredAt: '2026-11-23T14:00:00+08:00', service: 'voice', phenomenon: '掉话' }

/** Imports the small network as the admin. */
export async function seed(t: TestService): Promise<void> {
  for (const [kind, type, body] of [['sites', 'text/csv', SITES_CSV], ['features', 'application/geo+json', DISTRICT]]) {
    const res = await t.app.inject({ method: 'POST', url: `/api/import/${kind}`, headers: { 'content-type': type }, payload: body })
    expect(res.statusCode, `seed ${kind}: ${res.body}`).toBe(200)
  }
}
