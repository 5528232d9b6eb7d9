/** The rows and features the demo is made of, and the demo as a whole (in file order). */
/** A CSV row: column → value, in column order. */
export type Row = Record<string, string | number>
/** A GeoJSON feature as written (one per line). */
export interface Feature { type: 'Feature'; properties: Row; geometry: { type: string; coordinates: unknown } }

/** A row of sites.csv. */
export interface SiteRow { id: string; name: string; tech: string; type: string; bsc: string; msc: string; lon: number; lat: number }

/** Everything the demo holds, in file order. */
export interface Demo {
  features: Feature[]
  sites: SiteRow[]
  cells: Row[]
  alarms: Row[]
  cutovers: Row[]
  blindSpots: Feature[]
  plannedSites: Row[]
  complaints: Row[]
  scenarios: Scenario[]
}

/** A point to try, with what the diagnosis should say. */
export interface Scenario {
  name: string
  lon: number
  lat: number
  occurredAt: string
  service: 'voice' | 'data'
  phenomenon: string
  address: string
  expect: string
  answer?: string
  note: string
}

/** A GeoJSON feature. */
export function feature(properties: Row, type: string, coordinates: unknown): Feature {
  return { type: 'Feature', properties, geometry: { type, coordinates } }
}
