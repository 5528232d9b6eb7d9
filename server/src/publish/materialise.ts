/**
 * What a published object is to the diagnosis: while it is active and valid, and its type says so
 * (diagnosisAs ≠ none), a row of an existing kind — a coverage area, a planned site or an area cutover
 * — with the id 'pub:<object id>'. The NetworkIndex and the diagnosis then use it like an imported
 * row, with no change of theirs. Pure: the caller stores and indexes the row.
 *
 * Fields read, by diagnosisAs (an operator's type may use the same keys; missing ones fall back):
 *   blind_spot / weak_coverage  description (default: the type's name and its text values), reason, remedy, status
 *   planned_site                name (default: the type's name), radius_m (default PublishOptions.plannedRadiusM), period, status
 *   cutover                     description, start and end (the work window, required), site_ids (comma-separated)
 */
import type { Polygon, Point } from 'geojson'
import type { CoverageArea, Cutover, PlannedSite } from '../domain/types.js'
import { MATERIAL_PREFIX, type InfoType, type MaterialKind, type PublishedObject } from './types.js'

/** A row of one kind, ready for the kind's repository and the index. */
export type Material =
  | { kind: 'blind-spots'; row: CoverageArea }
  | { kind: 'planned-sites'; row: PlannedSite }
  | { kind: 'cutovers'; row: Cutover }

/** The id of an object's row in the kind tables. */
export const materialId = (objectId: string) => MATERIAL_PREFIX + objectId

/** Whether the object counts at `now`: active, and now within [validFrom, validTo). */
export function isLive(o: Pick<PublishedObject, 'status' | 'validFrom' | 'validTo'>, now: number): boolean {
  return o.status === 'active' && o.validFrom <= now && (o.validTo == null || now < o.validTo)
}

/** The kind row the object should have at `now`, or null (not used by the diagnosis, or not live). */
export function materialise(o: PublishedObject, type: InfoType, now: number, opts: { plannedRadiusM: number }): Material | null {
  if (type.diagnosisAs === 'none' || !isLive(o, now)) return null
  const id = materialId(o.id)
  const text = (key: string) => (typeof o.fields[key] === 'string' ? (o.fields[key] as string) : '')
  switch (type.diagnosisAs) {
    case 'blind_spot':
    case 'weak_coverage':
      return {
        kind: 'blind-spots',
        row: {
          id, kind: type.diagnosisAs === 'blind_spot' ? 'blind' : 'weak',
          description: text('description') || summary(o, type),
          reason: text('reason'), remedy: text('remedy'), status: text('status'),
          geometry: o.geometry as Polygon,
        },
      }
    case 'planned_site': {
      const [lon, lat] = (o.geometry as Point).coordinates
      const r = o.fields.radius_m
      return {
        kind: 'planned-sites',
        row: { id, name: text('name') || type.name, lon, lat, radiusM: typeof r === 'number' && r > 0 ? r : opts.plannedRadiusM, period: text('period'), status: text('status') },
      }
    }
    case 'cutover':
      return {
        kind: 'cutovers',
        row: {
          id, siteIds: siteIds(text('site_ids')),
          plannedStart: Date.parse(text('start')), plannedEnd: Date.parse(text('end')), actualStart: null, actualEnd: null,
          description: text('description') || summary(o, type),
          area: o.geometry as Polygon,
        },
      }
  }
}

/** Site ids of a cutover as an engineer types them: separated by commas (either width), 、, ; or blanks. */
export function siteIds(s: string): string[] {
  return [...new Set(s.split(/[\s,，、;；]+/).map((x) => x.trim()).filter(Boolean))]
}

/** "<type name>:<text values>" for a row that needs a description the type has no field for. */
function summary(o: PublishedObject, type: InfoType): string {
  const parts = type.fields.filter((f) => (f.type === 'text' || f.type === 'textarea' || f.type === 'select') && typeof o.fields[f.key] === 'string').map((f) => o.fields[f.key] as string)
  return parts.length ? `${type.name}:${parts.join(',')}` : type.name
}

/** The kinds a change touches: the row to write (if any) and the kinds whose old row goes. */
export interface MaterialChange {
  upsert: Material | null
  remove: MaterialKind | null
}

/** From what the object has now (its materialisedKind) to what it should have. */
export function changeFor(current: MaterialKind | null, next: Material | null): MaterialChange {
  return { upsert: next, remove: current && current !== next?.kind ? current : null }
}
