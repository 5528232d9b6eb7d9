/** osmtogeojson ships no types: the one call we make, typed loosely (its output is plain GeoJSON). */
declare module 'osmtogeojson' {
  const osmtogeojson: (osm: unknown, options?: { flatProperties?: boolean }) => { type: 'FeatureCollection'; features: Array<{ id?: string; type: 'Feature'; properties: Record<string, unknown>; geometry: unknown }> }
  export default osmtogeojson
}
