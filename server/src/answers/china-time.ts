/**
 * Times as agents read them out: China time (UTC+08:00, no daylight saving), e.g. "11月23日14:00".
 * Plain arithmetic on the offset instead of Intl, which is slow on a hot path.
 */

const OFFSET_MS = 8 * 3600_000
const DAY_MS = 24 * 3600_000

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

/** The China calendar day number of an instant (days since 1970-01-01 in +08:00). */
export function chinaDay(t: number): number {
  return Math.floor((t + OFFSET_MS) / DAY_MS)
}

/** "14:05" */
export function chinaClock(t: number): string {
  const d = new Date(t + OFFSET_MS)
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`
}

/** "11月23日14:05" */
export function chinaTime(t: number): string {
  const d = new Date(t + OFFSET_MS)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`
}

/** `t` shown relative to `ref`: only the clock when both fall on the same China day, else the full time. */
export function chinaTimeAfter(ref: number, t: number): string {
  return chinaDay(ref) === chinaDay(t) ? chinaClock(t) : chinaTime(t)
}

/**
 * A window "11月23日14:00–16:00" (or "11月23日22:00–11月24日02:00" across midnight); an open end
 * gives "11月23日14:00起", an unknown start "至11月23日16:00".
 */
export function chinaWindow(start: number | null, end: number | null): string {
  const s = start != null && Number.isFinite(start) ? start : null
  const e = end != null && Number.isFinite(end) ? end : null
  if (s == null && e == null) return '时间未定'
  if (s == null) return `至${chinaTime(e as number)}`
  if (e == null) return `${chinaTime(s)}起`
  return `${chinaTime(s)}–${chinaTimeAfter(s, e)}`
}
