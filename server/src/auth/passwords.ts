/**
 * Password hashing with scrypt (node:crypto, no native addon). The stored string carries its own
 * parameters, so raising the cost later keeps old hashes verifiable.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, createHash, type ScryptOptions } from 'node:crypto'

const scrypt = (password: string, salt: Buffer, keylen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))))

/** OWASP's scrypt floor is N=2^17, r=8, p=1 (128 MiB, ~0.3 s here); tests pass a lower N. */
export const DEFAULT_SCRYPT_N = 2 ** 17
const R = 8
const P = 1
const KEYLEN = 32

/** Rejects passwords a real deployment should not accept; returns the reason or null. */
export function passwordProblem(password: string): string | null {
  if (typeof password !== 'string') return 'password must be a string'
  if (password.length < 10) return 'password must have at least 10 characters'
  if (password.length > 256) return 'password must have at most 256 characters'
  return null
}

export async function hashPassword(password: string, n = DEFAULT_SCRYPT_N): Promise<string> {
  const salt = randomBytes(16)
  const key = await scrypt(password, salt, KEYLEN, { N: n, r: R, p: P, maxmem: 256 * n * R })
  return `scrypt$${n}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`
}

/** Constant-time check of a password against a stored hash; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (!stored) return false
  const [alg, n, r, p, salt, hash] = stored.split('$')
  if (alg !== 'scrypt' || !salt || !hash) return false
  const N = Number(n), rr = Number(r), pp = Number(p)
  const expected = Buffer.from(hash, 'base64url')
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, { N, r: rr, p: pp, maxmem: 256 * N * rr })
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/** A fresh secret for a token or session id (256 bits), URL-safe. */
export const newSecret = (prefix = '') => prefix + randomBytes(32).toString('base64url')

/** What is stored for a token or session id: its SHA-256 (the secret itself is never kept). */
export const secretHash = (secret: string) => createHash('sha256').update(secret).digest('hex')

/** A random password for generated users (demo logins), easy to read out: 4 groups of 4. */
export function newPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
  const bytes = randomBytes(16)
  let s = ''
  for (let i = 0; i < 16; i++) s += alphabet[bytes[i] % alphabet.length] + (i % 4 === 3 && i < 15 ? '-' : '')
  return s
}
