/**
 * Ground features 地物 of the district, in grid kilometres (the district is x 0–4.09, y 0–3.33):
 * streets, compounds 小区, landmarks and the district itself; and addresses as agents type them.
 */
import { at, distanceM, distanceToLineM, inRing, type Km, type LonLat, ring } from './frame.js'
import { feature, type Feature, type Row } from './types.js'

interface Road { id: string; name: string; aliases?: string[]; path: Km[] }
interface Area { id: string; name: string; aliases?: string[]; corners: Km[] }
interface Poi { id: string; name: string; aliases?: string[]; type: 'building' | 'landmark'; at: Km }

/** ~25 streets. 天河直街 runs along the south side of 白马花园 (the paper's worked example). */
export const ROADS: Road[] = [
  { id: 'R01', name: '天河直街', aliases: ['天河直路'], path: [[0.1, 1.94], [0.85, 1.94], [1.15, 2.05]] },
  { id: 'R02', name: '天河路', path: [[0.05, 1.45], [2.2, 1.45], [4.05, 1.5]] },
  { id: 'R03', name: '天河北路', path: [[0.05, 2.7], [2.3, 2.68], [3.95, 2.74]] },
  { id: 'R04', name: '天河南二路', path: [[0.05, 0.95], [3.2, 0.95]] },
  { id: 'R05', name: '黄埔大道', aliases: ['黄埔大道西'], path: [[0.05, 0.15], [4.05, 0.15]] },
  { id: 'R06', name: '体育西路', path: [[1.55, 0.05], [1.55, 3.25]] },
  { id: 'R07', name: '体育东路', aliases: ['体东路'], path: [[2.25, 0.05], [2.25, 3.25]] },
  { id: 'R08', name: '天河东路', path: [[2.85, 0.15], [2.85, 3.25]] },
  { id: 'R09', name: '石牌西路', path: [[1.2, 0.15], [1.22, 1.45]] },
  { id: 'R10', name: '龙口西路', path: [[3.35, 0.15], [3.35, 3.2]] },
  { id: 'R11', name: '龙口东路', path: [[3.92, 0.15], [3.9, 2.4]] },
  { id: 'R12', name: '体育东横街', path: [[1.85, 2.35], [2.6, 2.35]] },
  { id: 'R13', name: '白马巷', path: [[0.45, 1.94], [0.44, 2.35]] },
  { id: 'R14', name: '华庭路', path: [[1.55, 0.62], [2.85, 0.6]] },
  { id: 'R15', name: '金穗路', path: [[1.55, 3.05], [3.35, 3.05]] },
  { id: 'R16', name: '花城大道', aliases: ['花城路'], path: [[1.55, 1.75], [3.9, 1.75]] },
  { id: 'R17', name: '翠湖街', path: [[0.3, 2.5], [0.3, 3.25]] },
  { id: 'R18', name: '骏景路', path: [[2.85, 2.2], [3.9, 2.2]] },
  { id: 'R19', name: '兴华街', path: [[3.65, 0.95], [3.65, 1.75]] },
  { id: 'R20', name: '石牌东街', path: [[1.6, 0.42], [2.65, 0.42]] },
  { id: 'R21', name: '龙怡路', path: [[2.85, 1.15], [3.9, 1.15]] },
  { id: 'R22', name: '明月一路', path: [[2.55, 1.75], [2.55, 2.7]] },
  { id: 'R23', name: '南岗巷', path: [[0.3, 0.52], [0.7, 0.5], [1.15, 0.56]] },
  { id: 'R24', name: '林苑街', path: [[0.1, 2.95], [1.2, 2.95]] },
  { id: 'R25', name: '荔香路', path: [[0.95, 0.15], [0.95, 1.45]] },
]

