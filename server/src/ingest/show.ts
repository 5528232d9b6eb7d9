/**
 * How a bad value is quoted in an error message ("got …"): short, and never the whole of a long text.
 */
import { MAX_ECHO_CHARS } from './options.js'

/** Describes a value for "expected …, got …": `nothing` when absent, quoted strings, JSON for the rest. */
export function describe(v: unknown): string {
  if (v === undefined || v === null || v === '') return 'nothing'
  if (typeof v === 'string') return JSON.stringify(clip(v))
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (Array.isArray(v)) return `an array ${clip(safeJson(v))}`
  return `an object ${clip(safeJson(v))}`
}

function clip(s: string): string {
  return s.length > MAX_ECHO_CHARS ? `${s.slice(0, MAX_ECHO_CHARS)}…` : s
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v)
  } catch {
    return String(v)
  }
}
