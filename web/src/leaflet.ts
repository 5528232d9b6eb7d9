/**
 * Leaflet with the plugins the agent's map uses, and the styles of all; import L from here, never from
 * 'leaflet'. The engineer's plugins (geoman, heat) load with the engineer's screen (engineer/plugins.ts).
 */
import L from './leaflet-global.js'
import 'leaflet.markercluster'
import 'leaflet/dist/leaflet.css'
import 'leaflet.markercluster/dist/MarkerCluster.css'
import '@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css'

export default L
