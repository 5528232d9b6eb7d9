/**
 * Where the evaluated month happens: named roads (for complaint places and street-level addresses) and
 * site positions. Either the real centre of Shanghai (../shared/data/shanghai: OSM roads with a Chinese
 * name, real Telecom site positions in GCJ-02, read at run time and never copied into the repository)
 * or a generated city (a grid of named streets, sites 150–400 m apart). Everything here is WGS-84
 * except the raw site positions, which stay in the CRS their source is in (`siteCrs`): the project's
 * own sites importer converts them, as it would an operator's file.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Crs } from '../server/src/geo/crs.js'
import { destination, distanceM } from '../server/src/geo/distance.js'
import type { Rng } from './rng.js'

/** One polyline of a road with the cumulative length (metres) at each vertex. */
export interface RoadLine {
  road: string
  pts: [number, number][]
  cum: number[]
}

export interface Geography {
  kind: 'generated' | 'shanghai'
  /** The district named in addresses. */
  district: string
  /** WGS-84 box the month happens in: complaints and kept sites lie inside it. */
  bbox: [number, number, number, number]
  lines: RoadLine[]
  /** Site positions as the source gives them (in siteCrs), with the source's id. */
  siteSeeds: { id: string; lon: number; lat: number }[]
  siteCrs: Crs
  /** Where the data came from (printed with the figures). */
  source: string
}

/** The shared real data set, relative to the repository root. */
export const SHANGHAI_DIR = join(import.meta.dirname, '..', '..', 'shared', 'data', 'shanghai')

/** Whether the Shanghai data set is present. */
export function hasShanghai(dir = SHANGHAI_DIR): boolean {
  return existsSync(join(dir, 'osm_huangpu_peoples_square_roads.osm')) && existsSync(join(dir, 'shanghai_telecom_base_stations_all.csv'))
}

/**
 * Central Shanghai: the OSM ways with a Chinese name (all highway classes), the box of the OSM extract,
 * and every site of the Telecom file (GCJ-02; the caller keeps those that land in or near the box
 * after conversion). Bad rows of the site file (unparsable numbers) are skipped.
 */
export function shanghai(dir = SHANGHAI_DIR): Geography {
  const xml = readFileSync(join(dir, 'osm_huangpu_peoples_square_roads.osm'), 'utf8')
  const b = /<bounds minlon="([\d.]+)" minlat="([\d.]+)" maxlon="([\d.]+)" maxlat="([\d.]+)"/.exec(xml)
  if (!b) throw new Error(`${dir}: the OSM file has no <bounds>`)
  const bbox: [number, number, number, number] = [Number(b[1]), Number(b[2]), Number(b[3]), Number(b[4])]
  const nodes = new Map<string, [number, number]>()
  for (const m of xml.matchAll(/<node ([^>]*?)\/?>/g)) {
    const a = m[1]
    const id = /\bid="(\d+)"/.exec(a)?.[1]
    const lon = /\blon="([\d.]+)"/.exec(a)?.[1]
    const lat = /\blat="([\d.]+)"/.exec(a)?.[1]
    if (id && lon && lat) nodes.set(id, [Number(lon), Number(lat)])
  }
  const lines: RoadLine[] = []
  for (const m of xml.matchAll(/<way [^>]*>([\s\S]*?)<\/way>/g)) {
    const body = m[1]
    const name = /<tag k="name" v="([^"]+)"/.exec(body)?.[1]
    if (!name || !/[\u4e00-\u9fff]/.test(name)) continue
    const pts: [number, number][] = []
    for (const r of body.matchAll(/<nd ref="(\d+)"/g)) {
      const p = nodes.get(r[1])
      if (p && !(pts.length && pts[pts.length - 1][0] === p[0] && pts[pts.length - 1][1] === p[1])) pts.push(p)
    }
    // Ways that come back on themselves (A→B→A) are kept once: the first leg.
    if (pts.length >= 3 && pts[0][0] === pts[pts.length - 1][0] && pts[0][1] === pts[pts.length - 1][1] && pts.length === 3) pts.pop()
    if (pts.length >= 2) lines.push(roadLine(name, pts))
  }
  const siteSeeds: Geography['siteSeeds'] = []
  const csv = readFileSync(join(dir, 'shanghai_telecom_base_stations_all.csv'), 'utf8').split(/\r?\n/)
  for (const row of csv.slice(1)) {
    const f = row.split(',')
    if (f.length < 6) continue
    const lat = Number(f[2])
    const lon = Number(f[3])
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || f[5].trim() === '') continue
    siteSeeds.push({ id: `SH${f[5].trim()}`, lon, lat })
  }
  return { kind: 'shanghai', district: '上海市黄浦区', bbox, lines: lines.filter((l) => l.cum[l.cum.length - 1] >= 30), siteSeeds, siteCrs: 'gcj02', source: `${dir} (OSM roads, Telecom sites GCJ-02)` }
}

