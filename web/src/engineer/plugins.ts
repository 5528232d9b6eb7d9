/** The engineer's Leaflet plugins: drawing (leaflet-geoman) and the heat map. Loaded with that screen only. */
import L from '../leaflet.js'
import 'leaflet.heat'
import '@geoman-io/leaflet-geoman-free'

/**
 * Geoman equips maps through an init hook, so a map made before it loaded (ours: the agent's screen
 * comes first) is given its `pm` here.
 */
export function withGeoman(map: L.Map): L.Map {
  const m = map as unknown as { pm?: L.PM.PMMap }
  if (!m.pm) {
    const PM = (L as unknown as { PM: { Map: new (m: L.Map) => L.PM.PMMap } }).PM
    m.pm = new PM.Map(map)
    m.pm.setGlobalOptions({})
  }
  return map
}
