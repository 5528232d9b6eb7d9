/** A small hand-made gazetteer for the search tests. */
import type { GazetteerEntry } from '../../../server/src/search/index.js'

function e(id: string, name: string, type: string, aliases: string[] = []): GazetteerEntry {
  // Positions do not matter to the search; spread them so hits are distinguishable.
  const n = Number(id.replace(/\D/g, '')) || 0
  const lon = 113.32 + n * 0.001
  const lat = 23.12 + n * 0.0005
  return { id, name, aliases, type, lon, lat, bbox: [lon - 0.001, lat - 0.001, lon + 0.001, lat + 0.001] }
}

/** Streets, compounds, landmarks, a district and a few sites (one sharing a compound's name). */
export const FIXTURE: GazetteerEntry[] = [
  e('r1', '天河直街', 'road', ['天河直路']),
  e('r2', '天河路', 'road'),
  e('r3', '天河北路', 'road'),
  e('r4', '体育东路', 'road'),
  e('r5', '体育西路', 'road'),
  e('r6', '林和西路', 'road'),
  e('r7', '天河大道', 'road'),
  e('r8', '黄埔大道西', 'road'),
  e('r9', '石牌东街', 'road'),
  e('r10', '龙口西路', 'road'),
  e('c1', '白马花园', 'compound'),
  e('c2', '骏景花园', 'compound'),
  e('c3', '翠湖小区', 'compound', ['翠湖苑']),
  e('c4', '龙口东小区', 'compound'),
  e('l1', '天河体育中心', 'landmark', ['体育中心']),
  e('l2', '正佳广场', 'landmark'),
  e('b1', '中信广场大厦', 'building', ['中信大厦']),
  e('d1', '天河区', 'district'),
  e('s1', '白马花园', 'site'),
  e('s2', '体育东室分', 'site'),
]
