/**
 * The vocabulary of published network information (网维信息发布): how the diagnosis may read a type,
 * the field types a type may have and the marker shapes of the map. Server and web read these lists.
 */

/** How the diagnosis reads objects of a type: as one of the existing kinds, or not at all. */
export const DIAGNOSIS_AS = ['none', 'blind_spot', 'weak_coverage', 'planned_site', 'cutover'] as const
export type DiagnosisAs = (typeof DIAGNOSIS_AS)[number]

/** The field types a type's form offers. */
export const FIELD_TYPES = ['text', 'textarea', 'number', 'integer', 'boolean', 'datetime', 'select'] as const
export type FieldType = (typeof FIELD_TYPES)[number]
/** The marker shapes of point types (polygons use the colour only). */
export const SHAPES = ['circle', 'square', 'triangle', 'diamond', 'star', 'pin'] as const
export type Shape = (typeof SHAPES)[number]
export type GeometryKind = 'point' | 'polygon'