/** ~15 residential compounds 小区. */
export const COMPOUNDS: Area[] = [
  { id: 'C01', name: '白马花园', aliases: ['白马小区'], corners: [[0.48, 1.97], [0.88, 1.97], [0.9, 2.3], [0.5, 2.32]] },
  { id: 'C02', name: '骏景花园', corners: [[2.95, 2.25], [3.3, 2.25], [3.3, 2.6], [2.95, 2.6]] },
  { id: 'C03', name: '翠湖小区', aliases: ['翠湖苑'], corners: [[0.35, 2.75], [0.62, 2.75], [0.62, 2.92], [0.35, 2.92]] },
  { id: 'C04', name: '龙口东小区', corners: [[3.42, 1.85], [3.85, 1.85], [3.85, 2.15], [3.42, 2.15]] },
  { id: 'C05', name: '天河花苑', corners: [[1.6, 1.0], [1.95, 1.0], [1.95, 1.35], [1.6, 1.35]] },
  { id: 'C06', name: '华庭苑', corners: [[1.65, 0.66], [2.1, 0.66], [2.1, 0.9], [1.65, 0.9]] },
  { id: 'C07', name: '金穗雅园', corners: [[1.65, 2.76], [2.1, 2.76], [2.1, 3.0], [1.65, 3.0]] },
  { id: 'C08', name: '兴华新村', corners: [[3.42, 1.0], [3.6, 1.0], [3.6, 1.4], [3.42, 1.4]] },
  { id: 'C09', name: '明月小区', corners: [[2.6, 1.85], [2.8, 1.85], [2.8, 2.3], [2.6, 2.3]] },
  { id: 'C10', name: '石牌东小区', corners: [[2.3, 0.2], [2.7, 0.2], [2.7, 0.38], [2.3, 0.38]] },
  { id: 'C11', name: '南岗花园', corners: [[0.12, 0.22], [0.36, 0.22], [0.36, 0.8], [0.12, 0.8]] },
  { id: 'C12', name: '林和苑', corners: [[1.0, 2.75], [1.4, 2.75], [1.4, 2.92], [1.0, 2.92]] },
  { id: 'C13', name: '荔香园', corners: [[1.0, 1.0], [1.15, 1.0], [1.15, 1.38], [1.0, 1.38]] },
  { id: 'C14', name: '帝景花园', corners: [[2.92, 1.22], [3.28, 1.22], [3.28, 1.4], [2.92, 1.4]] },
  { id: 'C15', name: '体育东小区', corners: [[2.3, 1.5], [2.5, 1.5], [2.5, 1.7], [2.3, 1.7]] },
]

/** ~10 landmarks and buildings. */
export const POIS: Poi[] = [
  { id: 'L01', name: '天河体育中心', aliases: ['体育中心'], type: 'landmark', at: [1.95, 2.0] },
  { id: 'L02', name: '正佳广场', type: 'building', at: [1.75, 1.55] },
  { id: 'L03', name: '天河城', aliases: ['天河城广场'], type: 'building', at: [1.35, 1.55] },
  { id: 'L04', name: '中信大厦', aliases: ['中信广场'], type: 'building', at: [1.9, 2.55] },
  { id: 'L05', name: '华景大厦', type: 'building', at: [3.1, 0.8] },
  { id: 'L06', name: '石牌桥地铁站', type: 'landmark', at: [1.85, 1.4] },
  { id: 'L07', name: '体育西路地铁站', type: 'landmark', at: [1.5, 1.5] },
  { id: 'L08', name: '天河直街小学', type: 'building', at: [0.3, 2.05] },
  { id: 'L09', name: '白马市场', type: 'building', at: [0.98, 2.15] },
  { id: 'L10', name: '龙口医院', type: 'building', at: [3.5, 2.5] },
  { id: 'L11', name: '天河公园', type: 'landmark', at: [3.1, 2.95] },
]

const DISTRICT: Area = {
  id: 'D01',
  name: '天河区',
  aliases: ['天河演示区'],
  corners: [[0.02, 0.02], [4.05, 0.02], [4.05, 2.5], [3.7, 3.28], [0.02, 3.28]],
}

/** The ground features as GeoJSON, streets first. */
export function featuresOf(): Feature[] {
  const props = (f: { id: string; name: string; aliases?: string[] }, type: string): Row => ({
    id: f.id,
    name: f.name,
    aliases: (f.aliases ?? []).join(';'),
    type,
  })
  return [
    ...ROADS.map((r) => feature(props(r, 'road'), 'LineString', r.path.map(at))),
    ...COMPOUNDS.map((c) => feature(props(c, 'compound'), 'Polygon', [ring(c.corners)])),
    ...POIS.map((p) => feature(props(p, p.type), 'Point', at(p.at))),
    feature(props(DISTRICT, 'district'), 'Polygon', [ring(DISTRICT.corners)]),
  ]
}

/** An address as an agent would type it: the nearest street and the nearest place on it. */
export function addressOf(p: LonLat): string {
  const road = ROADS.map((r) => ({ n: r.name, d: distanceToLineM(p, r.path.map(at)) })).sort((a, b) => a.d - b.d)[0]
  const place = [
    ...COMPOUNDS.map((c) => ({ n: c.name, d: inRing(p, ring(c.corners)) ? 0 : distanceM(p, at(c.corners[0])) })),
    ...POIS.map((l) => ({ n: l.name, d: distanceM(p, at(l.at)) })),
  ].sort((a, b) => a.d - b.d)[0]
  return place.d < 250 ? `${road.n}${place.n}${place.d === 0 ? '内' : '附近'}` : `${road.n}附近`
}
