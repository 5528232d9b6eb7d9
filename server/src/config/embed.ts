import { envNumber, type Env } from './env.js'

/**
 * The embedded complaint page (GET /embed): lifetime of the tokens POST /api/embed/tokens
 * issues. Origins allowed to frame it are SecurityOptions.frameAncestors (FRAME_ANCESTORS).
 * Environment: EMBED_TOKEN_TTL_S, EMBED_TOKEN_MAX_TTL_S.
 */
export interface EmbedOptions {
  /** A token's lifetime when the caller names none: one call and its follow-up. */
  tokenTtlS: number
  /** The longest lifetime a caller may ask for: one shift. */
  maxTokenTtlS: number
}

export const defaultEmbedOptions: EmbedOptions = { tokenTtlS: 3600, maxTokenTtlS: 12 * 3600 }

/** Embed options from the environment, else the defaults above. */
export function loadEmbedOptions(env: Env): EmbedOptions {
  const d = defaultEmbedOptions
  const int = (name: string, def: number) => envNumber(env, name, def, (n) => Number.isSafeInteger(n) && n >= 1, 'a positive integer (seconds)')
  return { tokenTtlS: int('EMBED_TOKEN_TTL_S', d.tokenTtlS), maxTokenTtlS: int('EMBED_TOKEN_MAX_TTL_S', d.maxTokenTtlS) }
}
