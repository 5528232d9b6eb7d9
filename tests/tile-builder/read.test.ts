/** The readers: OSM XML ids and tags, GeoJSON ids, Shapefile (plain and zipped) with a GBK .cpg. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { zipSync } from 'fflate'
import { readInputs, readOne, codePage } from '../../tile-builder/src/read.js'

/** 南京西路 in GBK. */
const GBK_NAME = Buffer.from('c4cfbea9cef7c2b7', 'hex')
let dir: string

/** A one-record PolyLine shapefile: .shp bytes. */
function shp(): Buffer {
  const pts = [[121.46, 31.23], [121.47, 31.231]]
  const content = Buffer.alloc(4 + 32 + 8 + 4 + 16 * pts.length)
  content.writeInt32LE(3, 0)
  ;[121.46, 31.23, 121.47, 31.231].forEach((v, i) => content.writeDoubleLE(v, 4 + 8 * i))
  content.writeInt32LE(1, 36)
  content.writeInt32LE(pts.length, 40)
  content.writeInt32LE(0, 44)
  pts.forEach(([x, y], i) => { content.writeDoubleLE(x, 48 + 16 * i); content.writeDoubleLE(y, 56 + 16 * i) })
  const head = Buffer.alloc(100)
  head.writeInt32BE(9994, 0)
  head.writeInt32BE((100 + 8 + content.length) / 2, 24)
  head.writeInt32LE(1000, 28)
  head.writeInt32LE(3, 32)
  ;[121.46, 31.23, 121.47, 31.231].forEach((v, i) => head.writeDoubleLE(v, 36 + 8 * i))
  const rec = Buffer.alloc(8)
  rec.writeInt32BE(1, 0)
  rec.writeInt32BE(content.length / 2, 4)
  return Buffer.concat([head, rec, content])
}

/** The matching .dbf: one character field `name` holding GBK bytes. */
function dbf(): Buffer {
  const len = 20
  const head = Buffer.alloc(32)
  head[0] = 3
  head.writeUInt32LE(1, 4)
  head.writeUInt16LE(32 + 32 + 1, 8)
  head.writeUInt16LE(1 + len, 10)
  const field = Buffer.alloc(32)
  field.write('name', 0, 'latin1')
  field.write('C', 11, 'latin1')
  field[16] = len
  const value = Buffer.alloc(len, 0x20)
  GBK_NAME.copy(value)
  return Buffer.concat([head, field, Buffer.from([0x0d, 0x20]), value, Buffer.from([0x1a])])
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tiles-read-'))
  writeFileSync(join(dir, 'roads.shp'), shp())
  writeFileSync(join(dir, 'roads.dbf'), dbf())
  writeFileSync(join(dir, 'roads.cpg'), 'GBK\n')
  writeFileSync(join(dir, 'nocpg.shp'), shp())
  writeFileSync(join(dir, 'nocpg.dbf'), dbf())
  writeFileSync(join(dir, 'zipped.zip'), zipSync({ 'data/roads.shp': shp(), 'data/roads.dbf': dbf(), 'data/roads.cpg': new TextEncoder().encode('936') }))
  writeFileSync(join(dir, 'city.osm'), `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
  <node id="1" lat="31.23" lon="121.46"/><node id="2" lat="31.231" lon="121.47"/>
  <node id="3" lat="31.2305" lon="121.465"><tag k="amenity" v="hospital"/><tag k="name" v="仁济医院"/></node>
  <way id="123"><nd ref="1"/><nd ref="2"/><tag k="highway" v="primary"/><tag k="name" v="南京西路"/></way>
</osm>`)
  writeFileSync(join(dir, 'districts.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [
    { type: 'Feature', id: 310101, properties: { name: '黄浦区' }, geometry: { type: 'Polygon', coordinates: [[[121.4, 31.2], [121.5, 31.2], [121.5, 31.3], [121.4, 31.2]]] } },
    { type: 'Feature', properties: { name: '无编号' }, geometry: { type: 'Point', coordinates: [121.45, 31.25] } },
    { type: 'Feature', properties: {}, geometry: null },
  ] }))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('readers', () => {
  it('reads a shapefile with its GBK .cpg', async () => {
    const [f] = await readOne(join(dir, 'roads.shp'))
    expect(f.properties.name).toBe('南京西路')
    expect(f.geometry.type).toBe('LineString')
    expect(f.layer).toBe('roads')
    expect(f.id).toBe('roads-0')
  })

  it('without a .cpg falls back to the dBase default (and so garbles GBK)', async () => {
    const [f] = await readOne(join(dir, 'nocpg.shp'))
    expect(f.properties.name).not.toBe('南京西路')
  })

  it('reads a zipped shapefile, code page given as a number', async () => {
    const [f] = await readOne(join(dir, 'zipped.zip'))
    expect(f.properties.name).toBe('南京西路')
    expect(f.layer).toBe('zipped')
  })

  it('reads OSM XML with stable ids osm-way-N / osm-node-N', async () => {
    const feats = await readOne(join(dir, 'city.osm'))
    const way = feats.find((f) => f.id === 'osm-way-123')!
    expect(way.properties).toMatchObject({ highway: 'primary', name: '南京西路' })
    expect(way.geometry).toEqual({ type: 'LineString', coordinates: [[121.46, 31.23], [121.47, 31.231]] })
    expect(feats.find((f) => f.id === 'osm-node-3')?.properties.name).toBe('仁济医院')
  })

  it('keeps GeoJSON ids, numbers the rest by position, drops null geometries', async () => {
    const feats = await readOne(join(dir, 'districts.geojson'))
    expect(feats.map((f) => f.id)).toEqual(['310101', 'districts-1'])
  })

  it('names the file in errors; knows code pages', async () => {
    await expect(readInputs([join(dir, 'nope.geojson')])).rejects.toThrow(/nope\.geojson/)
    await expect(readInputs([join(dir, 'roads.dbf')])).rejects.toThrow(/unknown format/)
    expect(codePage('936')).toBe('gbk')
    expect(codePage(' UTF-8\r\n')).toBe('utf-8')
    expect(() => codePage('klingon')).toThrow(/code page/)
  })
})
