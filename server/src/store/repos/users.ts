/** The users table (migration 002): who may log in, with which role. SQL in store/sql/users. */
import { SQL } from '../sql/index.js'
import type { Tx } from './table-repo.js'

/** A users row as stored. `passwordHash` null: no password login (a program with tokens only). */
export interface UserRow {
  username: string
  display_name: string
  role: string
  password_hash: string | null
  disabled: boolean
  created_at: Date
}

/** Every method runs on the connection or transaction it is given. */
export const usersRepo = {
  count: async (q: Tx) => (await q.one<{ n: number }>(SQL.users.count)).n,
  all: (q: Tx) => q.any<UserRow>(SQL.users.all),
  get: (q: Tx, username: string) => q.oneOrNone<UserRow>(SQL.users.get, { username }),
  /** The new row; null when the name is taken. */
  insert: (q: Tx, u: { username: string; role: string; passwordHash: string | null; displayName: string }) => q.oneOrNone<UserRow>(SQL.users.insert, u),
  /** Sets the fields that are not null; the row after, or null when there is no such user. */
  update: (q: Tx, username: string, p: { role: string | null; passwordHash: string | null; displayName: string | null; disabled: boolean | null }) =>
    q.oneOrNone<UserRow>(SQL.users.update, { username, ...p }),
  /** How many admins are not disabled. */
  activeAdmins: async (q: Tx) => (await q.one<{ n: number }>(SQL.users.activeAdmins)).n,
  remove: (q: Tx, username: string) => q.none(SQL.users.remove, { username }),
}
