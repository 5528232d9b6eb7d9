/**
 * Reading option values out of an environment. Only the entry points (main.ts, the CLIs) hand an
 * environment in; everything else receives the options objects the loaders build from it.
 */

/** An environment: process.env at an entry point, a plain object in tests. */
export type Env = Readonly<Record<string, string | undefined>>

/** A comma-separated list; blanks and surrounding spaces dropped, unset → []. */
export const list = (s: string | undefined): string[] => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean)

/**
 * A number from the environment: `def` when the variable is unset or empty, else its value × `unit`
 * when `ok` accepts the value, else an error naming the variable, what it must be and what it got.
 */
export function envNumber(env: Env, name: string, def: number, ok: (n: number) => boolean, mustBe: string, unit = 1): number {
  const v = env[name]
  if (v == null || v === '') return def
  const n = Number(v)
  if (!ok(n)) throw new Error(`${name} must be ${mustBe}; got ${JSON.stringify(v)}`)
  return n * unit
}

/** An integer ≥ `min` from the environment (see envNumber). */
export const envInt = (env: Env, name: string, def: number, min: number, unit = 1): number =>
  envNumber(env, name, def, (n) => Number.isSafeInteger(n) && n >= min, `an integer ≥ ${min}`, unit)
