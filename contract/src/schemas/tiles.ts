/**
 * The base map's TileJSON 3.0.0 (/tiles.json), as the tile-builder writes it next to the pyramid and the
 * service serves it: the fields the web map and the tile route read. Other TileJSON fields may be present.
 */
import { Type, type Static } from 'typebox'

const Bounds = Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()], { description: 'west, south, east, north (WGS-84)' })

export const TileJsonReply = Type.Object({
  tilejson: Type.String(),
  tiles: Type.Array(Type.String(), { description: 'URL templates ({z}/{x}/{y}) carrying the build id' }),
  minzoom: Type.Integer(),
  maxzoom: Type.Integer(),
  bounds: Bounds,
  center: Type.Optional(Type.Tuple([Type.Number(), Type.Number(), Type.Number()])),
  attribution: Type.Optional(Type.String()),
  /** The stored tiles' format; absent in pyramids built before the choice (png). */
  format: Type.Optional(Type.String()),
}, { additionalProperties: true })

export type TileJson = Static<typeof TileJsonReply>
