/** Times as agents read and type them: China time (+08:00), whatever the browser's own zone. */
const CHINA_OFFSET_MS = 8 * 3600_000

/** "YYYY-MM-DDTHH:mm" in China time, for a datetime-local input. */
export function toLocalInput(t: number): string {
  return new Date(t + CHINA_OFFSET_MS).toISOString().slice(0, 16)
}

/** A datetime-local value (China time, no offset) as ISO 8601 with +08:00. */
export function fromLocalInput(v: string): string {
  return v.length === 16 ? `${v}:00+08:00` : `${v}+08:00`
}

/** "11-23 14:05" in China time; "—" for none. */
export function showTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString()
  return `${d.slice(5, 10)} ${d.slice(11, 16)}`
}

/** "2026-11-23 14:05" in China time, for exports. */
export function fullTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString()
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`
}
