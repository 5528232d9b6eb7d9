/** The api_tokens table (migrations 002, 003): programs' bearer tokens, kept as hashes. SQL in store/sql/api_tokens. */
import { SQL } from '../sql/index.js'
import type { Tx } from './table-repo.js'

/** A token as listed to its user (never its hash). */
export interface ApiTokenRow {
  id: string
  name: string
  created_at: Date
  last_used_at: Date | null
  revoked_at: Date | null
}

/** Every method runs on the connection or transaction it is given. */
export const apiTokensRepo = {
  /** Drops the tokens a day past their expiry. */
  removeExpired: (q: Tx) => q.none(SQL.apiTokens.removeExpired),
  /** Stores a token of `username`; false when there is no such user. */
  insert: async (q: Tx, t: { id: string; username: string; tokenHash: string; name: string; expiresAt: Date | null }) =>
    (await q.result(SQL.apiTokens.insert, t)).rowCount > 0,
  ofUser: (q: Tx, username: string) => q.any<ApiTokenRow>(SQL.apiTokens.ofUser, { username }),
  /** Revokes an active token; false when the user has no such active token. */
  revoke: async (q: Tx, username: string, id: string) => (await q.result(SQL.apiTokens.revoke, { username, id })).rowCount > 0,
  /** The enabled user behind a valid (unrevoked, unexpired) token hash, and the token's id; null otherwise. */
  principal: (q: Tx, tokenHash: string) => q.oneOrNone<{ username: string; role: string; id: string }>(SQL.apiTokens.principal, { tokenHash }),
  /** Records that the token was just used. */
  touch: (q: Tx, id: string) => q.none(SQL.apiTokens.touch, { id }),
  removeOfUser: (q: Tx, username: string) => q.none(SQL.apiTokens.removeOfUser, { username }),
}
