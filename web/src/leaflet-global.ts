/** Leaflet's plugins (markercluster, heat, geoman) expect a global `L`: set it before they load. */
import L from 'leaflet'

;(globalThis as unknown as { L: typeof L }).L = L
export default L
