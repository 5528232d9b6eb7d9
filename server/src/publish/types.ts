/**
 * Published network information (网维信息发布, issue 9 item 3): information types — the four built-in
 * ones and the operator's own — and the objects engineers publish on the map with a validity period.
 */
import type { Point, Polygon } from 'geojson'
import { DIAGNOSIS_AS, FIELD_TYPES, SHAPES, type DiagnosisAs, type FieldType, type GeometryKind, type Shape } from '../../../contract/src/publish.js'

export { DIAGNOSIS_AS, FIELD_TYPES, SHAPES, type DiagnosisAs, type FieldType, type GeometryKind, type Shape }

/** The geometry each diagnosisAs needs: coverage and cutovers are areas, a planned site is a point. */
export const GEOMETRY_OF: Record<Exclude<DiagnosisAs, 'none'>, GeometryKind> = {
  blind_spot: 'polygon', weak_coverage: 'polygon', cutover: 'polygon', planned_site: 'point',
}

/** One field of a type: its key in an object's `fields`, its label, its type and limits. */
export interface FieldDef {
  key: string
  label: string
  type: FieldType
  required: boolean
  /** select: the allowed values. */
  options?: string[]
  /** number / integer: bounds; text: the longest length (default MAX_TEXT). */
  min?: number
  max?: number
}

/** A map symbol: a colour and, for points, a shape. */
export interface MapSymbol {
  color: string
  shape: Shape
}

/** An information type 信息类型. */
export interface InfoType {
  id: string
  name: string
  geometry: GeometryKind
  fields: FieldDef[]
  symbol: MapSymbol
  diagnosisAs: DiagnosisAs
  builtin: boolean
  version: number
  createdBy: string | null
  createdAt: number
  updatedBy: string | null
  updatedAt: number
}

export type PublishStatus = 'active' | 'withdrawn' | 'expired'
/** The kind tables a published object can be materialised into. */
export type MaterialKind = 'blind-spots' | 'planned-sites' | 'cutovers'
export type FieldValue = string | number | boolean

/** A published object 发布信息. */
export interface PublishedObject {
  id: string
  typeId: string
  geometry: Point | Polygon
  fields: Record<string, FieldValue>
  validFrom: number
  validTo: number | null
  status: PublishStatus
  /** Which kind table holds its row for the diagnosis now (null: none). */
  materialisedKind: MaterialKind | null
  version: number
  createdBy: string | null
  createdAt: number
  updatedBy: string | null
  updatedAt: number
}

/** Longest text value when a field names no max. */
export const MAX_TEXT = 2000
/** Prefix of the ids of materialised rows, so a published object never collides with an imported one. */
export const MATERIAL_PREFIX = 'pub:'

const f = (key: string, label: string, type: FieldType, required = false, extra: Partial<FieldDef> = {}): FieldDef => ({ key, label, type, required, ...extra })

/**
 * The built-in types, inserted at start when missing. Their field keys are the ones the materialisation
 * reads (materialise.ts): description/reason/remedy/status for coverage, name/radius_m/period/status for
 * a planned site, description/start/end/site_ids for a cutover. An operator's type used by the
 * diagnosis may use the same keys.
 */
export const BUILTIN_TYPES: Omit<InfoType, 'version' | 'createdBy' | 'createdAt' | 'updatedBy' | 'updatedAt'>[] = [
  {
    id: 'blind_spot', name: '盲点', geometry: 'polygon', diagnosisAs: 'blind_spot', builtin: true,
    symbol: { color: '#c0392b', shape: 'circle' },
    fields: [f('description', '描述', 'text', true, { max: 200 }), f('reason', '原因', 'text', false, { max: 500 }), f('remedy', '解决方式', 'text', false, { max: 500 }), f('status', '状态', 'text', false, { max: 100 })],
  },
  {
    id: 'weak_coverage', name: '弱覆盖', geometry: 'polygon', diagnosisAs: 'weak_coverage', builtin: true,
    symbol: { color: '#e67e22', shape: 'circle' },
    fields: [f('description', '描述', 'text', true, { max: 200 }), f('reason', '原因', 'text', false, { max: 500 }), f('remedy', '解决方式', 'text', false, { max: 500 }), f('status', '状态', 'text', false, { max: 100 })],
  },
  {
    id: 'planned_site', name: '规划基站', geometry: 'point', diagnosisAs: 'planned_site', builtin: true,
    symbol: { color: '#27ae60', shape: 'triangle' },
    fields: [f('name', '站名', 'text', true, { max: 100 }), f('radius_m', '覆盖半径(米)', 'number', false, { min: 10, max: 5000 }), f('period', '建设期', 'text', false, { max: 100 }), f('status', '状态', 'text', false, { max: 100 })],
  },
  {
    id: 'cutover', name: '割接通知', geometry: 'polygon', diagnosisAs: 'cutover', builtin: true,
    symbol: { color: '#8e44ad', shape: 'square' },
    fields: [f('description', '内容', 'text', true, { max: 500 }), f('start', '开始时间', 'datetime', true), f('end', '结束时间', 'datetime', true), f('site_ids', '涉及基站(编号,逗号分隔)', 'text', false, { max: 2000 })],
  },
]
