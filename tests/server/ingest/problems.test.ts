/**
 * Every kind of problem is reported with its row and field and says what was expected and what came;
 * one bad row fails the whole import, and every problem of the file is listed, not just the first.
 */
import { describe, expect, it } from 'vitest'
import type { ImportKind } from '../../../server/src/domain/types.js'
import { AppError } from '../../../server/src/errors.js'
import { parseImport } from '../../../server/src/ingest/index.js'
import { importError } from './helpers.js'

const csv = (kind: ImportKind, text: string) => () => parseImport(kind, { text, format: 'csv' }, { crs: 'wgs84' })
const geojson = (kind: ImportKind, features: unknown[]) => () =>
  parseImport(kind, { text: JSON.stringify({ type: 'FeatureCollection', features }), format: 'geojson' }, { crs: 'wgs84' })
const feature = (properties: Record<string, unknown>, geometry: unknown = null) => ({ type: 'Feature', properties, geometry })
const square = [[121.47, 31.23], [121.48, 31.23], [121.48, 31.24], [121.47, 31.24], [121.47, 31.23]]

describe('problems name the row and the field', () => {
  it('missing required field', () => {
    const e = importError(csv('sites', 'id,name,lon,lat\nS1,甲,121.4,31.2\nS2,,121.4,31.2\n'))
    expect(e.problems).toEqual([{ row: 2, field: 'name', message: 'expected a value, got nothing' }])
    expect(e.message).toBe('sites: row 2, field "name": expected a value, got nothing')
    expect(e.code).toBe('IMPORT_INVALID')
    expect(e.statusCode).toBe(400)
  })

  it('bad number', () => {
    const e = importError(csv('cells', 'id,site_id,azimuth\nC1,S1,north\n'))
    expect(e.message).toBe('cells: row 1, field "azimuth": expected a number 0–360, got "north"')
  })

  it('number out of range, with exclusive bounds said so', () => {
    const e = importError(csv('cells', 'id,site_id,azimuth,beamwidth,radius_m\nC1,S1,361,0,-5\n'))
    expect(e.problems.map((p) => [p.row, p.field, p.message])).toEqual([
      [1, 'azimuth', 'expected a number 0–360, got "361"'],
      [1, 'beamwidth', 'expected a number greater than 0 and at most 360, got "0"'],
      [1, 'radius_m', 'expected a number greater than 0, got "-5"'],
    ])
  })

  it('number with trailing junk is not a number', () => {
    const e = importError(csv('cells', 'id,site_id,azimuth\nC1,S1,120deg\n'))
    expect(e.problems[0]).toMatchObject({ row: 1, field: 'azimuth' })
  })

  it('bad enum', () => {
    const e = importError(csv('alarms', 'id,site_id,severity,raised_at\nA1,S1,严重,2026-11-23 14:00\n'))
    expect(e.message).toBe('alarms: row 1, field "severity": expected one of critical, major, minor, warning (or 紧急/重要/次要/提示), got "严重"')
  })

  it('bad enum of complaints: service and phenomenon', () => {
    const e = importError(csv('complaints', 'id,occurred_at,service,phenomenon,lon,lat\nT1,2026-11-23 14:00,sms,很卡,121.4,31.2\n'))
    expect(e.problems.map((p) => p.field)).toEqual(['service', 'phenomenon'])
    expect(e.problems[1].message).toMatch(/^expected a phenomenon code \(no_signal, .*\) or its Chinese label .*got "很卡"$/)
  })

  it('bad time', () => {
    const e = importError(csv('alarms', 'id,site_id,severity,raised_at\nA1,S1,major,yesterday 3pm\n'))
    expect(e.problems).toEqual([
      { row: 1, field: 'raised_at', message: expect.stringMatching(/^expected an ISO 8601 time .*, got "yesterday 3pm"$/) },
    ])
  })

  it('impossible date', () => {
    const e = importError(csv('alarms', 'id,site_id,severity,raised_at\nA1,S1,major,2026-02-30 10:00\n'))
    expect(e.problems[0]).toMatchObject({ row: 1, field: 'raised_at' })
  })

  it('cleared before raised', () => {
    const e = importError(csv('alarms', 'id,site_id,severity,raised_at,cleared_at\nA1,S1,major,2026-11-23 14:00,2026-11-23 13:59\n'))
    expect(e.message).toBe(
      'alarms: row 1, field "cleared_at": expected a time not before raised_at (2026-11-23 14:00:00+08:00), got 2026-11-23 13:59:00+08:00',
    )
  })

  it('cutover end before start, and no sites without an area', () => {
    const e = importError(
      csv('cutovers', 'id,site_ids,planned_start,planned_end\nC1,S1,2026-11-24 06:00,2026-11-24 00:00\nC2,,,\n'),
    )
    expect(e.problems.map((p) => [p.row, p.field])).toEqual([
      [1, 'planned_end'],
      [2, 'site_ids'],
    ])
    expect(e.problems[1].message).toBe('expected at least one site id (";"-separated) or an area polygon, got neither')
  })

  it('unclosed ring (GeoJSON)', () => {
    const open = [[121.47, 31.23], [121.48, 31.23], [121.48, 31.24], [121.47, 31.24]]
    const e = importError(geojson('blind-spots', [feature({ id: 'B1', kind: 'blind' }, { type: 'Polygon', coordinates: [open] })]))
    expect(e.problems).toHaveLength(1)
    expect(e.problems[0]).toMatchObject({ row: 1, field: 'geometry' })
    expect(e.problems[0].message).toBe(
      'ring not closed: expected ring 1 to end with its first position [121.47, 31.23], got [121.47, 31.24]',
    )
  })

  it('unclosed ring (CSV WKT), and a ring too short', () => {
    const e = importError(
      csv(
        'blind-spots',
        'id,kind,geometry\nB1,weak,"POLYGON ((121.47 31.23, 121.48 31.23, 121.48 31.24))"\nB2,weak,"POLYGON ((121.47 31.23, 121.48 31.23, 121.47 31.23))"\n',
      ),
    )
    expect(e.problems.map((p) => [p.row, p.field])).toEqual([
      [1, 'geometry'],
      [2, 'geometry'],
    ])
    expect(e.problems[0].message).toMatch(/^ring not closed/)
    expect(e.problems[1].message).toBe('ring 1: expected a closed ring of at least 4 positions, got 3')
  })

  it('out-of-range coordinate: lon/lat columns and geometry', () => {
    const e = importError(csv('sites', 'id,name,lon,lat\nS1,甲,121.4,91\nS2,乙,181,31.2\n'))
    expect(e.problems).toEqual([
      { row: 1, field: 'lat', message: 'expected a number -90–90, got "91"' },
      { row: 2, field: 'lon', message: 'expected a number -180–180, got "181"' },
    ])
    const g = importError(geojson('features', [feature({ id: 'F1', name: '路' }, { type: 'LineString', coordinates: [[121.4, 31.2], [200, 31.2]] })]))
    expect(g.problems[0]).toEqual({ row: 1, field: 'geometry', message: 'expected a longitude -180–180, got 200' })
  })

  it('non-finite coordinate and wrong geometry type', () => {
    const e = importError(
      geojson('sites', [
        feature({ id: 'S1', name: '甲' }, { type: 'Point', coordinates: [121.4, '31.2'] }),
        feature({ id: 'S2', name: '乙' }, { type: 'Polygon', coordinates: [square] }),
      ]),
    )
    expect(e.problems).toEqual([
      { row: 1, field: 'geometry', message: 'expected a finite latitude, got "31.2"' },
      { row: 2, field: 'geometry', message: 'expected a Point geometry, got Polygon' },
    ])
  })

  it('missing geometry where the kind needs one', () => {
    const e = importError(geojson('blind-spots', [feature({ id: 'B1', kind: 'blind' })]))
    expect(e.problems).toEqual([{ row: 1, field: 'geometry', message: 'expected a Polygon/MultiPolygon geometry, got nothing' }])
    const s = importError(csv('planned-sites', 'id,name,lon,lat\nP1,规划站,,\n'))
    expect(s.problems).toEqual([{ row: 1, field: 'geometry', message: 'expected a Point geometry or lon/lat values, got nothing' }])
  })

  it('duplicate id names both rows', () => {
    const e = importError(csv('sites', 'id,name,lon,lat\nS1,甲,121.4,31.2\nS2,乙,121.4,31.2\nS1,丙,121.4,31.2\n'))
    expect(e.problems).toEqual([{ row: 3, field: 'id', message: 'expected a unique id, got "S1" again (first in row 1)' }])
  })

  it('duplicate id across properties.id and feature.id in GeoJSON', () => {
    const e = importError(
      geojson('cells', [feature({ id: 'C1', site_id: 'S1' }), { ...feature({ site_id: 'S1' }), id: 'C1' }]),
    )
    expect(e.problems[0]).toMatchObject({ row: 2, field: 'id', message: expect.stringContaining('first in row 1') })
  })

  it('bad CSV: unterminated quote names the row', () => {
    const e = importError(csv('sites', 'id,name,lon,lat\nS1,甲,121.4,31.2\nS2,"乙,121.4,31.2\nS3,丙,121.4,31.2\n'))
    expect(e.problems).toHaveLength(1)
    expect(e.problems[0]).toMatchObject({ row: 2, field: 'csv' })
    expect(e.problems[0].message).toMatch(/^expected valid CSV, got Quote Not Closed/)
  })

  it('bad CSV: wrong column count names the row', () => {
    const e = importError(csv('sites', 'id,name,lon,lat\nS1,甲,121.4,31.2\nS2,乙,121.4\n'))
    expect(e.problems).toEqual([{ row: 2, field: 'csv', message: 'expected 4 columns as in the header, got 3' }])
  })

  it('bad GeoJSON', () => {
    const e = importError(() => parseImport('sites', { text: '{"type":"Feature"', format: 'geojson' }, { crs: 'wgs84' }))
    expect(e.problems[0]).toMatchObject({ row: 0, field: 'geojson' })
    const g = importError(() => parseImport('sites', { text: '{"type":"Point","coordinates":[1,2]}', format: 'geojson' }, { crs: 'wgs84' }))
    expect(g.message).toBe('sites: field "geojson": expected a GeoJSON FeatureCollection or Feature, got type "Point"')
  })

  it('a bad middle row makes the whole parse throw, and every problem is listed', () => {
    const rows = Array.from({ length: 9 }, (_, i) => `S${i + 1},站${i + 1},121.4,31.2`)
    rows[4] = 'S5,站5,121.4,abc'
    rows[7] = 'S8,,121.4,31.2'
    const e = importError(csv('sites', `id,name,lon,lat\n${rows.join('\n')}\n`))
    expect(e.problems.map((p) => [p.row, p.field])).toEqual([
      [5, 'lat'],
      [8, 'name'],
    ])
    expect(e.message).toMatch(/^sites: row 5, field "lat": .* \(and 1 more problem\(s\)\)$/)
  })

  it('errors never echo a whole phone number', () => {
    const e = importError(csv('complaints', 'id,occurred_at,service,phenomenon,lon,lat,number\nT1,2026-11-23 14:00,data,网速慢,121.4,31.2,1381234567x\n'))
    expect(e.problems[0].field).toBe('number')
    expect(e.problems[0].message).not.toContain('1381234567')
  })
})

describe('options are checked', () => {
  it('unknown kind', () => {
    expect(() => parseImport('towers' as ImportKind, { text: '', format: 'csv' }, { crs: 'wgs84' })).toThrow(AppError)
  })

  it('bad crs names the value', () => {
    expect(() => parseImport('sites', { text: 'id\n', format: 'csv' }, { crs: 'utm' as 'wgs84' })).toThrow(/crs: expected one of wgs84, gcj02, bd09, got "utm"/)
  })

  it('bad bbox', () => {
    expect(() =>
      parseImport('sites', { text: 'id\n', format: 'csv' }, { crs: 'wgs84', bbox: [122, 31, 121, 32] }),
    ).toThrow(/bbox: expected \[minLon, minLat, maxLon, maxLat\]/)
  })
})
