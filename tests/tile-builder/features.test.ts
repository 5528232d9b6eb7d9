/** Named map features → gazetteer FeatureCollection, and the POST to a running service. */
import { describe, it, expect } from 'vitest'
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify from 'fastify'
import { gazetteerFeatures, importFeatures } from '../../tile-builder/src/features.js'
import type { SourceFeature } from '../../tile-builder/src/read.js'

const line = (id: string, props: Record<string, unknown>, c: number[][]): SourceFeature => ({ id, layer: 'roads', properties: props, geometry: { type: 'LineString', coordinates: c } })

describe('gazetteer features', () => {
  it('merges a street\'s ways under the smallest way id, types the rest, keeps aliases, skips the unnamed', () => {
    const fc = gazetteerFeatures([
      line('osm-way-20', { highway: 'primary', name: '南京西路', 'name:en': 'West Nanjing Road' }, [[0, 0], [1, 1]]),
      line('osm-way-9', { highway: 'primary', name: '南京西路' }, [[1, 1], [2, 2]]),
      line('osm-way-10', { highway: 'service' }, [[0, 0], [1, 0]]),
      { id: 'osm-way-5', layer: 'x', properties: { building: 'yes', name: '国际饭店' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } },
      { id: '310101', layer: 'districts', properties: { name: '黄浦区' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } },
      { id: 'osm-node-1', layer: 'pois', properties: { amenity: 'hospital', name: '仁济医院' }, geometry: { type: 'Point', coordinates: [0, 0] } },
    ])
    expect(fc.features.map((f) => [f.id, f.properties.type, f.properties.name])).toEqual([
      ['310101', 'district', '黄浦区'],
      ['osm-node-1', 'landmark', '仁济医院'],
      ['osm-way-5', 'building', '国际饭店'],
      ['osm-way-9', 'road', '南京西路'],
    ])
    const road = fc.features[3]
    expect(road.properties.aliases).toBe('West Nanjing Road')
    expect(road.geometry.type).toBe('MultiLineString')
  })

  it('POSTs to /api/import/features with the admin token and returns the count', async () => {
    const seen: Array<{ auth?: string; type?: string; body: unknown }> = []
    const app = Fastify()
    app.addContentTypeParser('application/geo+json', { parseAs: 'string' }, (_r, b, done) => done(null, JSON.parse(b as string)))
    app.post('/api/import/features', async (req) => {
      seen.push({ auth: req.headers.authorization, type: req.headers['content-type'], body: req.body })
      return { kind: 'features', imported: 1 }
    })
    const url = await app.listen({ port: 0, host: '127.0.0.1' })
    const dataDir = mkdtempSync(join(tmpdir(), 'tiles-import-'))
    try {
      writeFileSync(join(dataDir, 'admin.token'), 'tok123\n')
      const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', id: 'a', properties: { id: 'a', name: 'x', aliases: '', type: 'road' }, geometry: { type: 'Point', coordinates: [0, 0] } }] }
      expect(await importFeatures(url, fc, dataDir)).toBe(1)
      expect(seen[0]).toEqual({ auth: 'Bearer tok123', type: 'application/geo+json', body: fc })
      await expect(importFeatures('http://127.0.0.1:1', fc, dataDir)).rejects.toThrow()
    } finally {
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
