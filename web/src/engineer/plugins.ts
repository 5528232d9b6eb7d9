/** The engineer's Leaflet plugins: drawing (leaflet-geoman) and the heat map. Loaded with that screen only. */
import '../leaflet.js'
import 'leaflet.heat'
import '@geoman-io/leaflet-geoman-free'
