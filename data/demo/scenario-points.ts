/**
 * Where the scenarios happen, in grid kilometres. Each place is where it is for a reason written
 * beside it; checkScenarios (scenarios.ts) proves it.
 */
import type { Km } from './frame.js'

/** The worked example (篇3 §4): the site 白马花园, and the customer's point on 天河直街 ~180 m south-west of it. */
export const BAIMA_SITE: Km = [0.7, 2.06]
export const WORKED_POINT: Km = [0.57, 1.94] // on R01's first segment; bearing ~227° from the site → its 240° sector

/** Blind spot 盲点 in the 南岗巷 urban village; a planned site covers its eastern part. */
export const BLIND_VILLAGE: Km[] = [[0.4, 0.28], [1.12, 0.3], [1.15, 0.72], [0.42, 0.7]]
export const PLANNED_VILLAGE: Km = [1.0, 0.5]
export const PLANNED_VILLAGE_RADIUS_M = 250
export const BLIND_POINT: Km = [0.55, 0.45] // in the blind spot, ~450 m from the planned site
export const PLANNED_POINT: Km = [1.2, 0.45] // just east of the blind spot, inside the planned site's radius
export const OVERLAP_POINT: Km = [0.98, 0.52] // in the blind spot and inside the planned site's radius

/** Weak coverage 弱覆盖 among the high-rises of 林苑街/翠湖小区. */
export const WEAK_TOWERS: Km[] = [[0.25, 2.7], [0.95, 2.68], [0.98, 3.2], [0.28, 3.22]]
export const WEAK_POINT: Km = [0.6, 2.98]

/** Indoor blind spot under 华景大厦 (needs 室分), and a weak area by 龙口医院 with a later planned site. */
export const BLIND_GARAGE: Km[] = [[3.06, 0.76], [3.14, 0.76], [3.14, 0.84], [3.06, 0.84]]
export const WEAK_HOSPITAL: Km[] = [[3.62, 2.3], [4.0, 2.3], [4.0, 2.68], [3.62, 2.68]]
export const PLANNED_HOSPITAL: Km = [3.8, 2.5]

/** The site with an active (uncleared) transmission alarm, and a point in its 240° sector. */
export const ACTIVE_ALARM_SITE: Km = [3.7, 0.6]
export const ACTIVE_ALARM_POINT: Km = [3.57, 0.525]

/** The site that had an interference 干扰 alarm this morning, and a point in its 120° sector. */
export const INTERFERENCE_SITE: Km = [2.05, 1.85]
export const INTERFERENCE_POINT: Km = [2.18, 1.775]

/** Hidden fault: six 无信号 complaints within ~250 m in the hour before the anchor, no alarm near. */
export const CLUSTER_CENTRE: Km = [2.3, 2.9]

/** Known issue: three 网速慢 complaints on 石牌东街 this morning, closed with a confirmed cause. */
export const KNOWN_CENTRE: Km = [2.05, 0.46]

/** Nothing explains a complaint here: no alarm, cutover, coverage area or recent complaint near. */
export const UNKNOWN_POINT: Km = [3.45, 2.05]
