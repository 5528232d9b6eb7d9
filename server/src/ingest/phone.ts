/**
 * Customer numbers are never stored whole: 13812341234 → 138****1234. Ingest masks them at the door,
 * so no later stage can leak one.
 */

/** The masked number, or an error sentence (which never repeats the number itself). */
export function checkNumber(text: string): { masked: string; error?: undefined } | { masked?: undefined; error: string } {
  const t = text.trim()
  // Already masked by the exporting system: keep as is if it hides at least four characters.
  if (/^\d{0,4}\*{4,}\d{0,4}$/.test(t)) return { masked: t }
  if (!/^\+?[\d\s()-]+$/.test(t)) {
    return { error: 'expected a phone number of digits (optionally +86, spaces or dashes), got text with other characters' }
  }
  let digits = t.replace(/\D/g, '')
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2) // +86 13812341234
  if (digits.length < 7) return { error: `expected a phone number of at least 7 digits, got ${digits.length}` }
  // 11-digit mobile: 3 + **** + 4, the form operators print on bills; shorter numbers show fewer
  // digits so that at least four are always hidden.
  const head = Math.max(0, Math.min(3, digits.length - 8))
  const tail = Math.min(4, digits.length - 4)
  return { masked: `${digits.slice(0, head)}****${digits.slice(-tail)}` }
}

/** Masks whatever number comes, never failing: a text that is not a phone number is hidden entirely. */
export function maskNumber(text: string): string {
  return checkNumber(text).masked ?? '****'
}
