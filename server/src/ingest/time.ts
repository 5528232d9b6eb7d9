/**
 * Times of import files: ISO 8601, and the forms Chinese spreadsheets write ("2026-11-23 14:00",
 * "2026/11/23 14:00:00"). A time without an offset is China time (+08:00, no daylight saving).
 */

/** China Standard Time, the zone of a time written without an offset. */
const CHINA_OFFSET_MIN = 8 * 60

const TIME =
  /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i

/** What the readers say a time should look like. */
export const TIME_EXPECTED = 'an ISO 8601 time such as 2026-11-23T14:00:00+08:00 or 2026-11-23 14:00 (China time when no offset)'

/** Parses a time to epoch ms, or returns null when the text is not a valid time of the accepted forms. */
export function parseTime(text: string): number | null {
  const m = TIME.exec(text.trim())
  if (!m) return null
  const [, y, sep, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m
  // ISO 8601 proper uses '-'; only the spreadsheet forms use '/', and those never carry a 'T'.
  if (sep === '/' && /T/i.test(text)) return null
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h)
  const minute = Number(mi)
  const second = Number(s)
  if (year < 1900) return null // Date.UTC would read years 0–99 as 1900–1999
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null
  if (hour > 24 || minute > 59 || second > 59) return null
  if (hour === 24 && (minute > 0 || second > 0 || frac.replace(/0/g, '') !== '')) return null // 24:00 = end of day only
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0
  const offsetMin = zone === undefined ? CHINA_OFFSET_MIN : zoneMinutes(zone)
  if (offsetMin === null) return null
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMin * 60_000
}

function zoneMinutes(zone: string): number | null {
  if (zone.toUpperCase() === 'Z') return 0
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)
  if (!m) return null
  const hours = Number(m[2])
  const minutes = Number(m[3] ?? '0')
  if (hours > 14 || minutes > 59) return null
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes)
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** Formats epoch ms as China time, the way error messages quote a time back: 2026-11-23 14:00:00+08:00. */
export function formatChinaTime(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MIN * 60_000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '+08:00')
}
