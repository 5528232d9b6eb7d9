/**
 * The pure parts of publishing (issue 9 item 3): what a published object is to the diagnosis at a time
 * (materialise), and the checks of types, fields and validity that refuse bad input before storing.
 */
import { describe, expect, it } from 'vitest'
import { changeFor, materialise } from '../../../server/src/publish/materialise.js'
import { checkFields, checkType, checkValidity } from '../../../server/src/publish/validate.js'
import { BUILTIN_TYPES, type InfoType, type PublishedObject } from '../../../server/src/publish/types.js'

const T0 = Date.parse('2026-11-23T08:00:00Z')
const H = 3600_000
const type = (id: string): InfoType => ({ ...BUILTIN_TYPES.find((t) => t.id === id)!, version: 1, createdBy: null, createdAt: T0, updatedBy: null, updatedAt: T0 })
const square = { type: 'Polygon' as const, coordinates: [[[113, 23], [113.01, 23], [113.01, 23.01], [113, 23.01], [113, 23]]] }
const obj = (o: Partial<PublishedObject>): PublishedObject => ({
  id: 'o1', typeId: 'blind_spot', geometry: square, fields: { description: '地下车库' }, validFrom: T0, validTo: T0 + 2 * H, status: 'active',
  materialisedKind: null, version: 1, createdBy: 'e', createdAt: T0, updatedBy: 'e', updatedAt: T0, ...o,
})
const opts = { plannedRadiusM: 500 }

describe('materialise', () => {
  it('is a pub: row of the kind its type names, only while active and within [validFrom, validTo)', () => {
    expect(materialise(obj({}), type('blind_spot'), T0 + H, opts)).toEqual({
      kind: 'blind-spots', row: { id: 'pub:o1', kind: 'blind', description: '地下车库', reason: '', remedy: '', status: '', geometry: square },
    })
    expect(materialise(obj({}), type('blind_spot'), T0 - 1, opts)).toBeNull()
    expect(materialise(obj({}), type('blind_spot'), T0 + 2 * H, opts)).toBeNull()
    expect(materialise(obj({ status: 'withdrawn' }), type('blind_spot'), T0 + H, opts)).toBeNull()
    expect(materialise(obj({ validTo: null }), type('blind_spot'), T0 + 1000 * H, opts)).not.toBeNull()
    expect(materialise(obj({}), { ...type('blind_spot'), diagnosisAs: 'none' }, T0 + H, opts)).toBeNull()
  })

  it('a planned site takes its radius (or the default) and a cutover its work window and sites', () => {
    const p = materialise(obj({ geometry: { type: 'Point', coordinates: [113, 23] }, fields: { name: '规划站' } }), type('planned_site'), T0, opts)
    expect(p).toEqual({ kind: 'planned-sites', row: { id: 'pub:o1', name: '规划站', lon: 113, lat: 23, radiusM: 500, period: '', status: '' } })
    const c = materialise(obj({ fields: { description: '割接', start: '2026-11-23T09:00:00.000Z', end: '2026-11-23T10:00:00.000Z', site_ids: 'S1，S2、S1' } }), type('cutover'), T0, opts)
    expect(c).toMatchObject({ kind: 'cutovers', row: { id: 'pub:o1', siteIds: ['S1', 'S2'], plannedStart: T0 + H, plannedEnd: T0 + 2 * H, area: square } })
  })

  it('an edit of the same kind replaces the row; a change of kind or an end removes the old one', () => {
    const row = materialise(obj({}), type('blind_spot'), T0, opts)
    expect(changeFor('blind-spots', row)).toEqual({ upsert: row, remove: null })
    expect(changeFor('planned-sites', row)).toEqual({ upsert: row, remove: 'planned-sites' })
    expect(changeFor('blind-spots', null)).toEqual({ upsert: null, remove: 'blind-spots' })
    expect(changeFor(null, null)).toEqual({ upsert: null, remove: null })
  })
})

describe('validation', () => {
  it('checks fields against the type, naming the field', () => {
    expect(checkFields(type('planned_site'), { name: ' 站 ', radius_m: '600' })).toEqual({ name: '站', radius_m: 600 })
    expect(() => checkFields(type('blind_spot'), {})).toThrow(/fields\.description \(描述\): required/)
    expect(() => checkFields(type('blind_spot'), { description: 'x', bogus: 1 })).toThrow(/fields\.bogus/)
    expect(() => checkFields(type('planned_site'), { name: 'x', radius_m: 5 })).toThrow(/fields\.radius_m .*at least 10/)
    expect(() => checkFields(type('cutover'), { description: 'x', start: '2026-11-23 10:00', end: '2026-11-23 09:00' })).toThrow(/fields\.end/)
    expect(checkFields(type('cutover'), { description: 'x', start: '2026-11-23 10:00', end: '2026-11-23 12:00' }).start).toBe('2026-11-23T02:00:00.000Z')
  })

  it('checks validity: validTo after validFrom, times readable', () => {
    expect(checkValidity(undefined, null, T0)).toEqual({ validFrom: T0, validTo: null })
    expect(() => checkValidity('2026-11-23T10:00:00Z', '2026-11-23T09:00:00Z', T0)).toThrow(/validTo: must be after validFrom/)
    expect(() => checkValidity('2026-11-23T10:00:00Z', '2026-11-23T10:00:00Z', T0)).toThrow(/validTo/)
    expect(() => checkValidity('soon', null, T0)).toThrow(/validFrom/)
  })

  it('checks types: geometry for diagnosisAs, a cutover window, unique keys, select options', () => {
    const base = { id: 'my_type', name: '测试', geometry: 'polygon' as const, fields: [], symbol: { color: '#123456', shape: 'circle' as const }, diagnosisAs: 'none' as const }
    expect(() => checkType(base)).not.toThrow()
    expect(() => checkType({ ...base, diagnosisAs: 'planned_site' })).toThrow(/must be a point/)
    expect(() => checkType({ ...base, diagnosisAs: 'cutover' })).toThrow(/"start"/)
    expect(() => checkType({ ...base, fields: [{ key: 'a', label: 'A', type: 'text', required: false }, { key: 'a', label: 'B', type: 'text', required: false }] })).toThrow(/appears twice/)
    expect(() => checkType({ ...base, id: 'X' })).toThrow(/^id/)
    for (const t of BUILTIN_TYPES) expect(() => checkType(t)).not.toThrow()
  })
})
