/** buildTiles end to end on the tiny fixture: files written, blanks not written, incremental rebuilds. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildTiles, OutputExistsError } from '../../tile-builder/src/pyramid.js'
import { tileRange } from '../../tile-builder/src/tile-math.js'
import { Value } from 'typebox/value'
import { TileJsonReply } from '../../contract/src/schemas/tiles.js'

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'tiles', 'in', 'tiny.geojson')
// Wider than the data, so some tiles are blank.
const BBOX: [number, number, number, number] = [121.455, 31.215, 121.485, 31.243]
let dir: string
let input: string

const build = (force = true) => buildTiles({ inputs: [input], out: join(dir, 'tiles'), minZoom: 13, maxZoom: 16, bbox: BBOX, force, workers: 1 })
const edit = (fn: (fc: { features: Array<{ id: string; properties: Record<string, unknown>; geometry: { coordinates: number[][] } }> }) => void) => {
  const fc = JSON.parse(readFileSync(input, 'utf8'))
  fn(fc)
  writeFileSync(input, JSON.stringify(fc))
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tiles-'))
  input = join(dir, 'map.geojson')
  writeFileSync(input, readFileSync(FIXTURE))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('buildTiles', () => {
  it('writes the pyramid, tiles.json, manifest and features; leaves blank tiles out', async () => {
    const s = await build(false)
    expect(s.tiles).toBe(s.rendered + s.blank)
    expect(s.blank).toBeGreaterThan(0)
    expect(s.rendered).toBeGreaterThan(10)
    const out = join(dir, 'tiles')
    for (const t of s.renderedTiles) expect(existsSync(join(out, `${t}.png`))).toBe(true)
    const tj = JSON.parse(readFileSync(join(out, 'tiles.json'), 'utf8'))
    expect(tj).toMatchObject({ tilejson: '3.0.0', minzoom: 13, maxzoom: 16, bounds: BBOX, scheme: 'xyz' })
    // The shape server and web read it as (contract/src/schemas/tiles.ts).
    expect(Value.Check(TileJsonReply, tj)).toBe(true)
    expect(tj.tiles[0]).toMatch(/^\/tiles\/\{z\}\/\{x\}\/\{y\}\.png\?v=[0-9a-f]+$/)
    expect(existsSync(join(out, 'blank.png'))).toBe(true)
    const written = readdirSync(join(out, '16'), { recursive: true }).filter((f) => String(f).endsWith('.png'))
    const [x0, y0, x1, y1] = tileRange(BBOX, 16)
    expect(written.length).toBeLessThan((x1 - x0 + 1) * (y1 - y0 + 1))
    const fc = JSON.parse(readFileSync(join(out, 'features.geojson'), 'utf8'))
    const names = fc.features.map((f: { properties: { name: string; type: string; id: string } }) => `${f.properties.type}:${f.properties.name}:${f.properties.id}`)
    // The two ways of 样本路 become one road under the smaller way id.
    expect(names).toEqual(expect.arrayContaining(['road:样本路:osm-way-2', 'road:测试大道:osm-way-1', 'district:测试区:district-1', 'building:一号楼:bldg-1', 'landmark:示例公园:park-1']))
    expect(names.filter((n: string) => n.includes('样本路'))).toHaveLength(1)
  })

  it('refuses to overwrite an existing pyramid without force', async () => {
    await expect(build(false)).rejects.toBeInstanceOf(OutputExistsError)
  })

  it('renders nothing when nothing changed', async () => {
    const s = await build()
    expect(s.rendered).toBe(0)
    expect(s.unchanged).toBe(s.tiles - s.blank)
  })

  it('re-renders only the tiles an edited street touches', async () => {
    // Move the east end of 测试大道 (osm-way-1) a few metres: its last segment and its label may change.
    edit((fc) => {
      const road = fc.features.find((f) => f.id === 'osm-way-1')!
      road.geometry.coordinates[3] = [121.4772, 31.2307]
    })
    const s = await build()
    expect(s.rendered).toBeGreaterThan(0)
    // At each zoom, only tiles within reach of the road's bbox (plus stroke margin) may change.
    const road: [number, number, number, number] = [121.4625, 31.2280, 121.4772, 31.2307]
    for (const t of s.renderedTiles) {
      const [z, x, y] = t.split('/').map(Number)
      const [x0, y0, x1, y1] = tileRange(road, z)
      expect(x >= x0 - 1 && x <= x1 + 1 && y >= y0 - 1 && y <= y1 + 1, `${t} is far from the edited road`).toBe(true)
    }
    expect(s.rendered).toBeLessThan(s.tiles - s.blank)
    // A handful, not the pyramid: at z16 only the tiles under the moved segment (and the label, if it moved).
    const z16 = s.renderedTiles.filter((t) => t.startsWith('16/'))
    expect(z16.length).toBeLessThanOrEqual(5)
    expect(z16.length).toBeLessThan(s.renderedTiles.length)
  })

  it('a renamed street re-renders the tiles its label sits on; a deleted feature empties its tiles', async () => {
    edit((fc) => { fc.features.find((f) => f.id === 'park-1')!.properties.name = '新公园' })
    const s = await build()
    expect(s.rendered).toBeGreaterThan(0)
    expect(s.rendered).toBeLessThanOrEqual(8)
    edit((fc) => { fc.features = fc.features.filter((f) => f.id !== 'bldg-1') })
    const s2 = await build()
    expect(s2.rendered).toBeGreaterThan(0)
    expect(s2.rendered).toBeLessThanOrEqual(6)
  })

  it('changes encoding on request: webp files replace the png ones, tiles.json and the manifest say which', async () => {
    const out = join(dir, 'tiles')
    const before = JSON.parse(readFileSync(join(out, 'tiles.json'), 'utf8'))
    expect(before).toMatchObject({ format: 'png', encoding: 'png8' })
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).format).toBe('png8')
    const pngs = () => readdirSync(out, { recursive: true }).map(String).filter((f) => /^\d+\/.*\.png$/.test(f))
    expect(pngs().length).toBeGreaterThan(0)
    const s = await buildTiles({ inputs: [input], out, minZoom: 13, maxZoom: 16, bbox: BBOX, force: true, workers: 1, format: 'webp' })
    expect(s.unchanged).toBe(0)
    expect(s.rendered).toBe(s.tiles - s.blank)
    for (const t of s.renderedTiles) expect(readFileSync(join(out, `${t}.webp`)).subarray(8, 12).toString('latin1')).toBe('WEBP')
    expect(pngs()).toEqual([])
    expect(existsSync(join(out, 'blank.webp'))).toBe(true)
    expect(existsSync(join(out, 'blank.png'))).toBe(false)
    const tj = JSON.parse(readFileSync(join(out, 'tiles.json'), 'utf8'))
    expect(tj).toMatchObject({ format: 'webp', encoding: 'webp' })
    expect(tj.tiles[0]).toMatch(/^\/tiles\/\{z\}\/\{x\}\/\{y\}\.webp\?v=[0-9a-f]+$/)
    // And back to the default: the webp files go.
    const back = await build()
    expect(back.rendered).toBe(s.rendered)
    expect(readdirSync(out, { recursive: true }).map(String).filter((f) => f.endsWith('.webp'))).toEqual([])
  })

  it('refuses an unknown format', async () => {
    await expect(buildTiles({ inputs: [input], out: join(dir, 'tiles'), force: true, workers: 1, format: 'gif' as never })).rejects.toThrow(/png, png8, webp/)
  })
})
