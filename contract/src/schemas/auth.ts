/** Schemas of the user, token and audit replies (the 系统管理 screens read them as Static<> types). */
import { Type } from 'typebox'
import { CSRF_HEADER } from '../csrf.js'
import { ROLES } from '../roles.js'

const NullableString = Type.Union([Type.String(), Type.Null()])

/** A user as GET/POST /api/users and PATCH /api/users/{name} answer: never the password hash. */
export const UserReply = Type.Object({
  username: Type.String(), displayName: Type.String(), role: Type.Enum([...ROLES]), disabled: Type.Boolean(), hasPassword: Type.Boolean(), createdAt: Type.String(),
})

/** An API token as GET /api/users/{name}/tokens lists it: never the secret. */
export const TokenInfoReply = Type.Object({ id: Type.String(), name: Type.String(), createdAt: Type.String(), lastUsedAt: NullableString, revokedAt: NullableString })

/** The answer of POST /api/users/{name}/tokens: the secret, this once. */
export const IssuedTokenReply = Type.Object({ id: Type.String(), token: Type.String(), expiresAt: NullableString })

/** One entry of GET /api/audit (newest first). */
export const AuditEntryReply = Type.Object({
  id: Type.Number(), at: Type.String(), username: NullableString, role: NullableString,
  action: Type.String(), target: NullableString, details: Type.Unknown(), ip: NullableString,
})

/** GET /api/auth/me (and the login's answer): who is logged in, with which permissions. */
export const SessionReply = Type.Object({
  user: Type.Object({ username: Type.String(), role: Type.Enum([...ROLES]), roleLabel: Type.String() }),
  permissions: Type.Array(Type.String()),
  csrfToken: Type.Union([Type.String(), Type.Null()], { description: `send it back in the ${CSRF_HEADER} header on every POST/PATCH/DELETE of a cookie session` }),
})

/** GET /api/auth/session: whether this browser is signed in, and as whom (never 401). */
export const SessionStateReply = Type.Union([Type.Object({ signedIn: Type.Literal(false) }), Type.Object({ signedIn: Type.Literal(true), ...SessionReply.properties })])
