/** Who is making a request, and how they proved it. */
import type { Role } from './roles.js'

export interface Principal {
  username: string
  role: Role
  via: 'token' | 'session'
  /** The session's CSRF token (cookie sessions only). */
  csrf?: string
}
