/**
 * User accounts: name, role, display name, password hash, disabled flag. A change that takes access
 * away (disable, role change, new password) ends the user's sessions and clears the lookup cache at
 * once; the last active admin can never be removed from the admins.
 */
import type { Db } from '../store/db.js'
import type { ChangeLog } from '../store/change-log.js'
import { AppError } from '../errors.js'
import { usersRepo, type UserRow } from '../store/repos/users.js'
import { sessionsRepo } from '../store/repos/sessions.js'
import { hashPassword, passwordProblem, secretHash, verifyPassword } from './passwords.js'
import type { PrincipalCache } from './principal-cache.js'
import { ROLES, type Role } from './roles.js'

export interface User {
  username: string
  displayName: string
  role: Role
  disabled: boolean
  hasPassword: boolean
  createdAt: string
}

const USERNAME = /^[A-Za-z0-9_.-]{2,32}$/
const toUser = (r: UserRow): User => ({
  username: r.username, displayName: r.display_name, role: r.role as Role, disabled: r.disabled, hasPassword: r.password_hash != null, createdAt: r.created_at.toISOString(),
})

export class UserAccounts {
  /** A hash to verify against when the user does not exist, so a wrong name takes as long as a wrong password. */
  private dummyHash: Promise<string> | null = null

  constructor(private readonly db: Db, private readonly cache: PrincipalCache, private readonly changes: ChangeLog | null, private readonly scryptN: number) {}

  async count(): Promise<number> {
    return usersRepo.count(this.db)
  }

  async list(): Promise<User[]> {
    return (await usersRepo.all(this.db)).map(toUser)
  }

  async get(username: string): Promise<User | null> {
    const r = await usersRepo.get(this.db, username)
    return r ? toUser(r) : null
  }

  /** Creates a user; a password is optional (programs use tokens). */
  async create(input: { username: string; role: Role; password?: string | null; displayName?: string }): Promise<User> {
    if (!USERNAME.test(input.username ?? '')) throw new AppError('VALIDATION', `username must be 2–32 letters, digits, '_', '.' or '-'; got ${JSON.stringify(input.username)}`)
    if (!ROLES.includes(input.role)) throw new AppError('VALIDATION', `role must be one of ${ROLES.join(', ')}; got ${JSON.stringify(input.role)}`)
    const hash = await this.newHash(input.password)
    const row = await usersRepo.insert(this.db, { username: input.username, role: input.role, passwordHash: hash, displayName: input.displayName ?? '' })
    if (!row) throw new AppError('CONFLICT', `user ${input.username} already exists`)
    return toUser(row)
  }

  /**
   * Changes a user's role, name, password or disabled flag; revokes cached access at once. `keepSession`
   * (a session id) survives a password change: the user changing their own password stays logged in there.
   */
  async update(username: string, patch: { role?: Role; password?: string; displayName?: string; disabled?: boolean }, keepSession?: string): Promise<User> {
    if (patch.role != null && !ROLES.includes(patch.role)) throw new AppError('VALIDATION', `role must be one of ${ROLES.join(', ')}; got ${JSON.stringify(patch.role)}`)
    const hash = await this.newHash(patch.password)
    const row = await this.db.tx(async (t) => {
      const r = await usersRepo.update(t, username, { role: patch.role ?? null, passwordHash: hash, displayName: patch.displayName ?? null, disabled: patch.disabled ?? null })
      if (!r) throw new AppError('NOT_FOUND', `no user ${username}`)
      // The last admin cannot lock everyone out.
      if ((await usersRepo.activeAdmins(t)) === 0) throw new AppError('CONFLICT', `${username} is the last active admin: make another admin first`)
      // A new password or a lost role ends every browser session of the user.
      if (patch.disabled || patch.role != null) await sessionsRepo.removeOfUser(t, username)
      else if (patch.password != null) await sessionsRepo.removeOfUser(t, username, keepSession ? secretHash(keepSession) : '')
      await this.changes?.write(t, [{ topic: 'auth' }])
      return r
    })
    this.cache.clear()
    return toUser(row)
  }

  /** Checks a name and password; null when either is wrong or the user is disabled (never says which). */
  async verify(username: string, password: string): Promise<User | null> {
    const r = await usersRepo.get(this.db, username)
    if (!r || !r.password_hash) {
      this.dummyHash ??= hashPassword('not a password', this.scryptN)
      await verifyPassword(password, await this.dummyHash)
      return null
    }
    const ok = await verifyPassword(password, r.password_hash)
    return ok && !r.disabled ? toUser(r) : null
  }

  /** Removes a user outright (a first start undone; admins disable users instead). */
  async remove(username: string): Promise<void> {
    await usersRepo.remove(this.db, username)
  }

  /** The hash of a new password once passwordProblem() finds nothing wrong with it; null when none is given. */
  private async newHash(password: string | null | undefined): Promise<string | null> {
    if (password == null) return null
    const problem = passwordProblem(password)
    if (problem) throw new AppError('VALIDATION', problem)
    return hashPassword(password, this.scryptN)
  }
}