const SYLLABLES = ['天河', '体育', '华强', '中山', '解放', '人民', '建设', '和平', '东风', '五一', '友谊', '光明', '新华', '青年', '育才', '文化', '长江', '黄河', '珠江', '南湖', '北苑', '龙口', '石牌', '岗顶', '棠下', '车陂', '员村', '猎德', '冼村', '林和', '燕岭', '沙河', '杨箕', '五羊', '梅花', '水荫', '天寿', '广园', '瘦狗岭', '华师']

/**
 * A generated city of `sizeM` × `sizeM` metres: east–west roads every 200 m (…路), north–south every
 * 250 m (…街), and sites on a 280 m grid jittered by up to ±80 m (neighbours 150–400 m apart).
 */
export function generatedCity(rng: Rng, sizeM = 3600): Geography {
  const origin: [number, number] = [113.33, 23.12]
  const at = (x: number, y: number): [number, number] => {
    const [lon] = destination(origin[0], origin[1], x, 90)
    const [, lat] = destination(origin[0], origin[1], y, 0)
    return [lon, lat]
  }
  const lines: RoadLine[] = []
  const names = [...SYLLABLES]
  let k = 0
  for (let y = 100; y < sizeM; y += 200) lines.push(roadLine(`${names[k++ % names.length]}路`, [at(0, y), at(sizeM / 2, y), at(sizeM, y)]))
  for (let x = 125; x < sizeM; x += 250) lines.push(roadLine(`${names[k++ % names.length]}街`, [at(x, 0), at(x, sizeM / 2), at(x, sizeM)]))
  const siteSeeds: Geography['siteSeeds'] = []
  let n = 0
  for (let y = 140; y < sizeM; y += 280) {
    for (let x = 140; x < sizeM; x += 280) {
      const [lon, lat] = at(x + rng.range(-80, 80), y + rng.range(-80, 80))
      siteSeeds.push({ id: `GS${String(++n).padStart(4, '0')}`, lon, lat })
    }
  }
  const [w, s] = at(0, 0)
  const [e, nn] = at(sizeM, sizeM)
  return { kind: 'generated', district: '新城区', bbox: [w, s, e, nn], lines, siteSeeds, siteCrs: 'wgs84', source: `generated city ${sizeM / 1000} km × ${sizeM / 1000} km` }
}

function roadLine(road: string, pts: [number, number][]): RoadLine {
  const cum = [0]
  for (let i = 1; i < pts.length; i++) cum.push(cum[i - 1] + distanceM(pts[i - 1][0], pts[i - 1][1], pts[i][0], pts[i][1]))
  return { road, pts, cum }
}

/** The point `s` metres along the line (clamped to its ends). */
export function along(l: RoadLine, s: number): [number, number] {
  const len = l.cum[l.cum.length - 1]
  const t = Math.max(0, Math.min(len, s))
  let i = 1
  while (i < l.cum.length - 1 && l.cum[i] < t) i++
  const seg = l.cum[i] - l.cum[i - 1]
  const f = seg > 0 ? (t - l.cum[i - 1]) / seg : 0
  const a = l.pts[i - 1]
  const b = l.pts[i]
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f]
}

/** A uniformly random point on the roads (by length) inside the box. */
export function randomRoadPoint(g: Geography, rng: Rng): { line: RoadLine; s: number; p: [number, number] } {
  const total = g.lines.reduce((a, l) => a + l.cum[l.cum.length - 1], 0)
  for (let tries = 0; tries < 100; tries++) {
    let x = rng.next() * total
    let line = g.lines[0]
    for (const l of g.lines) {
      const len = l.cum[l.cum.length - 1]
      if (x < len) {
        line = l
        break
      }
      x -= len
    }
    const p = along(line, x)
    if (inBox(g.bbox, p[0], p[1])) return { line, s: x, p }
  }
  throw new Error('no road inside the box')
}

/** The nearest road point to (lon, lat): its line, position along it and distance. */
export function nearestRoad(g: Geography, lon: number, lat: number): { line: RoadLine; s: number; d: number } {
  const kx = Math.cos((lat * Math.PI) / 180)
  let best = { line: g.lines[0], s: 0, d: Infinity }
  for (const l of g.lines) {
    for (let i = 1; i < l.pts.length; i++) {
      const [ax, ay] = l.pts[i - 1]
      const [bx, by] = l.pts[i]
      const dx = (bx - ax) * kx
      const dy = by - ay
      const len2 = dx * dx + dy * dy
      const f = len2 > 0 ? Math.max(0, Math.min(1, (((lon - ax) * kx) * dx + (lat - ay) * dy) / len2)) : 0
      const px = ax + (bx - ax) * f
      const py = ay + (by - ay) * f
      const d = distanceM(lon, lat, px, py)
      if (d < best.d) best = { line: l, s: l.cum[i - 1] + f * (l.cum[i] - l.cum[i - 1]), d }
    }
  }
  return best
}

export function inBox(b: readonly number[], lon: number, lat: number): boolean {
  return lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3]
}
