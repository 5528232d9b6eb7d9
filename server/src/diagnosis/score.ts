/**
 * Score arithmetic shared by the rules and the ranking. Kept apart from rank.ts because rank.ts reads
 * the registry, and the rule modules the registry lists must not import it back.
 */

/** Proximity factor of a serving site: 0.6 at the edge of its reach, 1 at the site in the main beam. */
export function proximity(servingScore: number): number {
  return 0.6 + 0.4 * servingScore
}

/** Rounds a score for display and stable comparison. */
export function round3(x: number): number {
  return Math.round(x * 1000) / 1000
}
