/**
 * Per-site surge detection: complaints per hour in each site's footprint (the complaints attributed to
 * it) against that site's own baseline for the same hour of the week over the previous weeks. A
 * site-hour is a surge when count ≥ minCount and count ≥ mean + k·max(σ, minSigma) of the baseline.
 * Hours are aligned to whole UTC hours (China time is UTC+8 with no daylight saving, so these are also
 * whole China hours), and the same hour of the week is exactly 168 hours earlier.
 */
const HOUR_MS = 3600_000
const WEEK_H = 168

export interface SurgeOptions {
  baselineWeeks: number
  k: number
  minSigma: number
  minCount: number
}

export interface Surge {
  /** Index in the site table. */
  site: number
  /** Start of the hour, epoch ms. */
  hour: number
  count: number
  baselineMean: number
  baselineSd: number
  threshold: number
}

/**
 * Surges in the hours overlapping [from, to). `site`/`time` describe every attributed complaint the
 * caller has, which must include the baseline weeks before `from` (site -1 = unattributed, ignored).
 */
export function detectSurges(site: Int32Array, time: Float64Array, from: number, to: number, o: SurgeOptions): Surge[] {
  const h0 = Math.floor(from / HOUR_MS), h1 = Math.ceil(to / HOUR_MS) // target hours [h0, h1)
  const base = h0 - o.baselineWeeks * WEEK_H
  const span = h1 - base
  // Counts per (site, hour) for the hours the question needs, keyed site·span + (hour − base).
  const counts = new Map<number, number>()
  for (let i = 0; i < time.length; i++) {
    const s = site[i]
    if (s < 0) continue
    const h = Math.floor(time[i] / HOUR_MS)
    if (h < base || h >= h1) continue
    const off = h - base
    const key = s * span + off
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  const out: Surge[] = []
  for (const [key, count] of counts) {
    const off = key % span
    if (off < h0 - base || count < o.minCount) continue
    const s = (key - off) / span
    let sum = 0, sum2 = 0
    for (let w = 1; w <= o.baselineWeeks; w++) {
      const c = counts.get(key - w * WEEK_H) ?? 0
      sum += c
      sum2 += c * c
    }
    const mean = sum / o.baselineWeeks
    const sd = Math.sqrt(Math.max(0, sum2 / o.baselineWeeks - mean * mean))
    const threshold = mean + o.k * Math.max(sd, o.minSigma)
    if (count >= threshold) out.push({ site: s, hour: (base + off) * HOUR_MS, count, baselineMean: mean, baselineSd: sd, threshold })
  }
  return out.sort((a, b) => b.count - b.threshold - (a.count - a.threshold) || a.hour - b.hour || a.site - b.site)
}
