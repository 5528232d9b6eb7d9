/** Blind spots 盲点, weak-coverage areas 弱覆盖 and planned sites 规划站. */
import { at, type Km, ring } from './frame.js'
import { BLIND_GARAGE, BLIND_VILLAGE, PLANNED_HOSPITAL, PLANNED_VILLAGE, PLANNED_VILLAGE_RADIUS_M, WEAK_HOSPITAL, WEAK_TOWERS } from './scenario-points.js'
import { feature, type Feature, type Row } from './types.js'

/** Blind spots and weak-coverage areas (blind-spots.geojson), each with the reason and remedy its answer names. */
export function blindSpotsOf(): Feature[] {
  const area = (props: Row, corners: Km[]): Feature => feature(props, 'Polygon', [ring(corners)])
  return [
    area({ id: 'BS01', kind: 'blind', description: '南岗巷城中村一带为信号盲点', reason: '选址困难', remedy: '规划基站', status: '规划中' }, BLIND_VILLAGE),
    area({ id: 'BS02', kind: 'weak', description: '林苑街、翠湖小区高层住宅区信号较弱', reason: '高楼阻挡', remedy: '优化工程', status: '优化中' }, WEAK_TOWERS),
    area({ id: 'BS03', kind: 'blind', description: '华景大厦地下停车场无信号', reason: '物业难点', remedy: '室分建设', status: '协调中' }, BLIND_GARAGE),
    area({ id: 'BS04', kind: 'weak', description: '龙口医院东侧信号较弱', reason: '站间距过大', remedy: '规划基站', status: '已立项' }, WEAK_HOSPITAL),
  ]
}

/** Planned sites with the radius each will cover. */
export function plannedSitesOf(): Row[] {
  const row = (id: string, name: string, p: Km, radius: number, period: string, status: string): Row => {
    const [lon, lat] = at(p)
    return { id, name, radius_m: radius, period, status, lon, lat }
  }
  return [
    row('PS01', '南岗巷规划站', PLANNED_VILLAGE, PLANNED_VILLAGE_RADIUS_M, '2026Q4', '建设中'),
    row('PS02', '龙口医院东规划站', PLANNED_HOSPITAL, 300, '2027Q1', '已立项'),
    row('PS03', '天河公园规划站', [3.1, 3.1], 400, '2027Q2', '规划中'),
  ]
}
