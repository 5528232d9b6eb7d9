/**
 * A seeded pseudo-random generator (mulberry32) with named sub-streams: the same seed gives the same
 * month, and each concern (sites, faults, complaints …) draws from its own stream, so adding draws to
 * one scenario does not shift the others.
 */
export class Rng {
  private state: number

  constructor(private readonly seed: string) {
    this.state = hash(seed)
  }

  /** A new generator whose sequence depends only on this one's seed and the name (not on draws made). */
  fork(name: string): Rng {
    return new Rng(`${this.seed}/${name}`)
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** Uniform in [a, b). */
  range(a: number, b: number): number {
    return a + (b - a) * this.next()
  }

  /** Integer uniform in [a, b] (inclusive). */
  int(a: number, b: number): number {
    return a + Math.floor(this.next() * (b - a + 1))
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p
  }

  /** One element, uniformly. */
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]
  }

  /** One key, with probability proportional to its weight. */
  weighted<T extends string>(w: Readonly<Record<T, number>>): T {
    const keys = Object.keys(w) as T[]
    let total = 0
    for (const k of keys) total += w[k]
    let x = this.next() * total
    for (const k of keys) {
      x -= w[k]
      if (x < 0) return k
    }
    return keys[keys.length - 1]
  }

  /** Poisson-distributed count with mean `mean` (Knuth; means here are small). */
  poisson(mean: number): number {
    const l = Math.exp(-mean)
    let k = 0
    let p = 1
    do {
      k++
      p *= this.next()
    } while (p > l)
    return k - 1
  }
}

/** FNV-1a 32-bit hash of a string. */
export function hash(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}
