/** Schemas of GET /api/search. */
import { Type } from 'typebox'

/** A ground feature or site found by the fuzzy search, best first. */
export const SearchHit = Type.Object({
  id: Type.String(), name: Type.String(), type: Type.String(), lon: Type.Number(), lat: Type.Number(),
  bbox: Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }), score: Type.Number(), matched: Type.String(),
})
